// technique: probe every JavaScript internal name with hasattr on every kind of ML value
// expect: 0 of 234 probes see an internal
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
  "__defineGetter__",
  "__lookupGetter__",
  "then",
  "toJSON",
  "name",
  "Symbol(Symbol.iterator)",
  "@@iterator",
];
values = [
  {},
  [],
  "",
  print,
  fn() => 1,
  math,
  1,
  true,
  null,
  iter([1]),
  [].append,
  "x".upper,
  math.sqrt,
];
seen = 0;
total = 0;
for (v in values) {
  for (n in names) {
    total = total + 1;
    if (hasattr(v, n)) {
      seen = seen + 1;
      print("reachable:", typeof(v), n);
    }
  }
}
print(seen, "of", total, "probes see an internal");
