// Sandbox and limits benchmarks (part of `npm run bench`):
// 1. benchSandbox: latency of a small program run through a warm pool of worker processes (one
//    run at a time, so the figures are per-run overhead, not queueing), throughput with the pool
//    kept busy, the cold start (constructing a Sandbox to the first result, worker processes
//    booting included), the memory each warm worker process takes (proportional set size, Linux
//    only), and how long the next run waits after a worker was killed (a new process starting);
//    benchPrograms: the same small rule through a program handle (`sandbox.load`, loaded once in a
//    worker process): per-call latency (one IPC round trip), a warm worker's load → call → close,
//    a worker process's start (fork to ready: Node and mljs imported) and memory per loaded
//    program;
// 2. benchLimits: what the step budget costs generated code — one loop-heavy program loaded
//    with `steps: Infinity` and with a large finite budget, timed interleaved.
import { fork, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
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

/**
 * { p50Us, p99Us, callsPerSecond, warmLoadCallCloseMs, warmRunMs, workerStartMs, programMb, ipcP50Us, sharedP50Us, nodeStartMs }:
 * SMALL's `main` through a program handle on a worker kept warm (calls one at a time: per-call
 * latency, median of 3 rounds; then calls issued all at once: throughput), a load → first call →
 * close of a tiny program on a warm program worker, a tiny `sandbox.run` on a warm pool (the
 * pre-handle way), a worker's start (fork to its `ready`: Node and mljs imported, median of 5),
 * memory per loaded small program (a worker's proportional set size with 201 programs vs 1,
 * divided by 200: garbage not yet collected included, so an upper bound), the bare IPC round trip
 * of a tiny message to a child echoing it (the floor any process-isolated design pays), and the
 * same message's round trip to a worker thread over shared memory (the faster design that the
 * sandbox cannot use: a thread cannot contain a fatal out-of-memory).
 */
export async function benchPrograms(quick) {
  const calls = quick ? 2000 : 10_000;
  const args = [[1, 2, 3, 4, 5]];
  const sandbox = new Sandbox({ poolSize: 1, timeoutMs: 5000 });
  try {
    const program = await sandbox.load(SMALL);
    for (let i = 0; i < 500; i++) await program.exports.main(...args); // warm-up
    const rounds = [];
    for (let r = 0; r < 3; r++) {
      const times = [];
      for (let i = 0; i < calls; i++) {
        const s = performance.now();
        await program.exports.main(...args);
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      rounds.push({ p50: percentile(times, 0.5) * 1000, p99: percentile(times, 0.99) * 1000 });
    }
    rounds.sort((a, b) => a.p50 - b.p50);
    const tp = performance.now();
    await Promise.all(Array.from({ length: calls }, () => program.exports.main(...args)));
    const callsPerSecond = calls / ((performance.now() - tp) / 1000);
    const tiny = { source: "function f() { return 1; }", filename: "tiny.ml" };
    const cycles = [];
    for (let i = 0; i < (quick ? 20 : 50); i++) {
      const s = performance.now();
      const p = await sandbox.load(tiny);
      await p.exports.f();
      await p.close();
      cycles.push(performance.now() - s);
    }
    cycles.sort((a, b) => a - b);
    const runs = [];
    await sandbox.run(tiny, { entry: "f" });
    for (let i = 0; i < (quick ? 20 : 50); i++) {
      const s = performance.now();
      await sandbox.run(tiny, { entry: "f" });
      runs.push(performance.now() - s);
    }
    runs.sort((a, b) => a - b);
    return {
      p50Us: rounds[1].p50,
      p99Us: rounds[1].p99,
      callsPerSecond,
      warmLoadCallCloseMs: percentile(cycles, 0.5),
      warmRunMs: percentile(runs, 0.5),
      workerStartMs: await workerStartMs(quick ? 3 : 5),
      programMb: await programMb(quick ? 50 : 200),
      ipcP50Us: await ipcRoundTripUs(calls),
      sharedP50Us: await sharedMemoryRoundTripUs(calls),
      nodeStartMs: nodeStart,
    };
  } finally {
    await sandbox.close();
  }
}

const WORKER = fileURLToPath(new URL("../dist/sandbox/worker.js", import.meta.url));

/** Median ms from forking a sandbox worker process to its `ready` message. */
async function workerStartMs(n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const child = fork(WORKER, [], { stdio: ["ignore", "ignore", "ignore", "ipc"], serialization: "advanced", env: {} });
    await new Promise((resolve) => child.once("message", resolve));
    times.push(performance.now() - s);
    child.disconnect();
    await new Promise((resolve) => child.once("exit", resolve));
  }
  times.sort((a, b) => a - b);
  return percentile(times, 0.5);
}

/** MB per loaded small program: one program worker's PSS with n + 1 programs vs 1, over n. */
async function programMb(n) {
  const sandbox = new Sandbox({ poolSize: 1, minThreads: 0, programsPerWorker: 1000 });
  try {
    const first = await sandbox.load(SMALL);
    await first.exports.main([1]);
    const before = workersPssMb();
    for (let i = 0; i < n; i++) {
      const p = await sandbox.load({ source: `${SMALL.source}\nid = ${i};`, filename: `small${i}.ml` });
      await p.exports.main([i]);
    }
    const after = workersPssMb();
    return before === null || after === null ? null : (after.mb - before.mb) / n;
  } finally {
    await sandbox.close();
  }
}

/** p50 µs of a bare IPC round trip (JSON serialization, as program workers use): a 5-item message to a child that sends it back. */
async function ipcRoundTripUs(n) {
  const started = performance.now();
  const child = spawn(process.execPath, ["-e", "process.on('message', (m) => process.send(m)); process.send(0);"], {
    stdio: ["ignore", "ignore", "ignore", "ipc"],
    serialization: "json", // as a program worker's channel
  });
  await new Promise((resolve) => child.once("message", resolve));
  nodeStart = performance.now() - started;
  let done;
  child.on("message", () => done());
  const message = [1, 2, "main", [[1, 2, 3, 4, 5]], []];
  const times = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await new Promise((resolve) => {
      done = resolve;
      child.send(message);
    });
    times.push(performance.now() - s);
  }
  child.disconnect();
  times.sort((a, b) => a - b);
  return percentile(times, 0.5) * 1000;
}
/**
 * p50 µs of the same message's round trip to a worker thread over a `SharedArrayBuffer`: JSON
 * encoded into the shared bytes, `Atomics.notify`, the thread decodes and re-encodes it, and the
 * host blocks in `Atomics.wait` for the answer.
 */
