/**
 * Indexing `o[k]`, element assignment `o[k] = v` and slicing `o[a:b:c]` (docs/language/reference.md §4).
 *
 * The common case (an array read with an in-range non-negative integer) is checked first and
 * stays small enough to inline; everything else lives in separate functions.
 */
import { indexError, keyError, typeError, valueError, type MLError } from "./errors.js";
import { isPlainObject, typeOf } from "./values.js";
import { UNMETERED, type RunMeter } from "./meter.js";
import { charge, tick } from "./limits.js";
import type { Budget } from "./abi.js";

const isArray = Array.isArray;
const isInteger = Number.isInteger;
const hasOwn = Object.hasOwn;
const defineProperty = Object.defineProperty;
const getPrototypeOf = Object.getPrototypeOf;
const HostObject = Object;
const ObjectPrototype = Object.prototype;
const HostBigInt = BigInt;

/**
 * True when `o[name]` can only find an own property of `o`: `o` is a plain object whose
 * prototype is exactly `Object.prototype`, and `Object.prototype` has nothing called `name`
 * (so neither `__proto__` nor `toString` qualify). Callers fall back to an exact check (with
 * `Object.hasOwn`) when this is false.
 *
 * Why this shape: `Object.hasOwn` and `Object.getPrototypeOf` are calls V8 cannot optimise away
 * (≈5 ns each), while here the `constructor` load gives TurboFan the object's map, after which
 * `getPrototypeOf` folds to a constant and `name in Object.prototype` folds for a constant
 * `name` (member access, where the name is a literal of the generated code): the whole test
 * then costs about as much as the property load itself. The `constructor`
 * comparison is only a filter (an own `constructor` key or a changed `Object.prototype.constructor`
 * just sends the object to the slow path); the prototype check is what makes it exact.
 */
export function isOwnOnlyKey(o: object, name: string): boolean {
  return (o as { constructor?: unknown }).constructor === HostObject &&
    getPrototypeOf(o) === ObjectPrototype && !(name in ObjectPrototype);
}

/** `o[k]` for arrays, strings and objects. */
export function index(o: unknown, k: unknown, meter: RunMeter = UNMETERED): unknown {
  if (isArray(o) && typeof k === "number" && k >>> 0 === k && k < o.length) {
    const v = o[k];
    return v === undefined ? null : v;
  }
  // Object keys are usually computed here, where `isOwnOnlyKey` does not fold (and measures
  // slower than `hasOwn` on large objects): the slow path uses the exact check.
  return indexSlow(o, k, meter);
}

function indexSlow(o: unknown, k: unknown, meter: RunMeter): unknown {
  if (isArray(o)) {
    const i = position(k, o.length, "list");
    if (i < 0) throw indexError("list index out of range");
    const v = o[i];
    return v === undefined ? null : v;
  }
  if (typeof o === "string") {
    const i = position(k, o.length, "string");
    if (i < 0) throw indexError("string index out of range");
    return o[i];
  }
  if (isPlainObject(o)) {
    const name = objectKey(k);
    if (name.length >= LONG_KEY) chargeKey(name, meter);
    if (hasOwn(o as object, name)) {
      const v = (o as Record<string, unknown>)[name];
      return v === undefined ? null : v;
    }
    throw keyError(name);
  }
  throw typeError(`'${typeOf(o)}' object is not subscriptable`);
}

/**
 * The non-negative position for index `k` into a sequence of `length` items (negative `k`
 * counts from the end), or -1 when out of range. Throws for a non-integer index.
 */
function position(k: unknown, length: number, what: "list" | "string"): number {
  if (typeof k !== "number") throw typeError(`${what} indices must be integers, not ${typeOf(k)}`);
  if (!isInteger(k)) throw typeError(`${what} indices must be integers, not float`);
  const i = k < 0 ? k + length : k;
  return i >= 0 && i < length ? i : -1;
}

