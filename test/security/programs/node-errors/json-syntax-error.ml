// technique: make JSON.parse throw a host SyntaxError inside json.parse and inspect what except receives
// expect: object ["type", "message"] ValueError true
import json;
try {
  json.parse("{bad");
} except (e) {
  print(typeof(e), keys(e), e.type, e.message.startswith("JSON parsing failed"));
}
