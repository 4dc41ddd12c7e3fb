/**
 * `random` (docs/stdlib/random.md): pseudo-random draws and sampling from the program run's generator
 * (support/generator.ts). Draws need `random.generate`, sampling needs `random.sample`; seeding
 * needs nothing, since a seed makes the program more deterministic, not less.
 *
 * Unlike Python, `shuffle` returns a new array and never mutates its argument.
 *
 * Cost (docs/limits.md): besides the step of the call, sampling and shuffling charge a step per
 * item copied or drawn (two per index of `randomIndices`, which keeps a map of swaps), and a
 * string seed a step per 16 characters hashed; sizes are checked before arrays are built.
 */
import { defineModule } from "./define.js";
import { needArray, needInteger, needNumber, typeError, typeOf, valueError, given } from "./support/arguments.js";
import { reseed, runRandom, type Seed } from "./support/generator.js";
import { spendArray, spendItems, spendText } from "./support/cost.js";

const m = defineModule("random", "Pseudo-random numbers and sampling from a per-run generator that setSeed makes deterministic.");

const GENERATE = ["random.generate"];
const SAMPLE = ["random.sample"];
const MAX_SPAN = 9007199254740992; // 2^53: the widest range below() draws from exactly
const M = Math;

const rng = () => runRandom().rng;

/** An integer in [lo, lo + span). */
function intIn(fn: string, lo: number, span: number): number {
  if (span > MAX_SPAN) throw valueError(`${fn}() range is too large (more than 2^53 integers)`);
  return lo + rng().below(span);
}

/** A standard normal deviate (Box-Muller); 1 - u keeps the logarithm's argument in (0, 1]. */
function standardNormal(): number {
  const g = rng();
  const u = 1 - g.nextFloat();
  const v = g.nextFloat();
  return M.sqrt(-2 * M.log(u)) * M.cos(2 * M.PI * v);
}

export const setSeed = m.function(
  {
    name: "setSeed", aliases: ["set_seed"], params: "seed", returns: "the seed",
    description: "Seeds the run's generator with a number or string so that every later draw (also math.random) is reproducible, and returns the seed (as mlpy does); null reseeds from entropy.",
  },
  (seed: unknown) => {
    if (seed !== null && typeof seed !== "number" && typeof seed !== "string") {
      throw typeError(`random.setSeed() argument 1 must be a number, a string or null, not ${typeOf(seed)}`);
    }
    if (typeof seed === "number" && !Number.isFinite(seed)) throw valueError(`random.setSeed() needs a finite number, got ${seed}`);
    if (typeof seed === "string") spendText(seed.length);
    reseed(seed as Seed | null);
    return seed;
  },
);

export const getSeed = m.function(
  { name: "getSeed", aliases: ["get_seed"], params: "", returns: "number, string or null", description: "The seed last given to setSeed in this run, or null when the generator is seeded from entropy." },
  () => runRandom().seed,
);

export const random = m.function(
  { name: "random", params: "", returns: "number", description: "A random float in [0, 1).", requires: GENERATE },
  () => rng().nextFloat(),
);

export const randomInt = m.function(
  {
    name: "randomInt", aliases: ["random_int"], params: "min=0, max=100", returns: "number", requires: GENERATE,
    description: "A random integer n with min <= n < max (max is exclusive; defaults 0 and 100, as in mlpy); min must be less than max.",
  },
  (min?: unknown, max?: unknown) => {
    const lo = given(min) ? needInteger("random.randomInt", 1, min) : 0;
    const hi = given(max) ? needInteger("random.randomInt", 2, max) : 100;
    if (lo >= hi) throw valueError(`random.randomInt() needs min < max (max is exclusive), got ${lo} and ${hi}`);
    return intIn("random.randomInt", lo, hi - lo);
  },
);

export const randomFloat = m.function(
  {
    name: "randomFloat", aliases: ["random_float", "uniform"], params: "min=0, max=1", returns: "number", requires: GENERATE,
    description: "A random float in [min, max); min must not exceed max.",
  },
  (min?: unknown, max?: unknown) => {
    const lo = given(min) ? needNumber("random.randomFloat", 1, min) : 0;
    const hi = given(max) ? needNumber("random.randomFloat", 2, max) : 1;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw valueError("random.randomFloat() needs finite bounds");
    if (lo > hi) throw valueError(`random.randomFloat() needs min <= max, got ${lo} and ${hi}`);
    const x = lo + (hi - lo) * rng().nextFloat();
    return x < hi || lo === hi ? x : lo; // rounding can reach hi; keep the interval half-open
  },
);

export const randomBool = m.function(
  { name: "randomBool", aliases: ["random_bool"], params: "", returns: "boolean", requires: GENERATE, description: "true or false with equal probability." },
  () => rng().nextUint32() < 0x80000000,
);

export const randomBoolWeighted = m.function(
  {
    name: "randomBoolWeighted", aliases: ["random_bool_weighted"], params: "p", returns: "boolean", requires: GENERATE,
    description: "true with probability p (0 <= p <= 1), otherwise false.",
  },
  (p: unknown) => {
    const x = needNumber("random.randomBoolWeighted", 1, p);
    if (!(x >= 0 && x <= 1)) throw valueError(`random.randomBoolWeighted() needs 0 <= p <= 1, got ${x}`);
    return rng().nextFloat() < x;
  },
);