/**
 * Keys at least this long are charged one step per 16 code units: looking one up may compare
 * (or copy) all of it, and a slice makes a long string in one step.
 */
export const LONG_KEY = 256;

/** Charges the lookup of a long object key. */
export function chargeKey(name: string, meter: RunMeter): void {
  charge(meter.budget, name.length >>> 4);
}

/**
 * The object key for an index value: strings as they are, integers as their canonical decimal
 * string (`1` and `"1"` are the same key), other numbers as JavaScript prints them; anything
 * else is a `TypeError`.
 */
export function objectKey(k: unknown): string {
  if (typeof k === "string") return k;
  if (typeof k === "number") return numberKey(k);
  throw typeError(`object keys must be strings, not ${typeOf(k)}`);
}

function numberKey(n: number): string {
  // String() switches to exponent notation from 1e21 on; an integer key stays decimal.
  if (isInteger(n) && (n >= 1e21 || n <= -1e21)) return HostBigInt(n).toString();
  return String(n); // also maps -0 to "0"
}

/** `o[k] = v`: replaces an array element or sets an own key of an object. */
export function setIndex(o: unknown, k: unknown, v: unknown, meter: RunMeter = UNMETERED): void {
  if (isArray(o)) {
    if (typeof k === "number" && k >>> 0 === k && k < o.length) {
      try {
        o[k] = v;
        return;
      } catch {
        throw readOnly(o);
      }
    }
    setArraySlow(o, k, v);
    return;
  }
  setOther(o, k, v, meter);
}

/**
 * {@link setIndex} bound to one load's meter, for generated code: the in-range array write stays
 * in this closure (each load gets its own type feedback, and no extra call is made per write).
 */
export function setIndexWith(meter: RunMeter): (o: unknown, k: unknown, v: unknown) => void {
  return (o, k, v) => {
    if (isArray(o)) {
      if (typeof k === "number" && k >>> 0 === k && k < o.length) {
        try {
          o[k] = v;
          return;
        } catch {
          throw readOnly(o);
        }
      }
      setArraySlow(o, k, v);
      return;
    }
    setOther(o, k, v, meter);
  };
}

function setOther(o: unknown, k: unknown, v: unknown, meter: RunMeter): void {
  if (isPlainObject(o)) {
    const name = objectKey(k);
    if (name.length >= LONG_KEY) chargeKey(name, meter);
    setKey(o as Record<string, unknown>, name, v);
    return;
  }
  throw readOnly(o);
}

function setArraySlow(o: unknown[], k: unknown, v: unknown): void {
  if (typeof k !== "number") throw typeError(`list indices must be integers, not ${typeOf(k)}`);
  if (!isInteger(k)) throw typeError("list indices must be integers, not float");
  const i = k < 0 ? k + o.length : k;
  if (i < 0 || i >= o.length) throw indexError("list assignment index out of range");
  try {
    o[i] = v;
  } catch {
    throw readOnly(o);
  }
}

/**
 * Sets own key `name` of a plain object to `v`. `__proto__` is defined as an ordinary data
 * property (assigning it would change the prototype); a key the object refuses (frozen, sealed,
 * non-writable) is a `TypeError`, never a host error.
 */
export function setKey(o: Record<string, unknown>, name: string, v: unknown): void {
  // Assigning `__proto__` would run Object.prototype's setter and change the prototype.
  if (name === "__proto__") {
    defineKey(o, name, v);
    return;
  }
  try {
    o[name] = v;
  } catch {
    // An inherited read-only property (frozen intrinsics) blocks assignment but not definition.
    if (hasOwn(o, name)) throw readOnly(o);
    defineKey(o, name, v);
  }
}

function defineKey(o: Record<string, unknown>, name: string, v: unknown): void {
  try {
    defineProperty(o, name, { value: v, writable: true, enumerable: true, configurable: true });
  } catch {
    throw readOnly(o);
  }
}

