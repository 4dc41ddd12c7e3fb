// Indexing `a[i]` and element assignment (LANGUAGE.md §3, §4, docs/errors.md).

// --- array indexing, negative counts from the end
a = [10, 20, 30];
print(a[0], a[2], a[-1], a[-3]); // expect: 10 30 30 10

// --- an integer-valued float index is an integer
a = [10, 20, 30];
print(a[1.0], a[4 / 2]); // expect: 20 30

// --- array index out of range
a = [10, 20, 30];
x = a[3]; // expect error: IndexError: list index out of range

// --- negative array index out of range
a = [10, 20, 30];
x = a[-4]; // expect error: IndexError: list index out of range

// --- indexing an empty array
x = [][0]; // expect error: IndexError: list index out of range

// --- string indexing
s = "hello";
print(s[0], s[4], s[-1], s[-5]); // expect: h o o h

// --- string index out of range
x = "abc"[5]; // expect error: IndexError: string index out of range

// --- negative string index out of range
x = "abc"[-4]; // expect error: IndexError: string index out of range

// --- strings index UTF-16 code units
s = "a😀";
print(len(s), s[0], s[1] + s[2] == "😀"); // expect: 3 a true

// --- a non-integer array index
x = [1, 2][1.5]; // expect error: TypeError: list indices must be integers, not float

// --- a string array index
x = [1, 2]["0"]; // expect error: TypeError: list indices must be integers, not string

// --- a boolean array index
x = [1, 2][true]; // expect error: TypeError: list indices must be integers, not boolean

// --- a null string index
x = "abc"[null]; // expect error: TypeError: string indices must be integers, not null

// --- a non-integer string index
x = "abc"[0.5]; // expect error: TypeError: string indices must be integers, not float

// --- object indexing by key
o = {a: 1, "b c": 2};
print(o["a"], o["b c"]); // expect: 1 2

// --- a missing object key raises KeyError with the key as message
o = {a: 1};
x = o["colour"]; // expect error: KeyError: colour

// --- a computed missing key
o = {};
k = "dyn" + "amic";
x = o[k]; // expect error: KeyError: dynamic

// --- KeyError can be caught and read
o = {};
try {
  x = o["missing"];
} except (e) {
  print(e.type, e.message); // expect: KeyError missing
}

// --- integer keys are converted to their decimal string
cache = {};
cache[1] = "one";
cache["2"] = "two";
print(cache["1"], cache[2], keys(cache)); // expect: one two ["1", "2"]

// --- negative integer keys too
o = {};
o[-1] = "m";
print(o["-1"], keys(o)); // expect: m ["-1"]

// --- a missing integer key
o = {};
x = o[7]; // expect error: KeyError: 7

// --- a null object key is a TypeError
o = {};
x = o[null]; // expect error: TypeError: object keys must be strings, not null

// --- an array object key is a TypeError
o = {};
x = o[[1]]; // expect error: TypeError: object keys must be strings, not array

// --- a boolean object key on assignment is a TypeError
o = {};
o[true] = 1; // expect error: TypeError: object keys must be strings, not boolean

// --- indexing a number
n = 5;
x = n[0]; // expect error: TypeError: 'number' object is not subscriptable

// --- indexing null
n = null;
x = n[0]; // expect error: TypeError: 'null' object is not subscriptable

// --- indexing a boolean
x = true[0]; // expect error: TypeError: 'boolean' object is not subscriptable

// --- indexing a function
x = print[0]; // expect error: TypeError: 'function' object is not subscriptable

// --- indexing an iterator
it = iter([1]);
x = it[0]; // expect error: TypeError: 'iterator' object is not subscriptable

// --- element assignment, negative allowed
a = [1, 2, 3];
a[0] = 9;
a[-1] = 8;
print(a); // expect: [9, 2, 8]

// --- element assignment out of range does not grow the array
a = [1, 2, 3];
a[3] = 4; // expect error: IndexError: list assignment index out of range

// --- negative element assignment out of range
a = [1];
a[-2] = 0; // expect error: IndexError: list assignment index out of range

// --- element assignment with a non-integer index
a = [1];
a[0.5] = 0; // expect error: TypeError: list indices must be integers, not float

// --- strings are read-only
s = "abc";
s[0] = "x"; // expect error: TypeError: 'string' object does not support item assignment

// --- numbers do not support item assignment
n = 1;
n[0] = 2; // expect error: TypeError: 'number' object does not support item assignment

// --- null does not support item assignment
n = null;
n["k"] = 2; // expect error: TypeError: 'null' object does not support item assignment

// --- object element assignment sets an own key
o = {};
o["k"] = 1;
o["k"] = 2;
o["j"] = [];
print(o); // expect: {"k": 2, "j": []}

// --- assignment through nested indexing
grid = [[0, 0], [0, 0]];
grid[1][0] = 5;
cfg = {a: {b: [1, 2]}};
cfg["a"]["b"][-1] = 7;
print(grid, cfg); // expect: [[0, 0], [5, 0]] {"a": {"b": [1, 7]}}

// --- as in Python, the assigned value is evaluated before the target's index, each once
function idx() {
  print("index");
  return 0;
}
function val() {
  print("value");
  return 42;
}
a = [0];
a[idx()] = val();
// expect: value
// expect: index
print(a); // expect: [42]

// --- an index read of the result of a call
function pair() {
  return ["l", "r"];
}
print(pair()[1], "xyz"[1:][0]); // expect: r y
