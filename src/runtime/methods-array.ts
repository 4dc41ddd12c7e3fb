/**
 * The methods of ML arrays (docs/language/reference.md §7), with Python's list semantics.
 *
 * Each method is `(self, args, meter)` like the string methods, and charges one step per item
 * it visits, compares, copies or moves (docs/limits.md). Growth is checked against
 * `maxArrayLength` before it happens; a host array that refuses changes (frozen, sealed) gives
 * an ML `TypeError`, never a host error.
 */
import { indexError, typeError, valueError } from "./errors.js";
import { argumentError, checkArity } from "./calls.js";
import { equals } from "./equality.js";
import { sortValues } from "./ordering.js";
import { preview, PREVIEW_LENGTH } from "./display.js";
import { forIter } from "./iterators.js";
import { truthy } from "./values.js";
import { charge, checkArrayLength, tick } from "./limits.js";
import type { RunMeter } from "./state.js";

/** An array method: receiver, call arguments, the load's meter (limits and budget). */
export type ArrayMethod = (self: unknown[], args: unknown[], meter: RunMeter) => unknown;

const isArray = Array.isArray;
const isInteger = Number.isInteger;

const HostTypeError = TypeError;

/**
 * What to throw when a mutation failed with `e`: JavaScript's refusal to change a frozen or
 * sealed host array becomes an ML `TypeError`; anything else (ML errors) passes through.
 */
function readOnly(e: unknown): unknown {
  return e instanceof HostTypeError ? typeError("'array' object is read-only") : e;
}

function optInteger(name: string, position: number, v: unknown): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && isInteger(v)) return v;
  throw argumentError(name, position, "an integer or null", v);
}

/** Throws what {@link append} throws when `self.push` failed with `e` (for generated code). */
export function appendRefused(e: unknown): never {
  throw readOnly(e);
}

function append(self: unknown[], args: unknown[], meter: RunMeter): null {
  if (args.length !== 1) checkArity("append", args.length, 1, 1);
  if (self.length >= meter.maxArrayLength) checkArrayLength(self.length + 1, meter);
  try {
    self.push(args[0]);
  } catch (e) {
    throw readOnly(e);
  }
  return null;
}

function extend(self: unknown[], args: unknown[], meter: RunMeter): null {
  checkArity("extend", args.length, 1, 1);
  const source = args[0];
  const budget = meter.budget;
  let items: ArrayLike<unknown>;
  if (isArray(source) || typeof source === "string") items = source;
  else {
    // Other iterables (object keys, iterators) are collected first, bounded by the limit.
    const collected: unknown[] = [];
    for (const v of forIter(source, meter)) {
      if (--budget.n < 0) tick(budget);
      checkArrayLength(self.length + collected.length + 1, meter);
      collected.push(v);
    }
    items = collected;
  }
  const n = items.length; // read once: `a.extend(a)` doubles `a`
  checkArrayLength(self.length + n, meter);
  charge(budget, n);
  try {
    for (let i = 0; i < n; i++) self.push(items[i]);
  } catch (e) {
    throw readOnly(e);
  }
  return null;
}

function insert(self: unknown[], args: unknown[], meter: RunMeter): null {
  checkArity("insert", args.length, 2, 2);
  const at = args[0];
  if (typeof at !== "number" || !isInteger(at)) throw argumentError("insert", 1, "an integer", at);
  checkArrayLength(self.length + 1, meter);
  const length = self.length;
  charge(meter.budget, length); // the items after the position move
  // As in Python, the position is clamped: before the start inserts first, past the end appends.
  let i = at < 0 ? at + length : at;
  if (i < 0) i = 0;
  else if (i > length) i = length;
  try {
    self.splice(i, 0, args[1]);
  } catch (e) {
    throw readOnly(e);
  }
  return null;
}

