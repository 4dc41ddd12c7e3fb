// Host calls into a synchronous program that imports no stdlib module make their frame current
// without AsyncLocalStorage (capabilities/frame.ts runDirect) until the host passes it code:
// everything that runs synchronously must see the same frame, budget and capabilities as before.
import { describe, it, expect } from "vitest";
import { load, withCapabilities, CapabilityContext, MLRuntimeError } from "../../src/index.js";
import { currentFrame } from "../../src/capabilities/frame.js";

const SOURCE = [
  "function has(name) { return hasCapability(name); }",
  "function names() { return getCapabilities(); }",
  "function spin(n) { i = 0; while (i < n) { i = i + 1; } return i; }",
  "function deep(n) { return n == 0 ? 0 : 1 + deep(n - 1); }",
  "function fail() { return [1][5]; }",
  "function apply(f, x) { return f(x); }",
  "function price(o) { return o.qty * o.unit; }",
].join("\n");

type Fn = (...args: unknown[]) => unknown;

describe("direct host calls", () => {
  it("see the capabilities current at call time", async () => {
    const p = await load({ source: SOURCE, filename: "direct.ml" });
    const has = p.exports.has as Fn;
    expect(has("datetime.now")).toBe(false);
    expect(withCapabilities(["datetime.now"], () => has("datetime.now"))).toBe(true);
    expect(withCapabilities(["datetime.now", "random.generate"], () => (p.exports.names as Fn)())).toEqual(["datetime.now", "random.generate"]);
    const isolated = new CapabilityContext({ capabilities: ["random.generate"], isolated: true });
    expect(withCapabilities(["datetime.now"], () => isolated.run(() => [has("datetime.now"), has("random.generate")]))).toEqual([false, true]);
    // Nothing of the call stays current afterwards, after a normal return or an error.
    expect(currentFrame()).toBeUndefined();
    expect(() => (p.exports.fail as Fn)()).toThrow(MLRuntimeError);
    expect(currentFrame()).toBeUndefined();
    expect(has("datetime.now")).toBe(false);
  });

  it("get a fresh step budget and restore the call depth each time", async () => {
    const p = await load({ source: SOURCE, filename: "direct.ml" }, { limits: { steps: 5_000, recursion: 50 } });
    const spin = p.exports.spin as Fn;
    for (let k = 0; k < 5; k++) expect(spin(2_000)).toBe(2_000);
    expect(() => spin(10_000)).toThrow(/step limit exceeded/);
    expect(spin(2_000)).toBe(2_000);
    const deep = p.exports.deep as Fn;
    for (let k = 0; k < 5; k++) expect(() => deep(100)).toThrow(/RecursionError/);
    expect(deep(40)).toBe(40);
  });

  it("start the clock afresh for each call", async () => {
    const p = await load({ source: SOURCE, filename: "direct.ml" }, { limits: { timeMs: 50 } });
    const spin = p.exports.spin as Fn;
    expect(() => spin(1e12)).toThrow(/time limit exceeded/);
    expect(spin(1_000)).toBe(1_000);
    expect(() => spin(1e12)).toThrow(/time limit exceeded/);
    expect(spin(1_000)).toBe(1_000);
  });

  it("keep plain data uncopied, and switch to the full entry once the host passes code", async () => {
    const p = await load({ source: SOURCE, filename: "direct.ml" });
    expect((p.exports.price as Fn)({ qty: 3, unit: 2 })).toBe(6);
    const apply = p.exports.apply as Fn;
    // A host function ML calls sees the program's frame, and calling back into ML spends from the same run.
    let seen: unknown;
    const hostFn = (x: unknown) => {
      seen = currentFrame()?.program;
      return (p.exports.has as Fn)("datetime.now") ? x : -1;
    };
    expect(withCapabilities(["datetime.now"], () => apply(hostFn, 7))).toBe(7);
    expect(seen).not.toBeUndefined();
    expect(seen).not.toBeNull();
    expect(apply(hostFn, 7)).toBe(-1);
    expect(withCapabilities(["datetime.now"], () => (p.exports.has as Fn)("datetime.now"))).toBe(true);
  });

  it("enter the storage for a call whose own arguments bring host code, so what it starts later sees the program's frame", async () => {
    const p = await load({ source: SOURCE, filename: "direct-first.ml" });
    let now: unknown;
    let later: Promise<unknown> | undefined;
    const hostFn = (x: unknown) => {
      now = currentFrame()?.program;
      later = Promise.resolve().then(() => currentFrame()?.program);
      return x;
    };
    // The very first call passes a function: no earlier call switched the program to the storage.
    expect((p.exports.apply as Fn)(hostFn, 7)).toBe(7);
    expect(now).toBeTruthy();
    expect(await later).toBe(now);
  });

  it("nest inside another program's host function with that call's capabilities", async () => {
    const inner = await load({ source: SOURCE, filename: "inner.ml" });
    const outer = await load({ source: "function run(f) { return f(); }", filename: "outer.ml" });
    const ask = () => (inner.exports.has as Fn)("datetime.now");
    expect(withCapabilities(["datetime.now"], () => (outer.exports.run as Fn)(ask))).toBe(true);
    expect((outer.exports.run as Fn)(ask)).toBe(false);
  });
});
