// Ordering `< > <= >=` (LANGUAGE.md §4): numbers, strings by code point, arrays
// lexicographically; any other pairing is a TypeError.

// --- numbers
print(1 < 2, 2 < 1, 2 <= 2, 3 > 2, 2 >= 3, -1 < 0, 0.5 > 0.25); // expect: true false true true false true true

// --- strings by code point
print("a" < "b", "abc" < "abd", "ab" < "abc", "" < "a", "b" > "abc"); // expect: true true true true true
print("B" < "a", "Z" < "a", "a" <= "a", "a" >= "b"); // expect: true true true false
print("10" < "9", "é" > "z"); // expect: true true

// --- astral characters sort by code point, not by UTF-16 unit
print("\uFFFF" < "\u{10000}", "\uFF61" < "😀", "😀" > "\uFFFD"); // expect: true true true

// --- arrays lexicographically
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [1]); // expect: true true true true
print([1, 2] <= [1, 2], [1, 2] >= [1, 2], [1, 2] > [1, 2]); // expect: true true false
print([1, "a"] < [1, "b"], [[1, 2], 3] < [[1, 3], 0]); // expect: true true
print(["b"] > ["a", "z"]); // expect: true

// --- arrays with equal prefixes compare only the first differing element
print([1, "x"] < [2, 0]); // expect: true

// --- number with string is a TypeError
print(1 < "2"); // expect error: TypeError: '<' not supported between number and string

// --- string with number, other operators
print("a" >= 1); // expect error: TypeError: '>=' not supported between string and number

// --- `>` names its operator
print(null > 1); // expect error: TypeError: '>' not supported between null and number

// --- `<=` names its operator
print([1] <= "a"); // expect error: TypeError: '<=' not supported between array and string

// --- objects are not ordered
print({} < {}); // expect error: TypeError: '<' not supported between object and object

// --- booleans are not ordered
print(true < false); // expect error: TypeError: '<' not supported between boolean and boolean

// --- null with null is not ordered
print(null < null); // expect error: TypeError: '<' not supported between null and null

// --- functions are not ordered
print(print < len); // expect error: TypeError: '<' not supported between function and function

// --- mixed elements inside arrays are a TypeError
print([1] < ["a"]); // expect error: TypeError: '<' not supported between number and string

// --- comparisons do not chain
print(1 < 2 < 3); // expect error: TypeError: '<' not supported between boolean and number

// --- the TypeError can be caught
try {
  r = 1 < "x";
} except (e) {
  print(e.type); // expect: TypeError
  print(e.message); // expect: '<' not supported between number and string
}

// --- comparison binds looser than arithmetic
print(1 + 2 < 2 * 2, "a" + "b" < "ab" + "c"); // expect: true true

// --- ordering is consistent with sorted
print(sorted(["b", "B", "a", "A", "😀", "\uFFFF"]) == ["A", "B", "a", "b", "\uFFFF", "😀"]); // expect: true
