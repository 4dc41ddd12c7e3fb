// technique: index an object with an array and an object, hoping for JS key coercion ("[object Object]")
// expect: TypeError object keys must be strings, not array
// expect: TypeError object keys must be strings, not object
// expect: []
o = {};
try {
  o[["__proto__"]] = 1;
} except (e) {
  print(e.type, e.message);
}
try {
  x = o[{}];
} except (e) {
  print(e.type, e.message);
}
print(keys(o));
