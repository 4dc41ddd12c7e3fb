// technique: index a string by a property name ("length", "0") instead of a position
// expect: TypeError string indices must be integers, not string
// expect error: TypeError: string indices must be integers, not string
try {
  x = "abc"["length"];
} except (e) {
  print(e.type, e.message);
}
x = "abc"["0"];
