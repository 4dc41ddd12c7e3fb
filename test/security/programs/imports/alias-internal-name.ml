// technique: bind an import to a JavaScript-internal name (import math as __proto__) to confuse the generated code
// expect: module 3
import math as __proto__;
print(typeof(__proto__), __proto__.sqrt(9));
