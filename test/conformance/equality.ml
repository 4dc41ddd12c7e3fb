// Structural equality `==` / `!=` (LANGUAGE.md §4): never coerces between types.

// --- numbers by value
print(1 == 1, 1 == 1.0, 0.5 == 0.5, 1 == 2, 1 != 2); // expect: true true true false true
print(0.1 + 0.2 == 0.3, -0 == 0); // expect: false true

// --- strings by content
print("abc" == "abc", "abc" == "ABC", "" == "", "a" != "b"); // expect: true false true true
print("ab" + "c" == "abc"); // expect: true

// --- booleans and null
print(true == true, false == false, true == false, null == null, null != null); // expect: true true false true false

// --- no coercion between types
print(1 == "1", 1 == true, 0 == false, null == false, null == 0, "" == null); // expect: false false false false false false
print("true" == true, [] == false, [] == null, {} == null, 0 == "", "0" == 0); // expect: false false false false false false
print(1 != "1", 1 != true); // expect: true true

// --- arrays element by element
print([] == [], [1, 2] == [1, 2], [1, 2] == [2, 1], [1] == [1, 2]); // expect: true true false false
print([1, [2, [3]]] == [1, [2, [3]]], [1, [2, [3]]] == [1, [2, [4]]]); // expect: true false
print([1, "1"] == [1, 1], [null] == [null], [true] == [1]); // expect: false true false

// --- objects by key set and values, key order irrelevant
print({} == {}, {a: 1, b: 2} == {b: 2, a: 1}, {a: 1} == {a: 2}); // expect: true true false
print({a: 1} == {a: 1, b: null}, {a: null} == {b: null}); // expect: false false
print({a: [1, {b: 2}]} == {a: [1, {b: 2}]}, {a: {b: {c: 1}}} == {a: {b: {c: "1"}}}); // expect: true false

// --- arrays and objects are never equal to each other
print({} == [], [] != {}); // expect: false true

// --- integer keys and their string form are the same key
o = {};
o[1] = "x";
print(o == {"1": "x"}); // expect: true

// --- functions by identity
function f() {
  return 1;
}
g = f;
print(f == g, f == (fn() => 1), print == print, print == len); // expect: true false true false
h1 = fn() => 1;
h2 = fn() => 1;
print(h1 == h2, h1 == h1, h1 != h2); // expect: false true true

// --- containers of functions compare the functions by identity
function f() {
  return 1;
}
print([f] == [f], {k: f} == {k: fn() => 1}); // expect: true false

// --- equality of a value with a copy of itself
a = [1, {x: [2, 3]}];
b = a.copy();
c = a[:];
print(a == b, a == c, a == [1, {x: [2, 3]}]); // expect: true true true
b[1].x.append(4);
print(a == [1, {x: [2, 3]}]); // expect: false

// --- strings versus arrays of characters
print("ab" == ["a", "b"]); // expect: false

// --- comparing self-containing arrays raises RecursionError
a = [1];
a.append(a);
b = [1];
b.append(b);
print(a == b); // expect error: RecursionError: maximum recursion depth exceeded in comparison

// --- comparing self-containing objects raises RecursionError
o = {};
o.self = o;
p = {};
p.self = p;
print(o != p); // expect error: RecursionError: maximum recursion depth exceeded in comparison

// --- the comparison RecursionError can be caught
a = [];
a.append(a);
b = [];
b.append(b);
try {
  r = a == b;
} except (e) {
  print(e.type, e.message); // expect: RecursionError maximum recursion depth exceeded in comparison
}
print("still running"); // expect: still running

// --- shared (non-cyclic) references compare fine
x = [1, 2];
print([x, x, [x]] == [[1, 2], [1, 2], [[1, 2]]]); // expect: true

// --- deeply nested but acyclic structures compare fine
a = [];
b = [];
for (i in range(200)) {
  a = [a];
  b = [b];
}
print(a == b); // expect: true

// --- equality binds looser than comparison and arithmetic
print(1 + 1 == 2, 1 < 2 == true, 2 * 3 != 6); // expect: true true false

// --- equality is left-associative and does not chain
print(1 == 1 == true, 2 == 2 == 2); // expect: true false

// --- equality with the result of `!`
print(!true == false); // expect: true
