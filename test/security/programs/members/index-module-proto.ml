// technique: index a stdlib module with "__proto__" instead of using a dot
// expect error: TypeError: 'module' object is not subscriptable
import math;
p = math["__proto__"];
