/**
 * The stdlib's side of the cost model (docs/limits.md): what a unit of work is, in steps.
 *
 * - one step per item visited, copied, compared or produced;
 * - one step per 16 code units or bytes (rounded up) of text or data scanned, copied, produced,
 *   hashed, parsed or encoded;
 * - a file-system operation costs {@link FS_CALL} steps, replacing a file {@link FS_REPLACE}, and
 *   each directory entry read {@link FS_ENTRY} (measured: a system call takes microseconds).
 *
 * Charge before the work when its size is known (and check the size limits before allocating),
 * in slices inside loops whose total is not known up front. Inside a loop, look the budget up
 * once per call (`runBudget()`), then use the inline `if (--b.n < 0) tick(b)` per item or
 * `charge(b, k)` per slice.
 */
import { checkArrayLength, checkStringLength } from "../../runtime/limits.js";
import { programScope, spend } from "./scope.js";

/** Steps for `length` code units or bytes of text or data: one per 16, rounded up. */
export function textCost(length: number): number {
  return Math.ceil(length / 16);
}

/**
 * Steps charged for one file-system operation (checking a path, a stat, opening a file, reading
 * a directory, creating one): 5–20 µs each measured on a local disk, with the error a missing
 * file raises, and a step stands for at most ~100 ns of work.
 */
export const FS_CALL = 100;

/**
 * Steps charged for replacing a file's content: a temporary file is created, written and renamed
 * over the destination (200–300 µs measured on a journaled local disk).
 */
export const FS_REPLACE = 3000;

/** Steps charged per entry of a directory read (an entry object per name: 0.5–0.8 µs measured). */
export const FS_ENTRY = 8;

/** Charges the current program for scanning or producing `length` code units or bytes. */
export function spendText(length: number): void {
  spend(Math.ceil(length / 16));
}

/** Charges the current program `count` steps: items visited, copied or produced. */
export function spendItems(count: number): void {
  spend(count);
}

/**
 * Charges `count` items and checks that an array of `count` items may be built: both before
 * the array is allocated.
 */
export function spendArray(count: number): void {
  checkArrayLength(count, programScope().state.limits);
  spend(count);
}

/**
 * Charges `length` code units of text produced and checks that a string of `length` may be
 * built: both before it is allocated.
 */
export function spendString(length: number): void {
  checkStringLength(length, programScope().state.limits);
  spend(Math.ceil(length / 16));
}
