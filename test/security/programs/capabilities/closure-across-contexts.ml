// technique: a closure created by an exported function inside a context that grants file.read, called later outside it
// scenario: closure-across-contexts
// expect: inside: true
// expect error: CapabilityError: file.exists() requires capability 'file.read': this run was not granted it
import file;
function make() {
  return fn() => file.exists("closure-across-contexts.ml");
}
