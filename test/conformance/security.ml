// No access to JavaScript internals (LANGUAGE.md §4 "Member access", HOST.md §10): however a
// name is spelled or computed, `constructor`, `__proto__`, `prototype` and inherited
// properties are unreachable; on an ML object they are ordinary own keys.

// --- o.constructor is null on an object
o = {};
print(o.constructor); // expect: null

// --- o["constructor"] is a KeyError
o = {};
x = o["constructor"]; // expect error: KeyError: constructor

// --- a computed "constructor" is a KeyError too
o = {};
x = o["con" + "structor"]; // expect error: KeyError: constructor

// --- o.__proto__ is null
o = {};
print(o.__proto__, o.prototype, o.toString, o.hasOwnProperty, o.valueOf); // expect: null null null null null

// --- o["__proto__"] is a KeyError
o = {};
x = o["__proto__"]; // expect error: KeyError: __proto__

// --- o["toString"] is a KeyError
o = {};
x = o["toString"]; // expect error: KeyError: toString

// --- calling an inherited method name calls null
o = {};
o.toString(); // expect error: TypeError: 'null' is not callable: the object has no key 'toString'; objects have no methods: use str(o)

// --- [].constructor is an AttributeError
x = [].constructor; // expect error: AttributeError: 'array' object has no attribute 'constructor'

// --- [].__proto__ is an AttributeError
x = [].__proto__; // expect error: AttributeError: 'array' object has no attribute '__proto__'

// --- [].toString is an AttributeError
x = [].toString; // expect error: AttributeError: 'array' object has no attribute 'toString'; use str(a)

// --- "".constructor is an AttributeError
x = "".constructor; // expect error: AttributeError: 'string' object has no attribute 'constructor'

// --- "".__proto__ is an AttributeError
x = "abc".__proto__; // expect error: AttributeError: 'string' object has no attribute '__proto__'

// --- a function's constructor is an AttributeError
x = (fn() => 1).constructor; // expect error: AttributeError: 'function' object has no attribute 'constructor'

// --- a named function's prototype is an AttributeError
function f() {
  return 1;
}
x = f.prototype; // expect error: AttributeError: 'function' object has no attribute 'prototype'

// --- a function's caller is an AttributeError
function f() {
  return 1;
}
x = f.caller; // expect error: AttributeError: 'function' object has no attribute 'caller'

// --- a function's arguments is an AttributeError
function f() {
  return 1;
}
x = f.arguments; // expect error: AttributeError: 'function' object has no attribute 'arguments'

// --- call/apply/bind are not members of functions
x = print.call; // expect error: AttributeError: 'function' object has no attribute 'call'

// --- bind is not a member of builtins
x = len.bind; // expect error: AttributeError: 'function' object has no attribute 'bind'

// --- a number's constructor is an AttributeError
n = 1;
x = n.constructor; // expect error: AttributeError: 'number' object has no attribute 'constructor'

// --- null's constructor is an AttributeError
n = null;
x = n.constructor; // expect error: AttributeError: 'null' object has no attribute 'constructor'

// --- a method's constructor is an AttributeError
x = [].append.constructor; // expect error: AttributeError: 'function' object has no attribute 'constructor'

// --- an iterator's constructor is an AttributeError
x = iter([]).constructor; // expect error: AttributeError: 'iterator' object has no attribute 'constructor'

// --- a caught error object's constructor is null
try {
  x = [][0];
} except (e) {
  print(e.constructor, e.__proto__); // expect: null null
}

// --- getattr never reaches internals
o = {};
print(getattr(o, "constructor"), getattr(o, "__proto__"), getattr(o, "toString", "dflt")); // expect: null null dflt

// --- getattr on an array for constructor
x = getattr([], "constructor"); // expect error: AttributeError: 'array' object has no attribute 'constructor'

// --- getattr on a function for constructor
x = getattr(print, "constructor"); // expect error: AttributeError: 'function' object has no attribute 'constructor'

// --- hasattr never sees internals
print(hasattr([], "constructor"), hasattr({}, "constructor"), hasattr({}, "__proto__")); // expect: false false false
print(
  hasattr("", "constructor"),
  hasattr(print, "call"),
  hasattr({}, "toString"),
  hasattr(5, "toFixed"),
); // expect: false false false false

// --- indexing arrays and strings by internal names is a TypeError
x = []["constructor"]; // expect error: TypeError: list indices must be integers, not string

// --- "abc"["length"] is a TypeError
x = "abc"["length"]; // expect error: TypeError: string indices must be integers, not string

// --- assigning __proto__ creates an own key
o = {};
o.__proto__ = 1;
print(keys(o), o.__proto__, o["__proto__"]); // expect: ["__proto__"] 1 1
print(o); // expect: {"__proto__": 1}

// --- assigning __proto__ an object does not change the prototype
o = {};
o["__proto__"] = {polluted: "yes"};
print(o.polluted, keys(o)); // expect: null ["__proto__"]
p = {};
print(p.polluted, len(p)); // expect: null 0

// --- __proto__ in an object literal is an own key
o = {"__proto__": 5};
print(keys(o), o.__proto__, typeof(o)); // expect: ["__proto__"] 5 object
q = {__proto__: [1, 2]};
print(keys(q), q.length, q.__proto__); // expect: ["__proto__"] null [1, 2]

// --- constructor as an own key
o = {constructor: 5};
print(o.constructor, o["constructor"], keys(o)); // expect: 5 5 ["constructor"]
o.constructor = "c";
o.prototype = "p";
o.toString = fn() => "mine";
print(o.constructor, o.prototype, o.toString(), len(o)); // expect: c p mine 3

// --- a computed constructor key on assignment is an own key
o = {};
o["con" + "structor"] = 1;
print(keys(o)); // expect: ["constructor"]
print(o == {constructor: 1}); // expect: true

// --- own keys with internal names iterate like any other
o = {__proto__: 1, constructor: 2, hasOwnProperty: 3};
for (k in o) {
  print(k, o[k]);
}
// expect: __proto__ 1
// expect: constructor 2
// expect: hasOwnProperty 3

// --- destructuring does not read inherited names
{toString} = {}; // expect error: KeyError: toString

// --- destructuring reads internal names as own keys
{constructor, __proto__} = {constructor: "c", __proto__: "p"};
print(constructor, __proto__); // expect: c p

// --- an empty object stays empty after reading internal names
o = {};
x = o.constructor;
y = o.__proto__;
print(len(o), bool(o), keys(o), o == {}); // expect: 0 false [] true

// --- builtins cannot be modified through members
x = len.x; // expect error: AttributeError: 'function' object has no attribute 'x'

// --- assigning a member of a builtin
print.x = 1; // expect error: AttributeError: cannot set attribute 'x' on function

// --- a JSON-looking key is just a key
o = {};
o["__defineGetter__"] = 1;
print(keys(o), o.__defineGetter__); // expect: ["__defineGetter__"] 1

// --- strings containing code are just strings
s = "constructor.constructor('return process')()";
print(len(s) > 0, typeof(s)); // expect: true string

// --- there is no prototype to pollute through __proto__
o = {};
o.__proto__.polluted = 1; // expect error: AttributeError: cannot set attribute 'polluted' on null

// --- a function is not subscriptable, so no internal can be indexed
f = fn() => 1;
x = f["constructor"]; // expect error: TypeError: 'function' object is not subscriptable

// --- a module-level variable named like an internal stays an ordinary value
constructor = fn() => "mine";
prototype = {a: 1};
print(constructor(), prototype.a, typeof(constructor)); // expect: mine 1 function
