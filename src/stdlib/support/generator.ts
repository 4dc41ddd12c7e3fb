/**
 * The random generator of each program run (STDLIB.md `random`): created on first use in a run,
 * seeded from the host's entropy unless ML code calls `random.setSeed`.
 * Placeholder implementation: replaced by the random module's generator.
 */
import { moduleSlot } from "./scope.js";

interface Generator {
  next(): number;
}

/** The next float in [0, 1) from the current run's generator. */
export function drawFloat(): number {
  return moduleSlot<Generator>("random", () => ({ next: () => Math.random() })).next();
}
