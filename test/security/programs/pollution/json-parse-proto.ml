// technique: json.parse a document whose top-level key is __proto__
// expect: ["__proto__"] null null object
import json;
o = json.parse('{"__proto__": {"polluted": 1}}');
print(keys(o), o.polluted, {}.polluted, typeof(o["__proto__"]));
