/**
 * The frame: what the current async flow runs under — the capability tokens in force and, while
 * ML code runs, the program it belongs to. Kept in the process-wide `AsyncLocalStorage`
 * (shared.ts), entered only with `run` (never `enterWith`), so it follows `await`, timers and
 * callbacks started inside and nothing else (docs/security.md, invariant 5).
 */
import { shared } from "../runtime/shared.js";
import type { RunState } from "../runtime/state.js";
import type { Budget } from "../runtime/abi.js";
import { activate, type RunEntry } from "../runtime/limits.js";
import type { CapabilityToken } from "./token.js";

/** One capability the program's manifest declares, with its patterns (`[]`: unrestricted). */
export interface DeclaredCapability {
  readonly capability: string;
  readonly patterns: readonly string[];
}

/**
 * What the stdlib needs to know about the program a call comes from: its manifest, its base
 * directory, its I/O sinks and limits, the arguments and environment the host gave it, and
 * per-run state of stdlib modules (the random generator, loggers).
 */
export interface ProgramScope {
  /** The capabilities the program (with every module it imports) declares; `null`: no declaration. */
  readonly manifest: readonly DeclaredCapability[] | null;
  /** Directory that relative paths and relative patterns start from. */
  readonly baseDir: string;
  /** Limits and sinks of the load. */
  readonly state: RunState;
  /** The load's step/time budget: loops inside stdlib functions spend from it too. */
  readonly budget: Budget;
  /** The script name and the argument vector (`args` module). */
  readonly script: string;
  readonly args: readonly string[];
  /** The program's own view of the environment (`env.set` changes this, never `process.env`). */
  readonly env: Map<string, string>;
  /** Per-run state of stdlib modules, by module name. */
  readonly slots: Map<string, unknown>;
}

/** The state of the current async flow. */
export interface Frame {
  /** The tokens in force (the context's own plus inherited ones). */
  readonly tokens: readonly CapabilityToken[];
  /** The program whose code is running, or null in plain host code. */
  readonly program: ProgramScope | null;
  /**
   * The outermost host entry this flow belongs to (runtime/limits.ts): its budget follows the
   * flow across `await`, and host callbacks into ML made while it is open spend from it.
   */
  readonly entry?: RunEntry;
}

// The storage is process-wide (every copy of mljs shares it) and private to this layer.
const storage = shared.capabilities.storage as import("node:async_hooks").AsyncLocalStorage<Frame>;

/**
 * A frame made current for synchronous code only, without entering the storage
 * ({@link runDirect}): a host call into a synchronous program that can start nothing
 * asynchronous of its own. Valid only while the storage still holds `directOuter` (the frame that
 * was current when it was set): any `run` in between — by this copy of mljs or another — hides it.
 */
let direct: Frame | null = null;
let directOuter: Frame | undefined;

/** The current frame, or undefined outside any context and program. */
export function currentFrame(): Frame | undefined {
  const store = storage.getStore();
  return direct !== null && store === directOuter ? direct : store;
}

/** The frame the storage holds (for {@link runDirect}); {@link currentFrame} is `frameOver` of it. */
export function storedFrame(): Frame | undefined {
  return storage.getStore();
}

/** The current frame, given what the storage holds now ({@link storedFrame}). */
export function frameOver(store: Frame | undefined): Frame | undefined {
  return direct !== null && store === directOuter ? direct : store;
}

/**
 * The budget of `frame`'s program with the frame's host entry switched in: code resuming after an
 * `await` (a stdlib request, a capability check after a DNS lookup) may find another entry's
 * counters in the program's budget, and must charge its own (runtime/limits.ts `activate`).
 */
export function flowBudget(program: ProgramScope, frame: Frame | undefined): Budget {
  const entry = frame?.entry;
  if (entry !== undefined && entry.budget === program.budget) activate(program.budget, entry);
  return program.budget;
}

/** Runs `fn` with `frame` current (for `fn` and everything it starts asynchronously). */
export function runInFrame<T>(frame: Frame, fn: () => T): T {
  if (direct === null) return storage.run(frame, fn);
  const saved = direct;
  direct = null;
  try {
    return storage.run(frame, fn);
  } finally {
    direct = saved;
  }
}

/**
 * Runs `fn(a, b, c)` with `frame` current for the synchronous code it runs, without entering the
 * storage: what `fn` starts asynchronously sees the frame the storage holds now (`stored`, read
 * with {@link storedFrame} just before). For host calls into synchronous programs only
 * (host/program.ts says when that is as good as {@link runInFrame}).
 */
export function runDirect<A, B, C, T>(frame: Frame, stored: Frame | undefined, fn: (a: A, b: B, c: C) => T, a: A, b: B, c: C): T {
  const savedDirect = direct;
  const savedOuter = directOuter;
  direct = frame;
  directOuter = stored;
  try {
    return fn(a, b, c);
  } finally {
    direct = savedDirect;
    directOuter = savedOuter;
  }
}
