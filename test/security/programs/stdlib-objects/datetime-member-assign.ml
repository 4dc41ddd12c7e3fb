// technique: overwrite a DateTime's year and its addDays method
// expect: AttributeError cannot set attribute 'year' on DateTime
// expect: AttributeError cannot set attribute 'addDays' on DateTime
// expect: 2024 2024-01-02T00:00:00
import datetime;
d = datetime.create(2024, 1, 1);
try {
  d.year = 1;
} except (e) {
  print(e.type, e.message);
}
try {
  d.addDays = fn(n) => "pwned";
} except (e) {
  print(e.type, e.message);
}
print(d.year(), d.addDays(1));
