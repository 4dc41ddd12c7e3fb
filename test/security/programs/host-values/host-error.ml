// technique: a host Error object passed in: read stack/message, throw it and inspect what except gives back
// scenario: host-error
// expect: hostobject false
// expect: hostobject
// expect error: AttributeError: 'hostobject' object has no attribute 'stack'
function main(err) {
  print(typeof(err), hasattr(err, "message"));
  try {
    throw err;
  } except (e) {
    print(typeof(e));
  }
  return err.stack;
}
