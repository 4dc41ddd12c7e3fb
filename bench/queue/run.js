// Queue benchmark (`npm run bench:queue`, not part of `npm test`): ML jobs through BullMQ on a
// redis-server started here (loopback, free port, no persistence), run by `mljs worker`
// processes, against the same calls made directly on a `SandboxProgram` (`sandbox.load`).
//
// For each workload (a small rule, and a CPU-heavier job of a few milliseconds (500 000 loop steps)):
//   direct    sequential calls on a SandboxProgram (one IPC round trip each): p50/p99 latency,
//             and calls per second with 8 in flight;
//   queue N   N `mljs worker` processes (--concurrency 8): latency of one job at a time
//             (add → result, what the queue adds to a call) and, with a batch of jobs added at
//             once, jobs per second and the p50/p99 of each job's add → result.
// The per-job overhead of the queue is the sequential p50 through the queue minus the direct p50.
//
// Everything (producer, redis-server, workers and their sandbox processes) shares this machine:
// on 2 cores, 2 worker processes compete with Redis and the producer, so the second worker adds
// less than a second machine would. Options: --jobs N (batch size, default 3000 small / 600
// heavy), --seq N (sequential jobs, default 300).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Sandbox } from "../../dist/sandbox/index.js";
import { MLQueue } from "../../dist/integrations/bullmq/index.js";

const BIN = fileURLToPath(new URL("../../bin/mljs.cjs", import.meta.url));

const WORKLOADS = [
  {
    name: "small rule",
    source: "function quote(items, rate) { total = 0; for (x in items) { total = total + x[\"price\"] * x[\"qty\"]; } return {\"total\": total, \"tax\": total * rate}; }",
    entry: "quote",
    args: (i) => [[{ price: 10 + (i % 7), qty: 2 }, { price: 3, qty: 5 }, { price: 1.5, qty: i % 4 }], 0.2],
    jobs: 3000,
  },
  {
    name: "heavy job (a few ms of CPU)",
    source: "function crunch(n) { s = 0; i = 0; while (i < n) { s = (s + i * 7) % 1000003; i = i + 1; } return s; }",
    entry: "crunch",
    args: () => [500_000],
    jobs: 600,
  },
];

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function summary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

const ms = (v) => `${v.toFixed(2)} ms`;

/** CPU time (user + system) of a process so far, in ms, from /proc (Linux), or NaN. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return NaN;
  }
}

/** The pids whose parent is `pid` (the sandbox processes of a worker). */
function childrenOf(pid) {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

/** CPU ms so far of: this process, redis-server, the worker processes, their sandbox processes. */
function cpuSnapshot(redisPid, workerPids) {
  const self = process.cpuUsage();
  const sandboxes = workerPids.flatMap(childrenOf);
  const sum = (pids) => pids.reduce((n, p) => n + cpuMs(p), 0);
  return { producer: (self.user + self.system) / 1000, redis: cpuMs(redisPid), workers: sum(workerPids), sandboxes: sum(sandboxes), sandboxPids: sandboxes };
}

/** Redis's used_memory in bytes. */
async function usedMemory(queue) {
  const info = await (await queue.queue.getBackend().client).info();
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "mljs-bench-redis-"));
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`redis-server exited (${code})`)));
    child.on("error", reject);
  });
  return {
    port,
    pid: child.pid,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts an `mljs worker` process; resolves once it serves the queue. */
function startWorker(url, queue) {
  const child = spawn(process.execPath, [BIN, "worker", "--redis", url, "--queue", queue, "--concurrency", "8"], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  const ready = new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes("serving queue")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`mljs worker exited (${code}): ${err}`)));
  });
  return {
    pid: child.pid,
    ready,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function direct(workload, seq, batch) {
  const sandbox = new Sandbox({ poolSize: 1, minThreads: 0 });
  try {
    const program = await sandbox.load({ source: workload.source, filename: "bench.ml" });
    const fn = program.exports[workload.entry];
    for (let i = 0; i < 50; i++) await fn(...workload.args(i)); // warm up
    const latencies = [];
    for (let i = 0; i < seq; i++) {
      const t = performance.now();
      await fn(...workload.args(i));
      latencies.push(performance.now() - t);
    }
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < batch) await fn(...workload.args(next++));
      }),
    );
    return { seq: summary(latencies), perSecond: batch / ((performance.now() - started) / 1000) };
  } finally {
    await sandbox.close();
  }
}

