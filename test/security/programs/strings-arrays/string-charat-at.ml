// technique: use the JavaScript-only string methods charAt and at
// expect: AttributeError 'string' object has no attribute 'charAt'; use indexing: s[i]
// expect error: AttributeError: 'string' object has no attribute 'at'; use indexing: s[i] (negative i counts from the end)
try {
  c = "abc".charAt(0);
} except (e) {
  print(e.type, e.message);
}
c = "abc".at(-1);
