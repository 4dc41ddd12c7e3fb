// technique: enumerate a module object with keys(), for-in and len() to find hidden members
// expect: 0
// expect: TypeError 'module' object is not iterable
// expect error: TypeError: keys() argument 1 must be an object, not module
import math;
print(len(math));
try {
  for (k in math) {
    print(k);
  }
} except (e) {
  print(e.type, e.message);
}
k = keys(math);
