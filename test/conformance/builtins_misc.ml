// Iterators, attribute builtins, methods(), print and input (LANGUAGE.md §6, docs/errors.md).

// --- iter and next over an array
it = iter([1, 2]);
print(next(it), next(it)); // expect: 1 2
print(next(it, "done")); // expect: done

// --- next on an exhausted iterator without a default
it = iter([1]);
next(it);
x = next(it); // expect error: ValueError: StopIteration: iterator is exhausted

// --- next with a null default
it = iter([]);
print(next(it, null)); // expect: null

// --- iter over a string and over object keys
s = iter("ab");
o = iter({x: 1, y: 2});
print(next(s), next(s), next(o), next(o)); // expect: a b x y

// --- an iterator is consumed by for
it = iter([1, 2, 3]);
out = [];
for (v in it) {
  out.append(v);
}
print(out, next(it, "empty")); // expect: [1, 2, 3] empty

// --- two iterators over one array are independent
a = [1, 2];
i1 = iter(a);
i2 = iter(a);
next(i1);
print(next(i1), next(i2)); // expect: 2 1

// --- the exhaustion error can be caught
it = iter([]);
try {
  next(it);
} except (e) {
  print(e.type, "|", e.message); // expect: ValueError | StopIteration: iterator is exhausted
}

// --- iter of a number is a TypeError
try {
  it = iter(5);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- iterators compare by identity
it = iter([1]);
print(typeof(it), it == it, iter([1]) == iter([1])); // expect: iterator true false

// --- hasattr sees object keys and sequence members
print(hasattr({a: 1}, "a"), hasattr({a: 1}, "b"), hasattr({a: null}, "a")); // expect: true false true
print(hasattr([], "append"), hasattr([], "length"), hasattr("", "upper"), hasattr("", "append")); // expect: true true true false
print(hasattr(5, "x"), hasattr(null, "x"), hasattr(print, "x"), hasattr([1], "0")); // expect: false false false false

// --- getattr reads through the member rules
print(getattr({a: 1}, "a"), getattr({a: 1}, "b"), getattr([1, 2], "length")); // expect: 1 null 2
print(getattr("abc", "upper")(), getattr({}, "b", 5), getattr(5, "x", "d")); // expect: ABC 5 d

// --- getattr of a missing member of a number without a default
x = getattr(5, "x"); // expect error: AttributeError: 'number' object has no attribute 'x'

// --- getattr of an unknown array member without a default
x = getattr([], "map"); // expect error: AttributeError: 'array' object has no attribute 'map'; use a for loop, or collections.map(a, fn) (import collections;)

// --- methods() lists the members ML may use, sorted
m = methods([]);
print(m == sorted(m), m.count("append"), m.count("sort"), m.count("push"), m.count("constructor")); // expect: true 1 1 0 0
s = methods("");
print(
  s == sorted(s),
  s.count("upper"),
  s.count("split"),
  s.count("charAt"),
  s.count("constructor"),
); // expect: true 1 1 0 0

// --- methods() of a number is empty
print(methods(5)); // expect: []

// --- print joins str() of its arguments with one space
print("a", 1, true, null, [1, "b"], {k: "v"}); // expect: a 1 true null [1, "b"] {"k": "v"}
print(""); // expect:
print("a", "", "b"); // expect: a  b

// --- print returns null
r = print("x"); // expect: x
print(r); // expect: null

// --- input without an input source
x = input("name? "); // expect error: CapabilityError: input() is not available: the host gives no input source

// --- capability introspection without grants
print(hasCapability("file.read"), getCapabilities()); // expect: false []
