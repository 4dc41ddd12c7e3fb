// technique: getattr every JavaScript internal name, with a default, on every kind of ML value and collect what comes back
// expect: ["string"]
import math;
names = [
  "constructor",
  "__proto__",
  "prototype",
  "caller",
  "arguments",
  "call",
  "apply",
  "bind",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "then",
  "toJSON",
  "name",
  "length",
];
values = [{}, print, fn() => 1, math, 1, true, null, iter([1]), [].append, math.sqrt];
kinds = {};
for (v in values) {
  for (n in names) {
    got = getattr(v, n, "default");
    kinds[typeof(got)] = true;
  }
}
print(keys(kinds));
