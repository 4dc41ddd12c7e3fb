// technique: build "__proto__" with str.join and read it from an array through getattr with a default
// expect: string fallback
name = "".join(["__", "proto", "__"]);
p = getattr([1, 2], name, "fallback");
print(typeof(p), p);