export const randomNormal = m.function(
  {
    name: "randomNormal", aliases: ["random_normal", "gaussian"], params: "mu=0, sigma=1", returns: "number", requires: GENERATE,
    description: "A normally distributed random number with mean mu and standard deviation sigma (sigma >= 0).",
  },
  (mu?: unknown, sigma?: unknown) => {
    const mean = given(mu) ? needNumber("random.randomNormal", 1, mu) : 0;
    const sd = given(sigma) ? needNumber("random.randomNormal", 2, sigma) : 1;
    if (!(sd >= 0)) throw valueError(`random.randomNormal() needs sigma >= 0, got ${sd}`);
    return mean + sd * standardNormal();
  },
);

export const triangular = m.function(
  {
    name: "triangular", params: "low=0, high=1, mode?", returns: "number", requires: GENERATE,
    description: "A random float in [low, high] from the triangular distribution peaking at mode (default: the midpoint).",
  },
  (low?: unknown, high?: unknown, mode?: unknown) => {
    let lo = given(low) ? needNumber("random.triangular", 1, low) : 0;
    let hi = given(high) ? needNumber("random.triangular", 2, high) : 1;
    if (lo > hi) throw valueError(`random.triangular() needs low <= high, got ${lo} and ${hi}`);
    const peak = given(mode) ? needNumber("random.triangular", 3, mode) : (lo + hi) / 2;
    if (!(peak >= lo && peak <= hi)) throw valueError(`random.triangular() needs low <= mode <= high, got mode ${peak}`);
    if (lo === hi) return lo;
    // Python's algorithm: invert the CDF on the side of the peak the draw falls on.
    let u = rng().nextFloat();
    let c = (peak - lo) / (hi - lo);
    if (u > c) {
      u = 1 - u;
      c = 1 - c;
      [lo, hi] = [hi, lo];
    }
    return lo + (hi - lo) * M.sqrt(u * c);
  },
);

export const nextInt = m.function(
  {
    name: "nextInt", aliases: ["next_int"], params: "bound?", returns: "number", requires: GENERATE,
    description: "The generator's next raw integer in [0, 2^32), or an integer in [0, bound) when bound (a positive integer) is given.",
  },
  (bound?: unknown) => {
    if (!given(bound)) return rng().nextUint32();
    const n = needInteger("random.nextInt", 1, bound);
    if (n <= 0) throw valueError(`random.nextInt() needs a positive bound, got ${n}`);
    return intIn("random.nextInt", 0, n); // a bound of 2^32 draws exactly what nextUint32 does
  },
);

export const choice = m.function(
  {
    name: "choice", params: "seq", returns: "any", requires: SAMPLE,
    description: "A random element of an array (or character of a string); an empty one raises ValueError.",
  },
  (seq: unknown) => {
    if (typeof seq !== "string" && !Array.isArray(seq)) {
      throw typeError(`random.choice() argument 1 must be an array or a string, not ${typeOf(seq)}`);
    }
    if (seq.length === 0) throw valueError("random.choice() cannot choose from an empty sequence");
    return seq[rng().below(seq.length)];
  },
);

/** Moves `k` randomly chosen elements of `a` to its front (partial Fisher-Yates), in place. */
function shuffleFront(a: unknown[], k: number): void {
  const g = rng();
  for (let i = 0; i < k; i++) {
    const j = i + g.below(a.length - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

export const shuffle = m.function(
  {
    name: "shuffle", params: "arr", returns: "array", requires: SAMPLE,
    description: "A new array holding the elements of arr in random order; arr itself is not changed.",
  },
  (arr: unknown) => {
    const items = needArray("random.shuffle", 1, arr);
    spendItems(items.length);
    const a = [...items];
    shuffleFront(a, M.max(a.length - 1, 0)); // the last element has nowhere left to go
    return a;
  },
);

export const sample = m.function(
  {
    name: "sample", params: "arr, k", returns: "array", requires: SAMPLE,
    description: "k distinct elements (by position) of arr chosen at random, in random order; k at least the length of arr gives all of them, shuffled (as in mlpy).",
  },
  (arr: unknown, k: unknown) => {
    const a = needArray("random.sample", 1, arr);
    const wanted = needInteger("random.sample", 2, k);
    if (wanted < 0) throw valueError(`random.sample() needs k >= 0, got ${wanted}`);
    const count = M.min(wanted, a.length);
    spendItems(a.length + count);
    const copy = [...a];
    shuffleFront(copy, count);
    copy.length = count;
    return copy;
  },
);

export const randomIndices = m.function(
  {
    name: "randomIndices", aliases: ["random_indices"], params: "n, k?", returns: "array", requires: SAMPLE,
    description:
      "k distinct random indices from 0..n-1 in random order; k >= n gives 0..n-1 in order (as in mlpy); without k, all n in random order (a random permutation).",
  },
  (n: unknown, k?: unknown) => {
    const size = needInteger("random.randomIndices", 1, n);
    if (size < 0) throw valueError(`random.randomIndices() needs n >= 0, got ${size}`);
    const count = given(k) ? needInteger("random.randomIndices", 2, k) : size;
    if (count < 0) throw valueError(`random.randomIndices() needs k >= 0, got ${count}`);
    if (given(k) && count >= size) {
      // mlpy: a count covering the whole range gives every index, in order.
      spendArray(size);
      const all = new Array<number>(size);
      for (let i = 0; i < size; i++) all[i] = i;
      return all;
    }
    spendArray(count);
    spendItems(count);
    if (size > MAX_SPAN) throw valueError("random.randomIndices() range is too large (more than 2^53 integers)");
    // Partial Fisher-Yates over a virtual 0..n-1: only the swapped positions are stored, so a
    // few indices out of a huge range cost O(k).
    const g = rng();
    const swapped = new Map<number, number>();
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const j = i + g.below(size - i);
      const atJ = swapped.get(j) ?? j;
      swapped.set(j, swapped.get(i) ?? i);
      out[i] = atJ;
    }
    return out;
  },
);

export const definition = m.done();
