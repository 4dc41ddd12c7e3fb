// technique: call Array.prototype.map, which is not an ML array method
// expect error: AttributeError: 'array' object has no attribute 'map'
doubled = [1, 2].map(fn(x) => x * 2);
