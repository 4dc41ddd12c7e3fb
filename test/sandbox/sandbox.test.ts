// The worker sandbox (HOST.md §7), through the built package: the pool loads dist/sandbox/worker.js.
// Run `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Temporal } from "temporal-polyfill";
import { KILL_GRACE_MS, Sandbox, sizeLimitsFor } from "../../dist/sandbox/index.js";
import { MLCompileError, MLRuntimeError, capability, withCapabilities } from "../../dist/index.js";
import { DateTime, TimeDelta } from "../../dist/stdlib/datetime.js";
import { Pattern } from "../../dist/stdlib/regex.js";

/** The error `running` rejects with (fails the test if it resolves). */
async function rejection(running: Promise<unknown>): Promise<Error> {
  try {
    await running;
  } catch (e) {
    return e as Error;
  }
  throw new Error("the run did not fail");
}

/** The rejection of `running` and how long it took. */
async function timedRejection(running: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const start = performance.now();
  const error = await rejection(running());
  return { error, ms: performance.now() - start };
}

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = new Sandbox({ poolSize: 2, timeoutMs: 5000 });
});
afterAll(() => sandbox.close());

describe("Sandbox: results and output", () => {
  it("resolves to what the entry returned, called with the given arguments", async () => {
    const value = await sandbox.run({ source: "function add(a, b) { return {\"sum\": a + b, \"list\": [a, b]}; }" }, { entry: "add", args: [2, 40] });
    expect(value).toEqual({ sum: 42, list: [2, 40] });
  });

  it("without an entry, resolves to the top-level bindings that are data (functions stay behind)", async () => {
    const value = await sandbox.run({ source: "import math; x = 1; f = fn(a) => a; box = {\"f\": f}; name = \"n\"; function g() { return 1; }" });
    expect(value).toEqual({ x: 1, name: "n" });
  });

  it("execute() collects stdout and stderr; sinks receive them as they come", async () => {
    const seen: string[] = [];
    const r = await sandbox.execute(
      { source: 'import console; print("one"); console.error("oops"); print("two"); function main() { print("in main"); return 7; }' },
      { entry: "main", stdout: (t) => seen.push(t) },
    );
    expect(r).toEqual({ value: 7, stdout: "one\ntwo\nin main\n", stderr: "oops\n" });
    expect(seen.join("")).toBe("one\ntwo\nin main\n");
  });

  it("round-trips plain values exactly, both ways (NaN, infinities, -0, lone surrogates, sharing)", async () => {
    const shared = { k: [1, 2] };
    const input = { nan: NaN, inf: Infinity, ninf: -Infinity, zero: -0, s: "a\ud800b", t: true, n: null, deep: [[[{ x: "y" }]]], a: shared, b: shared };
    const back = (await sandbox.run({ source: "function id(x) { return x; }" }, { entry: "id", args: [input] })) as typeof input;
    expect(back).toEqual(input);
    expect(Object.is(back.zero, -0)).toBe(true);
    expect(Number.isNaN(back.nan)).toBe(true);
    expect(back.a).toBe(back.b);
  });

  it("refuses a cyclic result with a LimitError (its expanded size is infinite), as the in-process boundary does", async () => {
    const e = await rejection(sandbox.run({ source: 'function main() { o = {"name": "loop"}; o["self"] = o; return o; }' }, { entry: "main" }));
    expect((e as InstanceType<typeof MLRuntimeError>).mlType).toBe("LimitError");
    expect(e.message).toMatch(/too large to cross to the host: it is cyclic \(maxResultSize \d+\)/);
  });

  it("revives stdlib values as instances of the host's classes, and sends them in as ML's", async () => {
    const value = (await sandbox.run(
      {
        source: `import datetime; import regex;
function main(d) { return {"next": d.addDays(1), "span": datetime.createDelta(1, 2), "re": regex.compile("a+b"), "iso": d.toISOString()}; }`,
      },
      { entry: "main", args: [new DateTime(Temporal.PlainDateTime.from("2024-02-28T12:00:00"), null)] },
    )) as { next: unknown; span: unknown; re: unknown; iso: string };
    expect(value.next).toBeInstanceOf(DateTime);
    expect(String(value.next)).toBe("2024-02-29T12:00:00");
    expect(value.span).toBeInstanceOf(TimeDelta);
    expect(String(value.span)).toBe("P1DT2H");
    expect(value.re).toBeInstanceOf(Pattern);
    expect((value.re as Pattern).pattern).toBe("a+b");
    expect(value.iso).toBe("2024-02-28T12:00:00");
  });

  it("passes input() lines, the args vector and the environment view explicitly", async () => {
    const r = await sandbox.execute(
      { source: 'import args; import env; name = input("name? "); rest = input(); a = args.rest(); home = env.get("HOME"); mine = env.get("MINE");' },
      { stdin: "Ada\n", argv: ["--x"], env: { MINE: "yes" }, capabilities: ["env.read", "args.read"] },
    );
    expect(r.value).toEqual({ name: "Ada", rest: null, a: ["--x"], home: null, mine: "yes" });
    expect(r.stdout).toBe("name? ");
  });
});

