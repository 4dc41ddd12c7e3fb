// String methods (LANGUAGE.md §7) with Python semantics, and their errors.

// --- upper, lower, swapcase
print("Hello".upper(), "Hello".lower(), "Hello".swapcase(), "straße".upper(), "ÉCOLE".lower()); // expect: HELLO hello hELLO STRASSE école

// --- strings are immutable
s = "abc";
t = s.upper();
print(s, t); // expect: abc ABC

// --- strip, lstrip, rstrip of whitespace
print("[" + "  hi  ".strip() + "]", "[" + "  hi  ".lstrip() + "]", "[" + "  hi  ".rstrip() + "]"); // expect: [hi] [hi  ] [  hi]
print("[" + " \t\n x \n".strip() + "]"); // expect: [x]

// --- strip with a set of characters
print("xxhixx".strip("x"), "xxhixx".lstrip("x"), "xxhixx".rstrip("x"), "abcba".strip("ab")); // expect: hi hixx xxhi c

// --- replace replaces every occurrence
print("aaa".replace("a", "b"), "a.b.c".replace(".", ""), "abc".replace("x", "y")); // expect: bbb abc abc

// --- replace with a count
print("aaa".replace("a", "b", 2)); // expect: bba

// --- replace of the empty string inserts between characters
print("abc".replace("", "-")); // expect: -a-b-c-

// --- replace takes its arguments literally
print("a+b".replace("+", "$&"), "1.5".replace(".", ",")); // expect: a$&b 1,5

// --- split with a separator
print("a,b,,c".split(","), "a  b".split(" "), "".split(",")); // expect: ["a", "b", "", "c"] ["a", "", "b"] [""]

// --- split without an argument splits on runs of whitespace
print("  a  b c ".split(), "a\tb\nc".split(), "".split(), "   ".split()); // expect: ["a", "b", "c"] ["a", "b", "c"] [] []

// --- split with a maximum
print("a b c".split(" ", 1), "a,b,c".split(",", 0), "a,b,c".split(",", 5)); // expect: ["a", "b c"] ["a,b,c"] ["a", "b", "c"]

// --- split takes its separator literally
print("a.b|c".split("."), "a|b".split("|"), "a*b".split("*")); // expect: ["a", "b|c"] ["a", "b"] ["a", "b"]

// --- split with a multi-character separator
print("a::b::c".split("::")); // expect: ["a", "b", "c"]

// --- split with an empty separator is a ValueError
try {
  x = "abc".split("");
} except (e) {
  print(e.type); // expect: ValueError
}

// --- rsplit
print("a,b,c".rsplit(",", 1), " a b ".rsplit(), "a,b".rsplit(",")); // expect: ["a,b", "c"] ["a", "b"] ["a", "b"]

// --- join converts elements with str
print(",".join(["a", "b"]), "-".join([1, 2, 3]), "".join([]), ", ".join(["x"])); // expect: a,b 1-2-3  x
print("/".join([null, true, 1.5, [1]])); // expect: null/true/1.5/[1]

// --- startswith and endswith
print(
  "hello".startswith("he"),
  "hello".endswith("lo"),
  "hello".startswith(""),
  "hello".startswith("hello!"),
  "hello".endswith("hel"),
); // expect: true true true false false

// --- find and rfind return -1 when absent
print(
  "hello".find("l"),
  "hello".rfind("l"),
  "hello".find("z"),
  "hello".rfind("z"),
  "hello".find(""),
); // expect: 2 3 -1 -1 0

// --- find with a start position
print("hello".find("l", 3), "hello".find("l", -2)); // expect: 3 3

// --- index and rindex
print("hello".index("e"), "hello".rindex("l"), "hello".index("lo")); // expect: 1 3 3

// --- index of a missing substring
x = "hello".index("z"); // expect error: ValueError: substring not found

// --- rindex of a missing substring
x = "hello".rindex("z"); // expect error: ValueError: substring not found

// --- count counts non-overlapping occurrences
print(
  "banana".count("a"),
  "aaaa".count("aa"),
  "banana".count("na"),
  "banana".count("x"),
  "abc".count(""),
); // expect: 3 2 2 0 4

// --- isdigit, isalpha, isalnum, isspace
print("123".isdigit(), "12a".isdigit(), "".isdigit(), "-1".isdigit()); // expect: true false false false
print("abc".isalpha(), "ab1".isalpha(), "".isalpha(), "é".isalpha()); // expect: true false false true
print("ab1".isalnum(), "ab 1".isalnum(), "".isalnum()); // expect: true false false
print(" \t\n".isspace(), "".isspace(), " a".isspace()); // expect: true false false

// --- istitle, isupper, islower
print(
  "Hello World".istitle(),
  "Hello world".istitle(),
  "".istitle(),
  "HELLO".istitle(),
  "A".istitle(),
); // expect: true false false false true
print("ABC".isupper(), "AB1".isupper(), "123".isupper(), "aBC".isupper()); // expect: true true false false
print("abc".islower(), "aBc".islower(), "ab1".islower(), "".islower()); // expect: true false true false

// --- capitalize and title
print("hELLO wORLD".capitalize(), "123abc".capitalize(), "[" + "".capitalize() + "]"); // expect: Hello world 123abc []
print(
  "hello world".title(),
  "hello   world".title(),
  "o'neil".title(),
  "abc1def".title(),
  "hello world-foo".title(),
); // expect: Hello World Hello   World O'Neil Abc1Def Hello World-Foo

// --- center, ljust, rjust
print("[" + "ab".center(6) + "]", "[" + "ab".center(5) + "]", "ab".center(6, "*"), "abc".center(2)); // expect: [  ab  ] [  ab ] **ab** abc
print("ab".ljust(4, "*"), "[" + "ab".rjust(4) + "]", "abcdef".ljust(3), "ab".rjust(5, "0")); // expect: ab** [  ab] abcdef 000ab

// --- length
print("abc".length, "".length, "😀".length); // expect: 3 0 2

// --- methods chain
print("  Hello, World  ".strip().lower().replace("world", "ml").split(", ")); // expect: ["hello", "ml"]

// --- methods on a string literal and on an indexed string
print("x-y".split("-")[1].upper(), ["ab"][0].upper()); // expect: Y AB

// --- join of a non-array is a TypeError
try {
  x = ",".join(5);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- startswith with a non-string is a TypeError
try {
  x = "abc".startswith(1);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- methods take their arguments literally, never as patterns
print(
  "a.b.c".count("."),
  "a.b".find("."),
  "a+b".split("+"),
  "$x".startswith("$"),
  "x^".endswith("^"),
); // expect: 2 1 ["a", "b"] true true
print("..a..".strip("."), "]]a[[".strip("[]"), "\\a\\".strip("\\"), "(a)".replace("(", "[")); // expect: a a a [a)
print("abc".replace("b", "$1"), "a|b|c".rsplit("|", 1), "a*b*c".index("*c")); // expect: a$1c ["a|b", "c"] 3

// --- split with a negative maximum means no limit
print("aXbXc".split("X", -1)); // expect: ["a", "b", "c"]

// --- a string method called with the wrong arguments is a TypeError
try {
  x = "abc".upper(1);
} except (e) {
  print(e.type); // expect: TypeError
}
