// technique: a program that declares only datetime.now returns an object holding a function; the host calls that member inside a context granting file.read
// scenario: member-under-grant
// expect error: CapabilityError: the program does not declare it
capability Clock {
  allow datetime.now;
}
import file;
function main() {
  return {"read": fn() => file.read("/etc/hostname")};
}
