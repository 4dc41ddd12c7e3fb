/**
 * `createRuntime(state)`: the helpers generated code calls (abi.ts), for one program load.
 *
 * Operators keep their number-number fast path inline in the closure, so V8 inlines the closure
 * into the generated code and only leaves it for the rare cases (strings, arrays, errors).
 * Everything is bound to this load's limits, budget and sinks; the object is frozen.
 */
import type { MLFunction, Runtime } from "./abi.js";
import { MLError } from "./errors.js";
import { add, div, fdiv, floorDiv, floorMod, mod, mul, neg, sub } from "./arithmetic.js";
import { differentText, equals, LONG_STRING, sameText } from "./equality.js";
import { ge, gt, le, lt } from "./ordering.js";
import { truthy } from "./values.js";
import { index, setIndexWith, slice } from "./indexing.js";
import { getattrWith, invoke, member, setMember } from "./members.js";
import { arity, callable, caught, key, ret, thrown, unbound, unpack, unpackObject } from "./calls.js";
import { forIter } from "./iterators.js";
import { appendRefused } from "./methods-array.js";
import { activate, charge, closeEntry, createBudget, deep, openEntry, restoreDepth, saveDepth, tick, type RunEntry } from "./limits.js";
import { checkedRangeLength, createBuiltins } from "./builtins.js";
import { createMeter } from "./meter.js";
import type { RunState } from "./state.js";
import { awaitable, box, outcome } from "./settle.js";

const isArray = Array.isArray;

/** Steps an except clause costs for the error it handles (about 5 µs of work). */
const CATCH_STEPS = 50;
const isExtensible = Object.isExtensible;

/** Creates the runtime of one program load (docs/limits.md limits, sinks and builtins from `state`). */
export function createRuntime(state: RunState): Runtime {
  const limits = state.limits;
  const budget = createBudget(limits);
  // Helpers that do work in proportion to their input charge it to the budget (docs/limits.md).
  const meter = createMeter(limits, budget);
  const currentEntry = state.currentEntry;
  let builtins: Readonly<Record<string, MLFunction>> | undefined;
  const rt: Runtime = {
    budget,
    tick: () => tick(budget),
    deep,
    arity,
    unbound,

    // An object's truthiness lists its keys: a large one is charged (values.ts).
    truthy: (v) => truthy(v, budget),
    add: (a, b) => (typeof a === "number" && typeof b === "number" ? a + b : add(a, b, meter)),
    sub: (a, b) => (typeof a === "number" && typeof b === "number" ? a - b : sub(a, b)),
    mul: (a, b) => (typeof a === "number" && typeof b === "number" ? a * b : mul(a, b, meter)),
    div: (a, b) => (typeof a === "number" && typeof b === "number" && b !== 0 ? a / b : div(a, b)),
    fdiv: (a, b) => (typeof a === "number" && typeof b === "number" && b !== 0 ? floorDiv(a, b) : fdiv(a, b)),
    mod: (a, b) => (typeof a === "number" && typeof b === "number" && b !== 0 ? floorMod(a, b) : mod(a, b, meter)),
    neg: (a) => (typeof a === "number" ? -a : neg(a)),
    // Equal primitives are `===` (NaN is unequal to itself, as in Python); structures compare deeply.
    // Two long strings compare in time proportional to their length: charged after the fact.
    eq: (a, b) =>
      a === b
        ? typeof a !== "string" || a.length < LONG_STRING || sameText(a, budget)
        : typeof a === "object" ? a !== null && equals(a, b, meter) : typeof a === "string" && differentText(a, b, budget),
    ne: (a, b) =>
      !(a === b
        ? typeof a !== "string" || a.length < LONG_STRING || sameText(a, budget)
        : typeof a === "object" ? a !== null && equals(a, b, meter) : typeof a === "string" && differentText(a, b, budget)),
    lt: (a, b) => (typeof a === "number" && typeof b === "number" ? a < b : lt(a, b, meter)),
    gt: (a, b) => (typeof a === "number" && typeof b === "number" ? a > b : gt(a, b, meter)),
    le: (a, b) => (typeof a === "number" && typeof b === "number" ? a <= b : le(a, b, meter)),
    ge: (a, b) => (typeof a === "number" && typeof b === "number" ? a >= b : ge(a, b, meter)),

    index: (o, k) => index(o, k, meter),
    isArray,
    isExtensible,
    appendRefused,
    maxArrayLength: limits.maxArrayLength,
    setIndex: setIndexWith(meter),
    slice: (o, start, end, step) => slice(o, start, end, step, meter),
    member: (o, name) => member(o, name, meter),
    setMember,
    invoke: (o, name, ...args) => invoke(o, name, args, meter),

    callable,
    ret,
    iter: (v) => forIter(v, meter),
    rangeLength: (start, stop, step) => checkedRangeLength(start, stop, step, meter),
    unpack,
    unpackObject,
    key,
    // The message of a thrown value is its display, charged like any other.
    thrown: (v) => thrown(v, meter),
    // Making, throwing and unwinding an error costs microseconds (its stack is captured): an
    // except clause that handles one is charged as that much work, so a loop of caught errors
    // meets the time limit as often as any other loop.
    caught: (e) => {
      charge(budget, CATCH_STEPS);
      return caught(e, meter);
    },

    box,
    awaitable,
    resume: (settled, depth) => {
      const entry = currentEntry?.();
      if (entry !== undefined && entry.budget === budget) {
        activate(budget, entry);
        // Code resuming after its host entry ended was left running (a promise nobody awaits,
        // such as an asynchronous callback a synchronous stdlib function refused): it stops
        // here, so nothing of a call goes on, or calls back into the host, once the call is over.
        if (!entry.open) throw new MLError("LimitError", ENDED);
      }
      budget.depth = depth;
      return outcome(settled);
    },

    // Builtins charge their work to this load's budget. Made when generated code first reads
    // them (in its header, when it names a builtin): a program that names none makes none.
    // getattr(o, k, default): a plain object's key here, the builtin for anything else.
    getattr3: getattrWith((o, name, fallback) => (builtins ??= createBuiltins(state, meter)).getattr!(o, name, fallback)),
    get builtins() {
      return (builtins ??= createBuiltins(state, meter));
    },
  };
  return Object.freeze(rt);
}

/** Why asynchronous code resuming after the end of its host entry stops. */
const ENDED = "the host call this code ran for has ended";

/** What {@link enterHost} saved, for {@link leaveHost}. */
export interface HostEntry {
  readonly depth: number;
  /** The budget of an outermost entry (runtime/limits.ts), closed by {@link leaveHost}. */
  readonly entry: RunEntry | null;
}

/**
 * Call when host code enters ML code (running a module's top level, calling an exported
 * function) without the host loader. With `fresh` (the default, for an *outermost* entry) the run
 * gets a step and time budget of its own; a nested entry (ML → host function → ML) passes `false`
 * and keeps counting against the current run. Returns what {@link leaveHost} restores. (The host
 * loader's boundary does this itself, and also keeps an asynchronous call's budget across
 * `await`.)
 */
export function enterHost(rt: Runtime, fresh = true): HostEntry {
  const depth = saveDepth(rt.budget);
  return { depth, entry: fresh ? openEntry(rt.budget) : null };
}

/** Call when the entry started by {@link enterHost} ends, normally or with an error. */
export function leaveHost(rt: Runtime, saved: HostEntry): void {
  restoreDepth(rt.budget, saved.depth);
  if (saved.entry !== null) closeEntry(saved.entry);
}
