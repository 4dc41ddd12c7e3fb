// technique: a host class instance: read its fields, call its methods, list its keys, display it
// scenario: host-class-instance
// expect: hostobject <hostobject> false []
// expect: TypeError 'hostobject' object is not subscriptable
// expect error: AttributeError: 'hostobject' object has no attribute 'reveal'
function main(v) {
  print(typeof(v), str(v), hasattr(v, "key"), methods(v));
  try {
    x = v["key"];
  } except (e) {
    print(e.type, e.message);
  }
  return v.reveal();
}
