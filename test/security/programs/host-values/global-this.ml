// technique: the host (carelessly) passes globalThis; ML tries to reach process, require and Function through it
// scenario: host-global-this
// expect: hostobject false
// expect: TypeError 'hostobject' object is not subscriptable
// expect error: AttributeError: 'hostobject' object has no attribute 'process'
function main(g) {
  print(typeof(g), hasattr(g, "process"));
  try {
    x = g["require"];
  } except (e) {
    print(e.type, e.message);
  }
  return g.process;
}
