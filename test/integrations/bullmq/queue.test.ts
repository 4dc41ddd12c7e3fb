// mljs-lang/bullmq against a real redis-server (started here, see redis.ts), producer and worker
// in this process. Uses the built package: run `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { fileURLToPath } from "node:url";
import { MLCompileError, MLRuntimeError, capability } from "../../../dist/index.js";
import { DateTime } from "../../../dist/stdlib/datetime.js";
import { MLJobFailedError, MLQueue, MLWorker, policyGrants, type MLJob } from "../../../dist/integrations/bullmq/index.js";
import { ResultWaiters } from "../../../dist/integrations/bullmq/results.js";
import { freePort, type TestRedis } from "./redis.js";
import { rejection, startRig, type Rig } from "./helpers.js";

type RuntimeError = InstanceType<typeof MLRuntimeError>;

const RULES = `import datetime;
function add(a, b) { return a + b; }
function now() { return datetime.now(); }
function shift(d, days) { return d.addDays(days); }
function caps() { return getCapabilities(); }
function clock() { return datetime.now().year; }
function fail(x) { if (x > 0) { return fail(x - 1); } throw {"why": "boom"}; }
function spin() { n = 0; while (true) { n = n + 1; } }
count = 0;
function next() { nonlocal count; count = count + 1; return count; }
`;

/** Per tenant, what the worker may grant (its policy). */
const TENANT_POLICY: Readonly<Record<string, readonly string[]>> = { acme: ["datetime.now"], globex: ["random.generate"] };

let rig: Rig;
let redis: TestRedis;
let queue: MLQueue;
let worker: MLWorker;
let rules: string;

beforeAll(async () => {
  rig = await startRig("rules", {
    concurrency: 4,
    sandbox: { poolSize: 1, timeoutMs: 1000 },
    capabilitiesFor: (job: MLJob) => policyGrants(TENANT_POLICY[job.data.tenant ?? ""] ?? [])(job),
  });
  ({ redis, queue, worker } = rig);
  rules = await queue.publish({ source: RULES, filename: "rules.ml" });
}, 30_000);

afterAll(async () => {
  await rig?.stop();
});

describe("MLQueue.publish", () => {
  it("stores a program once under the sha-256 of its source", async () => {
    expect(rules).toBe(createHash("sha256").update(RULES).digest("hex"));
    expect(await queue.publish(RULES)).toBe(rules);
    const client = await queue.queue.getBackend().client;
    expect(await client.hget(`bull:rules:mljs:program:${rules}`, "source")).toBe(RULES);
    expect(await client.hget(`bull:rules:mljs:program:${rules}`, "filename")).toBe("rules.ml");
  });

  it("publishing again stores the program again if Redis lost it", async () => {
    const source = "function lost() { return 7; }\n";
    const id = await queue.publish(source);
    const client = await queue.queue.getBackend().client;
    await client.del(`bull:rules:mljs:program:${id}`); // as a Redis restarted without persistence
    expect(await queue.publish(source)).toBe(id);
    expect(await client.hget(`bull:rules:mljs:program:${id}`, "source")).toBe(source);
    expect(await queue.result(await queue.add(id, "lost"), 10_000)).toBe(7);
  });

  it("rejects a program that does not compile, before it reaches Redis", async () => {
    const error = await rejection(queue.publish({ source: "function f( { }", filename: "bad.ml" }));
    expect(error).toBeInstanceOf(MLCompileError);
    expect(error.message).toMatch(/bad\.ml:1/);
    const client = await queue.queue.getBackend().client;
    expect(await client.hexists(`bull:rules:mljs:program:${createHash("sha256").update("function f( { }").digest("hex")}`, "source")).toBe(0);
  });
});

