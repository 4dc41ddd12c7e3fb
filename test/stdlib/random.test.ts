import { describe, expect, it } from "vitest";
import { ml, mlFails } from "./ml.js";
import * as random from "../../src/stdlib/random.js";
import { drawFloat, Xoshiro128 } from "../../src/stdlib/support/generator.js";
import { withCapabilities } from "../../src/capabilities/context.js";
import { MLError } from "../../src/runtime/errors.js";

const ALL = { capabilities: ["random.generate", "random.sample"] };
const GEN = { capabilities: ["random.generate"] };

/** Runs `body` after `import random;` with both random capabilities and parses each printed line as JSON. */
async function lines(body: string, options = ALL): Promise<unknown[]> {
  const out = await ml(`import random;\nimport math;\n${body}`, options);
  return out.trim().split("\n").map((l) => JSON.parse(l) as unknown);
}

describe("generator (support/generator.ts)", () => {
  it("implements xoshiro128** (reference outputs for state 1, 2, 3, 4)", () => {
    const g = new Xoshiro128([1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4, 5].map(() => g.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("never keeps an all-zero state", () => {
    const g = new Xoshiro128([0, 0, 0, 0]);
    const draws = [g.nextUint32(), g.nextUint32(), g.nextUint32()];
    expect(draws.some((x) => x !== 0)).toBe(true);
  });

  it("draws floats in [0, 1) and unbiased bounded integers, also beyond 2^32", () => {
    const g = new Xoshiro128([5, 6, 7, 8]);
    for (let i = 0; i < 2000; i++) {
      const f = g.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
      const n = g.below(6);
      expect(Number.isInteger(n) && n >= 0 && n < 6).toBe(true);
      const big = g.below(2 ** 40 + 3);
      expect(Number.isInteger(big) && big >= 0 && big < 2 ** 40 + 3).toBe(true);
    }
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 6000; i++) counts[g.below(6)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it("drawFloat() serves host code from the host scope", () => {
    const x = drawFloat();
    expect(x >= 0 && x < 1).toBe(true);
  });
});

describe("random: seeding", () => {
  const program = `random.setSeed(42);
print(random.random()); print(random.randomInt(0, 1000000)); print(math.random()); print(random.shuffle([1, 2, 3, 4, 5, 6]));
print(random.gaussian()); print(repr(random.choice(["a", "b", "c", "d"]))); print(random.nextInt());`;

  it("the same seed gives the same sequence in two runs (math.random included)", async () => {
    const a = await lines(program);
    const b = await lines(program);
    expect(a).toEqual(b);
    expect(a).toHaveLength(7);
  });

  it("different seeds give different sequences; string seeds work; a number and its string differ", async () => {
    const [x] = await lines(`random.setSeed(1); print(random.random());`);
    const [y] = await lines(`random.setSeed(2); print(random.random());`);
    const [s] = await lines(`random.set_seed("1"); print(random.random());`);
    const [s2] = await lines(`random.set_seed("1"); print(random.random());`);
    expect(x).not.toBe(y);
    expect(s).not.toBe(x);
    expect(s).toBe(s2);
  });

  it("math.random and the random module share one generator", async () => {
    const [a, b] = await lines(`random.setSeed(7); random.random(); print(math.random()); random.setSeed(7); random.random(); print(random.random());`);
    expect(a).toBe(b);
  });

  it("reseeding restarts the sequence", async () => {
    const [a, b] = await lines(`random.setSeed(3); print(random.random()); random.setSeed(3); print(random.random());`);
    expect(a).toBe(b);
  });

  it("getSeed / get_seed give the seed set, null before and after setSeed(null)", async () => {
    const out = await ml(
      `import random; print(random.getSeed()); random.setSeed(99); print(random.get_seed()); random.setSeed("abc"); print(random.getSeed()); random.setSeed(null); print(random.getSeed());`,
    );
    expect(out).toBe("null\n99\nabc\nnull\n");
  });

  it("setSeed / set_seed return the seed, as in mlpy", async () => {
    expect(await ml(`import random; print(random.setSeed(42)); print(random.set_seed("abc")); print(random.setSeed(null));`)).toBe("42\nabc\nnull\n");
  });

  it("every run has its own generator: a seed does not leak into the next run", async () => {
    await ml(`import random; random.setSeed(5);`);
    expect(await ml(`import random; print(random.getSeed());`)).toBe("null\n");
    const [a] = await lines(`print(random.random());`);
    const [b] = await lines(`print(random.random());`);
    expect(a).not.toBe(b); // entropy-seeded
  });

  it("setSeed needs no capability and rejects other types and non-finite numbers", async () => {
    expect(await ml(`import random; random.setSeed(1); print("ok");`)).toBe("ok\n");
    expect(await mlFails(`import random; random.setSeed([1]);`)).toEqual({
      type: "TypeError",
      message: "random.setSeed() argument 1 must be a number, a string or null, not array",
    });
    expect(await mlFails(`import random; import math; random.setSeed(math.inf);`)).toEqual({
      type: "ValueError",
      message: "random.setSeed() needs a finite number, got Infinity",
    });
  });
});

describe("random: draws", () => {
  it("random() is in [0, 1)", async () => {
    const xs = (await lines(`for (i in range(200)) { print(random.random()); }`)) as number[];
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(190);
  });

  it("randomInt / random_int: max exclusive, every value reached", async () => {
    const [xs] = await lines(`r = []; for (i in range(600)) { r.append(random.randomInt(1, 7)); r.append(random.random_int(-2, 0)); } print(r);`);
    const values = new Set(xs as number[]);
    expect([...values].sort((a, b) => a - b)).toEqual([-2, -1, 1, 2, 3, 4, 5, 6]);
  });

  it("randomInt errors: min >= max, non-integers", async () => {
    expect(await mlFails(`import random; random.randomInt(5, 2);`, GEN)).toEqual({
      type: "ValueError",
      message: "random.randomInt() needs min < max (max is exclusive), got 5 and 2",
    });
    expect((await mlFails(`import random; random.randomInt(5, 5);`, GEN)).type).toBe("ValueError");
    expect(await mlFails(`import random; random.randomInt(1.5, 3);`, GEN)).toEqual({
      type: "TypeError",
      message: "random.randomInt() argument 1 must be an integer, not float",
    });
    expect(await mlFails(`import random; random.randomInt(100);`, GEN)).toEqual({
      type: "ValueError",
      message: "random.randomInt() needs min < max (max is exclusive), got 100 and 100",
    });
  });

  it("randomInt() / random_int(min): mlpy's defaults min=0, max=100", async () => {
    const [xs, ys] = await lines(`a = []; b = []; for (i in range(2000)) { a.append(random.randomInt()); b.append(random.random_int(95)); } print(a); print(b);`);
    const a = new Set(xs as number[]);
    expect(Math.min(...a)).toBe(0);
    expect(Math.max(...a)).toBe(99);
    expect(a.size).toBeGreaterThan(90);
    expect([...new Set(ys as number[])].sort((x, y) => x - y)).toEqual([95, 96, 97, 98, 99]);
  });

  it("randomFloat / random_float / uniform stay in [min, max)", async () => {
    const [xs] = await lines(
      `r = []; for (i in range(100)) { r.append(random.randomFloat(2, 3)); r.append(random.random_float(2, 3)); r.append(random.uniform(2, 3)); } print(r);`,
    );
    for (const x of xs as number[]) expect(x >= 2 && x < 3).toBe(true);
    const [d, same] = await lines(`print(random.randomFloat()); print(random.uniform(4, 4));`);
    expect((d as number) >= 0 && (d as number) < 1).toBe(true);
    expect(same).toBe(4);
    expect(await mlFails(`import random; random.uniform(3, 2);`, GEN)).toEqual({
      type: "ValueError",
      message: "random.randomFloat() needs min <= max, got 3 and 2",
    });
  });

  it("randomBool / random_bool give both values", async () => {
    const [xs] = await lines(`r = []; for (i in range(100)) { r.append(random.randomBool()); r.append(random.random_bool()); } print(r);`);
    expect(new Set(xs as boolean[])).toEqual(new Set([true, false]));
  });

  it("randomBoolWeighted / random_bool_weighted follow p, and reject p outside [0, 1]", async () => {
    const [never, always, some] = await lines(
      `a = []; b = []; c = []; for (i in range(200)) { a.append(random.randomBoolWeighted(0)); b.append(random.random_bool_weighted(1)); c.append(random.randomBoolWeighted(0.25)); }
print(a); print(b); print(c);`,
    );
    expect(new Set(never as boolean[])).toEqual(new Set([false]));
    expect(new Set(always as boolean[])).toEqual(new Set([true]));
    const trues = (some as boolean[]).filter((x) => x).length;
    expect(trues).toBeGreaterThan(20);
    expect(trues).toBeLessThan(90);
    expect(await mlFails(`import random; random.randomBoolWeighted(1.5);`, GEN)).toEqual({
      type: "ValueError",
      message: "random.randomBoolWeighted() needs 0 <= p <= 1, got 1.5",
    });
  });

  it("randomNormal / random_normal / gaussian have the right mean and spread", async () => {
    const [xs, ys, zs] = await lines(
      `a = []; b = []; c = []; for (i in range(2000)) { a.append(random.randomNormal(10, 2)); b.append(random.random_normal()); c.append(random.gaussian(0, 0)); }
print(a); print(b); print(c);`,
    );
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const sd = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
    expect(mean(xs as number[])).toBeCloseTo(10, 0);
    expect(sd(xs as number[])).toBeGreaterThan(1.8);
    expect(sd(xs as number[])).toBeLessThan(2.2);
    expect(Math.abs(mean(ys as number[]))).toBeLessThan(0.15);
    expect(new Set(zs as number[])).toEqual(new Set([0]));
    expect(await mlFails(`import random; random.gaussian(0, -1);`, GEN)).toEqual({
      type: "ValueError",
      message: "random.randomNormal() needs sigma >= 0, got -1",
    });
  });

  it("triangular stays in [low, high] and leans to the mode", async () => {
    const [xs, ys, d] = await lines(
      `a = []; b = []; for (i in range(1000)) { a.append(random.triangular(0, 10, 9)); b.append(random.triangular(5, 5)); } print(a); print(b); print(random.triangular());`,
    );
    const v = xs as number[];
    for (const x of v) expect(x >= 0 && x <= 10).toBe(true);
    expect(v.filter((x) => x > 5).length).toBeGreaterThan(600);
    expect(new Set(ys as number[])).toEqual(new Set([5]));
    expect((d as number) >= 0 && (d as number) <= 1).toBe(true);
    expect(await mlFails(`import random; random.triangular(0, 1, 2);`, GEN)).toEqual({
      type: "ValueError",
      message: "random.triangular() needs low <= mode <= high, got mode 2",
    });
    expect((await mlFails(`import random; random.triangular(2, 1);`, GEN)).type).toBe("ValueError");
  });

  it("nextInt / next_int: raw 32-bit values, or below a bound", async () => {
    const [raw, bounded] = await lines(
      `a = []; b = []; for (i in range(300)) { a.append(random.nextInt()); b.append(random.next_int(3)); } print(a); print(b);`,
    );
    for (const x of raw as number[]) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
    expect((raw as number[]).some((x) => x >= 2 ** 31)).toBe(true);
    expect(new Set(bounded as number[])).toEqual(new Set([0, 1, 2]));
    expect(await mlFails(`import random; random.nextInt(0);`, GEN)).toEqual({
      type: "ValueError",
      message: "random.nextInt() needs a positive bound, got 0",
    });
  });
});

describe("random: sampling", () => {
  it("choice picks elements of arrays and characters of strings", async () => {
    const [xs] = await lines(`r = []; for (i in range(200)) { r.append(random.choice([1, 2, 3])); r.append(random.choice("xy")); } print(r);`);
    expect(new Set(xs as unknown[])).toEqual(new Set([1, 2, 3, "x", "y"]));
  });

  it("choice of an empty sequence is a ValueError, of a number a TypeError", async () => {
    expect(await mlFails(`import random; random.choice([]);`, ALL)).toEqual({
      type: "ValueError",
      message: "random.choice() cannot choose from an empty sequence",
    });
    expect(await mlFails(`import random; random.choice(3);`, ALL)).toEqual({
      type: "TypeError",
      message: "random.choice() argument 1 must be an array or a string, not number",
    });
  });

  it("shuffle returns a new permutation and leaves its argument alone", async () => {
    const [orig, shuffled, empty] = await lines(`a = range(50); b = random.shuffle(a); print(a); print(b); print(random.shuffle([]));`);
    expect(orig).toEqual([...Array(50).keys()]);
    expect([...(shuffled as number[])].sort((x, y) => x - y)).toEqual(orig);
    expect(shuffled).not.toEqual(orig);
    expect(empty).toEqual([]);
  });

  it("sample returns k distinct elements; k >= length gives them all, shuffled (as mlpy)", async () => {
    const [s, zero, all] = await lines(`a = range(20); print(random.sample(a, 5)); print(random.sample(a, 0)); print(random.sample([1, 2], 2));`);
    const v = s as number[];
    expect(v).toHaveLength(5);
    expect(new Set(v).size).toBe(5);
    for (const x of v) expect(x >= 0 && x < 20).toBe(true);
    expect(zero).toEqual([]);
    expect([...(all as number[])].sort()).toEqual([1, 2]);
    const [more, whole] = await lines(`print(random.sample([3, 1, 2], 10)); a = range(30); print(random.sample(a, 30));`);
    expect([...(more as number[])].sort()).toEqual([1, 2, 3]);
    expect([...(whole as number[])].sort((x, y) => x - y)).toEqual([...Array(30).keys()]);
    expect(whole).not.toEqual([...Array(30).keys()]);
    expect((await mlFails(`import random; random.sample([1, 2], -1);`, ALL)).type).toBe("ValueError");
  });

  it("randomIndices / random_indices: a permutation, or k distinct indices (cheap for huge n)", async () => {
    const [perm, some, huge, none] = await lines(
      `print(random.randomIndices(10)); print(random.random_indices(100, 7)); print(random.randomIndices(1000000000000, 3)); print(random.randomIndices(0));`,
    );
    expect([...(perm as number[])].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    const v = some as number[];
    expect(new Set(v).size).toBe(7);
    for (const x of v) expect(Number.isInteger(x) && x >= 0 && x < 100).toBe(true);
    expect(new Set(huge as number[]).size).toBe(3);
    for (const x of huge as number[]) expect(x < 1e12).toBe(true);
    expect(none).toEqual([]);
  });

  it("randomIndices(n, k) with k >= n gives 0..n-1 in order, as mlpy", async () => {
    expect(await lines(`print(random.randomIndices(3, 4)); print(random.random_indices(5, 5)); print(random.randomIndices(0, 2));`)).toEqual([
      [0, 1, 2], [0, 1, 2, 3, 4], [],
    ]);
    expect((await mlFails(`import random; random.randomIndices(1000000, 1000000);`, { ...ALL, limits: { maxArrayLength: 1000 } })).type).toBe("LimitError");
  });

  it("randomIndices respects the array length limit", async () => {
    const e = await mlFails(`import random; random.randomIndices(1000000);`, { ...ALL, limits: { maxArrayLength: 1000 } });
    expect(e.type).toBe("LimitError");
  });
});

describe("random: capabilities", () => {
  const draws = [
    "random.random()", "random.randomInt(0, 2)", "random.random_int(0, 2)", "random.randomFloat(0, 1)", "random.random_float()",
    "random.uniform(0, 1)", "random.randomBool()", "random.random_bool()", "random.randomBoolWeighted(0.5)",
    "random.random_bool_weighted(0.5)", "random.randomNormal()", "random.random_normal()", "random.gaussian()",
    "random.triangular()", "random.nextInt()", "random.next_int()", "math.random()",
  ];
  const samples = ["random.choice([1])", "random.shuffle([1])", "random.sample([1], 1)", "random.randomIndices(2)", "random.random_indices(2)"];

  it.each(draws)("%s needs random.generate", async (call) => {
    const denied = await mlFails(`import random; import math; ${call};`, { capabilities: ["random.sample"] });
    expect(denied.type).toBe("CapabilityError");
    expect(denied.message).toContain("random.generate");
    expect(await ml(`import random; import math; x = ${call}; print("ok");`, GEN)).toBe("ok\n");
  });

  it.each(samples)("%s needs random.sample", async (call) => {
    const denied = await mlFails(`import random; ${call};`, GEN);
    expect(denied.type).toBe("CapabilityError");
    expect(denied.message).toContain("random.sample");
    expect(await ml(`import random; x = ${call}; print("ok");`, { capabilities: ["random.sample"] })).toBe("ok\n");
  });

  it("help and requiredCapabilities describe the functions", async () => {
    const out = await ml(
      `import random; print(requiredCapabilities(random.randomInt)); print(requiredCapabilities(random.choice)); print(requiredCapabilities(random.setSeed)); print(help(random.random_int));`,
    );
    const [gen, sample, none, ...help] = out.trim().split("\n");
    expect(gen).toBe('["random.generate"]');
    expect(sample).toBe('["random.sample"]');
    expect(none).toBe("[]");
    expect(help.join("\n")).toContain("max is exclusive");
    expect(help.join("\n")).toContain("Requires: random.generate");
  });

  it("host calls are denied outside a context and allowed inside one", () => {
    expect(() => random.random()).toThrow(MLError);
    expect(() => random.random()).toThrow(/random\.generate/);
    const x = withCapabilities(["random.generate"], () => random.randomInt(0, 10));
    expect(Number.isInteger(x) && x >= 0 && x < 10).toBe(true);
    expect(withCapabilities(["random.sample"], () => random.shuffle([1, 2, 3])).sort()).toEqual([1, 2, 3]);
    expect(() => withCapabilities(["random.generate"], () => random.choice([1]))).toThrow(/random\.sample/);
  });
});