describe("Sandbox: errors", () => {
  it("an ML runtime error arrives as MLRuntimeError with type, message, stack and thrown value", async () => {
    const e = await rejection(
      sandbox.run({ source: 'function check(x) {\n  throw {"type": "ValueError", "message": "bad " + str(x), "code": 7};\n}\ncheck(3);', filename: "rules.ml" }),
    );
    expect(e).toBeInstanceOf(MLRuntimeError);
    const err = e as InstanceType<typeof MLRuntimeError>;
    expect([err.mlType, err.mlMessage]).toEqual(["ValueError", "bad 3"]);
    expect(err.mlStack.map((f) => [f.function, f.file, f.line])).toEqual([["check", "rules.ml", 2], ["<module>", "rules.ml", 4]]);
    // Frames cross as plain data and get their toString() back on the host side.
    expect(err.mlStack.map(String)).toEqual(["check (rules.ml:2:3)", "<module> (rules.ml:4:1)"]);
    expect(err.value).toEqual({ type: "ValueError", message: "bad 3", code: 7 });
  });

  it("a compile error arrives as MLCompileError with its diagnostics and code frame", async () => {
    const e = await rejection(sandbox.run({ source: "x = [1;\ny = undefinedName;", filename: "broken.ml" }));
    expect(e).toBeInstanceOf(MLCompileError);
    const diagnostics = (e as InstanceType<typeof MLCompileError>).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]).toMatchObject({ file: "broken.ml", severity: "error", loc: { start: { line: 1 } } });
    expect(e.message).toMatch(/broken\.ml:1:\d+/);
    expect(e.message).toContain("x = [1;");
  });

  it("a result that cannot cross is a TypeError naming where it sits; so are arguments", async () => {
    const e = await rejection(sandbox.run({ source: 'function main() { return {"cb": [fn(x) => x]}; }' }, { entry: "main" }));
    expect(e).toBeInstanceOf(MLRuntimeError);
    expect((e as InstanceType<typeof MLRuntimeError>).mlType).toBe("TypeError");
    expect(e.message).toMatch(/result\.cb\[0\]: a function cannot cross the sandbox boundary/);
    const a = await rejection(sandbox.run({ source: "function id(x) { return x; }" }, { entry: "id", args: [() => 1] }));
    expect(a).toBeInstanceOf(TypeError);
    expect(a.message).toMatch(/^args\[0\]: a function cannot cross/);
  });

  it("host mistakes are TypeErrors: a missing entry, a bad option; an unreadable file says so", async () => {
    const e = await rejection(sandbox.run({ source: "x = 1;", filename: "m.ml" }, { entry: "main" }));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("entry 'main' is not a function exported by m.ml");
    await expect(sandbox.run({ source: "x = 1;" }, { argv: [1 as never] })).rejects.toThrow(/argv must be an array of strings/);
    await expect(sandbox.run("/nonexistent/dir/nothing.ml")).rejects.toThrow(/^cannot read ML file/);
    expect(() => new Sandbox({ memoryMb: 0 })).toThrow(RangeError);
    expect(() => new Sandbox({ memoryMb: 8 })).toThrow(/memoryMb must be at least 32/); // too small to start a worker
    expect(() => new Sandbox({ poolSize: 1, minThreads: 2 })).toThrow(/minThreads/);
  });

  it("refuses a timeoutMs its timer cannot hold (Node runs a longer timer after 1 ms, killing every run at once)", async () => {
    expect(() => new Sandbox({ timeoutMs: 3e9 })).toThrow(/^timeoutMs must be at most 2147483597 ms, got 3000000000$/);
    const long = new Sandbox({ poolSize: 1, timeoutMs: 2_147_483_647 - KILL_GRACE_MS });
    try {
      expect(await long.run({ source: "i = 0; while (i < 300000) { i = i + 1; }" })).toEqual({ i: 300_000 });
    } finally {
      await long.close();
    }
  });
});

