// technique: climb from a compiled Pattern to its class through constructor
// expect: Pattern
// expect error: AttributeError: 'Pattern' object has no attribute 'constructor'
import regex;
p = regex.compile("a+");
print(typeof(p));
c = p.constructor;
