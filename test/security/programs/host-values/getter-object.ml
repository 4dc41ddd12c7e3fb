// technique: read a member whose host getter returns the process object, then dig into it
// scenario: host-getter
// expect: hostobject
// expect: AttributeError 'hostobject' object has no attribute 'env'
// expect: TypeError 'hostobject' object is not subscriptable
// expect error: AttributeError: 'hostobject' object has no attribute 'mainModule'
function main(v) {
  p = v.secret;
  print(typeof(p));
  try {
    x = p.env;
  } except (e) {
    print(e.type, e.message);
  }
  try {
    x = p["env"];
  } except (e) {
    print(e.type, e.message);
  }
  return p.mainModule.require("child_process");
}