async function sharedMemoryRoundTripUs(n) {
  const shared = new SharedArrayBuffer(8 + 4096);
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
     const flag = new Int32Array(workerData, 0, 2), bytes = new Uint8Array(workerData, 8);
     const enc = new TextEncoder(), dec = new TextDecoder();
     for (;;) {
       Atomics.wait(flag, 0, 0);
       if (flag[0] === 2) break;
       const m = JSON.parse(dec.decode(bytes.subarray(0, flag[1])));
       const r = enc.encodeInto(JSON.stringify(m), bytes);
       flag[1] = r.written;
       Atomics.store(flag, 0, 0);
       Atomics.notify(flag, 0);
     }`,
    { eval: true, workerData: shared },
  );
  await new Promise((resolve) => worker.once("online", resolve));
  const flag = new Int32Array(shared, 0, 2), bytes = new Uint8Array(shared, 8);
  const enc = new TextEncoder(), dec = new TextDecoder();
  const message = [1, 2, "main", [[1, 2, 3, 4, 5]], []];
  const times = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    flag[1] = enc.encodeInto(JSON.stringify(message), bytes).written;
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    Atomics.wait(flag, 0, 1);
    JSON.parse(dec.decode(bytes.slice(0, flag[1])));
    times.push(performance.now() - s);
  }
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
  await worker.terminate();
  times.sort((a, b) => a - b);
  return percentile(times, 0.5) * 1000;
}

/** Ms from spawning the bare echo child (`node -e`) to its first message, for scale with workerStartMs. */
let nodeStart = null;

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
