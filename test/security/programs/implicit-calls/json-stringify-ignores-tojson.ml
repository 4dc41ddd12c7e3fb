// technique: json.stringify an object whose toJSON is an ML function
// expect: TypeError Object of type function is not JSON serializable
// expect: 0
import json;
calls = 0;
function bump(k) {
  nonlocal calls;
  calls = calls + 1;
  return "pwned";
}
try {
  json.stringify({"toJSON": bump});
} except (e) {
  print(e.type, e.message);
}
print(calls);
