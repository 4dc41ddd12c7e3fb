// technique: read the caller of the running function from inside it, through getattr
// expect error: AttributeError: 'function' object has no attribute 'caller'
function f() {
  return getattr(f, "caller");
}
function g() {
  return f();
}
g();
