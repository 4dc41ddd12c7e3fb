// Host boundary benchmarks (part of `npm run bench`; also `node bench/host.js` alone):
// 1. benchHostCall: a host → guest call of a small rule with a fresh input object each call,
//    ns per call, against the same function written in JavaScript (same process, interleaved).
// 2. benchLoad: `load()` of a tiny inline program — the first load in a fresh process (a child
//    process that has imported mljs and nothing else), and later loads of new programs in the
//    same process (each its own source, so nothing is cached between them).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { load } from "../dist/index.js";

const RULE = "function price(o) { return o.qty * o.unit * (1 - o.discount); }";
const TINY = (i) => `x = ${i};\nfunction main() { return x + 1; }`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** ns per call of `fn(i)` over `n` calls (a fresh object built by the caller each time). */
function perCall(fn, n) {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += fn(i);
  const ns = ((performance.now() - t0) * 1e6) / n;
  if (Number.isNaN(sink)) throw new Error("bad result");
  return ns;
}

/** { mlNs, jsNs }: medians of interleaved rounds. */
export async function benchHostCall(quick) {
  const program = await load({ source: RULE, filename: "rule.ml" });
  const price = program.exports.price;
  const jsPrice = (o) => o.qty * o.unit * (1 - o.discount);
  const ml = (i) => price({ qty: i & 7, unit: 2.5, discount: 0.1 });
  const js = (i) => jsPrice({ qty: i & 7, unit: 2.5, discount: 0.1 });
  if (ml(3) !== js(3)) throw new Error(`price: ML ${ml(3)}, JavaScript ${js(3)}`);
  const n = quick ? 200_000 : 1_000_000;
  perCall(ml, n);
  perCall(js, n);
  const mlNs = [], jsNs = [];
  for (let r = 0; r < (quick ? 5 : 11); r++) {
    jsNs.push(perCall(js, n));
    mlNs.push(perCall(ml, n));
  }
  return { mlNs: median(mlNs), jsNs: median(jsNs) };
}

/** Run in a child: prints the first load's ms, then the median of later loads. */
async function childLoads(later) {
  const t0 = performance.now();
  const p = await load({ source: TINY(0), filename: "tiny.ml" });
  const first = performance.now() - t0;
  if (p.exports.main() !== 1) throw new Error("tiny program returned a wrong result");
  const times = [];
  for (let i = 1; i <= later; i++) {
    const t = performance.now();
    const q = await load({ source: TINY(i), filename: "tiny.ml" });
    q.exports.main();
    times.push(performance.now() - t);
  }
  const kept = times.slice(Math.floor(later / 5));
  const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
  process.stdout.write(JSON.stringify({ first, later: median(kept), mean }));
}

/** { firstMs, laterMs, meanMs }: medians over fresh processes (meanMs: of the per-process means, GC included). */
export function benchLoad(quick) {
  const self = fileURLToPath(import.meta.url);
  const firsts = [], laters = [], means = [];
  for (let r = 0; r < (quick ? 3 : 7); r++) {
    const out = spawnSync(process.execPath, [self, "--child-loads", quick ? "500" : "2000"], { encoding: "utf8" });
    if (out.status !== 0) throw new Error(`load child failed: ${out.stderr}`);
    const { first, later, mean } = JSON.parse(out.stdout);
    firsts.push(first);
    laters.push(later);
    means.push(mean);
  }
  return { firstMs: median(firsts), laterMs: median(laters), meanMs: median(means) };
}

export function printHost(call, loads) {
  const fmt = (n, d) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`Host → guest call of a small rule (fresh input object): ${fmt(call.mlNs / 1000, 3)} µs per call (the same function in JavaScript ${fmt(call.jsNs / 1000, 3)} µs; target ≤ 0.15 µs)`);
  console.log(`load() of a tiny program, then a call: ${fmt(loads.laterMs, 3)} ms median, ${fmt(loads.meanMs, 3)} ms mean with GC (target ≤ 0.3 ms); the first in a fresh process ${fmt(loads.firstMs, 2)} ms`);
}

const argv = process.argv;
if (argv[1] === fileURLToPath(import.meta.url)) {
  const i = argv.indexOf("--child-loads");
  if (i >= 0) await childLoads(Number(argv[i + 1]));
  else {
    const quick = argv.includes("--quick");
    printHost(await benchHostCall(quick), benchLoad(quick));
  }
}
