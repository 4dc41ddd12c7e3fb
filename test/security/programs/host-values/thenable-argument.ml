// technique: a host object with a then function: ML may call it (a host function passed in) but gets nothing else from it
// scenario: host-thenable
// expect: function called
// expect error: AttributeError: 'function' object has no attribute 'constructor'
function main(v) {
  r = v.then(fn(x) => x);
  print(typeof(v.then), r);
  return v.then.constructor;
}
