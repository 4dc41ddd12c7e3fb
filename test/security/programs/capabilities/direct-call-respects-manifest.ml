// technique: the control for the two bypasses: the same read through an exported function, called inside a context granting file.read
// scenario: export-under-grant
// expect error: CapabilityError: file.read() requires capability 'file.read': the program does not declare it
capability Clock {
  allow datetime.now;
}
import file;
function main() {
  return file.read("/etc/hostname");
}
