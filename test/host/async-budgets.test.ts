/**
 * Budgets of asynchronous calls (issue "bounded work", item 3) and what crosses the boundary
 * through promises: a budget belongs to one outermost host entry and follows it across `await`;
 * host callbacks into ML during that call spend from it; concurrent calls each have their own;
 * nothing an asynchronous ML function returns is a thenable to the host.
 */
import { describe, expect, it } from "vitest";
import { defineModule, load, MLRuntimeError, registry } from "../../src/index.js";

const m = defineModule("tickle", "Resolves after a timer (asynchronous), for budget tests.");
m.function(
  { name: "later", params: "v, ms=1", returns: "any", description: "v, after ms milliseconds.", async: true },
  (v: unknown, ms?: unknown) => new Promise((resolve) => setTimeout(() => resolve(v), typeof ms === "number" ? ms : 1)),
);
registry.register("tickle", { definition: m.done() });

type Fn = (...args: unknown[]) => unknown;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `p` and describes how it ended: `ok <value>` or `<mlType>: <message>`. */
async function outcome(p: unknown): Promise<string> {
  try {
    return `ok ${JSON.stringify(await p)}`;
  } catch (e) {
    if (e instanceof MLRuntimeError) return `${e.mlType}: ${e.mlMessage}`;
    throw e;
  }
}

const LOOPS = `
import tickle;
function spin(n) { i = 0; while (i < n) { i = i + 1; } return n; }
function spinAfterAwait(n) { tickle.later(0); return spin(n); }
function twoHalves(n) { spin(n); tickle.later(0, 5); spin(n); return "done"; }
function callBack(helper, times, n) { return helper(fn() => spin(n), times); }
`;

