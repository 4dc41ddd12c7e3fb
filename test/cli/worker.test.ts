// `mljs worker`: the built CLI as a worker process on a real redis-server (run `npm run build` first).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MLRuntimeError } from "../../dist/index.js";
import { MLQueue } from "../../dist/integrations/bullmq/index.js";
import { startRedis, type TestRedis } from "../integrations/bullmq/redis.js";
import { mljs, root, scratchDir } from "./helpers.js";

const BIN = join(root, "bin", "mljs.cjs");

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
/** Scratch directories of the tests, removed at the end. */
const dirs: string[] = [];
afterAll(async () => {
  await redis?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("mljs worker", () => {
  it("serves a queue with its --allow policy, and on SIGTERM finishes the job in progress and exits 0", async () => {
    const queue = new MLQueue("cli", { connection: redis.connection });
    const dir = scratchDir("worker-files-");
    dirs.push(dir);
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", "a.txt"), "inside");
    writeFileSync(join(dir, "b.txt"), "outside");
    const scope = `file.read=${join(dir, "in")}/**`;
    const child = spawn(process.execPath, [BIN, "worker", "--redis", redis.url, "--queue", "cli", "--concurrency", "2", "--pool", "1", "--timeout", "20000", "--allow", "random.generate", "--allow", scope], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const id = await queue.publish({
        source: "import random;\nimport file;\nfunction read(p) { return file.read(p); }\nfunction count(n) { i = 0; while (i < n) { i = i + 1; } return i; }\nfunction caps() { return getCapabilities(); }\nfunction clock() { return 1; }\n",
        filename: "cli.ml",
      });
      expect(await queue.result(await queue.add(id, "caps", [], { capabilities: ["random.generate"] }), 20_000)).toEqual(["random.generate"]);
      expect(stderr).toContain(`mljs worker: serving queue 'cli' on ${redis.url}`);
      expect(stderr).toContain(`grants on request: random.generate ${scope}`);
      // A scoped grant keeps its pattern: inside it the read works, outside it is refused.
      expect(await queue.result(await queue.add(id, "read", [join(dir, "in", "a.txt")], { capabilities: ["file.read"] }), 20_000)).toBe("inside");
      const outside = await queue.result(await queue.add(id, "read", [join(dir, "b.txt")], { capabilities: ["file.read"] }), 20_000).catch((e: unknown) => e);
      expect((outside as InstanceType<typeof MLRuntimeError>).mlType).toBe("CapabilityError");
      expect((outside as InstanceType<typeof MLRuntimeError>).mlMessage).toContain("matches none of the granted patterns");
      const refused = await queue.result(await queue.add(id, "clock", [], { capabilities: ["datetime.now"] }), 20_000).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MLRuntimeError);
      expect((refused as InstanceType<typeof MLRuntimeError>).mlType).toBe("CapabilityError");

      // A long job: SIGTERM once it is running; it still completes, and the worker exits 0.
      const long = await queue.add(id, "count", [100_000_000]);
      for (let i = 0; i < 1500 && (await long.getState()) !== "active"; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await long.getState()).toBe("active");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(await long.getState()).toBe("completed");
      expect(await queue.result(long, 1000)).toBe(100_000_000);
      expect(stderr).toContain("mljs worker: SIGTERM: finishing the jobs in progress, taking no new ones");
      expect(stderr).toContain("mljs worker: stopped (3 jobs completed, 2 failed)");
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await queue.close();
    }
  }, 60_000);

  it("reports usage errors with exit code 64", () => {
    const dir = scratchDir("worker-");
    dirs.push(dir);
    const missing = mljs(dir, ["worker", "--queue", "q"]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain("mljs worker needs --redis URL");
    expect(missing.stderr).toContain("mljs help worker");
    const scheme = mljs(dir, ["worker", "--redis", "http://127.0.0.1:1", "--queue", "q"]);
    expect(scheme.code).toBe(64);
    expect(scheme.stderr).toContain("--redis expects a redis:// or rediss:// URL");
    const concurrency = mljs(dir, ["worker", "--redis", redis.url, "--queue", "q", "--concurrency", "0"]);
    expect(concurrency.code).toBe(64);
    expect(concurrency.stderr).toContain("--concurrency expects a whole number >= 1");
    const pool = mljs(dir, ["worker", "--redis", redis.url, "--queue", "q", "--pool", "1.5"]);
    expect(pool.code).toBe(64);
    expect(pool.stderr).toContain("--pool expects a whole number >= 1");
    const memory = mljs(dir, ["worker", "--redis", redis.url, "--queue", "q", "--memory", "8"]);
    expect(memory.code).toBe(64);
    expect(memory.stderr).toContain("--memory must be at least 32");
    const help = mljs(dir, ["worker", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: mljs worker --redis URL --queue NAME [options]");
  });
});
