// mljs-lang/bullmq against jobs and programs a buggy or hostile producer wrote into Redis, and
// worker policies that misbehave: each job fails with a clear, bounded error, none is retried
// when retrying cannot help, and the worker keeps serving. Uses the built package: run
// `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MLRuntimeError } from "../../../dist/index.js";
import { MLJobFailedError, MLQueue, MLWorker, programId, type MLJob } from "../../../dist/integrations/bullmq/index.js";
import type { TestRedis } from "./redis.js";
import { rejection, startRig, type Rig } from "./helpers.js";

type RuntimeError = InstanceType<typeof MLRuntimeError>;

let redis: TestRedis;
let queue: MLQueue;
let worker: MLWorker;
let rig: Rig;

beforeAll(async () => {
  rig = await startRig("hostile", {
    concurrency: 2,
    maxSourceBytes: 64 * 1024,
    sandbox: { poolSize: 1, timeoutMs: 2000, memoryMb: 32 }, // arguments of at most 32 MiB / 16 = 2 097 152 units
    // A policy that fails for some jobs: a lookup that throws, a function returning garbage.
    capabilitiesFor: (job: MLJob) => {
      if (job.data.tenant === "down") throw new Error("policy store unreachable");
      if (job.data.tenant === "garbage") return 42 as never;
      return [];
    },
  });
  ({ redis, queue, worker } = rig);
}, 30_000);

afterAll(async () => {
  await rig?.stop();
});

/** Writes a program into Redis as a producer that skips MLQueue.publish would. */
async function plant(source: string, filename: string): Promise<string> {
  const id = programId(source);
  const client = await queue.queue.getBackend().client;
  await client.hset(`bull:hostile:mljs:program:${id}`, { source, filename });
  return id;
}

