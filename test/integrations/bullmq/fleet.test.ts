// A fleet of worker processes (fixtures/worker.mjs) on a real redis-server: throughput with
// correct results, one program fetch per worker, and no job lost when a worker is SIGKILLed.
// Uses the built package: run `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { MLQueue, type MLWorkerStats } from "../../../dist/integrations/bullmq/index.js";
import { startRedis, type TestRedis } from "./redis.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/worker.mjs", import.meta.url));

interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once it is connected to Redis. */
  readonly ready: Promise<void>;
  /** SIGTERM, then its stats once it has drained and exited 0. */
  stop(): Promise<MLWorkerStats>;
}

const running: ChildProcess[] = [];

/** A worker process; `lockMs` is its BullMQ lockDuration (its stalled check runs every lockMs / 2). */
function startWorker(port: number, queue: string, lockMs = 30_000): WorkerProcess {
  const child = spawn(process.execPath, [FIXTURE, String(port), queue, "4", String(lockMs)], { stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready\n")) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready: ${err}`)));
  });
  return {
    child,
    ready,
    async stop() {
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const line = /stats (.*)\n/.exec(out);
      if (line === null) throw new Error(`no stats from the worker: ${out} ${err}`);
      return JSON.parse(line[1]!) as MLWorkerStats;
    },
  };
}

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await redis?.stop();
});

describe("a fleet of worker processes", () => {
  it("2 000 jobs over 3 worker processes all complete with correct results; each worker fetches the program once", async () => {
    const queue = new MLQueue("fleet", { connection: redis.connection });
    const workers = [0, 1, 2].map(() => startWorker(redis.port, "fleet"));
    try {
      await Promise.all(workers.map((w) => w.ready));
      const id = await queue.publish({ source: "function work(i) { return {\"i\": i, \"sq\": i * i, \"tag\": \"n\" + str(i % 7)}; }", filename: "work.ml" });
      const jobs = await Promise.all(Array.from({ length: 2000 }, (_, i) => queue.add(id, "work", [i])));
      const results = await Promise.all(jobs.map((job) => queue.result(job, 60_000)));
      results.forEach((r, i) => expect(r).toEqual({ i, sq: i * i, tag: `n${i % 7}` }));
      const stats = await Promise.all(workers.map((w) => w.stop()));
      expect(stats.reduce((n, s) => n + s.completed, 0)).toBe(2000);
      for (const s of stats) {
        expect(s.completed).toBeGreaterThan(0); // every process took a share
        expect(s.programFetches).toBe(1);
        expect(s.programLoads).toBe(1);
        expect(s.failed).toBe(0);
      }
    } finally {
      await queue.close();
    }
  }, 90_000);

  it("a worker killed with SIGKILL in the middle loses no job: the others take its jobs over", async () => {
    const queue = new MLQueue("kill", { connection: redis.connection });
    // Short locks, so the victim's jobs are taken over within a second or two.
    const [victim, survivor] = [startWorker(redis.port, "kill", 1000), startWorker(redis.port, "kill", 1000)];
    try {
      await Promise.all([victim!.ready, survivor!.ready]);
      // Each job counts to n (a few milliseconds of work), so both workers hold jobs when one dies.
      const id = await queue.publish("function work(i, n) { j = 0; while (j < n) { j = j + 1; } return i * 2; }");
      const jobs = await Promise.all(Array.from({ length: 300 }, (_, i) => queue.add(id, "work", [i, 20_000])));
      let done = 0;
      let killed = false;
      const results = await Promise.all(
        jobs.map((job) =>
          queue.result(job, 60_000).then((r) => {
            if (++done >= 40 && !killed) {
              killed = true;
              victim!.child.kill("SIGKILL");
            }
            return r;
          }),
        ),
      );
      expect(killed).toBe(true);
      results.forEach((r, i) => expect(r).toBe(i * 2));
      // The victim's jobs in progress were found stalled and run again by the survivor.
      const finished = await Promise.all(jobs.map((job) => queue.queue.getJob(job.id!)));
      const recovered = finished.filter((job) => job!.stalledCounter > 0 || job!.attemptsStarted > 1);
      expect(recovered.length).toBeGreaterThan(0);
      const stats = await survivor!.stop();
      expect(stats.completed).toBeGreaterThanOrEqual(recovered.length);
      expect(stats.failed).toBe(0);
    } finally {
      await queue.close();
    }
  }, 90_000);
});
