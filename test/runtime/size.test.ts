import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { expandedSize } from "../../src/runtime/size.js";

/** The size by definition: a naive recursive expansion (only for small acyclic values). */
function naive(v: unknown): number {
  if (typeof v === "string") return 1 + v.length;
  if (Array.isArray(v)) return 1 + v.reduce((t: number, x) => t + naive(x), 0);
  if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    let t = 1;
    for (const [k, x] of Object.entries(v)) t += k.length + naive(x);
    return t;
  }
  return 1;
}

describe("expandedSize", () => {
  it("counts one unit per value plus string and key lengths", () => {
    expect(expandedSize(null, 100)).toBe(1);
    expect(expandedSize(3, 100)).toBe(1);
    expect(expandedSize("abc", 100)).toBe(4);
    expect(expandedSize([1, "ab", { k: true }], 100)).toBe(1 + 1 + 3 + (1 + 1 + 1));
  });

  it("agrees with the naive expansion on random values, small and large", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        expect(expandedSize(v, Infinity)).toBe(naive(v));
      }),
      { seed: 11, numRuns: 300 },
    );
    const wide = Array.from({ length: 500 }, (_, i) => ({ i, s: "x".repeat(i % 7), inner: [i, [i]] }));
    expect(expandedSize(wide, Infinity)).toBe(naive(wide));
  });

  it("expands shared sub-structures without doing exponential work, and stops past the limit", () => {
    let a: unknown = [];
    for (let i = 0; i < 40; i++) a = [a, a];
    const start = performance.now();
    expect(expandedSize(a, 1e6)).toBeGreaterThan(1e6);
    expect(expandedSize(a, Infinity)).toBe(2 ** 41 - 1);
    expect(performance.now() - start).toBeLessThan(1_000);
    let b: unknown = ["leaf"];
    for (let i = 0; i < 10; i++) b = [b, b];
    expect(expandedSize(b, Infinity)).toBe(naive(b));
  });

  it("a cyclic value is infinitely large; class instances count one unit", () => {
    const c: unknown[] = [1];
    c.push(c);
    expect(expandedSize(c, 1e9)).toBe(Infinity);
    const big: unknown[] = Array.from({ length: 100 }, () => [1]);
    big.push(big);
    expect(expandedSize(big, 1e9)).toBe(Infinity);
    expect(expandedSize([new Date(), new Map([[1, "x".repeat(1000)]])], 100)).toBe(3);
  });
});

describe("expandedSize and host proxies", () => {
  it("counts a Proxy as one unit without running its traps", () => {
    let trapped = 0;
    const proxy = new Proxy([1, 2, 3], {
      getPrototypeOf: (t) => (trapped++, Reflect.getPrototypeOf(t)),
      ownKeys: (t) => (trapped++, Reflect.ownKeys(t)),
      get: (t, k) => (trapped++, Reflect.get(t, k)),
    });
    expect(expandedSize([proxy, "ab"], 100)).toBe(1 + 1 + 3);
    expect(expandedSize(proxy, 100)).toBe(1);
    expect(trapped).toBe(0);
  });
});
