/**
 * Shared fast-check settings of the fuzz tests: a fixed seed, so that every run explores the same
 * inputs and a failure reproduces, and a run count that can be scaled up locally.
 *
 * - `MLJS_FUZZ_SEED=<n>` replays another seed (fast-check prints `seed` and `path` on failure);
 * - `MLJS_FUZZ_SCALE=<k>` multiplies every run count (e.g. `10` for a longer session).
 */
import type fc from "fast-check";

const envSeed = Number(process.env.MLJS_FUZZ_SEED);
const scale = Number(process.env.MLJS_FUZZ_SCALE);

/** The seed every fuzz property runs with. */
export const SEED = Number.isInteger(envSeed) ? envSeed : 20261124;

/** fast-check parameters for a property meant to run `numRuns` times at scale 1. */
export function fuzzParams<T>(numRuns: number): fc.Parameters<T> {
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * (scale > 0 ? scale : 1))) };
}
