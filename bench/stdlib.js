// Stdlib benchmarks (part of `npm run bench`):
// 1. the cost of the capability check: one stdlib function declared twice, with and without a
//    required capability, against the bare implementation;
// 2. json.parse, regex.search and datetime operations called from ML vs the same work in
//    hand-written JavaScript.
import { performance } from "node:perf_hooks";
import { defineModule, load, withCapabilities } from "../dist/index.js";

function nsPerCall(fn, n) {
  fn(); // warm-up
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return (best * 1e6) / n;
}

/** ns per call: bare implementation, checked wrapper without requirements, with one requirement. */
export function benchCapabilityCheck(quick) {
  const n = quick ? 200_000 : 1_000_000;
  const impl = (x) => x + 1;
  const m = defineModule("benchcaps", "Benchmark probes.");
  const plain = m.function({ name: "plain", params: "x", returns: "number", description: "x + 1, no capability." }, impl);
  const checked = m.function(
    { name: "checked", params: "x", returns: "number", description: "x + 1, needs datetime.now.", requires: ["datetime.now"] },
    impl,
  );
  m.done();
  const loop = (f) => () => {
    let s = 0;
    for (let i = 0; i < n; i++) s = f(s);
    return s;
  };
  return withCapabilities(["datetime.now"], () => ({
    bare: nsPerCall(loop(impl), n),
    wrapped: nsPerCall(loop(plain), n),
    checked: nsPerCall(loop(checked), n),
  }));
}

/** ML stdlib operations vs the same in JavaScript: [{ name, jsUs, mlUs, ratio }]. */
export async function benchStdlibOps(quick, jsCases) {
  const rows = [];
  for (const c of jsCases) {
    const program = await load({ source: c.ml, filename: `${c.name}.ml` }, { capabilities: c.capabilities ?? [] });
    const ml = program.exports.run;
    const n = quick ? c.n / 4 : c.n;
    const mlUs = (nsPerCall(() => { for (let i = 0; i < n; i++) ml(); }, n)) / 1000;
    const jsUs = (nsPerCall(() => { for (let i = 0; i < n; i++) c.js(); }, n)) / 1000;
    rows.push({ name: c.name, jsUs, mlUs, ratio: mlUs / jsUs });
  }
  return rows;
}
