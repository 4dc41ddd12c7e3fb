// technique: a host object with Symbol.toPrimitive, valueOf, toString and toJSON: use it in +, <, ==, str, %, format and json.stringify
// scenario: host-coercion
// expect: TypeError '+' not supported between object and number
// expect: TypeError '<' not supported between object and number
// expect: false true
// expect: TypeError Object of type function is not JSON serializable
// expect: host: coercion hooks called: 0
import json;
function main(v) {
  try {
    x = v + 1;
  } except (e) {
    print(e.type, e.message);
  }
  try {
    x = v < 1;
  } except (e) {
    print(e.type, e.message);
  }
  shown = [str(v), "" + v, "%s" % [v], format(v, "s")];
  print(v == 1, shown.count(str(v)) == 4);
  try {
    json.stringify(v);
  } except (e) {
    print(e.type, e.message);
  }
}
