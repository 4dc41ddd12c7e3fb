// technique: hand the host a callback during a request that holds file.read; the host calls it later from a request without grants
// scenario: callback-left-behind
// expect: first request: true
// expect error: CapabilityError: file.exists() requires capability 'file.read': this run was not granted it
import file;
function register(store) {
  cb = fn() => file.exists("callback-left-behind.ml");
  store(cb);
  return cb();
}