describe("MLQueue.add and result", () => {
  it("runs a call and resolves to its result", async () => {
    const job = await queue.add(rules, "add", [2, 40]);
    expect(job.name).toBe("add");
    expect(await queue.result(job, 10_000)).toBe(42);
    expect(await queue.result(job.id!, 10_000)).toBe(42); // by id, after the fact
  });

  it("revives stdlib values both ways: a DateTime result is instanceof DateTime", async () => {
    const now = await queue.result(await queue.add(rules, "now", [], { tenant: "acme", capabilities: ["datetime.now"] }), 10_000);
    expect(now).toBeInstanceOf(DateTime);
    const later = await queue.result(await queue.add(rules, "shift", [now, 1]), 10_000);
    expect(later).toBeInstanceOf(DateTime);
    expect((later as DateTime).toString()).not.toBe((now as DateTime).toString());
  });

  it("an ML error fails the job with {mlType, message, mlStack} and is not retried", async () => {
    const job = await queue.add(rules, "fail", [2], { attempts: 3, backoff: { type: "fixed", delay: 10 } });
    const error = (await rejection(queue.result(job, 10_000))) as RuntimeError;
    expect(error).toBeInstanceOf(MLRuntimeError);
    expect(error.value).toEqual({ why: "boom" });
    expect(error.mlStack[0]).toMatchObject({ file: "rules.ml", function: "fail" });
    const stored = (await queue.queue.getJob(job.id!))!;
    expect(stored.attemptsMade).toBe(1);
    const reason = JSON.parse(stored.failedReason) as { mlType: string; message: string; mlStack: unknown[] };
    expect(reason.mlType).toBe(error.mlType);
    expect(reason.message).toBe(error.mlMessage);
    expect(reason.mlStack).toHaveLength(error.mlStack.length);
  });

  it("a runaway job fails with LimitError, and the worker keeps serving", async () => {
    const job = await queue.add(rules, "spin", [], { attempts: 2 });
    const error = (await rejection(queue.result(job, 15_000))) as RuntimeError;
    expect(error.mlType).toBe("LimitError");
    expect(error.message).toMatch(/time limit/);
    expect((await queue.queue.getJob(job.id!))!.attemptsMade).toBe(1);
    const next = await Promise.all([1, 2, 3].map(async (i) => queue.result(await queue.add(rules, "add", [i, i]), 10_000)));
    expect(next).toEqual([2, 4, 6]);
  });

  it("refuses bad calls when they are added", async () => {
    await expect(queue.add("0".repeat(64), "add", [1, 2])).rejects.toThrow(/no program 0{64} in queue 'rules' \(publish it/);
    await expect(queue.add("not-an-id", "add")).rejects.toThrow(/is not a program id/);
    await expect(queue.add(rules, "add", [() => 1])).rejects.toThrow(/a function cannot cross/);
    await expect(queue.add(rules, "now", [], { capabilities: ["datetime.nwo"] })).rejects.toThrow(/unknown capability 'datetime.nwo' \(did you mean 'datetime.now'\?\)/);
  });

  it("a job whose program is gone, or has no such function, fails with a clear error", async () => {
    const gone = await queue.publish("function f() { return 1; }");
    const client = await queue.queue.getBackend().client;
    await client.del(`bull:rules:mljs:program:${gone}`); // deleted behind the queue's back, before any worker fetched it
    const job = await queue.add(gone, "f", [], { attempts: 3 });
    const error = await rejection(queue.result(job, 10_000));
    expect(error).toBeInstanceOf(MLJobFailedError);
    expect(error.message).toBe(
      `unknown program ${gone}: nothing is published under this id in queue 'rules' (publish the source with MLQueue.publish before adding jobs for it; or it was deleted from Redis)`,
    );
    expect((await queue.queue.getJob(job.id!))!.attemptsMade).toBe(1);
    const missing = (await rejection(queue.result(await queue.add(rules, "nope"), 10_000))) as InstanceType<typeof MLJobFailedError>;
    expect(missing).toBeInstanceOf(MLJobFailedError);
    expect(missing.message).toBe(`program ${rules.slice(0, 12)}… (rules.ml) has no exported function 'nope' (it exports: add, now, shift, caps, clock, fail, spin, next)`);
    expect(missing.jobId).toBeTypeOf("string");
  });

  it("a result whose event never arrives is found by checking Redis", async () => {
    const deaf = new EventEmitter() as unknown as ConstructorParameters<typeof ResultWaiters>[1]; // a listener that hears nothing
    const waiters = new ResultWaiters(queue.queue, deaf);
    const job = await queue.add(rules, "add", [20, 22], { delay: 300 }); // not finished at the first check
    const started = performance.now();
    expect(await waiters.wait(job.id!, new AbortController().signal)).toEqual({ ok: true, value: 42 });
    expect(performance.now() - started).toBeGreaterThan(300);
    const failing = await queue.add(rules, "fail", [0], { delay: 300 });
    const outcome = await waiters.wait(failing.id!, new AbortController().signal);
    expect(outcome.ok).toBe(false);
    const reason = JSON.parse((outcome as { reason: string }).reason) as { mlStack: unknown[]; value: unknown };
    expect(reason.value).toEqual({ k: "object", e: ["why", "boom"] }); // the thrown value, in the codec's form
    expect(reason.mlStack.length).toBeGreaterThan(0);
    waiters.close("test over");
  });

  it("a job not added by MLQueue.add, or with malformed arguments, fails at once saying so", async () => {
    const foreign = await queue.queue.add("x", { hello: 1 } as never, { attempts: 3 });
    await expect(queue.result(foreign, 10_000)).rejects.toThrow(`job ${foreign.id}: the job was not added by MLQueue.add (its data has no mljs: 1)`);
    const bad = await queue.queue.add("add", { mljs: 1, program: rules, entry: "add", args: { k: "bogus" }, capabilities: [] } as never, { attempts: 3 });
    await expect(queue.result(bad, 10_000)).rejects.toThrow(/its arguments cannot be decoded \(malformed sandbox message: unknown node "bogus"\)/);
    expect((await queue.queue.getJob(bad.id!))!.attemptsMade).toBe(1);
  });

  it("result() gives up after its timeout with a message saying so", async () => {
    const idle = await queue.publish("function f() { return 1; }\n// idle");
    const delayed = await queue.add(idle, "f", [], { delay: 60_000 });
    await expect(queue.result(delayed, 200)).rejects.toThrow(`MLQueue.result: job ${delayed.id} did not finish within 200 ms (it may still be waiting or running)`);
    await delayed.remove();
  });
});

describe("capabilities: the job asks, the worker's policy grants", () => {
  it("a job asking for a capability the policy does not grant fails with CapabilityError before it runs", async () => {
    const job = await queue.add(rules, "clock", [], { tenant: "globex", capabilities: ["datetime.now"], attempts: 3 });
    const error = (await rejection(queue.result(job, 10_000))) as RuntimeError;
    expect(error).toBeInstanceOf(MLRuntimeError);
    expect(error.mlType).toBe("CapabilityError");
    expect(error.mlMessage).toBe("the job asks for capability 'datetime.now', which this worker's policy does not grant (it grants this job nothing)");
    expect((await queue.queue.getJob(job.id!))!.attemptsMade).toBe(1);
  });

  it("a grant is never more than the request: a job that asked for nothing gets nothing", async () => {
    const error = (await rejection(queue.result(await queue.add(rules, "clock", [], { tenant: "acme" }), 10_000))) as RuntimeError;
    expect(error.mlType).toBe("CapabilityError");
    expect(error.mlStack[0]).toMatchObject({ file: "rules.ml", function: "clock" }); // raised by the ML code's own check
    expect(await queue.result(await queue.add(rules, "caps", [], { tenant: "acme" }), 10_000)).toEqual([]);
  });

  it("two tenants' jobs interleaved on one worker each see only their own grants", async () => {
    const jobs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? queue.add(rules, "caps", [], { tenant: "acme", capabilities: ["datetime.now"] })
          : queue.add(rules, "caps", [], { tenant: "globex", capabilities: ["random.generate"] }),
      ),
    );
    const seen = await Promise.all(jobs.map((job) => queue.result(job, 15_000)));
    seen.forEach((caps, i) => expect(caps).toEqual(i % 2 === 0 ? ["datetime.now"] : ["random.generate"]));
  });

  it("each tenant has its own instance of a program: top-level state is never shared between tenants", async () => {
    const fetches = worker.stats.programFetches;
    const run = async (tenant: string) => queue.result(await queue.add(rules, "next", [], { tenant }), 10_000);
    expect([await run("acme"), await run("acme"), await run("acme")]).toEqual([1, 2, 3]);
    expect([await run("globex"), await run("globex")]).toEqual([1, 2]);
    expect(await run("acme")).toBe(4);
    expect(worker.stats.programFetches).toBe(fetches); // the source was read once, before; each tenant loaded it
  });

  it("policyGrants keeps the policy's patterns and grants only what is requested", () => {
    const policy = policyGrants(["datetime.now", capability("file.read", { resources: ["/srv/data/**"] })]);
    const job = (capabilities: string[]) => ({ data: { capabilities } }) as unknown as MLJob;
    expect(policy(job(["file.read"])).map((t) => [t.name, t.resources])).toEqual([["file.read", ["/srv/data/**"]]]);
    expect(policy(job(["env.read"]))).toEqual([]);
    expect(policy(job([]))).toEqual([]);
  });
});

