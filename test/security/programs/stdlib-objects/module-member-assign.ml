// technique: replace a stdlib constant and a stdlib function by assigning module members
// expect: AttributeError module attributes are read-only: 'pi'
// expect: AttributeError module attributes are read-only: 'sqrt'
// expect: TypeError 'module' object does not support item assignment
// expect: 3.141592653589793 3
import math;
try {
  math.pi = 4;
} except (e) {
  print(e.type, e.message);
}
try {
  math.sqrt = fn(x) => "pwned";
} except (e) {
  print(e.type, e.message);
}
try {
  math["pi"] = 4;
} except (e) {
  print(e.type, e.message);
}
print(math.pi, math.sqrt(9));
