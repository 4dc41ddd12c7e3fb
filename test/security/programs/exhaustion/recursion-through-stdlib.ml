// technique: recurse through a stdlib higher-order function so host frames pile up between ML frames
// limits: recursion=100
// expect error: RecursionError: maximum recursion depth exceeded
import functional;
function f(x) {
  return functional.map(f, [x]);
}
f(1);
