// technique: overwrite a string method and an array method with members
// expect: AttributeError cannot set attribute 'upper' on string
// expect: AttributeError cannot set attribute 'append' on array
// expect: ABC [1]
try {
  "abc".upper = fn() => "pwned";
} except (e) {
  print(e.type, e.message);
}
a = [];
try {
  a.append = fn(x) => null;
} except (e) {
  print(e.type, e.message);
}
a.append(1);
print("abc".upper(), a);
