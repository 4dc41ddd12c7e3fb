// technique: parse a CSV whose header row names __proto__ and constructor
// expect: ["__proto__", "constructor"] 1 2 null
import csv;
rows = csv.parse("__proto__,constructor\n1,2");
r = rows[0];
print(keys(r), r["__proto__"], r["constructor"], {}.polluted);
