// Scope (LANGUAGE.md §5): function scope, assignment makes local, nonlocal, closures,
// blocks without scopes, NameError, compile-time unknown names, shadowing builtins.

// --- assignment inside a function is local to it
x = 5;
function f() { x = 1; return x; }
print(f(), x); // expect: 1 5

// --- reading resolves lexically to the module
y = 10;
function g() { return y * 2; }
print(g()); // expect: 20

// --- a module variable assigned after the function is defined is seen at call time
function show() { return later; }
later = "late";
print(show()); // expect: late

// --- assigning anywhere in a function makes the name local to the whole function
x = 1;
function f() {
  print(x);
  x = 2;
}
f(); // expect error: NameError: name 'x' is not defined

// --- even when the assignment is in a branch that does not run
x = 1;
function f(flag) {
  if (flag) { x = 2; }
  return x;
}
print(f(true)); // expect: 2
print(f(false)); // expect error: NameError: name 'x' is not defined

// --- nonlocal to the module
count = 0;
function inc() {
  nonlocal count;
  count = count + 1;
}
inc();
inc();
print(count); // expect: 2

// --- nonlocal to an enclosing function
function outer() {
  n = 0;
  function bump() {
    nonlocal n;
    n = n + 10;
  }
  bump();
  bump();
  return n;
}
print(outer()); // expect: 20

// --- nonlocal with several names
a = 1;
b = 2;
function swap() {
  nonlocal a, b;
  [a, b] = [b, a];
}
swap();
print(a, b); // expect: 2 1

// --- nonlocal reaches the nearest enclosing binding
v = "module";
function outer() {
  v = "outer";
  function inner() {
    nonlocal v;
    v = "changed";
  }
  inner();
  return v;
}
print(outer(), v); // expect: changed module

// --- counters: each closure has its own variable
function makeCounter() {
  count = 0;
  function next() {
    nonlocal count;
    count = count + 1;
    return count;
  }
  return next;
}
c1 = makeCounter();
c2 = makeCounter();
c1();
c1();
print(c1(), c2()); // expect: 3 1

// --- closures capture the variable, not the value
fs = [];
for (i in range(3)) {
  fs.append(fn() => i);
}
print(fs[0](), fs[1](), fs[2]()); // expect: 2 2 2

// --- a closure sees later assignments in its enclosing function
function outer() {
  x = 1;
  get = fn() => x;
  x = 2;
  return get;
}
print(outer()()); // expect: 2

// --- two closures share one variable
function pair() {
  n = 0;
  function inc() { nonlocal n; n = n + 1; return n; }
  function get() { return n; }
  return [inc, get];
}
[inc, get] = pair();
inc();
inc();
print(get()); // expect: 2

// --- blocks do not create scopes
if (true) { z = 3; }
while (true) { w = 4; break; }
try { t = 5; } finally { u = 6; }
print(z, w, t, u); // expect: 3 4 5 6

// --- blocks inside functions do not create scopes either
function f() {
  for (i in [1, 2]) { last = i * 10; }
  if (last > 0) { result = "set in if"; }
  return [last, result];
}
print(f()); // expect: [20, "set in if"]

// --- a for variable keeps its last value
for (i in [1, 2, 3]) { }
print(i); // expect: 3
for (ch in "xyz") { }
print(ch); // expect: z

// --- a for variable keeps the value it had at break
for (i in range(10)) {
  if (i == 4) { break; }
}
print(i); // expect: 4

// --- a for loop over nothing never assigns its variable
for (q in []) { }
print(q); // expect error: NameError: name 'q' is not defined

// --- reading a module variable before it has a value
print(notYet); // expect error: NameError: name 'notYet' is not defined
notYet = 1;

// --- a NameError names the variable and can be caught
function f() {
  try {
    return value;
  } except (e) {
    return e.type + " / " + e.message;
  }
  value = 1;
}
print(f()); // expect: NameError / name 'value' is not defined

// --- no hoisting: calling a function before its statement runs
f(); // expect error: NameError: name 'f' is not defined
function f() { print("hi"); }

