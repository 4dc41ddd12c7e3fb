// technique: assign through an alias of a module (m = json) to replace json.parse for every program
// expect: AttributeError module attributes are read-only: 'parse'
// expect: {"a": 1}
import json;
m = json;
try {
  m.parse = fn(s) => "pwned";
} except (e) {
  print(e.type, e.message);
}
print(json.parse('{"a": 1}'));
