// technique: use an object with valueOf in arithmetic and comparisons, hoping for JavaScript coercion
// expect: TypeError '-' not supported between object and number
// expect: TypeError '<' not supported between object and number
// expect: false 0
calls = 0;
function bump() {
  nonlocal calls;
  calls = calls + 1;
  return 1;
}
o = {"valueOf": fn() => bump()};
try {
  x = o - 1;
} except (e) {
  print(e.type, e.message);
}
try {
  x = o < 2;
} except (e) {
  print(e.type, e.message);
}
print(o == 1, calls);
