// technique: group values under the key __proto__ with functional.groupBy
// expect: ["__proto__"] [1, 2] null
import functional;
g = functional.groupBy(fn(x) => "__proto__", [1, 2]);
print(keys(g), g["__proto__"], {}.polluted);
