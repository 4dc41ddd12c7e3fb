/**
 * The random generator of each program run (docs/stdlib/README.md `random`): created on first use in a run,
 * seeded from the host's entropy unless ML code calls `random.setSeed`. `math.random()` and the
 * `random` module draw from the same generator, so one seed makes both deterministic.
 *
 * The algorithm is xoshiro128** (32-bit operations only, so it is fast in JavaScript and gives the
 * same sequence on every platform). A seed is hashed to 128 bits with cyrb128 and spread over the
 * state with splitmix32, so close seeds (1, 2, 3…) give unrelated sequences.
 */
import { randomFillSync } from "node:crypto";
import { moduleSlot } from "./scope.js";

/** What ML may pass to `setSeed`: a finite number or a string. */
export type Seed = number | string;

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;
const imul = Math.imul;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A seedable xoshiro128** generator. */
export class Xoshiro128 {
  private readonly s = new Uint32Array(4);

  constructor(words: ArrayLike<number>) {
    this.reset(words);
  }

  /** Replaces the state with four 32-bit words (an all-zero state would stay zero forever). */
  reset(words: ArrayLike<number>): void {
    const s = this.s;
    for (let i = 0; i < 4; i++) s[i] = words[i];
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 0x9e3779b9;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const s = this.s;
    const result = imul(rotl(imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A float in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / TWO_53;
  }

  /** An integer in [0, n), without modulo bias, for 1 <= n <= 2^53. */
  below(n: number): number {
    if (n <= TWO_32) {
      const limit = TWO_32 - (TWO_32 % n);
      for (;;) {
        const x = this.nextUint32();
        if (x < limit) return x % n;
      }
    }
    const limit = TWO_53 - (TWO_53 % n);
    for (;;) {
      const x = (this.nextUint32() >>> 11) * TWO_32 + this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}

/** cyrb128: a 128-bit hash of a string, as four 32-bit words. */
function cyrb128(text: string): number[] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ imul(h1 ^ k, 597399067);
    h2 = h3 ^ imul(h2 ^ k, 2869860233);
    h3 = h4 ^ imul(h3 ^ k, 951274213);
    h4 = h1 ^ imul(h4 ^ k, 2716044179);
  }
  h1 = imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** splitmix32 step: a well-mixed word from `x`. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = imul(z ^ (z >>> 16), 0x21f0aaad);
  z = imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** The generator state a seed stands for; a number and its string form are different seeds. */
function seedWords(seed: Seed): number[] {
  // String(n) is the shortest round-trip form, so every distinct number is a distinct key.
  const key = typeof seed === "number" ? `n:${String(seed)}` : `s:${seed}`;
  return cyrb128(key).map(splitmix32);
}

function entropyWords(): Uint32Array {
  return randomFillSync(new Uint32Array(4));
}

/** One run's generator and the seed ML set (`null`: seeded from entropy). */
export interface RunRandom {
  readonly rng: Xoshiro128;
  seed: Seed | null;
}

/** The current run's generator, created (from entropy) on first use. */
export function runRandom(): RunRandom {
  return moduleSlot<RunRandom>("random", () => ({ rng: new Xoshiro128(entropyWords()), seed: null }));
}

/** Reseeds the current run's generator: deterministically from `seed`, or from entropy for `null`. */
export function reseed(seed: Seed | null): void {
  const r = runRandom();
  r.rng.reset(seed === null ? entropyWords() : seedWords(seed));
  r.seed = seed;
}

/** The next float in [0, 1) from the current run's generator. */
export function drawFloat(): number {
  return runRandom().rng.nextFloat();
}
