const mapList = (f, xs) => xs.map((x) => f(x));
const filterList = (p, xs) => xs.filter((x) => p(x));
const reduceList = (f, xs, acc) => xs.reduce((a, x) => f(a, x), acc);
const makeAdder = (n) => (x) => x + n;
const compose = (f, g) => (x) => f(g(x));
export function main() {
  const xs = Array.from({ length: 100000 }, (_, i) => i);
  let total = 0;
  for (let round = 0; round < 5; round++) {
    const addR = makeAdder(round);
    const step = compose(addR, (x) => x * 2);
    const ys = mapList(step, xs);
    const zs = filterList((y) => y % 3 === 0, ys);
    total = total + reduceList((a, b) => a + b, zs, 0);
  }
  return total;
}
