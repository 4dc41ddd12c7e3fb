// Imported by builtins/* programs: rebinds builtins and uses its own `math`, to show that
// neither leaks into (nor is affected by) the importing module.
import math;
print = fn(x) => null;
len = fn(x) => 42;
function count(a) {
  return len(a);
}
function root(x) {
  return math.sqrt(x);
}
