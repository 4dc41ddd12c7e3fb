/**
 * Calls across the host boundary in both directions (issue 6 item 4): ML functions handed to
 * host code run under the capability context current when they are called; host functions
 * handed to ML are callable and nothing else; asynchronous host functions are awaited by ML
 * code loaded with `{ async: true }`.
 */
import { describe, expect, it } from "vitest";
import { CapabilityContext, load, MLRuntimeError, withCapabilities } from "../../src/index.js";

type Fn = (...args: unknown[]) => unknown;

describe("ML functions called by the host", () => {
  it("exported functions work as comparators", async () => {
    const p = await load({ source: "function byPrice(a, b) { return a.price - b.price; }" });
    const items = [{ price: 3 }, { price: 1 }, { price: 2 }];
    expect(items.sort(p.exports.byPrice as Fn as (a: unknown, b: unknown) => number).map((i) => i.price)).toEqual([1, 2, 3]);
  });

  it("a closure made under one context runs under the context current when it is called", async () => {
    const p = await load({
      source: "import datetime; function makeClock() { return fn() => datetime.now().year() > 2000; }",
      filename: "clock.ml",
    });
    const clock = withCapabilities(["datetime.now"], () => (p.exports.makeClock as Fn)()) as Fn;
    expect(withCapabilities(["datetime.now"], () => clock())).toBe(true);
    expect(() => clock()).toThrow(MLRuntimeError);
    expect(() => clock()).toThrow(/requires capability 'datetime.now'/);
  });

  it("a callback left in a timer runs with the authority of the flow that scheduled it, not of another request", async () => {
    const p = await load({ source: "function probe() { return fn() => getCapabilities(); }" });
    const a = new CapabilityContext({ capabilities: ["datetime.now"] });
    const b = new CapabilityContext({ capabilities: ["random.generate"] });
    const cb = (p.exports.probe as Fn)() as Fn;
    const later = (ctx: CapabilityContext) => ctx.run(() => new Promise((resolve) => setTimeout(() => resolve(cb()), 5)));
    await expect(Promise.all([later(a), later(b)])).resolves.toEqual([["datetime.now"], ["random.generate"]]);
    expect(cb()).toEqual([]);
  });
});

describe("host functions called by ML", () => {
  it("are callable, and nothing else about them is reachable", async () => {
    const p = await load({
      source: `function use(f) {
  out = [f(2)];
  for (name in ["name", "call", "apply", "bind", "constructor", "prototype", "caller", "arguments"]) {
    try { getattr(f, name); out.append("reached " + name); } except (e) { out.append(e.type); }
  }
  out.extend([typeof(f), callable(f), methods(f)]);
  return out;
}`,
    });
    const hostFn = (x: number) => x * 21;
    const r = (p.exports.use as Fn)(hostFn) as unknown[];
    expect(r[0]).toBe(42);
    expect(r.slice(1, 9)).toEqual(Array(8).fill("AttributeError"));
    expect(r.slice(9)).toEqual(["function", true, []]);
  });

  it("reached through objects, arrays and other host functions' results, they are wrapped the same way", async () => {
    const p = await load({
      source: `function use(host) {
  return [host.hooks.twice(4), host.list[0](5), host.make().twice(6), host.nothing(), host.apply(fn(x) => x + 1, 9)];
}`,
    });
    const twice = (x: number) => x * 2;
    const host = {
      hooks: { twice },
      list: [twice],
      make: () => ({ twice }),
      nothing: () => undefined,
      // The callback ML passes arrives wrapped: an ordinary function the host can call.
      apply: (cb: Fn, x: number) => (typeof cb === "function" && cb.name === "" ? cb(x) : "unwrapped"),
    };
    expect((p.exports.use as Fn)(host)).toEqual([8, 10, 12, null, 10]);
    expect(host.hooks.twice).toBe(twice); // the host's own object is not changed
  });

  it("an ML error thrown through host code reaches the outer except whole, extra fields included", async () => {
    const p = await load({
      source: `function inner() { throw {"type": "MyErr", "message": "boom", "code": 42}; }
function outer(host) {
  try { host.call(inner); } except (e) { return [e.type, e.message, e.code]; }
}`,
    });
    const host = { call: (f: Fn) => f() };
    expect((p.exports.outer as Fn)(host)).toEqual(["MyErr", "boom", 42]);
  });

  it("data of any depth crosses both ways without exhausting the host's stack", async () => {
    const p = await load({
      source: `function nest(n) { a = [1]; for (i in range(n)) { a = [a]; } return a; }
function bottom(v) { while (typeof(v) == "array") { v = v[0]; } return v(); }
function withFn(n) { a = [fn() => "deep"]; for (i in range(n)) { a = [a]; } return a; }`,
    });
    const deep = (p.exports.nest as Fn)(200_000) as unknown[];
    expect(Array.isArray(deep)).toBe(true);
    let hostDeep: unknown = () => 7;
    for (let i = 0; i < 200_000; i++) hostDeep = [hostDeep];
    expect((p.exports.bottom as Fn)(hostDeep)).toBe(7);
    let v = (p.exports.withFn as Fn)(200_000);
    while (Array.isArray(v)) v = v[0];
    expect((v as Fn)()).toBe("deep");
  });

  it("a Proxy crosses as an opaque value: its traps are not run at the boundary", async () => {
    const p = await load({ source: "function pass(v) { return typeof(v); }" });
    const trapped: string[] = [];
    const proxy = new Proxy({}, {
      get: (_t, k) => void trapped.push(String(k)),
      ownKeys: () => (trapped.push("ownKeys"), []),
      getPrototypeOf: () => (trapped.push("getPrototypeOf"), Object.prototype),
    });
    expect((p.exports.pass as Fn)(proxy)).toBe("object"); // what ML sees through the traps
    expect(trapped).not.toContain("ownKeys");
  });

  it("an asynchronous host function is awaited by ML code loaded with { async: true }", async () => {
    const source = "function total(fetchPrice, skus) { s = 0; for (k in skus) { s = s + fetchPrice(k); } return s; }";
    const fetchPrice = async (sku: string) => (sku === "a" ? 2 : 3);
    const asyncProgram = await load({ source }, { async: true });
    await expect((asyncProgram.exports.total as Fn)(fetchPrice, ["a", "b", "b"])).resolves.toBe(8);
    const syncProgram = await load({ source });
    expect(() => (syncProgram.exports.total as Fn)(fetchPrice, ["a"])).toThrow(
      "an asynchronous host function was called from synchronous code; load the program with { async: true }",
    );
  });

  it("with { async: true }, functions that call no function value stay synchronous", async () => {
    const p = await load({ source: "function add(a, b) { return a + b; } function apply(f, x) { return f(x); }" }, { async: true });
    expect((p.exports.add as Fn)(1, 2)).toBe(3);
    await expect((p.exports.apply as Fn)(async (x: number) => x + 1, 1)).resolves.toBe(2);
  });
});