function remove(self: unknown[], args: unknown[], meter: RunMeter): null {
  checkArity("remove", args.length, 1, 1);
  const x = args[0];
  const budget = meter.budget;
  charge(budget, self.length); // the scan, or the items moved after the one removed
  for (let i = 0; i < self.length; i++) {
    if (equals(self[i], x, meter)) {
      try {
        self.splice(i, 1);
      } catch (e) {
        throw readOnly(e);
      }
      return null;
    }
  }
  throw valueError("list.remove(x): x not in list");
}

function pop(self: unknown[], args: unknown[], meter: RunMeter): unknown {
  checkArity("pop", args.length, 0, 1);
  const at = optInteger("pop", 1, args[0]);
  const length = self.length;
  if (length === 0) throw indexError("pop from empty list");
  let v: unknown;
  try {
    if (at === null || at === -1 || at === length - 1) v = self.pop();
    else {
      const i = at < 0 ? at + length : at;
      if (i < 0 || i >= length) throw indexError("pop index out of range");
      charge(meter.budget, length - i); // the items after it move
      v = self.splice(i, 1)[0];
    }
  } catch (e) {
    throw readOnly(e);
  }
  return v === undefined ? null : v;
}

function indexOf(self: unknown[], args: unknown[], meter: RunMeter): number {
  checkArity("index", args.length, 1, 3);
  const x = args[0];
  const length = self.length;
  let start = optInteger("index", 2, args[1]) ?? 0;
  let end = optInteger("index", 3, args[2]) ?? length;
  if (start < 0) start = Math.max(start + length, 0);
  if (end < 0) end = Math.max(end + length, 0);
  else if (end > length) end = length;
  const budget = meter.budget;
  for (let i = start; i < end; i++) {
    if (--budget.n < 0) tick(budget);
    if (equals(self[i], x, meter)) return i;
  }
  throw valueError(`${preview(x, PREVIEW_LENGTH, false, meter)} is not in list`);
}

function count(self: unknown[], args: unknown[], meter: RunMeter): number {
  checkArity("count", args.length, 1, 1);
  const x = args[0];
  const budget = meter.budget;
  let n = 0;
  for (let i = 0; i < self.length; i++) {
    if (--budget.n < 0) tick(budget);
    if (equals(self[i], x, meter)) n++;
  }
  return n;
}

function sort(self: unknown[], args: unknown[], meter: RunMeter): null {
  checkArity("sort", args.length, 0, 1);
  const reverse = args.length > 0 && truthy(args[0], meter.budget);
  try {
    const sorted = sortValues(self, reverse, meter);
    // If sorting produced a new array, copy it back: `sort()` is in place.
    if (sorted !== self) for (let i = 0; i < sorted.length; i++) self[i] = sorted[i];
  } catch (e) {
    throw readOnly(e);
  }
  return null;
}

function reverse(self: unknown[], args: unknown[], meter: RunMeter): null {
  checkArity("reverse", args.length, 0, 0);
  charge(meter.budget, self.length);
  try {
    self.reverse();
  } catch (e) {
    throw readOnly(e);
  }
  return null;
}

function clear(self: unknown[], args: unknown[]): null {
  checkArity("clear", args.length, 0, 0);
  try {
    self.length = 0;
  } catch (e) {
    throw readOnly(e);
  }
  return null;
}

function copy(self: unknown[], args: unknown[], meter: RunMeter): unknown[] {
  checkArity("copy", args.length, 0, 0);
  charge(meter.budget, self.length);
  return self.slice();
}

/** Array methods by ML name. */
export const ARRAY_METHODS: ReadonlyMap<string, ArrayMethod> = new Map<string, ArrayMethod>([
  ["append", append],
  ["extend", extend],
  ["insert", insert],
  ["remove", remove],
  ["pop", pop],
  ["index", indexOf],
  ["count", count],
  ["sort", sort],
  ["reverse", reverse],
  ["clear", clear],
  ["copy", copy],
]);