describe("MLWorker: programs", () => {
  it("fetches a program from Redis once per worker, however many jobs use it", async () => {
    const name = "once";
    const q = new MLQueue(name, { connection: redis.connection });
    const w = new MLWorker(name, { connection: redis.connection, concurrency: 4, sandbox: { poolSize: 1 } });
    try {
      const a = await q.publish("function sq(x) { return x * x; }");
      const b = await q.publish("function half(x) { return x / 2; }");
      const jobs = await Promise.all(Array.from({ length: 60 }, (_, i) => q.add(i % 3 === 0 ? b : a, i % 3 === 0 ? "half" : "sq", [i])));
      const results = await Promise.all(jobs.map((job) => q.result(job, 15_000)));
      results.forEach((r, i) => expect(r).toBe(i % 3 === 0 ? i / 2 : i * i));
      expect(w.stats).toEqual({ programFetches: 2, programLoads: 2, completed: 60, failed: 0 });
    } finally {
      await w.close();
      await q.close();
    }
  });

  it("unloads the least recently used program past maxPrograms, and fetches it again when needed", async () => {
    const name = "lru";
    const q = new MLQueue(name, { connection: redis.connection });
    const w = new MLWorker(name, { connection: redis.connection, concurrency: 1, maxPrograms: 1, sandbox: { poolSize: 1 } });
    try {
      const a = await q.publish("function f() { return \"a\"; }");
      const b = await q.publish("function f() { return \"b\"; }");
      for (const id of [a, a, b, a]) await q.result(await q.add(id, "f"), 10_000);
      expect(w.stats.programFetches).toBe(3); // a, b (a unloaded), a again
    } finally {
      await w.close();
      await q.close();
    }
  });

  it("loads by name as the package subpath mljs-lang/bullmq", () => {
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", "const m = await import(\"mljs-lang/bullmq\"); console.log(Object.keys(m).sort().join(\" \"));"], { cwd: root, encoding: "utf8" });
    expect(out.trim()).toBe("MLJobFailedError MLQueue MLWorker policyGrants programId");
  });

  it("reports the queue's connection errors to onError, keeps trying, and result() still times out", async () => {
    const errors: Error[] = [];
    const q = new MLQueue("down", { connection: { host: "127.0.0.1", port: await freePort() }, onError: (e) => errors.push(e) });
    for (let i = 0; i < 200 && errors.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    // The timeout of result() covers its Redis round trips, which wait while Redis is down.
    const started = performance.now();
    await expect(q.result("1", 300)).rejects.toThrow("MLQueue.result: job 1 did not finish within 300 ms (it may still be waiting or running)");
    expect(performance.now() - started).toBeLessThan(2000);
    await q.close();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]!.message).toMatch(/ECONNREFUSED/);
  });

  it("refuses options it cannot honour", () => {
    expect(() => new MLWorker("x", { connection: redis.connection, concurrency: 0 })).toThrow(/concurrency must be an integer >= 1/);
    expect(() => new MLWorker("x", {} as never)).toThrow(/the Redis connection is required/);
    expect(() => new MLQueue("", { connection: redis.connection })).toThrow(/queue name must be a non-empty string/);
  });
});
