// if/elif/else, while, for, break, continue (LANGUAGE.md §5).

// --- if/elif/else picks the first true branch
function classify(n) {
  if (n < 0) { return "negative"; }
  elif (n == 0) { return "zero"; }
  elif (n < 10) { return "small"; }
  else { return "large"; }
}
print(classify(-1), classify(0), classify(5), classify(50)); // expect: negative zero small large

// --- if without else does nothing when false
x = "unchanged";
if (false) { x = "changed"; }
print(x); // expect: unchanged

// --- elif conditions are evaluated only when needed
function t(v, label) { print("test", label); return v; }
if (t(false, 1)) { print("one"); } elif (t(true, 2)) { print("two"); } elif (t(true, 3)) { print("three"); }
// expect: test 1
// expect: test 2
// expect: two

// --- nested if
a = 1;
b = 2;
if (a == 1) {
  if (b == 3) { print("a1 b3"); } else { print("a1 not b3"); }
}
// expect: a1 not b3

// --- while loops
i = 0;
total = 0;
while (i < 5) {
  total = total + i;
  i = i + 1;
}
print(i, total); // expect: 5 10

// --- while with break and continue
i = 0;
out = [];
while (true) {
  i = i + 1;
  if (i % 2 == 0) { continue; }
  if (i > 7) { break; }
  out.append(i);
}
print(out); // expect: [1, 3, 5, 7]

// --- a while body that never runs
while (0) { print("never"); }
print("after"); // expect: after

// --- for over an array
for (x in [1, "two", [3]]) { print(x); }
// expect: 1
// expect: two
// expect: [3]

// --- for over object keys in insertion order
o = {b: 1, a: 2, c: 3};
for (k in o) { print(k, o[k]); }
// expect: b 1
// expect: a 2
// expect: c 3

// --- for over object keys, integer-like keys first
o = {b: 1, "2": "two", a: 3, "1": "one"};
keys_seen = [];
for (k in o) { keys_seen.append(k); }
print(keys_seen); // expect: ["1", "2", "b", "a"]

// --- for over a string
chars = [];
for (c in "héllo") { chars.append(c); }
print(chars); // expect: ["h", "é", "l", "l", "o"]

// --- for over an iterator
it = iter([1, 2, 3]);
next(it);
for (x in it) { print(x); }
// expect: 2
// expect: 3

// --- for over range
squares = [];
for (n in range(1, 6)) { squares.append(n * n); }
print(squares); // expect: [1, 4, 9, 16, 25]

// --- for over an empty array
for (x in []) { print("never"); }
print("done"); // expect: done

// --- break and continue in for
out = [];
for (n in range(10)) {
  if (n == 2) { continue; }
  if (n == 5) { break; }
  out.append(n);
}
print(out); // expect: [0, 1, 3, 4]

// --- break leaves only the innermost loop
out = [];
for (i in range(3)) {
  for (j in range(3)) {
    if (j == 1) { break; }
    out.append([i, j]);
  }
}
print(out); // expect: [[0, 0], [1, 0], [2, 0]]

// --- continue in a nested while
i = 0;
count = 0;
while (i < 3) {
  i = i + 1;
  j = 0;
  while (j < 3) {
    j = j + 1;
    if (j == 2) { continue; }
    count = count + 1;
  }
}
print(count); // expect: 6

// --- return from inside a loop
function firstEven(xs) {
  for (x in xs) {
    if (x % 2 == 0) { return x; }
  }
  return null;
}
print(firstEven([1, 3, 4, 6]), firstEven([1])); // expect: 4 null

// --- the iterable is evaluated once
function items() { print("items"); return [1, 2]; }
for (x in items()) { }
// expect: items
print(x); // expect: 2

// --- for over a number is a TypeError
for (x in 5) { } // expect error: TypeError: 'number' object is not iterable

// --- for over null is a TypeError
n = null;
for (x in n) { } // expect error: TypeError: 'null' object is not iterable

// --- for over a boolean is a TypeError
for (x in true) { } // expect error: TypeError: 'boolean' object is not iterable

// --- for over a function is a TypeError
for (x in print) { } // expect error: TypeError: 'function' object is not iterable

// --- break outside a loop is a compile error
break; // expect compile error: ML2005

// --- continue outside a loop is a compile error
if (true) { continue; } // expect compile error: ML2006

// --- break inside a function inside a loop is a compile error
for (i in [1]) {
  f = fn() => { break; }; // expect compile error: ML2005
}

// --- else if is written elif
x = 1;
if (x == 0) { print("zero"); } else if (x == 1) { print("one"); } // expect compile error: ML1010

// --- braces are mandatory
if (true) print("no braces"); // expect compile error: ML1010

// --- conditions must be parenthesized
if true { print("x"); } // expect compile error: ML1010
