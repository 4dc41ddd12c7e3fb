/**
 * Step, time and recursion budgets (docs/limits.md).
 *
 * Generated code pays one decrement-and-compare per loop iteration and function entry
 * (`if (--$L.n < 0) $tick();`). The counter `n` is a *chunk* handed out from the run's total
 * step budget; only when a chunk is used up does {@link tick} run: it hands out the next chunk
 * and checks the wall clock. So the clock is read once per chunk, not per step.
 */
import type { Budget } from "./abi.js";
import { MLError, onEntry, recursionError } from "./errors.js";
import type { Limits } from "./state.js";

/** Steps handed out per refill; the wall clock is checked at every refill. */
const CHUNK = 10_000;

// Captured at load so a program (or a host) replacing globals cannot change how time is read.
// Node's monotonic clock first: reading `globalThis.performance` makes Node load its
// performance-timing module, which costs a start-up of `mljs run` over a millisecond.
const hrtime = typeof process === "object" ? process?.hrtime?.bigint : undefined;
const perf = hrtime === undefined ? globalThis.performance : undefined;
const now: () => number =
  hrtime !== undefined ? () => Number(hrtime()) / 1e6
  : perf !== undefined && typeof perf.now === "function" ? perf.now.bind(perf) : Date.now;

/**
 * A load's budget. Generated code reads and writes `n`, `depth` and `max` only; the other fields
 * belong to {@link tick}, {@link beginRun} and the entry switching below. All fields are set in
 * the constructor so every budget has one hidden class.
 *
 * The counters (`n`, `granted`, `startedAt`, `exhausted`) are those of the host entry that
 * occupies the budget now ({@link RunEntry}): each outermost call from the host into ML has its
 * own share of the limits, and an asynchronous call that resumes after an `await` switches its
 * own counters back in ({@link activate}) before it goes on.
 */
export class RunBudget implements Budget {
  /** Steps left in the current chunk. */
  n = 0;
  /** Current ML call depth. */
  depth = 0;
  /** Maximum ML call depth. */
  max: number;
  /** Total steps allowed per run (`Infinity` for unlimited). */
  readonly steps: number;
  /** Wall-clock milliseconds allowed per run (`Infinity` for unlimited). */
  readonly timeMs: number;
  /** Steps handed out to chunks since the run began. */
  granted = 0;
  /** `now()` when the run began. */
  startedAt = 0;
  /** Message of the limit hit in this run, if any: every later tick throws it again. */
  exhausted: string | null = null;
  /** The host entry whose counters are in the fields above (null before the first entry). */
  entry: RunEntry | null = null;
  /** A budget for host code (no ML program running): charges are counted, never refused. */
  readonly unmetered: boolean;

  constructor(limits: Readonly<Required<Limits>>, unmetered = false) {
    this.max = limits.recursion;
    this.steps = limits.steps;
    this.timeMs = limits.timeMs;
    this.startedAt = now();
    this.unmetered = unmetered;
  }
}

/**
 * One outermost entry from the host into a load (running the top level, a call of an exported
 * function, a callback the host calls): its own step and time budget, kept across every `await`
 * of an asynchronous call, and shared by the host callbacks into ML made while it is open.
 * While the entry occupies its {@link RunBudget}, the live counters are there; when another entry
 * takes the budget, they are saved here.
 */
export class RunEntry {
  n = 0;
  granted = 0;
  startedAt = 0;
  exhausted: string | null = null;
  /** The ML call depth of this entry's code (a new entry starts with none on the stack). */
  depth = 0;
  /** False once the outermost call has returned (or its promise settled). */
  open = true;

  constructor(readonly budget: RunBudget) {}
}

/**
 * Starts a new outermost entry on `budget`: a fresh step total and clock, occupying the budget.
 * Close it with {@link closeEntry} when the call (or its promise) ends.
 */
export function openEntry(budget: Budget): RunEntry {
  const b = asRunBudget(budget);
  const entry = new RunEntry(b);
  activate(b, entry);
  beginRun(b);
  return entry;
}

/** Marks `entry` finished: host callbacks into ML made after this start entries of their own. */
export function closeEntry(entry: RunEntry): void {
  entry.open = false;
}

/**
 * Puts `entry`'s counters into its budget (saving those of the entry that occupied it), so the
 * code about to run spends from `entry` — and counts its calls from `entry`'s depth, not from
 * the depth another entry's code left. Cheap when `entry` already occupies the budget.
 */
export function activate(budget: Budget, entry: RunEntry): void {
  const b = budget as RunBudget;
  const current = b.entry;
  if (current === entry) return;
  if (current !== null) {
    current.n = b.n;
    current.granted = b.granted;
    current.startedAt = b.startedAt;
    current.exhausted = b.exhausted;
    current.depth = b.depth;
  }
  b.n = entry.n;
  b.granted = entry.granted;
  b.startedAt = entry.startedAt;
  b.exhausted = entry.exhausted;
  b.depth = entry.depth;
  b.entry = entry;
}

/** Creates the budget of one program load. A run starts when the budget is created. */
export function createBudget(limits: Readonly<Required<Limits>>): RunBudget {
  return new RunBudget(limits);
}

