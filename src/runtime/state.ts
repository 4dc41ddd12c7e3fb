/**
 * Per-load state: limits (docs/limits.md) and the host's I/O sinks.
 */
import type { Budget } from "./abi.js";
import type { RunEntry } from "./limits.js";

/** Host-settable limits for one program load. Every field is optional; see {@link DEFAULT_LIMITS}. */
export interface Limits {
  /**
   * Units of work allowed per run (host entry): a loop iteration or a call is one step, and
   * builtins and stdlib functions charge in proportion to the work they do (docs/limits.md).
   * `Infinity` = unlimited.
   */
  steps?: number;
  /** Wall-clock milliseconds allowed per run, checked from the step counter. `Infinity` = unlimited. */
  timeMs?: number;
  /** Maximum ML call depth; deeper calls raise `RecursionError`. */
  recursion?: number;
  /** Longest string an operation may build (UTF-16 code units), checked before allocating. */
  maxStringLength?: number;
  /** Longest array an operation may build, checked before allocating. */
  maxArrayLength?: number;
  /**
   * Largest value that may cross to the host (a result, a thrown value, an export read, an
   * argument ML passes to a host function), measured by `expandedSize` (runtime/size.ts): one
   * unit per value plus string and key lengths, shared parts counted once per reference.
   */
  maxResultSize?: number;
}

/** The limits used where the host sets none. */
export const DEFAULT_LIMITS: Readonly<Required<Limits>> = Object.freeze({
  steps: Infinity,
  timeMs: Infinity,
  recursion: 1000,
  maxStringLength: 100_000_000,
  maxArrayLength: 10_000_000,
  maxResultSize: 100_000_000,
});

/**
 * The limits and the budget of one load, as runtime helpers receive them: a helper that does
 * work in proportion to its input charges `budget` (docs/limits.md) and checks sizes against
 * the limits before allocating. One per load (`createRuntime`); host code calling helpers
 * directly gets `UNMETERED` (runtime/meter.ts).
 */
export interface RunMeter extends Readonly<Required<Limits>> {
  readonly budget: Budget;
}

/** Receives text the program writes (each call is one complete chunk, usually ending in `\n`). */
export type Sink = (text: string) => void;

/** Supplies a line of input for `input(prompt)`; `null` at end of input. */
export type InputSource = (prompt: string) => string | null;

/** Everything the runtime needs to know about the load it serves. */
export interface RunState {
  readonly limits: Readonly<Required<Limits>>;
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** Absent when the host gives no input source: `input()` then raises `CapabilityError`. */
  readonly stdin: InputSource | null;
  /**
   * The host entry the current asynchronous flow runs for (the host's boundary keeps it in the
   * flow's frame); asynchronous ML code resuming after an `await` spends from it.
   */
  readonly currentEntry?: () => RunEntry | undefined;
}

/** Fills in defaults and validates host-provided limits. */
export function resolveLimits(limits: Limits | undefined): Readonly<Required<Limits>> {
  const out = { ...DEFAULT_LIMITS };
  if (limits) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
      const v = limits[key];
      if (v === undefined) continue;
      if (typeof v !== "number" || Number.isNaN(v) || v < 0) {
        throw new RangeError(`limits.${key} must be a non-negative number, got ${String(v)}`);
      }
      out[key] = v;
    }
  }
  return Object.freeze(out);
}
