// technique: read constructor and __proto__ of a stdlib module object
// expect: AttributeError 'module' object has no attribute 'constructor'
// expect error: AttributeError: 'module' object has no attribute '__proto__'
import math;
try {
  c = math.constructor;
} except (e) {
  print(e.type, e.message);
}
p = math.__proto__;