describe("Sandbox: isolation between runs", () => {
  it("no state survives from one run to the next (module variables, random seed, loggers)", async () => {
    const source = `import random; import log;
state = {"n": 0};
seedBefore = random.getSeed();
random.setSeed(42);
logger = log.createLogger("app");
debugBefore = logger.isDebug();
logger.setLevel("DEBUG");
function bump() { state["n"] = state["n"] + 1; return [state["n"], seedBefore, debugBefore, random.getSeed()]; }`;
    // Sequential runs on a pool of two: every worker serves several of them.
    for (let i = 0; i < 6; i++) {
      expect(await sandbox.run({ source }, { entry: "bump" })).toEqual([1, null, false, 42]);
    }
  });

  it("200 concurrent runs with different capabilities each see only their own", async () => {
    const source = `import env; import datetime;
function main(id, other) {
  mine = env.get("VAR_" + str(id));
  theirs = null;
  try { theirs = env.get("VAR_" + str(other)); } except (e) { theirs = e.type; }
  clock = null;
  try { clock = datetime.now(); } except (e) { clock = e.type; }
  return {"id": id, "caps": getCapabilities(), "mine": mine, "theirs": theirs, "clock": clock};
}`;
    const runs = Array.from({ length: 200 }, (_, id) => {
      const other = (id + 1) % 200;
      const grants = [capability("env.read", { resources: [`VAR_${id}`] }), ...(id % 2 === 0 ? ["datetime.now"] : [])];
      return sandbox.run({ source, filename: `run${id}.ml` }, {
        entry: "main",
        args: [id, other],
        capabilities: grants,
        env: { [`VAR_${id}`]: `value ${id}`, [`VAR_${other}`]: `value ${other}` },
      });
    });
    const results = (await Promise.all(runs)) as { id: number; caps: string[]; mine: string; theirs: unknown; clock: unknown }[];
    results.forEach((r, id) => {
      expect(r.id).toBe(id);
      expect(r.mine).toBe(`value ${id}`);
      expect(r.theirs).toBe("CapabilityError");
      expect(r.caps).toEqual(id % 2 === 0 ? ["datetime.now", "env.read"] : ["env.read"]);
      if (id % 2 === 0) expect(r.clock).toBeInstanceOf(DateTime);
      else expect(r.clock).toBe("CapabilityError");
    });
  });

  it("a run gets its own capabilities, else the sandbox's, else the current context's", async () => {
    const source = "function main() { return getCapabilities(); }";
    const withDefaults = new Sandbox({ poolSize: 1, capabilities: ["datetime.now"] });
    try {
      expect(await withDefaults.run({ source }, { entry: "main" })).toEqual(["datetime.now"]);
      expect(await withDefaults.run({ source }, { entry: "main", capabilities: ["env.read"] })).toEqual(["env.read"]);
    } finally {
      await withDefaults.close();
    }
    expect(await withCapabilities(["random.generate"], () => sandbox.run({ source }, { entry: "main" }))).toEqual(["random.generate"]);
    expect(await sandbox.run({ source }, { entry: "main" })).toEqual([]);
  });

  it("re-creates tokens with their resources in the worker, and counts their uses back in the host", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mljs-sandbox-"));
    try {
      mkdirSync(join(dir, "data"));
      writeFileSync(join(dir, "data", "a.txt"), "A");
      writeFileSync(join(dir, "secret.txt"), "S");
      const script = join(dir, "read.ml");
      writeFileSync(script, 'import file;\nfunction read(p) { try { return file.read(p); } except (e) { return e.type; } }');
      const token = capability("file.read", { resources: ["data/*.txt"], maxUses: 2 });
      const read = (p: string) => sandbox.run(script, { entry: "read", args: [p], capabilities: [token] });
      expect(await read("data/a.txt")).toBe("A");
      expect(await read("secret.txt")).toBe("CapabilityError");
      expect(token.uses).toBe(1); // the denied call did not use the grant
      expect(await read("data/a.txt")).toBe("A");
      expect(token.uses).toBe(2);
      expect(await read("data/a.txt")).toBe("CapabilityError"); // maxUses holds across runs
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Sandbox: host notes", () => {
  it("a missing file's resolved path crosses as the error's note", async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "mljs-sandbox-")));
    try {
      const script = join(dir, "missing.ml");
      writeFileSync(script, 'import file;\nx = file.read("data/none.json");');
      const e = await rejection(sandbox.run(script, { capabilities: [capability("file.read")] }));
      expect(e).toBeInstanceOf(MLRuntimeError);
      const err = e as InstanceType<typeof MLRuntimeError>;
      expect(err.mlMessage).toBe("File not found: data/none.json");
      expect(err.note).toBe(`resolved to ${join(dir, "data", "none.json")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Sandbox: limits", () => {
  const TIMEOUT = 300;

  it("an infinite loop is stopped by the in-worker time limit within timeout + 200 ms; the worker keeps serving", async () => {
    const timed = new Sandbox({ poolSize: 1, timeoutMs: TIMEOUT });
    try {
      await timed.run({ source: "x = 1;" }); // the worker is up
      const { error, ms } = await timedRejection(() => timed.run({ source: "while (true) { }" }));
      expect(error).toBeInstanceOf(MLRuntimeError);
      expect((error as InstanceType<typeof MLRuntimeError>).mlType).toBe("LimitError");
      expect(error.message).toMatch(/time limit/);
      expect(ms).toBeLessThan(TIMEOUT + 200);
      expect(await timed.run({ source: "y = 2;" })).toEqual({ y: 2 });
    } finally {
      await timed.close();
    }
  });

  it("a loop no in-worker limit stops is killed by the host within timeout + 200 ms; a new worker takes over", async () => {
    const hard = new Sandbox({ poolSize: 1, timeoutMs: TIMEOUT, limits: { timeMs: Infinity, steps: Infinity } });
    try {
      await hard.run({ source: "x = 1;" });
      const { error, ms } = await timedRejection(() => hard.run({ source: 'print("started"); while (true) { }' }));
      expect(error).toBeInstanceOf(MLRuntimeError);
      expect((error as InstanceType<typeof MLRuntimeError>).mlType).toBe("LimitError");
      expect((error as InstanceType<typeof MLRuntimeError>).mlMessage).toBe(`sandbox run exceeded its time limit of ${TIMEOUT} ms and was stopped`);
      expect(ms).toBeLessThan(TIMEOUT + 200);
      expect(await hard.run({ source: "y = 2;" })).toEqual({ y: 2 });
    } finally {
      await hard.close();
    }
  });

  it("output printed before a kill still reaches the host", async () => {
    const hard = new Sandbox({ poolSize: 1, timeoutMs: 200, limits: { timeMs: Infinity } });
    try {
      const seen: string[] = [];
      await rejection(hard.run({ source: 'print("started"); while (true) { }' }, { stdout: (t) => seen.push(t) }));
      expect(seen.join("")).toBe("started\n");
    } finally {
      await hard.close();
    }
  });

  it("the steps option limits each run inside the worker", async () => {
    const counted = new Sandbox({ poolSize: 1, steps: 1000 });
    try {
      const error = await rejection(counted.run({ source: "for (i in range(5000)) { }" }));
      expect((error as InstanceType<typeof MLRuntimeError>).mlMessage).toBe("step limit exceeded (1000 steps)");
      expect(await counted.run({ source: "for (i in range(500)) { }" })).toEqual({ i: 499 });
    } finally {
      await counted.close();
    }
  });

  it("output beyond maxOutputLength ends the run with a LimitError ML code cannot catch", async () => {
    const capped = new Sandbox({ poolSize: 1, maxOutputLength: 100 });
    try {
      const seen: string[] = [];
      const source = 'while (true) { try { print("0123456789"); } except (e) { print("caught"); } }';
      const error = await rejection(capped.run({ source }, { stdout: (t) => seen.push(t) }));
      expect((error as InstanceType<typeof MLRuntimeError>).mlType).toBe("LimitError");
      expect((error as InstanceType<typeof MLRuntimeError>).mlMessage).toBe("output limit exceeded (max 100 characters)");
      expect(seen.join("")).toBe("0123456789\n".repeat(9));
    } finally {
      await capped.close();
    }
  });

  it("time spent waiting for a worker does not count against a run", async () => {
    const one = new Sandbox({ poolSize: 1, timeoutMs: 600 });
    try {
      const busy = `import datetime;
t = datetime.now();
while (datetime.now().diff(t).totalSeconds() < 0.25) { }
done = true;`;
      // Three runs of 250 ms on one worker: the last one waits 500 ms, then runs well within 600.
      const results = await Promise.all([0, 1, 2].map(() => one.run({ source: busy }, { capabilities: ["datetime.now"] })));
      expect(results.map((r) => (r as { done: boolean }).done)).toEqual([true, true, true]);
    } finally {
      await one.close();
    }
  });

  it("a memory bomb is stopped with a LimitError about memory; the host is unaffected and the sandbox keeps serving", async () => {
    const small = new Sandbox({ poolSize: 1, memoryMb: 64, timeoutMs: 10_000, limits: { maxArrayLength: 1e9 } });
    try {
      const before = process.memoryUsage().heapUsed;
      const error = await rejection(small.run({ source: "a = []; while (true) { a.append([0] * 100000); }" }));
      expect(error).toBeInstanceOf(MLRuntimeError);
      expect((error as InstanceType<typeof MLRuntimeError>).mlType).toBe("LimitError");
      expect(error.message).toMatch(/memory limit of 64 MB/);
      expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
      expect(await small.run({ source: "ok = [0] * 1000; n = len(ok);" })).toMatchObject({ n: 1000 });
    } finally {
      await small.close();
    }
  });
});

describe("Sandbox: size limits from memoryMb", () => {
  it("derives maxStringLength, maxArrayLength and maxResultSize from the heap (1/16, 1/64, 1/16 of its bytes)", () => {
    expect(sizeLimitsFor(128)).toEqual({ maxStringLength: 8_388_608, maxArrayLength: 2_097_152, maxResultSize: 8_388_608 });
    expect(sizeLimitsFor(32)).toEqual({ maxStringLength: 2_097_152, maxArrayLength: 524_288, maxResultSize: 2_097_152 });
  });

  it("refuses a string or array one past the derived size before building it, and builds one at the size", async () => {
    const small = new Sandbox({ poolSize: 1, memoryMb: 32 });
    try {
      expect(await small.run({ source: 'n = len("é" * 2097152); m = len(range(524288));' })).toEqual({ n: 2_097_152, m: 524_288 });
      const s = await rejection(small.run({ source: 'x = "é" * 2097153;' }));
      expect((s as InstanceType<typeof MLRuntimeError>).mlMessage).toBe("string length limit exceeded (max 2097152)");
      const a = await rejection(small.run({ source: "x = [0] * 524289;" }));
      expect((a as InstanceType<typeof MLRuntimeError>).mlMessage).toBe("array length limit exceeded (max 524288)");
    } finally {
      await small.close();
    }
  });

  it("a smaller limit set by the host wins; a larger one is capped by memoryMb", async () => {
    const mixed = new Sandbox({ poolSize: 1, memoryMb: 32, limits: { maxArrayLength: 10, maxStringLength: 1e9, maxResultSize: 100 } });
    try {
      const a = await rejection(mixed.run({ source: "x = [0] * 11;" }));
      expect((a as InstanceType<typeof MLRuntimeError>).mlMessage, String(a)).toBe("array length limit exceeded (max 10)");
      const s = await rejection(mixed.run({ source: 'x = "a" * 2097153;' }));
      expect((s as InstanceType<typeof MLRuntimeError>).mlMessage).toBe("string length limit exceeded (max 2097152)");
      const r = await rejection(mixed.run({ source: 'function main() { return "a" * 100; }' }, { entry: "main" }));
      expect((r as InstanceType<typeof MLRuntimeError>).mlType).toBe("LimitError");
      expect(r.message).toMatch(/too large to cross to the host: more than 100 units/);
      expect(await mixed.run({ source: 'function main() { return "a" * 98; }' }, { entry: "main" })).toBe("a".repeat(98));
    } finally {
      await mixed.close();
    }
  });
});

describe("Sandbox: maxSourceLength", () => {
  it("a module longer than maxSourceLength is a compile error (ML0001) in the worker, as with load", async () => {
    const short = new Sandbox({ poolSize: 1, maxSourceLength: 6 });
    try {
      expect(await short.run({ source: "x = 1;" })).toEqual({ x: 1 });
      const e = await rejection(short.run({ source: "x = 12;", filename: "long.ml" }));
      expect(e).toBeInstanceOf(MLCompileError);
      expect((e as InstanceType<typeof MLCompileError>).diagnostics[0]).toMatchObject({ code: "ML0001", file: "long.ml" });
      expect(e.message).toContain("source is too long: 7 characters (maxSourceLength is 6)");
    } finally {
      await short.close();
    }
    expect(() => new Sandbox({ maxSourceLength: -1 })).toThrow(/maxSourceLength must be a non-negative number/);
  });
});

describe("Sandbox: close()", () => {
  it("rejects a run in progress and every later run clearly", async () => {
    const closing = new Sandbox({ poolSize: 1, timeoutMs: 10_000, limits: { timeMs: Infinity } });
    await closing.run({ source: "x = 1;" });
    const inFlight = rejection(closing.run({ source: "while (true) { }" }));
    await new Promise((r) => setTimeout(r, 50));
    await closing.close();
    expect((await inFlight).message).toBe("the sandbox was closed before the run finished");
    await expect(closing.run({ source: "x = 1;" })).rejects.toThrow("the sandbox is closed");
    await closing.close(); // idempotent
  });
});
