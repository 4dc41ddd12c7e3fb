// Array methods (LANGUAGE.md §7) with Python semantics, and their errors.

// --- append mutates and returns null
a = [1];
r = a.append(2);
print(a, r); // expect: [1, 2] null

// --- append of an array adds one element
a = [1];
a.append([2, 3]);
print(a, len(a)); // expect: [1, [2, 3]] 2

// --- extend adds every element
a = [1];
r = a.extend([2, 3]);
a.extend([]);
print(a, r); // expect: [1, 2, 3] null

// --- insert, with positions clamped and negative positions from the end
a = [1, 2, 3];
a.insert(0, "x");
a.insert(100, "y");
a.insert(-1, "z");
print(a); // expect: ["x", 1, 2, 3, "z", "y"]
b = [1, 2];
b.insert(-10, 0);
print(b); // expect: [0, 1, 2]

// --- remove removes the first equal element
a = [1, 2, 3, 2];
r = a.remove(2);
print(a, r); // expect: [1, 3, 2] null

// --- remove uses structural equality
a = [[1], {k: 2}, [3]];
a.remove({k: 2});
a.remove([3]);
print(a); // expect: [[1]]

// --- remove of an absent value
a = [1, 2];
a.remove(5); // expect error: ValueError: list.remove(x): x not in list

// --- remove does not coerce
a = [1, 2];
a.remove("1"); // expect error: ValueError: list.remove(x): x not in list

// --- pop from the end, from an index, from a negative index
a = [1, 2, 3, 4];
print(a.pop(), a.pop(0), a.pop(-1), a); // expect: 4 1 3 [2]

// --- pop from an empty array
a = [];
a.pop(); // expect error: IndexError: pop from empty list

// --- pop with an index out of range
a = [1];
a.pop(5); // expect error: IndexError: pop index out of range

// --- pop with a negative index out of range
a = [1, 2];
a.pop(-3); // expect error: IndexError: pop index out of range

// --- index finds the first equal element
print([1, 2, 3, 2].index(2), [[1], [2]].index([2]), ["a", "b"].index("b")); // expect: 1 1 1

// --- index of an absent number
x = [1, 2, 3].index(9); // expect error: ValueError: 9 is not in list

// --- index of an absent string shows its repr
x = ["a"].index("b"); // expect error: ValueError: "b" is not in list

// --- index of an absent array shows its repr
x = [1].index([1, "x"]); // expect error: ValueError: [1, "x"] is not in list

// --- count uses structural equality and no coercion
print([1, 2, 1, [1]].count(1), [1, [1], [1]].count([1]), [1, true, "1"].count(1), [].count(null)); // expect: 2 2 1 0

// --- sort sorts in place and returns null
a = [3, 1, 2];
r = a.sort();
print(a, r); // expect: [1, 2, 3] null

// --- sort in reverse
a = ["b", "c", "a"];
a.sort(true);
print(a); // expect: ["c", "b", "a"]

// --- sort of arrays and of strings by code point
a = [[2, 1], [1, 9], [1, 2]];
a.sort();
b = ["b", "B", "a", "A"];
b.sort();
print(a, b); // expect: [[1, 2], [1, 9], [2, 1]] ["A", "B", "a", "b"]

// --- sort numbers numerically, not as strings
a = [10, 9, 100, 1];
a.sort();
print(a); // expect: [1, 9, 10, 100]

// --- sort of mixed types is a TypeError
a = [1, "a"];
try {
  a.sort();
} except (e) {
  print(e.type); // expect: TypeError
}

// --- sort is stable
x = [1];
y = [1];
z = [0];
a = [x, z, y];
a.sort();
x.append("x");
y.append("y");
print(a); // expect: [[0], [1, "x"], [1, "y"]]

// --- reverse reverses in place and returns null
a = [1, 2, 3];
r = a.reverse();
print(a, r); // expect: [3, 2, 1] null

// --- clear empties in place
a = [1, 2];
b = a;
a.clear();
print(a, b, len(b)); // expect: [] [] 0

// --- copy is shallow
a = [[1], 2];
b = a.copy();
b.append(3);
b[0].append(9);
print(a, b); // expect: [[1, 9], 2] [[1, 9], 2, 3]

// --- length follows mutations
a = [];
a.append(1);
a.extend([2, 3]);
a.pop();
print(a.length, len(a)); // expect: 2 2

// --- aliases see mutations
a = [1];
b = a;
b.append(2);
print(a, a == b); // expect: [1, 2] true

// --- methods on literals and on results of calls
print([3, 1, 2].copy(), range(3).index(2), [1, 2, 3][::-1].pop()); // expect: [3, 1, 2] 2 1

// --- extend with a non-array is a TypeError
a = [];
try {
  a.extend(5);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- a stored array method keeps its array
a = [];
add = a.append;
add(1);
add(2);
print(a); // expect: [1, 2]

// --- an array method called with too few arguments is a TypeError
a = [];
try {
  a.append();
} except (e) {
  print(e.type, a); // expect: TypeError []
}
