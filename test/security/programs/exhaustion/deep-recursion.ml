// technique: unbounded recursion
// limits: recursion=100
// expect error: RecursionError: maximum recursion depth exceeded
function f(n) {
  return f(n + 1) + 1;
}
f(0);
