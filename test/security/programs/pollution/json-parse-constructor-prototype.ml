// technique: json.parse {"constructor": {"prototype": ...}} then walk it as JS would
// expect: ["constructor"] null 1
import json;
o = json.parse('{"constructor": {"prototype": {"polluted": 1}}}');
print(keys(o), {}.polluted, o.constructor.prototype.polluted);
