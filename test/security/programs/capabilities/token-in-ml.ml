// technique: ML receives a genuine capability token as an argument and tries to read it, index it, and call its methods
// scenario: token-argument
// expect: hostobject false
// expect: AttributeError 'hostobject' object has no attribute 'name'
// expect: TypeError 'hostobject' object is not subscriptable
// expect error: AttributeError: 'hostobject' object has no attribute 'toJSON'
function main(token) {
  print(typeof(token), hasCapability("file.read"));
  try {
    x = token.name;
  } except (e) {
    print(e.type, e.message);
  }
  try {
    x = token["resources"];
  } except (e) {
    print(e.type, e.message);
  }
  return token.toJSON();
}
