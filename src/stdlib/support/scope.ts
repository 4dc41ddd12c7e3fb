/**
 * The program a stdlib call comes from (capabilities/frame.ts): its sinks, limits, base
 * directory, arguments, environment view and per-run module state.
 *
 * Stdlib modules are one instance per process, so per-program state never lives in module
 * variables: it lives in the program's scope, found through the current frame. Plain host code
 * calling a stdlib function directly (no ML program running) gets a process-level default scope.
 */
import { currentFrame, flowBudget, type ProgramScope } from "../../capabilities/frame.js";
import { resolveLimits, type RunState } from "../../runtime/state.js";
import { charge, createUnmeteredBudget, tick } from "../../runtime/limits.js";
import type { Budget } from "../../runtime/abi.js";
import { createMeter, type RunMeter } from "../../runtime/meter.js";

export type { ProgramScope } from "../../capabilities/frame.js";

let hostScope: ProgramScope | null = null;

/** The scope of plain host code: process output, default limits, no arguments, a copy of `process.env`. */
function defaultScope(): ProgramScope {
  if (hostScope === null) {
    const state: RunState = {
      limits: resolveLimits(undefined),
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
      stdin: null,
    };
    const env = new Map<string, string>();
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env.set(k, v);
    hostScope = Object.freeze({
      manifest: null,
      baseDir: process.cwd(),
      state,
      budget: createUnmeteredBudget(state.limits),
      script: "",
      args: Object.freeze([]),
      env,
      slots: new Map(),
    });
  }
  return hostScope;
}

/** The scope of the program whose code is running (or the host's default scope). */
export function programScope(): ProgramScope {
  return currentFrame()?.program ?? defaultScope();
}

/** Per-run state of a stdlib module, created on first use in each program. */
export function moduleSlot<T>(module: string, create: () => T): T {
  const slots = programScope().slots;
  let v = slots.get(module) as T | undefined;
  if (v === undefined) {
    v = create();
    slots.set(module, v);
  }
  return v;
}

/**
 * Spends one step of the current program's budget (docs/limits.md): stdlib loops that call back
 * into functions count their iterations like ML loops, so the step and time limits hold inside
 * `functional.map`, `collections.filter` and the rest, whatever the callback is.
 */
export function spendStep(): void {
  const budget = liveBudget();
  if (--budget.n < 0) tick(budget);
}

/**
 * Charges `units` steps of work to the current program's budget (the cost model of
 * docs/limits.md): call it with the size of the work *before* doing it — bytes hashed,
 * characters produced, items visited — so an oversized call fails with `LimitError` up front.
 */
export function spend(units: number): void {
  charge(liveBudget(), units);
}

/**
 * The current program's budget, for loops that charge as they go: look it up once per call,
 * then `charge(budget, k)` (runtime/limits.ts) every so often inside the loop.
 */
export function runBudget(): Budget {
  return liveBudget();
}

/** The current program's budget, holding the counters of the host entry this flow runs for. */
function liveBudget(): Budget {
  const frame = currentFrame();
  return flowBudget(frame?.program ?? defaultScope(), frame);
}

const meters = new WeakMap<ProgramScope, RunMeter>();

/**
 * The current program's meter (its limits and budget), for runtime helpers that charge their
 * work: `equals(a, b, runMeter())`, `str(v, max, runMeter())`, `sortValues(xs, rev, runMeter())`.
 * Built once per program; look it up once per call, not per item.
 */
export function runMeter(): RunMeter {
  const frame = currentFrame();
  const scope = frame?.program ?? defaultScope();
  flowBudget(scope, frame); // its budget, with this flow's counters in it
  let meter = meters.get(scope);
  if (meter === undefined) {
    meter = createMeter(scope.state.limits, scope.budget);
    meters.set(scope, meter);
  }
  return meter;
}
