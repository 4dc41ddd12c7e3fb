// technique: push a date past Temporal's range so the polyfill throws a host RangeError
// expect: object ValueError date value out of range
import datetime;
d = datetime.create(2024, 1, 1);
try {
  d.addDays(1e15);
} except (e) {
  print(typeof(e), e.type, e.message);
}
