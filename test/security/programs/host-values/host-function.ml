// technique: a host function passed in: call it (allowed), then reach its constructor, prototype, call, bind and name
// scenario: host-function
// expect: 42 function
// expect: 5 of 5 internals refused
function main(f) {
  print(f(21), typeof(f));
  refused = 0;
  for (n in ["constructor", "prototype", "call", "bind", "name"]) {
    try {
      x = getattr(f, n);
    } except (e) {
      refused = refused + 1;
    }
  }
  print(refused, "of 5 internals refused");
}
