// technique: computed __proto__ keys assigned in a loop, then read back through another fresh object
// expect: ["__proto__", "constructor", "prototype"] null 0
o = {};
for (k in ["__proto__", "constructor", "prototype"]) {
  o[k] = {"polluted": true};
}
p = {};
print(keys(o), p.polluted, len(p));