function readOnly(o: unknown): MLError {
  return typeError(`'${typeOf(o)}' object does not support item assignment`);
}

/**
 * `o[start:end:step]` with Python's semantics: every part optional (`null`), negative positions
 * count from the end, out-of-range bounds are clamped, a negative step walks backwards, step 0
 * is a `ValueError`. Always returns a copy. Costs one step per item copied (a contiguous string
 * slice, which shares its storage, one step).
 */
export function slice(o: unknown, start: unknown, end: unknown, step: unknown, meter: RunMeter = UNMETERED): unknown {
  const isString = typeof o === "string";
  if (!isString && !isArray(o)) throw typeError(`'${typeOf(o)}' object is not sliceable`);
  const seq = o as string | unknown[];
  const s = sliceBound(start);
  const e = sliceBound(end);
  const st = sliceBound(step) ?? 1;
  if (st === 0) throw valueError("slice step cannot be zero");
  const length = seq.length;
  const budget = meter.budget;
  let from: number;
  let to: number;
  if (st > 0) {
    from = s === null ? 0 : clampForward(s, length);
    to = e === null ? length : clampForward(e, length);
    if (st === 1) {
      if (to <= from) return isString ? "" : [];
      // An array slice copies its items; a string slice shares the string's storage.
      if (isString) {
        if (--budget.n < 0) tick(budget);
      } else charge(budget, to - from);
      return seq.slice(from, to);
    }
  } else {
    from = s === null ? length - 1 : clampBackward(s, length);
    to = e === null ? -1 : clampBackward(e, length);
  }
  // A stepped slice is built item by item: one step per item (a string's charged per chunk built).
  const items = st > 0 ? (to > from ? Math.ceil((to - from) / st) : 0) : from > to ? Math.ceil((from - to) / -st) : 0;
  if (isString) {
    if (--budget.n < 0) tick(budget);
    return stepString(seq as string, from, st, items, budget);
  }
  charge(budget, items + 1);
  return stepArray(seq as unknown[], from, to, st);
}

function sliceBound(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" && isInteger(v)) return v;
  throw typeError("slice indices must be integers or null");
}

/** A bound for a positive step: in `[0, length]`. */
function clampForward(i: number, length: number): number {
  if (i < 0) {
    i += length;
    return i < 0 ? 0 : i;
  }
  return i > length ? length : i;
}

/** A bound for a negative step: in `[-1, length - 1]` (-1 means "before the first item"). */
function clampBackward(i: number, length: number): number {
  if (i < 0) {
    i += length;
    return i < 0 ? -1 : i;
  }
  return i >= length ? length - 1 : i;
}

function stepArray(a: unknown[], from: number, to: number, step: number): unknown[] {
  const out: unknown[] = [];
  if (step > 0) {
    for (let i = from; i < to; i += step) out.push(a[i]);
  } else {
    for (let i = from; i > to; i += step) out.push(a[i]);
  }
  return out;
}

/** Code units of a stepped string slice built (and charged) at a time. */
const STEP_CHUNK = 8192;

const fromCharCode = String.fromCharCode;

/**
 * The `items` code units of `s` from `from` by `step`, built a chunk at a time: one string per
 * chunk (appending a character at a time would hold a rope node of tens of bytes per character
 * until the result is read), each chunk charged before it is built, so the time limit can stop
 * a long slice part-way.
 */
function stepString(s: string, from: number, step: number, items: number, budget: Budget): string {
  const parts: string[] = [];
  const codes: number[] = [];
  let i = from;
  for (let left = items; left > 0; ) {
    const n = left < STEP_CHUNK ? left : STEP_CHUNK;
    charge(budget, n);
    codes.length = n;
    for (let k = 0; k < n; k++, i += step) codes[k] = s.charCodeAt(i);
    parts.push(fromCharCode.apply(null, codes));
    left -= n;
  }
  return parts.length === 1 ? parts[0]! : parts.join("");
}