describe("a budget per outermost host entry, across await", () => {
  it("host callbacks into ML made while an async call is open spend from that call's budget", async () => {
    const p = await load({ source: LOOPS, filename: "loops.ml" }, { async: true, limits: { steps: 100_000, timeMs: 10_000 } });
    // The host helper awaits (so the ML call is suspended), then calls back into ML many times.
    const helper = async (cb: Fn, times: number) => {
      let total = 0;
      for (let i = 0; i < times; i++) {
        await sleep(0);
        total += (await cb()) as number;
      }
      return total;
    };
    const callBack = p.exports.callBack as Fn;
    const start = performance.now();
    // 200 callbacks of 2 000 iterations: 400 000 steps in one call, four times its budget.
    expect(await outcome(callBack(helper, 200, 2_000))).toBe("LimitError: step limit exceeded (100000 steps)");
    expect(performance.now() - start).toBeLessThan(5_000);
    // Within budget it works, and the next call has a budget of its own.
    expect(await outcome(callBack(helper, 10, 2_000))).toBe("ok 20000");
  });

  it("a call started while another is suspended in an await neither resets nor shares its budget", async () => {
    const p = await load({ source: LOOPS, filename: "loops.ml" }, { async: true, limits: { steps: 100_000 } });
    const twoHalves = p.exports.twoHalves as Fn;
    const spin = p.exports.spin as Fn;
    // 2 × 60 000 steps in one call: over its budget even though a new call starts in between.
    const first = twoHalves(60_000);
    await sleep(1);
    expect(spin(60_000)).toBe(60_000);
    expect(await outcome(first)).toBe("LimitError: step limit exceeded (100000 steps)");
    // Concurrent calls each have their own budget: 2 × 60 000 steps spent side by side succeed.
    const a = p.exports.spinAfterAwait as Fn;
    expect(await Promise.all([outcome(a(60_000)), outcome(a(60_000))])).toEqual(["ok 60000", "ok 60000"]);
  });

  it("a call made while another is suspended deep in recursion has the full recursion limit", async () => {
    const p = await load(
      {
        source: `import tickle;
function down(n) { if (n == 0) { tickle.later(0, 1); tickle.later(0, 200); return 0; } return down(n - 1); }
function rec(n) { if (n == 0) { return 0; } return rec(n - 1); }`,
        filename: "depth.ml",
      },
      { async: true, limits: { recursion: 1000 } },
    );
    const rec = p.exports.rec as Fn;
    // Suspended at depth 801 after its first await resumed: a concurrent call still recurses 900 deep.
    const deep = (p.exports.down as Fn)(800);
    await sleep(50);
    expect(rec(900)).toBe(0);
    expect(() => rec(1000)).toThrow("RecursionError: maximum recursion depth exceeded");
    expect(await outcome(deep)).toBe("ok 0");
    expect(await outcome((p.exports.down as Fn)(1000))).toBe("RecursionError: maximum recursion depth exceeded");
  });

  it("recursion through a host function that calls back, after an await, still meets the recursion limit", async () => {
    const p = await load(
      {
        source: `import tickle;
function down(n, each) { tickle.later(0, 0); if (n == 0) { return 0; } return 1 + each(fn() => down(n - 1, each)); }`,
        filename: "async-recursion.ml",
      },
      { async: true, limits: { recursion: 100 } },
    );
    const each = (cb: Fn) => cb();
    const down = p.exports.down as Fn;
    expect(await outcome(down(40, each))).toBe("ok 40");
    expect(await outcome(down(200, each))).toBe("RecursionError: maximum recursion depth exceeded");
  });

  it("asynchronous ML code left running after its call ended stops: no fresh budget for its host callbacks", async () => {
    const out: string[] = [];
    const p = await load(
      {
        source: `import tickle; import functional;
function heavy() { i = 0; while (i < 50000) { i = i + 1; } return i; }
function orphan(x) { tickle.later(0, 5); print("orphan resumed"); while (true) { state.each(heavy); } }
state = {each: null};
function main(each) { state.each = each; try { functional.map(orphan, [1]); } except (e) { print(e.type); } return "done"; }`,
        filename: "orphan.ml",
      },
      { async: true, limits: { steps: 100_000, timeMs: 1_000 }, stdout: (t) => void out.push(t) },
    );
    // A host helper calling an ML callback synchronously, as host APIs do.
    let calls = 0;
    const each = (cb: Fn) => {
      calls++;
      return cb();
    };
    // functional.map refuses the asynchronous callback, but the callback had already started.
    expect(await (p.exports.main as Fn)(each)).toBe("done");
    await sleep(300);
    // Resuming after main returned, the orphan stops instead of calling back for ever (each
    // callback would have started an entry of its own: 50 000 steps each under a 100 000 budget).
    expect(calls).toBe(0);
    expect(out).toEqual(["TypeError\n"]);
  });

  it("the time limit holds across awaits of one call", async () => {
    const p = await load(
      {
        source: `import tickle;
function slow(k) { t = 0; for (i in range(k)) { tickle.later(0, 2); for (j in range(5000)) { t = t + 1; } } return t; }`,
        filename: "slow.ml",
      },
      { async: true, limits: { timeMs: 100 } },
    );
    const start = performance.now();
    // Each await takes ≥ 2 ms of wall clock; the clock is read every 10 000 steps (two rounds).
    const r = await outcome((p.exports.slow as Fn)(100_000));
    expect(r).toBe("LimitError: time limit exceeded (100 ms)");
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});

describe("nothing an asynchronous ML function returns is a thenable to the host", () => {
  it("an async export returning {then: fn} resolves to plain data; the ML `then` never runs", async () => {
    const out: string[] = [];
    const p = await load(
      {
        source: `import tickle;
function f() { tickle.later(0); return {then: fn(resolve, reject) => { print("then ran"); return resolve(5); }, x: 1}; }`,
        filename: "thenable.ml",
      },
      { async: true, stdout: (t) => void out.push(t) },
    );
    const r = (await (p.exports.f as Fn)()) as Record<string, unknown>;
    expect(r).toEqual({ x: 1 });
    expect(out).toEqual([]);
  });

  it("ML awaiting a value with a `then` (a synchronous function's result) does not call it", async () => {
    const out: string[] = [];
    const p = await load(
      {
        source: `import tickle;
function thenable() { return {then: fn(a, b) => print("then ran"), v: 2}; }
function f(g) { tickle.later(0); r = g(); return r.v; }`,
        filename: "await-thenable.ml",
      },
      { async: true, stdout: (t) => void out.push(t) },
    );
    expect(await (p.exports.f as Fn)(p.exports.thenable)).toBe(2);
    expect(out).toEqual([]);
  });

  it("a host function's thenable (not a native promise) is awaited by asynchronous ML, as before", async () => {
    const p = await load({ source: "function f(h) { return h() + 1; }", filename: "host-thenable.ml" }, { async: true });
    // A query builder or another library's promise: a class instance with a `then`, or a plain one.
    class Query {
      then(resolve: (v: unknown) => void) {
        resolve(41);
      }
    }
    expect(await (p.exports.f as Fn)(() => new Query())).toBe(42);
    expect(await (p.exports.f as Fn)(() => ({ then: (resolve: (v: unknown) => void) => resolve(1) }))).toBe(2);
    // A synchronous program still receives the object as a value.
    const sync = await load({ source: "function g(h) { return typeof(h()); }", filename: "sync-thenable.ml" });
    expect((sync.exports.g as Fn)(() => new Query())).toBe("hostobject");
  });

  it("a top-level binding named `then` does not hang load(), synchronous or asynchronous", async () => {
    const sync = await load({ source: "function then(a, b) { return 1; }\nx = 2;", filename: "sync-then.ml" });
    expect(sync.exports.x).toBe(2);
    const asyncProgram = await load({ source: "import tickle;\nthen = fn(a, b) => 1;\nx = tickle.later(3);", filename: "async-then.ml" });
    expect(asyncProgram.exports.x).toBe(3);
  });

  it("an async function's failure still reaches an ML except clause and the host", async () => {
    const p = await load({
      source: `import tickle;
function boom() { tickle.later(0); throw {message: "late", code: 7}; }
function guarded() { try { boom(); } except (e) { return e.code; } }`,
      filename: "fail.ml",
    });
    expect(await (p.exports.guarded as Fn)()).toBe(7);
    await expect((p.exports.boom as Fn)()).rejects.toMatchObject({ mlType: "Error" });
  });
});

describe("values crossing to the host are bounded (maxResultSize)", () => {
  const SHARED = `
function shared(k) { a = ["x"]; for (i in range(k)) { a = [a, a]; } return a; }
function thrower(k) { throw {message: "big", payload: shared(k)}; }
function cyclic() { a = [1]; a.append(a); return a; }
function viaHost(h, k) { return h(shared(k)); }
big = shared(40);
`;

  it("a result with 2^40 leaves built in ~45 steps is a LimitError, quickly; the next call works", async () => {
    const p = await load({ source: SHARED, filename: "shared.ml" }, { limits: { maxResultSize: 1_000_000 } });
    const shared = p.exports.shared as Fn;
    const start = performance.now();
    expect(() => shared(40)).toThrow(/value too large to cross to the host: more than 1000000 units, shared parts counted at each use \(maxResultSize 1000000\)/);
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(JSON.stringify(shared(3))).toBe('[[[["x"],["x"]],[["x"],["x"]]],[[["x"],["x"]],[["x"],["x"]]]]');
  });

  it("thrown values, export reads, cyclic values and arguments to host functions are checked too", async () => {
    const p = await load({ source: SHARED, filename: "shared.ml" }, { limits: { maxResultSize: 1_000_000 } });
    const err = (() => {
      try {
        (p.exports.thrower as Fn)(40);
      } catch (e) {
        return e as MLRuntimeError;
      }
      throw new Error("no error");
    })();
    expect(err).toBeInstanceOf(MLRuntimeError);
    expect(err.mlType).toBe("LimitError");
    expect(() => p.exports.big).toThrow(/maxResultSize 1000000/);
    expect(() => (p.exports.cyclic as Fn)()).toThrow(/value too large to cross to the host: it is cyclic/);
    let seen = false;
    const host = () => {
      seen = true;
      return 1;
    };
    expect(() => (p.exports.viaHost as Fn)(host, 40)).toThrow(/maxResultSize/);
    expect(seen).toBe(false);
    expect((p.exports.viaHost as Fn)(host, 2)).toBe(1);
  });

  it("a string is measured too: a result, an export and a thrown value", async () => {
    const p = await load(
      { source: `function text(n) { return "x" * n; }
function fail(n) { throw "x" * n; }
long = "y" * 2000000;`, filename: "text.ml" },
      { limits: { maxResultSize: 1_000_000 } },
    );
    const text = p.exports.text as Fn;
    expect((text(999_999) as string).length).toBe(999_999);
    expect(() => text(1_000_000)).toThrow(/value too large to cross to the host: more than 1000000 units/);
    expect(() => p.exports.long).toThrow(/maxResultSize 1000000/);
    expect(() => (p.exports.fail as Fn)(2_000_000)).toThrow(/maxResultSize 1000000/);
    expect(() => (p.exports.fail as Fn)(10)).toThrow("xxxxxxxxxx");
  });

  it("the default limit lets ordinary large results through", async () => {
    const p = await load({ source: "function f(n) { return range(n); }", filename: "plain.ml" });
    expect(((p.exports.f as Fn)(1_000_000) as unknown[]).length).toBe(1_000_000);
  });
});

describe("handling an error is charged as the work it is", () => {
  it("an except clause costs 50 steps: a loop of caught errors meets the step limit in proportion", async () => {
    const p = await load(
      { source: `function loop(n) { k = 0; for (i in range(n)) { try { throw {message: "x"}; } except (e) { k = k + 1; } } return k; }`, filename: "catch.ml" },
      { limits: { steps: 10_000 } },
    );
    const loop = p.exports.loop as Fn;
    // The call's step, then per iteration a loop step and the except clause's 50: 196 × 51 + 1 fits.
    expect(loop(196)).toBe(196);
    expect(() => loop(197)).toThrow("LimitError: step limit exceeded (10000 steps)");
  });
});
