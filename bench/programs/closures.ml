function mapList(f, xs) {
  out = [];
  for (x in xs) {
    out.append(f(x));
  }
  return out;
}
function filterList(p, xs) {
  out = [];
  for (x in xs) {
    if (p(x)) {
      out.append(x);
    }
  }
  return out;
}
function reduceList(f, xs, acc) {
  for (x in xs) {
    acc = f(acc, x);
  }
  return acc;
}
function makeAdder(n) {
  return fn(x) => x + n;
}
function compose(f, g) {
  return fn(x) => f(g(x));
}
function main() {
  xs = range(100000);
  total = 0;
  for (round in range(5)) {
    addR = makeAdder(round);
    step = compose(addR, fn(x) => x * 2);
    ys = mapList(step, xs);
    zs = filterList(fn(y) => y % 3 == 0, ys);
    total = total + reduceList(fn(a, b) => a + b, zs, 0);
  }
  return total;
}