describe("hostile or broken input", () => {
  it("a program source over maxSourceBytes fails its job, not retried, without being read", async () => {
    const id = await plant(`function f() { return 1; }\n// ${"x".repeat(70_000)}\n`, "big.ml");
    const fetches = worker.stats.programFetches;
    const job = await queue.add(id, "f", [], { attempts: 3 });
    const error = await rejection(queue.result(job, 10_000));
    expect(error).toBeInstanceOf(MLJobFailedError);
    expect(error.message).toMatch(new RegExp(`^program ${id}: its source is 7\\d{4} bytes, more than this worker's maxSourceBytes \\(65536\\)$`));
    expect((await queue.queue.getJob(job.id!))!.attemptsMade).toBe(1);
    expect(worker.stats.programFetches).toBe(fetches + 1);
  });

  it("entry names that are Object.prototype's members are not functions of the program", async () => {
    const id = await queue.publish("function f() { return 1; }\n");
    for (const entry of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const error = await rejection(queue.result(await queue.add(id, entry), 10_000));
      expect(error).toBeInstanceOf(MLJobFailedError);
      expect(error.message).toContain(`has no exported function '${entry}' (it exports: f)`);
    }
  });

  it("job data with oversized names or request lists fails at once, not retried", async () => {
    const id = await queue.publish("function f() { return 1; }\n");
    const planted = async (fields: object, reason: string) => {
      const job = await queue.queue.add("f", { mljs: 1, program: id, entry: "f", args: [], capabilities: [], ...fields } as never, { attempts: 3 });
      const error = await rejection(queue.result(job, 10_000));
      expect(error).toBeInstanceOf(MLJobFailedError);
      expect(error.message).toBe(`job ${job.id}: ${reason}`);
      expect((await queue.queue.getJob(job.id!))!.attemptsMade).toBe(1);
    };
    await planted({ entry: "f".repeat(100_000) }, "the job's entry name is longer than 256 characters");
    await planted({ tenant: "t".repeat(100_000) }, "the job's tenant is not a string of at most 256 characters");
    await planted({ capabilities: Array.from({ length: 10_000 }, (_, i) => `cap${i}`) }, "the job asks for more than 64 capabilities");
    await expect(queue.add(id, "f", [], { tenant: "t".repeat(300) })).rejects.toThrow("MLQueue.add: options.tenant must be a string of at most 256 characters");
  });

  it("a job exhausting its sandbox's memory fails with LimitError, not retried, and the worker keeps serving", async () => {
    const q = new MLQueue("hog", { connection: redis.connection });
    const w = new MLWorker("hog", { connection: redis.connection, sandbox: { poolSize: 1, memoryMb: 64, timeoutMs: 10_000, limits: { maxArrayLength: 1e9 } } });
    try {
      const id = await q.publish('function hog() { a = []; while (true) { a.append([0] * 100000); } }\nfunction ok() { return "still here"; }\n');
      const job = await q.add(id, "hog", [], { attempts: 3 });
      const error = (await rejection(q.result(job, 15_000))) as RuntimeError;
      expect(error).toBeInstanceOf(MLRuntimeError);
      expect(error.mlType).toBe("LimitError");
      expect(error.message).toMatch(/memory limit of 64 MB/);
      expect((await q.queue.getJob(job.id!))!.attemptsMade).toBe(1);
      expect(await q.result(await q.add(id, "ok"), 10_000)).toBe("still here");
    } finally {
      await w.close();
      await q.close();
    }
  }, 20_000);

  it("a huge error message is cut before it is written into Redis", async () => {
    const id = await queue.publish({ source: 'function f() { throw {"type": "ValueError", "message": "x" * 1000000}; }\n', filename: "loud.ml" });
    const job = await queue.add(id, "f");
    const error = (await rejection(queue.result(job, 10_000))) as RuntimeError;
    expect(error).toBeInstanceOf(MLRuntimeError);
    expect(error.mlType).toBe("ValueError");
    expect(error.mlMessage).toMatch(/^x{4096}… \(995904 more characters cut\)$/);
    const stored = (await queue.queue.getJob(job.id!))!;
    expect(stored.failedReason.length).toBeLessThan(10_000);
    expect((stored.stacktrace ?? []).join("").length).toBeLessThan(20_000);
  });

  it("a deep recursion's failure keeps at most 50 frames", async () => {
    const id = await queue.publish('function down(n) { if (n == 0) { throw {"type": "ValueError", "message": "bottom"}; } return down(n - 1); }\n');
    const error = (await rejection(queue.result(await queue.add(id, "down", [500]), 10_000))) as RuntimeError;
    expect(error.mlMessage).toBe("bottom");
    expect(error.mlStack.length).toBeLessThanOrEqual(50);
    expect(error.mlStack[0]).toMatchObject({ function: "down" });
  });

  it("a planted file name is one short line in errors; it never names a file on the worker", async () => {
    const odd = await plant('function f() { return 1 / 0; }\n', "../../etc/evil\nname.ml");
    const oddError = (await rejection(queue.result(await queue.add(odd, "f"), 10_000))) as RuntimeError;
    expect(oddError.mlStack[0]!.file).toBe("../../etc/evil?name.ml");
    const long = await plant('function g() { return 1 / 0; }\n', "n".repeat(5000));
    const longError = (await rejection(queue.result(await queue.add(long, "g"), 10_000))) as RuntimeError;
    expect(longError.mlStack[0]!.file).toBe("<job>");
  });

  it("arguments nested deeper than the sandbox carries fail the job, not retried", async () => {
    const id = await queue.publish("function f(x) { return 1; }\n");
    let deep: unknown = [];
    for (let i = 0; i < 5000; i++) deep = [deep];
    const job = await queue.queue.add("f", { mljs: 1, program: id, entry: "f", args: [deep], capabilities: [] } as never, { attempts: 3 });
    const error = await rejection(queue.result(job, 10_000));
    expect(error).toBeInstanceOf(MLJobFailedError);
    expect(error.message).toMatch(/^job \d+: its arguments cannot cross into the sandbox \(args.*: data nested more than 500 levels deep/);
    expect((await queue.queue.getJob(job.id!))!.attemptsMade).toBe(1);
  });

  it("arguments heavier than the worker's sandbox takes fail the job before they are decoded, not retried", async () => {
    const id = await queue.publish("function size(s) { return len(s); }\n");
    expect(await queue.result(await queue.add(id, "size", ["x".repeat(2_000_000)]), 10_000)).toBe(2_000_000);
    const job = await queue.add(id, "size", ["x".repeat(2_100_000)], { attempts: 3 });
    const error = await rejection(queue.result(job, 10_000));
    expect(error).toBeInstanceOf(MLJobFailedError);
    expect(error.message).toBe(`job ${job.id}: its arguments are larger than this worker's sandbox takes (more than 2097152 units; the sandbox's memoryMb sets it)`);
    expect((await queue.queue.getJob(job.id!))!.attemptsMade).toBe(1);
  });

  it("a policy that throws or returns garbage fails the attempt saying so, grants nothing, and the worker keeps serving", async () => {
    const id = await queue.publish("function caps() { return getCapabilities(); }\n");
    const down = await rejection(queue.result(await queue.add(id, "caps", [], { tenant: "down" }), 10_000));
    expect(down).toBeInstanceOf(MLJobFailedError);
    expect(down.message).toMatch(/^job \d+: the worker's capabilitiesFor\(job\) threw: policy store unreachable$/);
    const garbage = await rejection(queue.result(await queue.add(id, "caps", [], { tenant: "garbage" }), 10_000));
    expect(garbage).toBeInstanceOf(MLJobFailedError);
    expect(garbage.message).toMatch(/the worker's capabilitiesFor\(job\) returned no valid grants \(capabilities must be an array/);
    expect(await queue.result(await queue.add(id, "caps"), 10_000)).toEqual([]);
  });
});

describe("MLWorker: programs in use", () => {
  it("past maxPrograms, a program a job is using is never unloaded, nor the one just loaded for a job", async () => {
    const name = "busy";
    const q = new MLQueue(name, { connection: redis.connection });
    const w = new MLWorker(name, { connection: redis.connection, concurrency: 2, maxPrograms: 1, sandbox: { poolSize: 1 } });
    try {
      const work = "function work(n) { i = 0; while (i < n) { i = i + 1; } return i; }\n";
      const [a, b] = [await q.publish(work + "// a\n"), await q.publish(work + "// b\n")];
      const jobs = await Promise.all([q.add(a, "work", [300_000]), q.add(b, "work", [300_000]), q.add(a, "work", [1]), q.add(b, "work", [2])]);
      expect(await Promise.all(jobs.map((job) => q.result(job, 15_000)))).toEqual([300_000, 300_000, 1, 2]);
      expect(w.stats.failed).toBe(0);
    } finally {
      await w.close();
      await q.close();
    }
  });
});
