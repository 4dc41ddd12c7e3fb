// Destructuring assignment (LANGUAGE.md §5, docs/errors.md).

// --- array destructuring
[a, b] = [1, 2];
print(a, b); // expect: 1 2

// --- swapping
a = "x";
b = "y";
[a, b] = [b, a];
print(a, b); // expect: y x

// --- destructuring a string
[x, y, z] = "abc";
print(x, y, z); // expect: a b c

// --- destructuring nested values
[p, q] = [[1, 2], {k: "v"}];
print(p, q.k); // expect: [1, 2] v

// --- a single-name pattern
[only] = ["one"];
print(only); // expect: one

// --- too many values
[a, b] = [1, 2, 3]; // expect error: ValueError: too many values to unpack (expected 2, got 3)

// --- not enough values
[a, b, c] = [1, 2]; // expect error: ValueError: not enough values to unpack (expected 3, got 2)

// --- a string of the wrong length
[a, b] = "abc"; // expect error: ValueError: too many values to unpack (expected 2, got 3)

// --- an empty array
[a] = []; // expect error: ValueError: not enough values to unpack (expected 1, got 0)

// --- unpacking a number
[a] = 5; // expect error: TypeError: cannot unpack non-sequence number

// --- unpacking an object
[a, b] = {a: 1, b: 2}; // expect error: TypeError: cannot unpack non-sequence object

// --- unpacking null
[a] = null; // expect error: TypeError: cannot unpack non-sequence null

// --- no variable is assigned when unpacking fails
a = "before";
try {
  [a, b] = [1, 2, 3];
} except (e) {
  print(e.message); // expect: too many values to unpack (expected 2, got 3)
}
print(a); // expect: before

// --- object destructuring reads keys
{a, b} = {a: 1, b: 2, c: 3};
print(a, b); // expect: 1 2

// --- the order of names does not matter
{b, a} = {a: "A", b: "B"};
print(a, b); // expect: A B

// --- a present key with a null value
{k} = {k: null};
print(k); // expect: null

// --- a missing key is a KeyError
{a, z} = {a: 1}; // expect error: KeyError: z

// --- destructuring an array as an object
{a} = [1]; // expect error: TypeError: cannot destructure array

// --- destructuring null as an object
{a} = null; // expect error: TypeError: cannot destructure null

// --- destructuring a string as an object
{length} = "abc"; // expect error: TypeError: cannot destructure string

// --- the source is evaluated once (array)
function src() {
  print("evaluated");
  return [1, 2];
}
[a, b] = src(); // expect: evaluated
print(a + b); // expect: 3

// --- the source is evaluated once (object)
function src() {
  print("evaluated");
  return {a: 1, b: 2};
}
{a, b} = src(); // expect: evaluated
print(a + b); // expect: 3

// --- destructuring inside a function makes the names local
a = "module";
function f() {
  [a, b] = [1, 2];
  return a + b;
}
print(f(), a); // expect: 3 module

// --- object destructuring inside a function with nonlocal
total = 0;
function f() {
  nonlocal total;
  {total} = {total: 99};
}
f();
print(total); // expect: 99

// --- destructuring in a loop
pairs = [["a", 1], ["b", 2]];
for (pair in pairs) {
  [name, value] = pair;
  print(name + "=" + str(value));
}
// expect: a=1
// expect: b=2

// --- destructuring enumerate and zip pairs
for (p in enumerate(["x", "y"], 1)) {
  [i, v] = p;
  print(i, v);
}
// expect: 1 x
// expect: 2 y

// --- reserved-looking names are fine in patterns
{class, new} = {class: "c", new: "n"};
print(class + new); // expect: cn

// --- duplicate names in a pattern are a compile error
[a, a] = [1, 2]; // expect compile error: ML2011
