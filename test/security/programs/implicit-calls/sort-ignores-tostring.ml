// technique: sort objects carrying toString/valueOf, hoping the sort coerces them
// expect: TypeError 0
calls = 0;
function bump() {
  nonlocal calls;
  calls = calls + 1;
  return 1;
}
a = [{"toString": bump}, {"valueOf": bump}];
try {
  sorted(a);
} except (e) {
  print(e.type, calls);
}
