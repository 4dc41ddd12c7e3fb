// Recursion and RecursionError (LANGUAGE.md §5, HOST.md §4).

// --- ordinary recursion
function fact(n) {
  return n <= 1 ? 1 : n * fact(n - 1);
}
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
print(fact(10), fib(20)); // expect: 3628800 6765

// --- mutual recursion
function isEven(n) {
  if (n == 0) {
    return true;
  }
  return isOdd(n - 1);
}
function isOdd(n) {
  if (n == 0) {
    return false;
  }
  return isEven(n - 1);
}
print(isEven(100), isOdd(7)); // expect: true true

// --- recursion over nested data
function depth(v) {
  if (typeof(v) != "array") {
    return 0;
  }
  best = 0;
  for (x in v) {
    best = max(best, depth(x));
  }
  return best + 1;
}
print(depth([1, [2, [3, [4]]], []])); // expect: 4

// --- recursion within the default limit works
function down(n) {
  return n == 0 ? "bottom" : down(n - 1);
}
print(down(900)); // expect: bottom

// --- unbounded recursion raises RecursionError
function forever(n) {
  return forever(n + 1);
}
forever(0);
// expect error: RecursionError: maximum recursion depth exceeded

// --- the configured limit is respected
// limits: recursion=50
function down(n) {
  return n == 0 ? "ok" : down(n - 1);
}
print(down(40)); // expect: ok
down(60);
// expect error: RecursionError: maximum recursion depth exceeded

// --- a very high limit still ends in RecursionError, never a host stack overflow
// limits: recursion=10000000
function forever(n) {
  return 1 + forever(n + 1);
}
forever(0);
// expect error: RecursionError: maximum recursion depth exceeded

// --- a host stack overflow inside a try is still a RecursionError
// limits: recursion=10000000
function forever(n) {
  return [forever(n + 1)];
}
try {
  forever(0);
} except (e) {
  print(e.type); // expect: RecursionError
}

// --- RecursionError can be caught and the program continues
function forever(n) {
  return forever(n + 1);
}
try {
  forever(0);
} except (e) {
  print(e.type, "|", e.message); // expect: RecursionError | maximum recursion depth exceeded
}
function small(n) {
  return n == 0 ? 0 : 1 + small(n - 1);
}
print(small(100)); // expect: 100

// --- the depth is restored after a caught RecursionError
// limits: recursion=100
function forever(n) {
  return forever(n + 1);
}
function down(n) {
  return n == 0 ? "fine" : down(n - 1);
}
for (i in range(3)) {
  try {
    forever(0);
  } except (e) {}
}
print(down(90)); // expect: fine

// --- mutual recursion without end
function ping(n) {
  return pong(n + 1);
}
function pong(n) {
  return ping(n + 1);
}
ping(0);
// expect error: RecursionError: maximum recursion depth exceeded

// --- recursion through arrows
countdown = fn(n) => n == 0 ? [] : [n] + countdown(n - 1);
print(countdown(5)); // expect: [5, 4, 3, 2, 1]

// --- recursion through a closure
function makeWalker() {
  function walk(n) {
    return n == 0 ? "walked" : walk(n - 1);
  }
  return walk;
}
print(makeWalker()(50)); // expect: walked

// --- displaying a very deep structure either works or raises RecursionError
// limits: recursion=10000000
a = [];
for (i in range(100000)) {
  a = [a];
}
try {
  s = str(a);
  outcome = "ok";
} except (e) {
  outcome = e.type == "RecursionError" ? "ok" : e.type;
}
print(outcome); // expect: ok

// --- comparing very deep structures either works or raises RecursionError
// limits: recursion=10000000
a = [];
b = [];
for (i in range(100000)) {
  a = [a];
  b = [b];
}
try {
  same = a == b;
  outcome = same ? "ok" : "unequal";
} except (e) {
  outcome = e.type == "RecursionError" ? "ok" : e.type;
}
print(outcome); // expect: ok
