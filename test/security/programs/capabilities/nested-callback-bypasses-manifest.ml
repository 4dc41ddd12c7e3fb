// technique: a program that declares only datetime.now hands callbacks to host functions it reaches inside an object, an array and a host function's result; the host later calls them inside a context granting file.read
// scenario: nested-callback-under-grant
// expect: host: callbacks stored: 3
// expect: host: callback refused: undeclared
// expect: host: callback refused: undeclared
// expect: host: callback refused: undeclared
capability Clock {
  allow datetime.now;
}
import file;
function register(host) {
  host.hooks.store(fn() => file.read("/etc/hostname"));
  host.list[0](fn() => file.read("/etc/hostname"));
  host.give().store(fn() => file.read("/etc/hostname"));
}
