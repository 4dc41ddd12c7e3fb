// technique: use the JavaScript-only string methods charAt and at
// expect: AttributeError 'string' object has no attribute 'charAt'
// expect error: AttributeError: 'string' object has no attribute 'at'
try { c = "abc".charAt(0); } except (e) { print(e.type, e.message); }
c = "abc".at(-1);
