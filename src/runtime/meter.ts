/**
 * Run meters: the limits and budget a runtime helper charges its work to (docs/limits.md).
 *
 * The cost scale: one step per item visited, copied, compared or produced, and one step per 16
 * code units of string data scanned, copied or produced ({@link textCost}). Helpers charge before
 * the work when its size is known, else in slices while doing it, so a limit stops a long
 * operation part-way and the clock (read every `STEPS_PER_CHUNK` steps) is read often.
 */
import type { Budget } from "./abi.js";
import { charge, createBudget } from "./limits.js";
import { DEFAULT_LIMITS, type Limits, type RunMeter } from "./state.js";

export type { RunMeter } from "./state.js";

/** The meter of one load: its limits and its budget, in one frozen object. */
export function createMeter(limits: Readonly<Required<Limits>>, budget: Budget): RunMeter {
  return Object.freeze({ ...limits, budget });
}

/**
 * The meter of host code calling runtime helpers directly (no ML program running): default
 * size limits and a budget that never runs out.
 */
export const UNMETERED: RunMeter = createMeter(DEFAULT_LIMITS, createBudget(DEFAULT_LIMITS));

/** Steps for `units` code units (or bytes) of string data: one per 16, rounded up. */
export function textCost(units: number): number {
  return Math.ceil(units / 16);
}

/** Charges the scanning, copying or producing of `units` code units of string data. */
export function chargeText(budget: Budget, units: number): void {
  // Inline for short strings: most calls cost one step and need no division.
  if (units <= 16) {
    if (--budget.n < 0) charge(budget, 0);
  } else charge(budget, Math.ceil(units / 16));
}
