// technique: read the JavaScript Error internals (stack, cause, constructor) of a caught runtime error
// expect: object ["type", "message"] null null null
// expect: none none
try {
  x = [][1];
} except (e) {
  print(typeof(e), keys(e), e.stack, e.cause, e.constructor);
  print(getattr(e, "stack", "none"), getattr(e, "__proto__", "none"));
}
