// technique: truncate an array by assigning length, by dot and by index
// expect: AttributeError cannot set attribute 'length' on array
// expect: TypeError list indices must be integers, not string
// expect: [1, 2, 3]
a = [1, 2, 3];
try {
  a.length = 0;
} except (e) {
  print(e.type, e.message);
}
try {
  a["length"] = 0;
} except (e) {
  print(e.type, e.message);
}
print(a);
