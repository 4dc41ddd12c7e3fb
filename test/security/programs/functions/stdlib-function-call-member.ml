// technique: read Function.prototype.call from a stdlib function value
// expect error: AttributeError: 'function' object has no attribute 'call'
import math;
f = math.sqrt;
c = f.call;
