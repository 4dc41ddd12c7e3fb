// technique: call String.prototype.concat, which is not an ML string method
// expect error: AttributeError: 'string' object has no attribute 'concat'
s = "a".concat("b");
