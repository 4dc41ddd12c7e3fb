// technique: return an object with an ML then function to the host, which awaits the result
// scenario: await-result
// expect: host: ML functions called implicitly: 0
calls = 0;
function bump(a, b) {
  nonlocal calls;
  calls = calls + 1;
  return null;
}
function main() {
  return {"then": bump};
}
function count() {
  return calls;
}
