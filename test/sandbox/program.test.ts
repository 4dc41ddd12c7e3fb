// Sandbox program handles (docs/security.md, "Programs kept loaded"), through the built package:
// real worker processes (dist/sandbox/worker.js). Run `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sandbox, type SandboxProgram } from "../../dist/sandbox/index.js";
import { MLCompileError, MLRuntimeError, capability, withCapabilities } from "../../dist/index.js";
import { DateTime } from "../../dist/stdlib/datetime.js";

type RuntimeError = InstanceType<typeof MLRuntimeError>;

/** The error `running` rejects with (fails the test if it resolves). */
async function rejection(running: Promise<unknown>): Promise<Error> {
  try {
    await running;
  } catch (e) {
    return e as Error;
  }
  throw new Error("the call did not fail");
}

const COUNTER = `
import datetime;
loads = 0;
loads = loads + 1;
count = 0;
function next() { nonlocal count; count = count + 1; return {"count": count, "loads": loads}; }
function now() { return datetime.now(); }
function caps() { return getCapabilities(); }
function fail(x) { if (x > 0) { return fail(x - 1); } throw {"why": "boom"}; }
function echo(v) { return v; }
`;

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = new Sandbox({ poolSize: 1, timeoutMs: 5000 });
});
afterAll(() => sandbox.close());

