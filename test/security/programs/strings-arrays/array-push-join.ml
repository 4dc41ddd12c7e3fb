// technique: use the JavaScript-only array methods push and join
// expect: AttributeError 'array' object has no attribute 'push'; did you mean 'append'? (a.append(x))
// expect error: AttributeError: 'array' object has no attribute 'join'; use sep.join(a), e.g. ", ".join(a)
try {
  [].push(1);
} except (e) {
  print(e.type, e.message);
}
s = ["a"].join(",");
