// technique: write through o["__proto__"]["polluted"] after making __proto__ an own key holding an object
// expect: {"__proto__": {"polluted": 1}} null
o = {"__proto__": {}};
o["__proto__"]["polluted"] = 1;
print(o, {}.polluted);