/**
 * A budget that never runs out, for stdlib functions and runtime helpers called by host code
 * directly (no ML program running): it is shared by all such calls for the life of the process,
 * so nothing charged to it — not even a NaN cost from a bug — may exhaust it.
 */
export function createUnmeteredBudget(limits: Readonly<Required<Limits>>): RunBudget {
  const b = new RunBudget(limits, true);
  b.n = CHUNK;
  return b;
}

/**
 * Starts a fresh run on `budget`: the full step total and a new clock. The host calls this on
 * each outermost entry from host code into ML (the top level, each call of an export).
 * The call depth is left alone; see {@link saveDepth}.
 */
export function beginRun(budget: Budget): void {
  const b = asRunBudget(budget);
  // The first chunk is handed out at once (a tick at step one would only do the same), and the
  // clock is read only when a time limit will compare against it.
  const chunk = b.steps < CHUNK ? b.steps : CHUNK;
  b.granted = chunk;
  b.n = chunk;
  b.exhausted = null;
  if (b.timeMs !== Infinity) b.startedAt = now();
}

/** The current call depth, to be restored with {@link restoreDepth} when a host entry ends. */
export function saveDepth(budget: Budget): number {
  return budget.depth;
}

/** Restores the call depth saved by {@link saveDepth} (after a host entry, normal or not). */
export function restoreDepth(budget: Budget, depth: number): void {
  budget.depth = depth;
}

/**
 * Called when `budget.n` dropped below zero — by generated code after a step, or by
 * {@link charge} after a larger cost: hands out the next chunk of steps (covering what the
 * caller overdrew), or throws `LimitError` when the run's steps or time are used up. Once a limit
 * is hit, every later call throws again until {@link beginRun}.
 */
export function tick(budget: Budget): void {
  // Every budget that reaches here was made by this module (generated code and the stdlib get
  // theirs from the loader; beginRun checks what a host passes): no class check on this path.
  const b = budget as RunBudget;
  if (b.unmetered) {
    b.n = CHUNK;
    return;
  }
  if (b.exhausted !== null) exhaust(b, b.exhausted);
  // The caller has used `owed` steps beyond the chunk (one for a plain step).
  const owed = -b.n;
  const remaining = b.steps - b.granted;
  if (!(owed <= remaining)) exhaust(b, `step limit exceeded (${formatCount(b.steps)} steps)`);
  if (b.timeMs !== Infinity && now() - b.startedAt > b.timeMs) {
    exhaust(b, `time limit exceeded (${formatCount(b.timeMs)} ms)`);
  }
  // A full chunk beyond what was owed, so a large charge is not followed by a tick at the next step.
  const want = owed + CHUNK;
  const chunk = remaining < want ? remaining : want;
  b.granted += chunk;
  b.n = chunk - owed;
}

/**
 * Charges `units` steps of work to `budget` (the cost model: an operation that visits, compares,
 * copies or produces `units` things costs `units` steps). Charge before doing the work, or in
 * slices while doing it, so a limit stops a long operation part-way: the step limit when the
 * total passes `steps`, the time limit at the next chunk boundary (every {@link CHUNK} steps).
 */
export function charge(budget: Budget, units: number): void {
  // Written so that a NaN cost (a bug in a caller) exhausts the budget instead of disabling it.
  if (!((budget.n -= units) >= 0)) tick(budget);
}

/** Steps per chunk: the clock is read at most this many steps apart (about a millisecond of work). */
export const STEPS_PER_CHUNK = CHUNK;

/**
 * Called by generated code when `budget.depth` exceeds `budget.max`, in the prologue of the
 * function being entered: the error is reported at the call that went too deep.
 */
export function deep(): never {
  // The whole recursion is captured (the default depth limit is 1000 calls), so the report can
  // say how often a frame repeats; this runs once per RecursionError, never on a call that fits.
  const limit = HostError.stackTraceLimit;
  HostError.stackTraceLimit = RECURSION_STACK_FRAMES;
  let e: MLError;
  try {
    e = recursionError("maximum recursion depth exceeded");
  } finally {
    HostError.stackTraceLimit = limit;
  }
  throw onEntry(e);
}

const HostError = Error;
/** JavaScript frames captured for a RecursionError. */
const RECURSION_STACK_FRAMES = 2500;

/** Records the exhaustion (so the run cannot get more steps) and throws a fresh LimitError. */
function exhaust(b: RunBudget, message: string): never {
  b.exhausted = message;
  b.n = -1;
  throw new MLError("LimitError", message);
}

function asRunBudget(budget: Budget): RunBudget {
  if (budget instanceof RunBudget) return budget;
  throw new TypeError("mljs: not a budget created by createBudget()");
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** Throws `LimitError` if a string of `length` code units may not be built under `limits`. */
export function checkStringLength(length: number, limits: Readonly<Required<Limits>>): void {
  if (length > limits.maxStringLength) {
    throw new MLError("LimitError", `string length limit exceeded (max ${formatCount(limits.maxStringLength)})`);
  }
}

/** Throws `LimitError` if an array of `length` items may not be built under `limits`. */
export function checkArrayLength(length: number, limits: Readonly<Required<Limits>>): void {
  if (length > limits.maxArrayLength) {
    throw new MLError("LimitError", `array length limit exceeded (max ${formatCount(limits.maxArrayLength)})`);
  }
}
