// technique: mutate a genuine token after creation (push a resource, rename it, reassign fields) and the grant list after making a context
// scenario: token-mutation
// expect: host: token mutations refused: 4
// expect: ["file.read"]
// expect error: CapabilityError: matches none of the granted patterns
import file;
function main() {
  print(getCapabilities());
  return file.read("/etc/hostname");
}
