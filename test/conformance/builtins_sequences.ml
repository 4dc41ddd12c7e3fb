// Builtins over sequences and objects (LANGUAGE.md §6): range, enumerate, zip, sorted,
// reversed, keys, values, min, max, sum, all, any.

// --- range forms
print(range(5), range(2, 5), range(0, 10, 3)); // expect: [0, 1, 2, 3, 4] [2, 3, 4] [0, 3, 6, 9]

// --- empty ranges
print(range(0), range(-3), range(5, 2), range(2, 2)); // expect: [] [] [] []

// --- negative steps
print(range(5, 0, -2), range(3, -3, -1), range(0, 5, -1)); // expect: [5, 3, 1] [3, 2, 1, 0, -1, -2] []

// --- negative bounds
print(range(-2, 2)); // expect: [-2, -1, 0, 1]

// --- a range step of zero is a ValueError
try {
  r = range(1, 5, 0);
} except (e) {
  print(e.type); // expect: ValueError
}

// --- range of a non-number is a TypeError
try {
  r = range("5");
} except (e) {
  print(e.type); // expect: TypeError
}

// --- range takes 1 to 3 arguments
r = range(); // expect error: TypeError: range() takes from 1 to 3 arguments but 0 were given

// --- enumerate
print(enumerate(["a", "b"])); // expect: [[0, "a"], [1, "b"]]
print(enumerate(["a", "b"], 1), enumerate([])); // expect: [[1, "a"], [2, "b"]] []

// --- enumerate pairs are arrays
for (pair in enumerate(["x"])) {
  print(typeof(pair), pair[0], pair[1]);
} // expect: array 0 x

// --- zip truncates to the shortest
print(zip([1, 2, 3], ["a", "b"])); // expect: [[1, "a"], [2, "b"]]
print(zip([1], [2], [3]), zip([1, 2], []), zip()); // expect: [[1, 2, 3]] [] []

// --- sorted returns a new sorted array
a = [3, 1, 2];
b = sorted(a);
print(a, b); // expect: [3, 1, 2] [1, 2, 3]

// --- sorted with reverse
print(sorted([3, 1, 2], true), sorted(["b", "a", "c"], true)); // expect: [3, 2, 1] ["c", "b", "a"]

// --- sorted orders strings by code point and arrays lexicographically
print(sorted(["b", "a", "C", "B"]), sorted([[2], [1, 5], [1]])); // expect: ["B", "C", "a", "b"] [[1], [1, 5], [2]]

// --- sorted is stable
a = [1];
b = [1];
c = [0];
s = sorted([a, c, b]);
a.append("a");
b.append("b");
print(s); // expect: [[0], [1, "a"], [1, "b"]]

// --- sorted in reverse keeps equal elements in their original order
a = [1];
b = [1];
c = [0];
s = sorted([a, c, b], true);
a.append("a");
b.append("b");
print(s); // expect: [[1, "a"], [1, "b"], [0]]

// --- sorted of mixed types is a TypeError
try {
  s = sorted([1, "a", 2]);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- sorted of objects is a TypeError
try {
  s = sorted([{a: 1}, {a: 0}]);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- sorted of an empty array and of one element
print(sorted([]), sorted([{a: 1}])); // expect: [] [{"a": 1}]

// --- reversed returns a new array
a = [1, 2, 3];
r = reversed(a);
print(r, a, reversed([])); // expect: [3, 2, 1] [1, 2, 3] []

// --- reversed of a string gives an array of characters
print(reversed("abc")); // expect: ["c", "b", "a"]

// --- keys and values in insertion order
o = {b: 1, a: 2, c: [3]};
print(keys(o), values(o)); // expect: ["b", "a", "c"] [1, 2, [3]]

// --- integer-like keys come first, in ascending order
o = {b: 1, "10": 2, a: 3, "2": 4, "0": 5};
print(keys(o)); // expect: ["0", "2", "10", "b", "a"]
print(values(o)); // expect: [5, 4, 2, 1, 3]

// --- keys that are not canonical integers keep insertion order
o = {b: 1, "01": 2, "-1": 3, "1.5": 4, "1": 5};
print(keys(o)); // expect: ["1", "b", "01", "-1", "1.5"]

// --- keys added later come after existing ones
o = {x: 1};
o.a = 2;
o[5] = 3;
o.x = 4;
print(keys(o), values(o)); // expect: ["5", "x", "a"] [3, 4, 2]

// --- keys and values return new arrays
o = {a: 1};
k = keys(o);
k.append("b");
print(keys(o), len(o)); // expect: ["a"] 1

// --- min and max of one array
print(min([3, 1, 2]), max([3, 1, 2]), min(["b", "a"]), max([[1, 2], [1, 3]])); // expect: 1 3 a [1, 3]

// --- min and max of several arguments
print(min(3, 1, 2), max(3, 1, 2), max(-1, -5), min("b", "a", "c")); // expect: 1 3 -1 a

// --- min and max of nothing are null
print(min([]), max([]), min(), max()); // expect: null null null null

// --- max of mixed types is a TypeError
try {
  m = max([1, "a"]);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- max returns the first of equal maxima
a = [1];
b = [1];
m = max([a, b]);
a.append("first");
print(m); // expect: [1, "first"]

// --- sum
print(sum([1, 2, 3]), sum([1, 2], 10), sum([]), sum([0.5, 0.25])); // expect: 6 13 0 0.75

// --- sum of non-numbers is a TypeError
try {
  s = sum([1, "a"]);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- all and any
print(all([]), all([1, "a", [0]]), all([1, 0]), all([true, null])); // expect: true true false false
print(any([]), any([0, "", null, {}, []]), any([0, [0]]), any([false, "x"])); // expect: false false true true

// --- all and any return booleans
print(all([1, 2]), any(["x"])); // expect: true true

// --- range of a non-integer number is a TypeError
try {
  r = range(1.5);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- integer-valued numbers are integers for range
print(range(3.0), range(1, 7 / 2 * 2, 2.0)); // expect: [0, 1, 2] [1, 3, 5]
