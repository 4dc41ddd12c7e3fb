// technique: return an object with ML toString/valueOf functions to the host, which interpolates and adds it
// scenario: coerce-result
// expect: host: ML functions called implicitly: 0
calls = 0;
function bump() {
  nonlocal calls;
  calls = calls + 1;
  return "pwned";
}
function main() {
  return {"toString": bump, "valueOf": bump};
}
function count() {
  return calls;
}
