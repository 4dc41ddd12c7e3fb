// technique: a program that declares only datetime.now hands the host a callback; the host later calls it inside a context granting file.read
// scenario: callback-under-grant
// expect error: CapabilityError: the program does not declare it
capability Clock {
  allow datetime.now;
}
import file;
function register(store) {
  store(fn() => file.read("/etc/hostname"));
}
