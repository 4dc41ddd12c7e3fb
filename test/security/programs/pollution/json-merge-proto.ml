// technique: deep-merge a parsed __proto__ payload into an object with json.merge (the lodash.merge attack)
// expect: ["__proto__"] null null
import json;
m = json.merge(
  {"a": {}},
  json.parse('{"a": {"__proto__": {"polluted": 1}}, "__proto__": {"polluted": 2}}'),
);
print(keys(m.a), m.a.polluted, {}.polluted);
