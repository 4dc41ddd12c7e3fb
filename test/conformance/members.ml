// Member access `a.name` and member assignment (LANGUAGE.md §4, docs/errors.md).

// --- object members are own properties, or null when absent
o = {a: 1, b: [2]};
print(o.a, o.b, o.missing); // expect: 1 [2] null

// --- `o["missing"]` is a KeyError where `o.missing` is null
o = {};
print(o.missing); // expect: null
x = o["missing"]; // expect error: KeyError: missing

// --- a present key whose value is null
o = {k: null};
print(o.k, o["k"], len(o)); // expect: null null 1

// --- member assignment sets an own key
o = {};
o.x = 1;
o.y = {z: 2};
o.y.z = 3;
print(o, keys(o)); // expect: {"x": 1, "y": {"z": 3}} ["x", "y"]

// --- objects named like methods are just keys
o = {append: 1, length: 2, upper: 3};
print(o.append, o.length, o.upper, len(o)); // expect: 1 2 3 3

// --- an object has no length member of its own
o = {a: 1, b: 2};
print(o.length); // expect: null

// --- arrays and strings have length
print([1, 2, 3].length, [].length, "abcd".length, "".length); // expect: 3 0 4 0

// --- a member of a number is an AttributeError
n = 5;
x = n.x; // expect error: AttributeError: 'number' object has no attribute 'x'

// --- a member of null is an AttributeError
n = null;
x = n.x; // expect error: AttributeError: 'null' object has no attribute 'x'

// --- a member of a boolean is an AttributeError
x = true.value; // expect error: AttributeError: 'boolean' object has no attribute 'value'

// --- an unknown array member is an AttributeError
x = [1].foo; // expect error: AttributeError: 'array' object has no attribute 'foo'

// --- an unknown string member is an AttributeError
x = "abc".foo; // expect error: AttributeError: 'string' object has no attribute 'foo'

// --- JavaScript array methods are not ML members
x = [1, 2].map; // expect error: AttributeError: 'array' object has no attribute 'map'; use a for loop, or collections.map(a, fn) (import collections;)

// --- push is not an ML member: the error names append
a = [];
a.push(1); // expect error: AttributeError: 'array' object has no attribute 'push'; did you mean 'append'? (a.append(x))

// --- JavaScript string methods are not ML members
x = "abc".charAt; // expect error: AttributeError: 'string' object has no attribute 'charAt'; use indexing: s[i]

// --- substring is not an ML member
x = "abc".substring(1); // expect error: AttributeError: 'string' object has no attribute 'substring'; use slicing: s[start:end]

// --- a member of a function is an AttributeError
function f() {
  return 1;
}
x = f.name; // expect error: AttributeError: 'function' object has no attribute 'name'

// --- a member of an iterator is an AttributeError
it = iter([1]);
x = it.next; // expect error: AttributeError: 'iterator' object has no attribute 'next'

// --- AttributeError can be caught
try {
  x = (5).foo;
} except (e) {
  print(e.type, e.message); // expect: AttributeError 'number' object has no attribute 'foo'
}

// --- methods can be taken as values and called later
a = [1];
push = a.append;
push(2);
up = "abc".upper;
print(a, up()); // expect: [1, 2] ABC

// --- assigning a member of an array
a = [];
a.x = 1; // expect error: AttributeError: cannot set attribute 'x' on array

// --- assigning length of an array
a = [1, 2, 3];
a.length = 0; // expect error: AttributeError: cannot set attribute 'length' on array

// --- assigning a member of a string
s = "abc";
s.x = 1; // expect error: AttributeError: cannot set attribute 'x' on string

// --- assigning a member of a number
n = 5;
n.x = 1; // expect error: AttributeError: cannot set attribute 'x' on number

// --- assigning a member of null
n = null;
n.x = 1; // expect error: AttributeError: cannot set attribute 'x' on null

// --- assigning a member of a function
function f() {
  return 1;
}
f.cache = {}; // expect error: AttributeError: cannot set attribute 'cache' on function

// --- a failed assignment leaves the array unchanged
a = [1, 2];
try {
  a.length = 0;
} except (e) {
  print(e.type); // expect: AttributeError
}
print(a, len(a)); // expect: [1, 2] 2

// --- calling a method stored in an object (there is no `this`)
counter = {n: 0};
counter.inc = fn() => {
  counter.n = counter.n + 1;
  return counter.n;
};
counter.inc();
print(counter.inc(), counter.n); // expect: 2 2

// --- member calls on the results of calls
function make() {
  return {greet: fn(n) => "hi " + n};
}
print(make().greet("ann")); // expect: hi ann

// --- calling a missing member calls null
o = {};
o.m(); // expect error: TypeError: 'null' is not callable: the object has no key 'm'; objects have no methods: o.m() calls a function stored under the key 'm'

// --- members and indexing on the same object
o = {list: [1, 2, 3]};
o.list[0] = o.list[-1];
o["list"].append(4);
print(o.list); // expect: [3, 2, 3, 4]
