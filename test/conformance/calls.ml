// Calls and functions (LANGUAGE.md §2, §4 "Calls", "Arrow functions", §5 functions).

// --- a function with a return value
function add(a, b) { return a + b; }
print(add(2, 3)); // expect: 5

// --- return; and falling off the end return null
function nothing() { return; }
function fallOff() { x = 1; }
print(nothing(), fallOff()); // expect: null null

// --- too many arguments
function f(a, b) { return a; }
f(1, 2, 3); // expect error: TypeError: f() takes 2 arguments but 3 were given

// --- too few arguments
function g(a, b, c) { return a; }
g(); // expect error: TypeError: g() takes 3 arguments but 0 were given

// --- one parameter is "1 argument"
function one(a) { return a; }
one(1, 2); // expect error: TypeError: one() takes 1 argument but 2 were given

// --- zero parameters is "0 arguments"
function zero() { return 0; }
zero(1, 2); // expect error: TypeError: zero() takes 0 arguments but 2 were given

// --- an arity error can be caught
function two(a, b) { return a; }
try {
  two(1, 2, 3);
} except (e) {
  print(e.type, "|", e.message); // expect: TypeError | two() takes 2 arguments but 3 were given
}

// --- builtins check their arity too
x = len(1, 2); // expect error: TypeError: len() takes 1 argument but 2 were given

// --- builtins with optional parameters
x = range(1, 2, 3, 4); // expect error: TypeError: range() takes from 1 to 3 arguments but 4 were given

// --- print takes any number of arguments
print(); // expect:
print(1, 2, 3, 4, 5, 6); // expect: 1 2 3 4 5 6

// --- calling a number
x = 5;
x(); // expect error: TypeError: 'number' is not callable

// --- calling a string
s = "abc";
s(1); // expect error: TypeError: 'string' is not callable

// --- calling null
n = null;
n(); // expect error: TypeError: 'null' is not callable

// --- calling an array
a = [print];
a(); // expect error: TypeError: 'array' is not callable

// --- calling an object
o = {};
o(); // expect error: TypeError: 'object' is not callable

// --- calling a boolean
t = true;
t(); // expect error: TypeError: 'boolean' is not callable

// --- the call result of a non-callable, inside an expression
function getNumber() { return 3; }
x = 1 + getNumber()(); // expect error: TypeError: 'number' is not callable

// --- immediately invoked arrows
print((fn(x) => x * 2)(21)); // expect: 42
print((fn() => { return 7; })()); // expect: 7

// --- calling the result of a call
add = fn(a) => fn(b) => a + b;
print(add(1)(2)); // expect: 3
function curry3(a) { return fn(b) => fn(c) => [a, b, c]; }
print(curry3(1)(2)(3)); // expect: [1, 2, 3]

// --- calling an indexed function
handlers = {double: fn(x) => x * 2, neg: fn(x) => -x};
k = "double";
print(handlers[k](5), handlers["neg"](5)); // expect: 10 -5
fs = [fn() => "first", fn() => "second"];
print(fs[1](), fs[-2]()); // expect: second first

// --- o.m() calls the stored function, with no receiver
o = {name: "o", m: fn(x) => x + 1};
print(o.m(1)); // expect: 2

// --- arrow expression bodies extend as far as an expression can
f = fn(x) => x + 1;
g = fn(x) => x > 0 ? "pos" : "non-pos";
print(f(1), g(1), g(0)); // expect: 2 pos non-pos

// --- block-bodied arrows return with return, or null
f = fn(x) => { y = x + 1; return y * 2; };
g = fn() => { z = 1; };
print(f(1), g()); // expect: 4 null

// --- fn() => {} is an empty object literal
f = fn() => {};
print(f(), typeof(f())); // expect: {} object

// --- fn() => {a: 1} is an object literal
f = fn() => {a: 1};
g = fn(v) => {"key": v, other: [v]};
print(f(), g(2)); // expect: {"a": 1} {"key": 2, "other": [2]}

// --- each call of an object-literal arrow makes a new object
f = fn() => {};
a = f();
b = f();
a.x = 1;
print(a, b); // expect: {"x": 1} {}

// --- arrows are closures
k = 10;
addK = fn(x) => x + k;
k = 20;
print(addK(5)); // expect: 25

// --- arrows with zero and several parameters
print((fn() => "none")(), (fn(a, b, c) => a + b + c)(1, 2, 3)); // expect: none 6

// --- arrow arity errors are TypeErrors
f = fn(a) => a;
try {
  f(1, 2);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- parameter type annotations are accepted and ignored
function typed(x: number, label: string) { return label + str(x); }
print(typed(1, "n=")); // expect: n=1
h = fn(a: SomeUnknownType) => a;
print(h("ok")); // expect: ok

// --- functions are values
function twice(f, x) { return f(f(x)); }
print(twice(fn(v) => v * 3, 2), twice(str, 5)); // expect: 18 5

// --- functions returning functions, each with its own state
function makeAdder(n) {
  function adder(x) { return x + n; }
  return adder;
}
add2 = makeAdder(2);
add5 = makeAdder(5);
print(add2(1), add5(1), add2 == add5); // expect: 3 6 false

// --- functions display with their name
function greet() { return "hi"; }
print(greet, str(greet), [greet]); // expect: <function greet> <function greet> [<function greet>]
print(print, len); // expect: <function print> <function len>

// --- a function defined later in the file can be called once defined
function isEven(n) { return n == 0 ? true : isOdd(n - 1); }
function isOdd(n) { return n == 0 ? false : isEven(n - 1); }
print(isEven(10), isOdd(7)); // expect: true true

// --- a function redefined replaces the earlier one
function v() { return 1; }
first = v;
function v() { return 2; }
print(first(), v()); // expect: 1 2

// --- functions can be defined inside blocks
if (true) {
  function inner() { return "inner"; }
}
print(inner()); // expect: inner

// --- arguments are evaluated left to right, once each
function t(v) { print("arg", v); return v; }
function three(a, b, c) { return a + b + c; }
print(three(t(1), t(2), t(3)));
// expect: arg 1
// expect: arg 2
// expect: arg 3
// expect: 6

// --- the callee is evaluated before the arguments
function pick() { print("callee"); return fn(x) => x; }
function arg() { print("argument"); return 1; }
pick()(arg());
// expect: callee
// expect: argument

// --- call() calls its first argument with the rest
print(call(fn(a, b) => a - b, 10, 3), call(len, [1, 2])); // expect: 7 2

// --- call() with a non-callable
x = call(5); // expect error: TypeError: 'number' is not callable

// --- callable()
function f() { return 1; }
print(callable(f), callable(print), callable(fn() => 1), callable([].append)); // expect: true true true true
print(callable(5), callable("print"), callable({}), callable(null)); // expect: false false false false

// --- duplicate parameter names are a compile error
function bad(a, a) { return a; } // expect compile error: ML2007

// --- return outside a function is a compile error
return 1; // expect compile error: ML2004
