// technique: use the JavaScript-only array methods push and join
// expect: AttributeError 'array' object has no attribute 'push'
// expect error: AttributeError: 'array' object has no attribute 'join'
try { [].push(1); } except (e) { print(e.type, e.message); }
s = ["a"].join(",");
