// technique: call toString on a function to dump its generated JavaScript
// expect error: AttributeError: 'function' object has no attribute 'toString'
function f() {
  return 1;
}
src = f.toString();
