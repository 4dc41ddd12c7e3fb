// technique: read a function's JavaScript name and length properties
// expect: -
// expect error: AttributeError: 'function' object has no attribute 'length'
function f(a, b) {
  return a;
}
print(getattr(f, "name", "-"));
n = f.length;
