/**
 * Structural equality `==` (docs/language/reference.md §4): no coercion between types, numbers by value,
 * arrays element by element, plain objects by key set and values, stdlib objects by their
 * class's `equals` hook (identity otherwise), functions and host values by identity.
 *
 * The deep comparison walks with an explicit stack, so nesting depth costs heap, not host
 * stack, and charges the run's budget per pair of items it compares. Structures that contain themselves would never finish; like Python, a comparison
 * nested deeper than {@link MAX_COMPARISON_DEPTH} raises `RecursionError`.
 */
import { recursionError } from "./errors.js";
import { classOf } from "./objects.js";
import type { Budget } from "./abi.js";
import { keysCost, UNMETERED, type RunMeter } from "./meter.js";
import { charge, tick } from "./limits.js";

const ObjectPrototype = Object.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const objectKeys = Object.keys;

/**
 * How many container levels a comparison may descend before it is treated as runaway
 * (a self-containing structure). Acyclic data nested this deep still compares.
 */
export const MAX_COMPARISON_DEPTH = 10_000;

/** The `RecursionError` raised for a comparison that never bottoms out. */
export function comparisonTooDeep() {
  return recursionError("maximum recursion depth exceeded in comparison");
}

/**
 * Strings at least this long, when compared with a string of the same length, are charged for
 * the scan (one step per 16 code units); shorter ones cost no more than any other pair.
 */
export const LONG_STRING = 256;

/** For `==` in generated code: charges having found two long strings equal, and says so. */
export function sameText(a: string, budget: Budget): true {
  charge(budget, a.length >>> 4);
  return true;
}

/** For `==` in generated code: charges having compared `a` with an unequal `b`; false. */
export function differentText(a: string, b: unknown, budget: Budget): false {
  if (typeof b === "string" && a.length === b.length && a.length >= LONG_STRING) charge(budget, a.length >>> 4);
  return false;
}

/**
 * ML `a == b`. With a meter, charges one step per pair of items compared inside structures and
 * the length of long strings compared, so comparing large unequal structures meets the limits.
 */
export function equals(a: unknown, b: unknown, meter: RunMeter = UNMETERED): boolean {
  if (typeof a === "string") {
    if (typeof b === "string" && a.length === b.length && a.length >= LONG_STRING) charge(meter.budget, a.length >>> 4);
    return a === b;
  }
  // `===` is never true for NaN, and treats 0 and -0 as equal: exactly ML's number rule.
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object") return a == null && b == null;
  return deepEquals(a, b, meter.budget);
}

/** ML `a != b`. */
export function notEquals(a: unknown, b: unknown, meter: RunMeter = UNMETERED): boolean {
  return !equals(a, b, meter);
}

/** A pair of containers being compared: arrays (`keys === null`) or plain objects. */
interface Frame {
  readonly a: any;
  readonly b: any;
  readonly keys: string[] | null;
  readonly length: number;
  index: number;
}

/**
 * Container pairs compared before a comparison starts remembering which pairs it has found
 * equal. Small comparisons never allocate the memory; a large one with shared parts (`a = [a, a]`
 * forty times over) compares each distinct pair once instead of exponentially often.
 */
const REMEMBER_AFTER = 256;

/** Steps for descending into a pair of containers, beyond the step of the pair itself. */
const PAIR_COST = 4;

/** `a == b` for two distinct values of JavaScript type `object` (either may be `null`). */
function deepEquals(a: object | null, b: object | null, budget: Budget): boolean {
  const first = shallow(a, b, budget);
  if (typeof first === "boolean") return first;
  const stack: Frame[] = [first];
  let finished = 0;
  let equalPairs: WeakMap<object, WeakSet<object>> | null = null;
  while (stack.length > 0) {
    // One step per pair of items compared (and per pair of containers finished).
    if (--budget.n < 0) tick(budget);
    const frame = stack[stack.length - 1]!;
    if (frame.index === frame.length) {
      stack.pop();
      // Every item of this pair compared equal (an unequal one returns at once).
      if (equalPairs !== null) remember(equalPairs, frame.a, frame.b);
      else if (++finished > REMEMBER_AFTER) equalPairs = new WeakMap();
      continue;
    }
    let x: unknown;
    let y: unknown;
    if (frame.keys === null) {
      x = frame.a[frame.index];
      y = frame.b[frame.index];
    } else {
      const key = frame.keys[frame.index]!;
      if (!hasOwn(frame.b, key)) return false;
      x = frame.a[key];
      y = frame.b[key];
    }
    frame.index++;
    if (typeof x === "string" && typeof y === "string" && x.length === y.length && x.length >= LONG_STRING) {
      charge(budget, x.length >>> 4);
    }
    if (x === y) continue;
    if (typeof x !== "object" || typeof y !== "object") {
      if (x == null && y == null) continue;
      return false;
    }
    const next = shallow(x, y, budget);
    if (next === true) continue;
    if (next === false) return false;
    // A pair found equal before is equal again. (Pairs still being compared are not skipped:
    // a structure that contains itself still ends in RecursionError, as in Python.)
    if (equalPairs !== null && equalPairs.get(next.a)?.has(next.b) === true) continue;
    if (stack.length >= MAX_COMPARISON_DEPTH) throw comparisonTooDeep();
    // A pair of containers costs more than a pair of items (a frame, the memo of equal pairs).
    if ((budget.n -= PAIR_COST) < 0) tick(budget);
    stack.push(next);
  }
  return true;
}

function remember(pairs: WeakMap<object, WeakSet<object>>, a: object, b: object): void {
  let set = pairs.get(a);
  if (set === undefined) {
    set = new WeakSet();
    pairs.set(a, set);
  }
  set.add(b);
}

/**
 * Compares two distinct object-typed values as far as possible without descending: returns
 * the answer, or a frame when both are non-empty arrays of equal length or plain objects with
 * the same number of keys.
 */
function shallow(a: object | null, b: object | null, budget: Budget): boolean | Frame {
  if (a === null || b === null) return a == null && b == null;
  if (isArray(a)) {
    if (!isArray(b) || a.length !== b.length) return false;
    return a.length === 0 ? true : { a, b, keys: null, length: a.length, index: 0 };
  }
  if (isArray(b)) return false;
  const pa = getPrototypeOf(a);
  const pb = getPrototypeOf(b);
  const plainA = pa === ObjectPrototype || pa === null;
  const plainB = pb === ObjectPrototype || pb === null;
  if (plainA || plainB) {
    if (!(plainA && plainB)) return false;
    const keys = objectKeys(a);
    const count = objectKeys(b).length;
    charge(budget, keysCost(keys.length) + keysCost(count)); // listing both objects' keys
    if (count !== keys.length) return false;
    return keys.length === 0 ? true : { a, b, keys, length: keys.length, index: 0 };
  }
  const cls = classOf(a);
  if (cls === undefined || cls.equals === undefined || classOf(b) !== cls) return false;
  return cls.equals(a, b) === true;
}
