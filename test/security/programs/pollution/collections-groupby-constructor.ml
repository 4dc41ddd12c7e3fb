// technique: group values under constructor and __proto__ keys with collections.groupBy
// expect: ["constructor", "__proto__"] [1] [2]
import collections;
g = collections.groupBy([1, 2], fn(x) => x == 1 ? "constructor" : "__proto__");
print(keys(g), g["constructor"], g["__proto__"]);
