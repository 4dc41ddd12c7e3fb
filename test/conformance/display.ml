// Display: str, repr, print (LANGUAGE.md §10).

// --- integers print without a decimal point
print(1, 1.0, -3, 100 / 4, 2.5 * 2, 0); // expect: 1 1 -3 25 5 0

// --- other numbers print in shortest round-trip form
print(1.5, -2.5, 0.1 + 0.2, 1 / 3, 2 / 3); // expect: 1.5 -2.5 0.30000000000000004 0.3333333333333333 0.6666666666666666

// --- large and small numbers follow JavaScript's String(n)
print(1e20, 1e21, 1e16, 123456789012); // expect: 100000000000000000000 1e+21 10000000000000000 123456789012
print(1e-7, 0.000001, 123e-20, 2.5e-3); // expect: 1e-7 0.000001 1.23e-18 0.0025

// --- negative zero prints as 0
print(-0, 0 * -1, str(-0)); // expect: 0 0 0

// --- infinities
big = 1e308 * 10;
print(big, -big, [big], str(big)); // expect: inf -inf [inf] inf

// --- strings: str is the string itself, repr is quoted
print("plain", str("plain"), repr("plain")); // expect: plain plain "plain"

// --- repr escapes newline, tab, backslash and double quote
print(repr("line\nnext"), repr("a\tb"), repr("back\\slash"), repr("say \"hi\"")); // expect: "line\nnext" "a\tb" "back\\slash" "say \"hi\""

// --- repr keeps single quotes as they are
print(repr("it's")); // expect: "it's"

// --- true, false and null display the same everywhere
print(true, false, null); // expect: true false null
print([true, false, null], {t: true, n: null}); // expect: [true, false, null] {"t": true, "n": null}
print(str([null]), repr([false]), "%s" % [[true]]); // expect: [null] [false] [true]

// --- arrays show elements with repr
print([1, "a", true, null]); // expect: [1, "a", true, null]
print([1.5, [2, ["x"]], []]); // expect: [1.5, [2, ["x"]], []]
print(["a\nb", "q\"", ""]); // expect: ["a\nb", "q\"", ""]

// --- objects show keys and values with repr
print({a: 1, b: [2]}); // expect: {"a": 1, "b": [2]}
print({}, {a: {}}, {"with space": "v"}); // expect: {} {"a": {}} {"with space": "v"}
print({"q\"k": 1}); // expect: {"q\"k": 1}

// --- objects show integer-like keys first
print({b: 1, "1": 2, a: 3}); // expect: {"1": 2, "b": 1, "a": 3}

// --- a self-containing array shows [...]
a = [1, 2];
a.append(a);
print(a); // expect: [1, 2, [...]]

// --- a self-containing object shows {...}
o = {n: 1};
o.me = o;
print(o); // expect: {"n": 1, "me": {...}}

// --- mutually containing structures
o = {};
a = [o];
o.a = a;
print(o); // expect: {"a": [{...}]}
print(a); // expect: [{"a": [...]}]

// --- shared references that are not cycles print in full
x = [1];
print([x, x, {k: x}]); // expect: [[1], [1], {"k": [1]}]

// --- functions show their name
function area(w, h) {
  return w * h;
}
print(area, [area], {f: area}); // expect: <function area> [<function area>] {"f": <function area>}

// --- builtins show their name
print(len, str(print)); // expect: <function len> <function print>

// --- str and print agree
v = [1, {"a": "b"}, null];
print(str(v) == "[1, {\"a\": \"b\"}, null]"); // expect: true

// --- repr of nested strings inside str of an array
print(str(["x"]), repr(["x"])); // expect: ["x"] ["x"]

// --- concatenation uses str
print("n=" + 1 + ", s=" + "x" + ", a=" + ["x"]); // expect: n=1, s=x, a=["x"]

// --- print writes one line per call
print("a");
print("b", "c");
// expect: a
// expect: b c

// --- the empty key and negative small numbers
print({"": 1}, -1.5e-7, [-0]); // expect: {"": 1} -1.5e-7 [0]

// --- non-ASCII characters are not escaped by repr
print(["😀", "é", "日本"]); // expect: ["😀", "é", "日本"]
