// technique: replace print inside a function, hoping the replacement leaks to the caller
// expect: visible function
function f() {
  print = fn(x) => null;
  print("hidden");
  return typeof(print);
}
r = f();
print("visible", r);
