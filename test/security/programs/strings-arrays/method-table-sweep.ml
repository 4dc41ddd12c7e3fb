// technique: try every Array.prototype and String.prototype method name that ML does not define
// expect: 0 reachable
js = [
  "at",
  "concat",
  "copyWithin",
  "entries",
  "fill",
  "filter",
  "findIndex",
  "flat",
  "flatMap",
  "forEach",
  "includes",
  "indexOf",
  "keys",
  "lastIndexOf",
  "map",
  "push",
  "reduce",
  "shift",
  "slice",
  "some",
  "splice",
  "toLocaleString",
  "unshift",
  "values",
  "with",
  "charAt",
  "charCodeAt",
  "codePointAt",
  "localeCompare",
  "match",
  "matchAll",
  "normalize",
  "padEnd",
  "padStart",
  "repeat",
  "search",
  "substring",
  "trim",
  "anchor",
  "link",
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
];
reachable = 0;
for (n in js) {
  for (v in ["s", [1]]) {
    try {
      m = getattr(v, n);
      reachable = reachable + 1;
      print("reachable", n);
    } except (e) {}
  }
}
print(reachable, "reachable");
