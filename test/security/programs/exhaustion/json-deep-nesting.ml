// technique: json.parse 100 000 nested arrays and print the result
// limits: steps=1000000
// expect: 1 200000
import json;
x = json.parse("[" * 100000 + "]" * 100000);
print(len(x), len(str(x)));