async function throughQueue(redis, workload, processes, seq, batch, round) {
  const name = `bench-${round}`;
  const queue = new MLQueue(name, { connection: { host: "127.0.0.1", port: redis.port }, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });
  const workers = Array.from({ length: processes }, () => startWorker(redis.url, name));
  try {
    await Promise.all(workers.map((w) => w.ready));
    const id = await queue.publish({ source: workload.source, filename: "bench.ml" });
    // Keep results until read: removeOnComplete above would race the reads.
    const keep = { removeOnComplete: { age: 600 }, removeOnFail: { age: 600 } };
    for (let i = 0; i < 50; i++) await queue.result(await queue.add(id, workload.entry, workload.args(i), keep), 30_000); // warm up every worker's load
    const latencies = [];
    for (let i = 0; i < seq; i++) {
      const t = performance.now();
      await queue.result(await queue.add(id, workload.entry, workload.args(i), keep), 30_000);
      latencies.push(performance.now() - t);
    }
    const memoryBefore = await usedMemory(queue);
    const cpuBefore = cpuSnapshot(redis.pid, workers.map((w) => w.pid));
    const started = performance.now();
    const each = await Promise.all(
      Array.from({ length: batch }, async (_, i) => {
        const t = performance.now();
        const job = await queue.add(id, workload.entry, workload.args(i), keep);
        await queue.result(job, 120_000);
        return performance.now() - t;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuSnapshot(redis.pid, workers.map((w) => w.pid));
    const bytesPerJob = ((await usedMemory(queue)) - memoryBefore) / batch;
    // Sandbox processes that were there at both snapshots (they start before the batch, at warm-up).
    const sandboxCpu = cpuBefore.sandboxPids.reduce((n, p) => n + cpuMs(p), 0) - cpuBefore.sandboxes;
    const cpu = {
      producer: (cpuAfter.producer - cpuBefore.producer) / batch,
      redis: (cpuAfter.redis - cpuBefore.redis) / batch,
      worker: (cpuAfter.workers - cpuBefore.workers) / batch,
      sandbox: sandboxCpu / batch,
    };
    return { seq: summary(latencies), perSecond: batch / seconds, batch: summary(each), cpu, bytesPerJob };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.close();
  }
}

const seq = option("seq", 300);
console.log(`queue benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at start, Node ${process.version}`);
const redis = await startRedis();
let round = 0;
try {
  for (const workload of WORKLOADS) {
    const batch = option("jobs", workload.jobs);
    console.log(`\n${workload.name}: ${seq} sequential calls, then a batch of ${batch}`);
    const d = await direct(workload, seq, batch);
    console.log(`  direct SandboxProgram   one at a time p50 ${ms(d.seq.p50)}  p99 ${ms(d.seq.p99)}   8 in flight: ${d.perSecond.toFixed(0)} calls/s`);
    for (const processes of [1, 2]) {
      const q = await throughQueue(redis, workload, processes, seq, batch, round++);
      console.log(
        `  queue, ${processes} worker process${processes === 1 ? " " : "es"}  one at a time p50 ${ms(q.seq.p50)}  p99 ${ms(q.seq.p99)}   batch: ${q.perSecond.toFixed(0)} jobs/s, add→result p50 ${ms(q.batch.p50)}  p99 ${ms(q.batch.p99)}`,
      );
      console.log(
        `      CPU per job: producer ${ms(q.cpu.producer)}, redis-server ${ms(q.cpu.redis)}, worker process${processes === 1 ? "" : "es"} ${ms(q.cpu.worker)}, sandbox ${ms(q.cpu.sandbox)}; Redis memory per kept job ${(q.bytesPerJob / 1024).toFixed(2)} KiB`,
      );
      if (processes === 1) console.log(`  per-job overhead of the queue (p50, one at a time): ${ms(q.seq.p50 - d.seq.p50)}`);
    }
  }
} finally {
  await redis.stop();
}
console.log(`\nload average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at the end`);
