// Sandbox and limits benchmarks (part of `npm run bench`):
// 1. benchSandbox: latency of a small program run through a warm pool of worker processes (one
//    run at a time, so the figures are per-run overhead, not queueing), throughput with the pool
//    kept busy, the cold start (constructing a Sandbox to the first result, worker processes
//    booting included), the memory each warm worker process takes (proportional set size, Linux
//    only), and how long the next run waits after a worker was killed (a new process starting);
// 2. benchLimits: what the step budget costs generated code — one loop-heavy program loaded
//    with `steps: Infinity` and with a large finite budget, timed interleaved.
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { load } from "../dist/index.js";
import { Sandbox } from "../dist/sandbox/index.js";

const SMALL = {
  source: "function main(items) { total = 0; for (x in items) { total = total + x; } return {\"total\": total, \"n\": len(items)}; }",
  filename: "small.ml",
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * Proportional set size in MB of this process's sandbox worker processes (their shared pages
 * split between them), or null where /proc does not tell.
 */
function workersPssMb() {
  let total = 0;
  let found = 0;
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== process.pid) continue;
        if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("sandbox/worker.js")) continue;
        total += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))[1]) / 1024;
        found++;
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return null;
  }
  return found === 0 ? null : { mb: total / found, workers: found };
}

/**
 * { p50Ms, p99Ms, runsPerSecond, coldMs, slotMb, restartMs } for SMALL on a warm pool of 2
 * worker processes.
 */
export async function benchSandbox(quick) {
  const runs = quick ? 200 : 1000;
  const args = [[1, 2, 3, 4, 5]];
  const t0 = performance.now();
  const sandbox = new Sandbox({ poolSize: 2, timeoutMs: 5000 });
  try {
    await sandbox.run(SMALL, { entry: "main", args });
    const coldMs = performance.now() - t0;
    await Promise.all([sandbox.run(SMALL, { entry: "main", args }), sandbox.run(SMALL, { entry: "main", args })]); // both workers warm
    const times = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await sandbox.run(SMALL, { entry: "main", args });
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const tp = performance.now();
    await Promise.all(Array.from({ length: runs }, () => sandbox.run(SMALL, { entry: "main", args })));
    const runsPerSecond = runs / ((performance.now() - tp) / 1000);
    const slot = workersPssMb();
    return { p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), runsPerSecond, coldMs, slotMb: slot?.mb ?? null, restartMs: await restartMs() };
  } finally {
    await sandbox.close();
  }
}

/** Milliseconds from a run's start to its result when the run before it had its worker killed (time limit). */
async function restartMs() {
  const one = new Sandbox({ poolSize: 1, timeoutMs: 100, limits: { timeMs: Infinity } });
  try {
    await one.run({ source: "x = 1;" });
    await one.run({ source: "while (true) { }" }).catch(() => {});
    const s = performance.now();
    await one.run({ source: "x = 1;" });
    return performance.now() - s;
  } finally {
    await one.close();
  }
}

const LOOPS = {
  // Nested counted loops and a while loop: one budget decrement per iteration and per call.
  source: `
function step(x) { return x % 7 + 1; }
function run(n) {
  total = 0;
  for (i in range(n)) {
    j = 0;
    while (j < 10) { total = total + step(j); j = j + 1; }
  }
  return total;
}`,
  filename: "loops.ml",
};

// The same loops in JavaScript, for scale (the ML figures include all of ML's semantics, not
// only the budget).
function stepJs(x) {
  return (x % 7) + 1;
}
function runJs(n) {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let j = 0;
    while (j < 10) {
      total = total + stepJs(j);
      j = j + 1;
    }
  }
  return total;
}

/**
 * { iterations, unlimitedNs, limitedNs, ratio, jsNs }: ns per inner iteration (a loop step plus
 * a call) with `steps: Infinity` and with a finite budget of 10^12 steps, best of interleaved
 * runs; the generated code is the same (one decrement-and-compare per iteration and call), so
 * the ratio shows what a finite budget adds on top: the refills every 10 000 steps.
 */
export async function benchLimits(quick) {
  const n = quick ? 50_000 : 200_000;
  const unlimited = (await load(LOOPS, { limits: { steps: Infinity, timeMs: Infinity } })).exports.run;
  const limited = (await load(LOOPS, { limits: { steps: 1e12, timeMs: 1e9 } })).exports.run;
  const time = (fn) => {
    const s = performance.now();
    fn(n);
    return performance.now() - s;
  };
  unlimited(n);
  limited(n); // warm-up
  runJs(n);
  let bestU = Infinity;
  let bestL = Infinity;
  let bestJ = Infinity;
  for (let r = 0; r < (quick ? 9 : 25); r++) {
    bestU = Math.min(bestU, time(unlimited));
    bestL = Math.min(bestL, time(limited));
    bestJ = Math.min(bestJ, time(runJs));
  }
  const iterations = n * 10;
  const unlimitedNs = (bestU * 1e6) / iterations;
  const limitedNs = (bestL * 1e6) / iterations;
  return { iterations, unlimitedNs, limitedNs, ratio: limitedNs / unlimitedNs, jsNs: (bestJ * 1e6) / iterations };
}
