import { createMeter, type RunMeter } from "../../src/runtime/meter.js";
import { createBudget, beginRun } from "../../src/runtime/limits.js";
import { resolveLimits, type Limits } from "../../src/runtime/state.js";

/**
 * A run meter for calling runtime helpers directly in tests: the given limits (steps included)
 * and a fresh budget whose run has begun.
 */
export function meterOf(limits: Limits = {}): RunMeter {
  const resolved = resolveLimits(limits);
  const budget = createBudget(resolved);
  beginRun(budget);
  return createMeter(resolved, budget);
}
