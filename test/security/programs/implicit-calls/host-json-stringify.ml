// technique: return an object with an ML toJSON function to the host, which logs it with JSON.stringify
// scenario: stringify-result
// expect: host: ML functions called implicitly: 0
calls = 0;
function bump(k) {
  nonlocal calls;
  calls = calls + 1;
  return "pwned";
}
function main() {
  return {"toJSON": bump, "data": 1};
}
function count() {
  return calls;
}
