// technique: use Function.prototype.apply on an ML function
// expect error: AttributeError: 'function' object has no attribute 'apply'
function f(a) {
  return a;
}
f.apply(null, [1]);
