// technique: read valueOf of a string to get at String.prototype
// expect error: AttributeError: 'string' object has no attribute 'valueOf'
v = "abc".valueOf;
