// technique: build an object from untrusted key/value pairs including __proto__ and read a fresh object
// expect: {"__proto__": {"polluted": 1}, "a": 2} null
pairs = [["__proto__", {"polluted": 1}], ["a", 2]];
o = {};
for (p in pairs) {
  o[p[0]] = p[1];
}
print(o, {}.polluted);
