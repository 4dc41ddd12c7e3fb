// technique: the host is handed objects shaped like tokens and the JSON form of a token; ML then receives one and tries to use file.read
// scenario: forged-token
// expect: host: forged grants rejected: 3
// expect: object [] false
// expect error: CapabilityError: file.read() requires capability 'file.read': this run was not granted it
import file;
function main(token) {
  print(typeof(token), getCapabilities(), hasCapability("file.read"));
  return file.read("/etc/hostname");
}
