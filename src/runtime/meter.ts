/**
 * Run meters: the limits and budget a runtime helper charges its work to (docs/limits.md).
 *
 * The cost scale: one step per item visited, copied, compared or produced, and one step per 16
 * code units of string data scanned, copied or produced ({@link textCost}). Helpers charge before
 * the work when its size is known, else in slices while doing it, so a limit stops a long
 * operation part-way and the clock (read every `STEPS_PER_CHUNK` steps) is read often.
 */
import type { Budget } from "./abi.js";
import { createUnmeteredBudget, tick } from "./limits.js";
import { DEFAULT_LIMITS, type Limits, type RunMeter } from "./state.js";

export type { RunMeter } from "./state.js";

/** The meter of one load: its limits and its budget, in one frozen object. */
export function createMeter(limits: Readonly<Required<Limits>>, budget: Budget): RunMeter {
  return Object.freeze({ ...limits, budget });
}

/**
 * The meter of host code calling runtime helpers directly (no ML program running): default
 * size limits and a budget that never runs out — shared by every such call in the process, so
 * not even a NaN cost (a bug) may exhaust it.
 */
export const UNMETERED: RunMeter = createMeter(DEFAULT_LIMITS, createUnmeteredBudget(DEFAULT_LIMITS));

/**
 * Steps for listing the `n` own keys of an object: one per key, four per key past 1 024 keys
 * (JavaScript keeps large objects in a slower form whose key list takes about 250 ns a key).
 */
export function keysCost(n: number): number {
  return n <= 1024 ? n : 4 * n;
}

/** Steps for `units` code units (or bytes) of string data: one per 16, rounded up. */
export function textCost(units: number): number {
  return Math.ceil(units / 16);
}

/** Charges the scanning, copying or producing of `units` code units of string data. */
export function chargeText(budget: Budget, units: number): void {
  // Integer arithmetic for any length a string can have; a larger computed size divides.
  const steps = units < 0x7fff0000 ? (units + 15) >>> 4 || 1 : Math.ceil(units / 16);
  // Written so that a NaN size (a bug in a caller) exhausts the budget instead of disabling it.
  if (!((budget.n -= steps) >= 0)) tick(budget);
}