// --- a local function is not visible before its statement runs
function outer() {
  r = helper();
  function helper() { return 1; }
  return r;
}
outer(); // expect error: NameError: name 'helper' is not defined

// --- an unknown name is a compile-time error
print(undefinedThing); // expect compile error: ML2001: undefinedThing

// --- an unknown name suggests a close known name
count = 1;
print(cuont); // expect compile error: ML2001: count

// --- an unknown name suggests a builtin
x = lenn([1]); // expect compile error: ML2001: len

// --- unknown names are reported even in functions never called
function neverCalled() { return missingName + 1; } // expect compile error: ML2001: missingName

// --- unknown names inside arrows are reported
f = fn() => nowhere; // expect compile error: ML2001: nowhere

// --- a name assigned only in another function is unknown here
function a() { privateName = 1; }
function b() { return privateName; } // expect compile error: ML2001: privateName

// --- every unknown name is reported (all errors, not just the first)
x = firstUnknown;
y = secondUnknown; // expect compile error: ML2001: secondUnknown

// --- nonlocal without an enclosing binding
function f() {
  nonlocal nowhereBound; // expect compile error: ML2002
  nowhereBound = 1;
}

// --- nonlocal at module level
x = 1;
nonlocal x; // expect compile error: ML2003

// --- parameters are local
x = 1;
function f(x) { x = x + 1; return x; }
print(f(10), x); // expect: 11 1

// --- a parameter shadows a module variable of the same name
name = "module";
function greet(name) { return "hi " + name; }
print(greet("param"), name); // expect: hi param module

// --- a user function shadows a builtin
function len(x) { return 42; }
print(len([1, 2])); // expect: 42

// --- a user variable shadows a builtin
str = "just a string";
print(str); // expect: just a string

// --- shadowing in a function scope leaves the builtin elsewhere
function f() {
  len = fn(x) => -1;
  return len("ab");
}
print(f(), len("ab")); // expect: -1 2

// --- a parameter named like a builtin shadows it
function apply(print, x) { return print(x); }
print(apply(fn(v) => v * 2, 4)); // expect: 8

// --- builtins are visible inside functions
function f() { return [len("abc"), max(1, 5), str(1)]; }
print(f()); // expect: [3, 5, "1"]

// --- nested functions read enclosing function variables
function outer() {
  secret = 41;
  function inner() { return secret + 1; }
  return inner();
}
print(outer()); // expect: 42

// --- an inner assignment without nonlocal makes an inner local
function outer() {
  v = 1;
  function inner() { v = 2; return v; }
  inner();
  return v;
}
print(outer()); // expect: 1

// --- recursion through a module name
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
print(fact(5)); // expect: 120

// --- a recursive arrow bound to a module variable
fib = fn(n) => n < 2 ? n : fib(n - 1) + fib(n - 2);
print(fib(10)); // expect: 55

// --- nonlocal after a use of the name is a compile error
x = 1;
function f() {
  print(x);
  nonlocal x; // expect compile error: ML2009
  x = 2;
}

// --- nonlocal naming a parameter is a compile error
function f(p) {
  nonlocal p; // expect compile error: ML2010
  p = 1;
}

// --- assigning the loop variable does not change the iteration
for (i in range(3)) {
  print(i);
  i = 10;
}
// expect: 0
// expect: 1
// expect: 2
print(i); // expect: 10

// --- assigning a builtin's name in a function makes it local there
function f() {
  n = len([1]);
  len = fn(x) => 0;
  return n;
}
f(); // expect error: NameError: name 'len' is not defined

// --- nonlocal may name a module variable bound later in the file
function setLater() {
  nonlocal later;
  later = "set";
}
later = "initial";
setLater();
print(later); // expect: set

// --- a block-bodied arrow that assigns a captured name makes it local
count = 0;
inc = fn() => { count = count + 1; return count; };
inc(); // expect error: NameError: name 'count' is not defined

// --- nonlocal in a block-bodied arrow
count = 0;
inc = fn() => { nonlocal count; count = count + 1; return count; };
inc();
print(inc(), count); // expect: 2 2
