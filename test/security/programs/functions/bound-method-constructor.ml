// technique: read the constructor of a bound string method (a JavaScript closure)
// expect: ABC
// expect error: AttributeError: 'function' object has no attribute 'constructor'
up = "abc".upper;
print(up());
c = up.constructor;