describe("SandboxProgram: loaded once, called many times", () => {
  it("runs the top level once: top-level state lives across calls", async () => {
    const program = await sandbox.load({ source: COUNTER, filename: "counter.ml" });
    try {
      expect(program.filename).toBe("counter.ml");
      expect(Object.keys(program.exports).sort()).toEqual(["caps", "echo", "fail", "next", "now"]);
      expect(await program.exports.next!()).toEqual({ count: 1, loads: 1 });
      expect(await program.exports.next!()).toEqual({ count: 2, loads: 1 });
      const many = await Promise.all(Array.from({ length: 50 }, () => program.exports.next!()));
      expect(many.map((r) => (r as { count: number }).count)).toEqual(Array.from({ length: 50 }, (_, i) => i + 3));
    } finally {
      await program.close();
    }
  });

  it("values cross both ways with the codec (NaN, -0, sharing)", async () => {
    const program = await sandbox.load({ source: COUNTER });
    try {
      const shared = [1, 2];
      const input = { nan: NaN, zero: -0, inf: Infinity, ninf: -Infinity, lone: "a\ud800b", u: undefined, a: shared, b: shared, list: [NaN, -0, 1.5] };
      const back = (await program.exports.echo!(input)) as Record<string, unknown>;
      expect(back.nan).toBeNaN();
      expect(Object.is(back.zero, -0)).toBe(true);
      expect(back.inf).toBe(Infinity);
      expect(back.ninf).toBe(-Infinity);
      expect(back.lone).toBe("a\ud800b");
      expect(back.u).toBeNull();
      expect(back.list).toEqual([NaN, -0, 1.5]);
      expect(Object.is((back.list as number[])[1], -0)).toBe(true);
      expect(await program.exports.echo!(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
      expect(back.a).toBe(back.b);
      await expect(program.exports.echo!(() => 1)).rejects.toThrow(/a function cannot cross/);
    } finally {
      await program.close();
    }
  });

  it("loads from a file path; a compile error rejects the load with MLCompileError", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mljs-program-"));
    try {
      writeFileSync(join(dir, "rule.ml"), "function double(x) { return x * 2; }");
      const program = await sandbox.load(join(dir, "rule.ml"));
      expect(await program.exports.double!(21)).toBe(42);
      await program.close();
      const error = await rejection(sandbox.load({ source: "function f( { }", filename: "bad.ml" }));
      expect(error).toBeInstanceOf(MLCompileError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("errors cross as MLRuntimeError with the ML stack and the thrown value", async () => {
    const program = await sandbox.load({ source: COUNTER, filename: "counter.ml" });
    try {
      const error = (await rejection(program.exports.fail!(2))) as RuntimeError;
      expect(error).toBeInstanceOf(MLRuntimeError);
      expect(error.value).toEqual({ why: "boom" });
      expect(error.mlStack.length).toBeGreaterThanOrEqual(3);
      expect(error.mlStack[0]).toMatchObject({ file: "counter.ml", function: "fail" });
      // The program is still there after an error.
      expect(((await program.exports.next!()) as { count: number }).count).toBe(1);
    } finally {
      await program.close();
    }
  });

  it("stdlib values cross both ways (DateTime, Pattern)", async () => {
    const program = await sandbox.load({ source: "import regex; function shift(d) { return d.addDays(1); } function pat() { return regex.compile(\"a+\"); }" });
    try {
      const d = await program.withCapabilities(["datetime.now"]).exports.shift!(await sandbox.run({ source: "import datetime; function f() { return datetime.create(2024, 1, 31); }" }, { entry: "f" }));
      expect(d).toBeInstanceOf(DateTime);
      expect((d as { local: { toString(): string } }).local.toString()).toMatch(/^2024-02-01/);
      expect(await program.exports.pat!()).toBeTruthy();
    } finally {
      await program.close();
    }
  });

  it("a load with infinite limits crosses to the worker intact", async () => {
    const unlimited = new Sandbox({ poolSize: 1, minThreads: 0, steps: Infinity, limits: { timeMs: Infinity } });
    try {
      const program = await unlimited.load({ source: "function spin(n) { for (i in range(n)) { } return n; }" });
      expect(await program.exports.spin!(200000)).toBe(200000);
    } finally {
      await unlimited.close();
    }
  });

  it("each call has its own step budget", async () => {
    const counted = new Sandbox({ poolSize: 1, steps: 1000 });
    try {
      const program = await counted.load({ source: "function spin(n) { for (i in range(n)) { } return n; }" });
      const error = (await rejection(program.exports.spin!(5000))) as RuntimeError;
      expect(error.mlMessage).toBe("step limit exceeded (1000 steps)");
      for (let i = 0; i < 5; i++) expect(await program.exports.spin!(500)).toBe(500); // 2 500 steps in all, 500 per call
    } finally {
      await counted.close();
    }
  });

  it("does not offer functions under the names JavaScript calls implicitly (then, toString…)", async () => {
    const program = await sandbox.load({ source: "function then(a, b) { return 1; } function toString() { return \"x\"; } function ok() { return 2; }" });
    try {
      expect(Object.keys(program.exports)).toEqual(["ok"]);
      expect(await program.exports.ok!()).toBe(2);
    } finally {
      await program.close();
    }
  });

  it("program output goes to the load's sinks", async () => {
    const seen: string[] = [];
    const program = await sandbox.load({ source: 'print("top"); function hi(n) { print("hi " + n); return n; }' }, { stdout: (t) => seen.push(t) });
    try {
      expect(await program.exports.hi!("a")).toBe("a");
      expect(seen.join("")).toBe("top\nhi a\n");
    } finally {
      await program.close();
    }
  });
});

describe("SandboxProgram: capabilities per call", () => {
  it("a call without the grant gets CapabilityError; with it, succeeds", async () => {
    const program = await sandbox.load({ source: COUNTER });
    try {
      const denied = (await rejection(program.exports.now!())) as RuntimeError;
      expect(denied).toBeInstanceOf(MLRuntimeError);
      expect(denied.mlType).toBe("CapabilityError");
      const clock = program.withCapabilities(["datetime.now"]);
      expect(await clock.exports.now!()).toBeInstanceOf(DateTime);
      expect(await program.exports.caps!()).toEqual([]); // the view did not change the program
      // Default: the context current at call time, as for load()'s exports.
      expect(await withCapabilities(["random.generate"], () => program.exports.caps!())).toEqual(["random.generate"]);
    } finally {
      await program.close();
    }
  });

  it("interleaved calls with different grants each see only their own", async () => {
    const program = await sandbox.load({ source: COUNTER });
    try {
      const calls = Array.from({ length: 40 }, (_, i) => {
        const grants = i % 2 === 0 ? ["datetime.now"] : [capability("env.read", { resources: [`V${i}`] })];
        return program.withCapabilities(grants).exports.caps!();
      });
      const results = await Promise.all(calls);
      results.forEach((caps, i) => expect(caps).toEqual(i % 2 === 0 ? ["datetime.now"] : ["env.read"]));
    } finally {
      await program.close();
    }
  });

  it("maxUses holds across calls: uses spent in the worker are counted back", async () => {
    const program = await sandbox.load({ source: COUNTER });
    try {
      const token = capability("datetime.now", { maxUses: 2 });
      const view = program.withCapabilities([token]);
      await view.exports.now!();
      await view.exports.now!();
      expect(token.uses).toBe(2);
      expect(((await rejection(view.exports.now!())) as RuntimeError).mlType).toBe("CapabilityError");
    } finally {
      await program.close();
    }
  });
});

describe("SandboxProgram: a program breaking a hard limit, and its neighbours", () => {
  it("a heap exhaustion rejects with the memory LimitError; a neighbour on the same worker answers, its top level re-run", async () => {
    const small = new Sandbox({ poolSize: 1, memoryMb: 64, timeoutMs: 10_000, limits: { maxArrayLength: 1e9 } });
    try {
      const bomb = await small.load({ source: "function explode() { a = []; while (true) { a.append([0] * 100000); } }" });
      const neighbour = await small.load({ source: COUNTER });
      expect(await neighbour.exports.next!()).toEqual({ count: 1, loads: 1 });
      expect(await neighbour.exports.next!()).toEqual({ count: 2, loads: 1 });
      const error = (await rejection(bomb.exports.explode!())) as RuntimeError;
      expect(error).toBeInstanceOf(MLRuntimeError);
      expect(error.mlType).toBe("LimitError");
      expect(error.message).toMatch(/memory limit of 64 MB/);
      // Reloaded on a new worker: its top level ran again, so its count starts afresh.
      expect(await neighbour.exports.next!()).toEqual({ count: 1, loads: 1 });
      expect(await neighbour.exports.next!()).toEqual({ count: 2, loads: 1 });
    } finally {
      await small.close();
    }
  });

  it("a top level that exhausts the heap rejects the load with the memory LimitError", async () => {
    const small = new Sandbox({ poolSize: 1, memoryMb: 64, timeoutMs: 10_000, limits: { maxArrayLength: 1e9 } });
    try {
      const neighbour = await small.load({ source: COUNTER });
      const error = (await rejection(small.load({ source: "a = []; while (true) { a.append([0] * 100000); }" }))) as RuntimeError;
      expect(error.mlType).toBe("LimitError");
      expect(error.message).toMatch(/sandbox program load exceeded its memory limit of 64 MB/);
      expect(await neighbour.exports.next!()).toEqual({ count: 1, loads: 1 });
    } finally {
      await small.close();
    }
  });

  it("a call past the hard time limit is killed with the time LimitError; neighbours answer, and it answers again", async () => {
    const quick = new Sandbox({ poolSize: 1, timeoutMs: 300, limits: { timeMs: Infinity } });
    try {
      const spinner = await quick.load({ source: "n = 0; function spin() { while (true) { } } function ok() { nonlocal n; n = n + 1; return n; }" });
      const neighbour = await quick.load({ source: COUNTER });
      await neighbour.exports.next!();
      expect(await spinner.exports.ok!()).toBe(1);
      const [error, waiting] = await Promise.all([
        rejection(spinner.exports.spin!()),
        neighbour.exports.next!(), // queued behind the spinning call on the same worker
      ]);
      expect((error as RuntimeError).mlType).toBe("LimitError");
      expect(error.message).toMatch(/time limit of 300 ms/);
      expect(waiting).toEqual({ count: 1, loads: 1 }); // ran on the replacement worker, after its reload
      expect(await spinner.exports.ok!()).toBe(1); // reloaded too
    } finally {
      await quick.close();
    }
  });
});

describe("SandboxProgram: closing", () => {
  it("close() then calls reject clearly; other programs go on", async () => {
    const a = await sandbox.load({ source: COUNTER, filename: "a.ml" });
    const b = await sandbox.load({ source: COUNTER, filename: "b.ml" });
    await a.exports.next!();
    await a.close();
    expect(a.closed).toBe(true);
    await expect(a.exports.next!()).rejects.toThrow("the sandbox program a.ml is closed");
    expect(await b.exports.next!()).toEqual({ count: 1, loads: 1 });
    await b.close();
  });

  it("closing the sandbox rejects a load still starting and a call in progress", async () => {
    const starting = new Sandbox({ poolSize: 1, minThreads: 0 });
    const loading = starting.load({ source: COUNTER });
    await starting.close();
    await expect(loading).rejects.toThrow("the sandbox was closed before the load finished");
    const busy = new Sandbox({ poolSize: 1, minThreads: 0, limits: { timeMs: Infinity } });
    const spinner = await busy.load({ source: "function spin() { while (true) { } }" });
    const spinning = spinner.exports.spin!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await busy.close();
    await expect(spinning).rejects.toThrow("the sandbox was closed before the call finished");
  });

  it("closing the sandbox rejects later calls and loads", async () => {
    const own = new Sandbox({ poolSize: 1 });
    const program: SandboxProgram = await own.load({ source: COUNTER, filename: "c.ml" });
    await own.close();
    await expect(program.exports.next!()).rejects.toThrow(/is closed/);
    await expect(own.load({ source: COUNTER })).rejects.toThrow("the sandbox is closed");
  });
});
