// technique: call a host function that returns process and try to use what came back
// scenario: host-function-process
// expect: hostobject <hostobject>
// expect error: AttributeError: 'hostobject' object has no attribute 'exit'
function main(f) {
  p = f();
  print(typeof(p), str(p));
  p.exit(1);
}
