// technique: shadow JavaScript globals and reserved words (undefined, NaN, Object, await, yield, let, class, new, super) to break the generated code
// expect: 45
// expect: string mine
function f(undefined, NaN) {
  Object = 1;
  await = 2;
  yield = 3;
  let = 4;
  class = 5;
  new = 6;
  super = 7;
  return undefined + NaN + Object + await + yield + let + class + new + super;
}
print(f(8, 9));
Object = "mine";
print(typeof(Object), Object);
