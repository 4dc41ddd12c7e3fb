// technique: a program that declares only datetime.now throws an object holding functions (one under toJSON); the host serialises the error's value and calls its function inside a context granting file.read
// scenario: thrown-value-under-grant
// expect: host: cause exposed: false
// expect: host: JSON: {"status":400}
// expect error: CapabilityError: the program does not declare it
capability Clock {
  allow datetime.now;
}
import file;
function main() {
  throw {
    "status": 400,
    "toJSON": fn(key) => file.read("/etc/hostname"),
    "read": fn() => file.read("/etc/hostname"),
  };
}
