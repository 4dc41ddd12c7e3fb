// Memory attacks on the sandbox, each run by a host in a child process of this test
// (fixtures/sandbox-host.mjs, with a small heap of its own), so a crash of the host is observed
// here instead of ending the test runner: every attack must end with a LimitError while the host
// process survives and runs the next program. Needs the built package (`npm run build`).
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readlinkSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const HOST = fileURLToPath(new URL("./fixtures/sandbox-host.mjs", import.meta.url));
/** The host process's own heap limit: far below what any refused value would take in it. */
const HOST_HEAP_MB = 64;

interface Outcome {
  index: number;
  ok: boolean;
  value?: unknown;
  type?: string;
  message?: string;
  ms: number;
  hostHeapMb: number;
}

interface HostRun {
  code: number | null;
  signal: string | null;
  outcomes: Outcome[];
  stderr: string;
}

/** Runs `source` (then `x = 1;`) in a Sandbox of a fresh host process; resolves to what it reported. */
function attack(source: string, options: Record<string, unknown>, entry?: string): Promise<HostRun> {
  return host({ options: { poolSize: 1, timeoutMs: 20_000, ...options }, runs: [{ source, entry }, { source: "x = 1;" }] });
}

/**
 * Runs a plan (see fixtures/sandbox-host.mjs) in a fresh host process (in `cwd`, its workers too),
 * with at most `maxFds` open file descriptors when given (through the shell's `ulimit -n`).
 */
async function host(plan: object, cwd?: string, maxFds?: number): Promise<HostRun> {
  const node = [process.execPath, `--max-old-space-size=${HOST_HEAP_MB}`, HOST, JSON.stringify(plan)];
  const [command, args] = maxFds === undefined ? [node[0]!, node.slice(1)] : ["/bin/sh", ["-c", `ulimit -n ${maxFds} && exec "$@"`, "sh", ...node]];
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd,
      timeout: 25_000,
      killSignal: "SIGKILL",
      maxBuffer: 1024 * 1024,
    });
    return { code: 0, signal: null, outcomes: lines(stdout), stderr };
  } catch (e) {
    const failed = e as { code?: number | null; signal?: string | null; stdout?: string; stderr?: string };
    return { code: failed.code ?? null, signal: failed.signal ?? null, outcomes: lines(failed.stdout ?? ""), stderr: (failed.stderr ?? "").slice(0, 2000) };
  }
}

function lines(stdout: string): Outcome[] {
  return stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Outcome);
}

/** The host survived, the attack ended with a LimitError matching `message` within `withinMs`, and the next run worked. */
function expectContained(run: HostRun, message: RegExp, withinMs: number): void {
  expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: "" });
  expect(run.outcomes).toHaveLength(2);
  const [attacked, next] = run.outcomes as [Outcome, Outcome];
  expect(attacked).toMatchObject({ ok: false, type: "LimitError", message: expect.stringMatching(message) });
  expect(attacked.ms).toBeLessThan(withinMs);
  expect(next).toMatchObject({ ok: true, value: { x: 1 } });
}

const MEMORY_32 = /^sandbox run exceeded its memory limit of 32 MB and was stopped$/;

describe("Sandbox memory attacks (each in a host process of its own)", () => {
  it("one allocation past the heap (the issue's range example, default 128 MB) is refused before it happens", async () => {
    const run = await attack("a = range(10000000); b = range(10000000);", {});
    expectContained(run, /^array length limit exceeded \(max 2097152\)/, 10_000);
  });

  it("object growth past the heap (V8 aborts the process: here only the worker's) ends with a memory LimitError", async () => {
    const run = await attack("o = {}; i = 0; while (true) { o[str(i)] = i; i = i + 1; }", { memoryMb: 32 });
    expectContained(run, MEMORY_32, 15_000);
  });

  it("large arrays kept until the heap is full end with a memory LimitError", async () => {
    const run = await attack("a = []; while (true) { a.append(range(500000)); }", { memoryMb: 32 });
    expectContained(run, MEMORY_32, 15_000);
  });

  it("building large strings (copied by case mapping) until the heap is full ends with a memory LimitError", async () => {
    const run = await attack('parts = []; s = "x" * 1000000; while (true) { parts.append((s + str(len(parts))).upper()); }', { memoryMb: 32 });
    expectContained(run, MEMORY_32, 15_000);
  });

  it("json.parse results kept until the heap is full end with a memory LimitError", async () => {
    const run = await attack("import json; t = json.stringify(range(200000)); keep = []; while (true) { keep.append(json.parse(t)); }", { memoryMb: 32 });
    expectContained(run, MEMORY_32, 15_000);
  });

  it("a string doubled in a loop is refused at the size memoryMb allows", async () => {
    const run = await attack('s = "ab"; while (true) { s = s + s; }', { memoryMb: 32 });
    expectContained(run, /^string length limit exceeded \(max 2097152\)/, 10_000);
  });

  it("a result [s] * n holding one large string is refused in the worker; the host heap never holds it", async () => {
    // 100 references to a 4 MB string: 400 M code units once copied, against a 64 MB host heap.
    const run = await attack('function main() { s = "x" * 4000000; return [s] * 100; }', {}, "main");
    expectContained(run, /too large to cross to the host: more than 8388608 units.*\(maxResultSize 8388608\)$/, 10_000);
    expect(run.outcomes[0]!.hostHeapMb).toBeLessThan(32);
  });

  it("the same value as the program's exports is refused", async () => {
    const run = await attack('s = "x" * 4000000; a = [s] * 100;', {});
    expectContained(run, /too large to cross to the host: more than 8388608 units/, 10_000);
  });

  it("a result of many references to one regex match over a large text is refused: each carries the text once encoded", async () => {
    // A Match counts one unit where the value is measured, but crosses with its whole text, so
    // 100 references to a match over a 4 MB text are 400 M code units in the host's heap.
    const run = await attack('import regex; function main() { s = "x" * 4000000; m = regex.search("x", s); return [m] * 100; }', {}, "main");
    expectContained(run, /^result too large to cross to the host: more than 8388608 units once encoded.*\(maxResultSize 8388608\)$/, 10_000);
    expect(run.outcomes[0]!.hostHeapMb).toBeLessThan(32);
  });

  it("the same value thrown is refused as the in-process boundary refuses it", async () => {
    const run = await attack('function main() { s = "x" * 4000000; throw {"type": "ValueError", "message": "big", "data": [s] * 100}; }', {}, "main");
    expectContained(run, /too large to cross to the host: more than 8388608 units/, 10_000);
    expect(run.outcomes[0]!.hostHeapMb).toBeLessThan(32);
  });
});

