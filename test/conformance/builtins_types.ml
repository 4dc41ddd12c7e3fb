// Builtins about types and conversions (LANGUAGE.md §3, §6, docs/errors.md):
// typeof, isinstance, str, repr, int, float, bool, len.

// --- typeof of every kind of value
print(typeof(1), typeof(1.5), typeof(-0), typeof("s"), typeof(""), typeof(true)); // expect: number number number string string boolean
print(typeof(null), typeof([]), typeof({}), typeof(print), typeof(fn() => 1), typeof(iter([]))); // expect: null array object function function iterator
function f() {
  return 1;
}
print(typeof(f), typeof([].append), typeof("".upper), typeof(typeof)); // expect: function function function function

// --- typeof of a missing object member is null
o = {};
print(typeof(o.nothing)); // expect: null

// --- isinstance is typeof(v) == t
print(isinstance(1, "number"), isinstance("1", "number"), isinstance(null, "null")); // expect: true false true
print(
  isinstance([], "array"),
  isinstance([], "object"),
  isinstance({}, "object"),
  isinstance(len, "function"),
); // expect: true false true true
print(isinstance(iter("a"), "iterator"), isinstance(true, "boolean"), isinstance(1, "Number")); // expect: true true false

// --- str of every kind of value
print(str(1), str(1.5), str("s"), str(true), str(null)); // expect: 1 1.5 s true null
print(str([1, "a"]), str({k: "v"}), str([]), str({})); // expect: [1, "a"] {"k": "v"} [] {}
print(str(str) == "<function str>", typeof(str(1))); // expect: true string

// --- repr of every kind of value
print(repr(1), repr("s"), repr(true), repr(null)); // expect: 1 "s" true null
print(repr([1, "a"]), repr({k: "v"}), repr("")); // expect: [1, "a"] {"k": "v"} ""
print(repr("a\nb\t\"c\"\\")); // expect: "a\nb\t\"c\"\\"

// --- int of booleans and numbers
print(int(true), int(false), int(3.9), int(-3.9), int(7), int(-0.5)); // expect: 1 0 3 -3 7 0

// --- int of numeric strings
print(int("42"), int(" 42 "), int("-7"), int("3.9"), int("+5"), int("007")); // expect: 42 42 -7 3 5 7

// --- int of a non-numeric string
x = int("abc"); // expect error: ValueError: invalid literal for int(): 'abc'

// --- int of an empty string
x = int(""); // expect error: ValueError: invalid literal for int(): ''

// --- int of a string with trailing garbage
x = int("12abc"); // expect error: ValueError: invalid literal for int(): '12abc'

// --- int of a hexadecimal string (Python: not a decimal literal)
x = int("0x10"); // expect error: ValueError: invalid literal for int(): '0x10'

// --- int of null
x = int(null); // expect error: TypeError: int() argument must be a string, number or boolean, not null

// --- int of an array
x = int([1]); // expect error: TypeError: int() argument must be a string, number or boolean, not array

// --- int of an object
x = int({}); // expect error: TypeError: int() argument must be a string, number or boolean, not object

// --- float of booleans, numbers and strings
print(float(true), float(false), float(2), float(2.5), float("3.5"), float(" 2.25 ")); // expect: 1 0 2 2.5 3.5 2.25
print(float("-1.5"), float("1e3"), float(".5"), float("7")); // expect: -1.5 1000 0.5 7

// --- float of a non-numeric string
x = float("x"); // expect error: ValueError: could not convert string to float: 'x'

// --- float of an empty string
x = float(""); // expect error: ValueError: could not convert string to float: ''

// --- float of a string with trailing garbage
x = float("1.5kg"); // expect error: ValueError: could not convert string to float: '1.5kg'

// --- float of null
x = float(null); // expect error: TypeError: float() argument must be a string, number or boolean, not null

// --- float of an array
x = float([]); // expect error: TypeError: float() argument must be a string, number or boolean, not array

// --- conversion errors can be caught
function toInt(s) {
  try {
    return int(s);
  } except (e) {
    return e.type;
  }
}
print(toInt("5"), toInt("five"), toInt(null)); // expect: 5 ValueError TypeError

// --- bool is truthiness
print(bool(0), bool(1), bool(""), bool("0"), bool([]), bool([0]), bool({}), bool(null)); // expect: false true false true false true false false

// --- len of strings, arrays and objects
print(len("abc"), len(""), len([1, 2]), len([]), len({a: 1, b: 2}), len({})); // expect: 3 0 2 0 2 0

// --- len counts UTF-16 code units
print(len("😀"), len("é"), len("a😀b")); // expect: 2 1 4

// --- len of other values is 0
print(len(5), len(null), len(true), len(print)); // expect: 0 0 0 0

// --- len of nested containers counts only the top level
print(len([[1, 2], [3]]), len({a: {b: 1, c: 2}})); // expect: 2 1

// --- len of an iterator is 0 like any other non-container
print(len(iter([1, 2]))); // expect: 0
