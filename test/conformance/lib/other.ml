// Imports util from its own directory: the same module instance as `lib.util`.
import util;
function viaUtil(x) {
  return util.double(x) + 1;
}