describe("Sandbox worker processes", () => {
  it("a worker aborting on a fatal out-of-memory ends only its own process: a run on the other worker goes on", async () => {
    // The second run loops until its in-worker time limit (5 s) stops it: its process must still
    // be alive then, long after the first one's process aborted (1–2 s).
    const run = await host({
      options: { poolSize: 2, memoryMb: 32, timeoutMs: 20_000, limits: { timeMs: 5000 } },
      parallel: true,
      runs: [{ source: "o = {}; i = 0; while (true) { o[str(i)] = i; i = i + 1; }" }, { source: "n = 0; while (true) { n = n + 1; }" }],
    });
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    const [aborted, survivor] = [...run.outcomes].sort((a, b) => a.index - b.index) as [Outcome, Outcome];
    expect(aborted).toMatchObject({ ok: false, type: "LimitError", message: expect.stringMatching(MEMORY_32) });
    expect(survivor).toMatchObject({ ok: false, type: "LimitError", message: "time limit exceeded (5000 ms)" });
    expect(aborted.ms).toBeLessThan(survivor.ms);
  });

  it.runIf(process.platform === "linux")("a worker that ends while the host has no file descriptor left is not replaced, and the host goes on", async () => {
    // Replacing the ended worker fails (EMFILE): that must neither throw in the pool's event
    // handlers (ending the host) nor leave a run waiting; the next run starts a process again.
    const run = await host(
      {
        options: { poolSize: 1, memoryMb: 32, timeoutMs: 20_000 },
        runs: [
          { source: "w = 0;" },
          { source: "o = {}; i = 0; while (true) { o[str(i)] = i; i = i + 1; }", exhaustFds: true },
          { source: "y = 2;", exhaustFds: true },
          { source: "x = 1;" },
        ],
      },
      undefined,
      256,
    );
    expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ code: 0, signal: null, stderr: "" });
    expect(run.outcomes).toMatchObject([
      { ok: true, value: { w: 0 } },
      { ok: false, type: "LimitError", message: expect.stringMatching(MEMORY_32) },
      { ok: false, type: "Error", message: expect.stringMatching(/^could not start a sandbox worker process: .*EMFILE/) },
      { ok: true, value: { x: 1 } },
    ]);
  });

  it("a host that never calls close() still exits: idle worker processes do not keep it alive, and they end with it", async () => {
    const started = performance.now();
    const run = await host({ options: { poolSize: 2 }, close: false, runs: [{ source: "x = 1;" }, { source: "y = 2;" }] });
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    expect(run.outcomes.map((o) => o.value)).toEqual([{ x: 1 }, { y: 2 }]);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it.runIf(process.platform === "linux")("a worker whose host was killed mid-run stops by itself within timeoutMs + 1 s, even with timeMs: Infinity", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mljs-orphan-"));
    // Worker processes run in the host's working directory: find them by it.
    const workersIn = (cwd: string) =>
      readdirSync("/proc").filter((pid) => {
        if (!/^\d+$/.test(pid)) return false;
        try {
          return readlinkSync(`/proc/${pid}/cwd`) === cwd && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("sandbox/worker.js");
        } catch {
          return false; // ended meanwhile
        }
      });
    try {
      const run = await host({ options: { poolSize: 1, timeoutMs: 1000, limits: { timeMs: "Infinity" } }, killSelfAfterOutputMs: 200, runs: [{ source: 'print("looping"); while (true) { }' }] }, dir);
      expect(run.signal).toBe("SIGKILL");
      const killed = performance.now();
      expect(workersIn(dir)).toHaveLength(1); // the orphan is still spinning
      while (workersIn(dir).length > 0 && performance.now() - killed < 10_000) await new Promise((r) => setTimeout(r, 50));
      expect(workersIn(dir)).toEqual([]);
      // The run began about 200 ms before the kill and stops 2 s after it began: allow for load.
      expect(performance.now() - killed).toBeGreaterThan(1_000);
      expect(performance.now() - killed).toBeLessThan(5_000);
    } finally {
      for (const pid of workersIn(dir)) process.kill(Number(pid), "SIGKILL"); // a failed test leaves no orphan
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
