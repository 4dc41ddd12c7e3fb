/**
 * Sequence operations shared by `collections` (list first) and `functional` (function first):
 * one implementation each, with ML equality, ordering and truthiness, and the check that a
 * callback's result is not a promise.
 *
 * Cost (docs/limits.md): a step per callback call, per item visited, copied or produced, and per
 * comparison; copies are charged (and their size checked) before they are made.
 */
import { needInteger, typeError, valueError } from "./arguments.js";
import { spendArray, spendItems, spendText } from "./cost.js";
import { programScope, runBudget, runMeter, spendStep } from "./scope.js";
import { str } from "../../runtime/display.js";
import { equals } from "../../runtime/equality.js";
import { setKey } from "../../runtime/indexing.js";
import { checkArrayLength, tick } from "../../runtime/limits.js";
import { truthy } from "../../runtime/values.js";

const isArray = Array.isArray;


/**
 * The ML value of a callback's result. An ML function that makes network requests compiles to
 * an async JavaScript function; its promise cannot be used synchronously here, so it is an ML
 * `TypeError` (the promise's own failure is silenced: nobody else will ever await it).
 * `label` names the stdlib function, e.g. `collections.map`.
 */
export function callbackResult(label: string, value: unknown): unknown {
  spendStep();
  if (value instanceof Promise) {
    value.then(undefined, () => undefined);
    throw typeError(`${label}(): the callback makes network requests, which is not supported here; use a for loop`);
  }
  return value === undefined ? null : value;
}

/** `[f(item)…]`, each result checked by {@link callbackResult}. */
export function mapValues(label: string, items: readonly unknown[], f: (item: unknown) => unknown): unknown[] {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = callbackResult(label, f(items[i]));
  return out;
}

/** The items for which `pred(item)` is truthy, in order. */
export function filterValues(label: string, items: readonly unknown[], pred: (item: unknown) => unknown): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    if (truthy(callbackResult(label, pred(items[i])))) out.push(items[i]);
  }
  return out;
}

/** Throws `LimitError` if the current program may not build an array of `length` items. */
export function checkLength(length: number): void {
  checkArrayLength(length, programScope().state.limits);
}

/** The items of `items` without repeats (ML `==`), first occurrences kept, in order. */
export function uniqueValues(items: readonly unknown[]): unknown[] {
  const meter = runMeter();
  const b = meter.budget;
  const out: unknown[] = [];
  // Scalars and functions are `==` exactly when `===` (a Set's SameValueZero, except NaN,
  // which equals nothing); containers and stdlib objects need the structural comparison.
  const seen = new Set<unknown>();
  const structured: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    // The item, and its look-up in the set of those seen (a hash set costs about 100 ns per item).
    if (!((b.n -= 2) >= 0)) tick(b);
    const v = items[i] === undefined ? null : items[i];
    if (typeof v === "object" && v !== null) {
      // Quadratic in the number of containers: each comparison spends a step, so the run's
      // limits bound it like a nested loop in ML would be.
      if (structured.some((s) => (spendStep(), equals(s, v, meter)))) continue;
      structured.push(v);
    } else if (v === v) {
      if (seen.has(v)) continue;
      seen.add(v);
    }
    out.push(v);
  }
  return out;
}

/** `{str(key): [items…]}` in first-seen key order, keys from `keyFn(item)`. */
export function groupValues(label: string, items: readonly unknown[], keyFn: (item: unknown) => unknown): Record<string, unknown> {
  const groups = new Map<string, unknown[]>();
  const maxLength = programScope().state.limits.maxStringLength;
  const meter = runMeter();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // A key longer than the string limit is a LimitError, as building that string would be.
    // The display charges what it builds; the lookup hashes the key.
    const key = str(callbackResult(label, keyFn(item)), maxLength, meter);
    spendText(key.length);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  spendItems(groups.size);
  const out: Record<string, unknown> = {};
  for (const [key, group] of groups) setKey(out, key, group);
  return out;
}

/** `[matching, rest]`: the items for which `pred(item)` is true, and the others. */
export function partitionValues(label: string, items: readonly unknown[], pred: (item: unknown) => unknown): unknown[][] {
  const yes: unknown[] = [];
  const no: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    (truthy(callbackResult(label, pred(item))) ? yes : no).push(item);
  }
  return [yes, no];
}

/**
 * The depth argument of `flatten`: an integer ≥ 0, or `inf` for every level (default 1).
 */
export function flattenDepth(label: string, position: number, v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (v === Infinity) return v;
  const depth = needInteger(label, position, v);
  if (depth < 0) throw valueError(`${label}(): depth must be at least 0, got ${depth}`);
  return depth;
}

/** `items` with nested arrays spliced in, down to `depth` levels (iteratively: any nesting works). */
export function flattenValues(items: readonly unknown[], depth: number): unknown[] {
  const limit = programScope().state.limits.maxArrayLength;
  const b = runBudget();
  const out: unknown[] = [];
  // One frame per array being read: the array, the next position, its nesting level.
  const stack: { items: readonly unknown[]; index: number; level: number }[] = [{ items, index: 0, level: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index === frame.items.length) {
      stack.pop();
      continue;
    }
    if (--b.n < 0) tick(b); // a step per item visited, nested arrays included
    const item = frame.items[frame.index++];
    if (isArray(item) && frame.level < depth) {
      stack.push({ items: item, index: 0, level: frame.level + 1 });
    } else {
      if (out.length >= limit) checkLength(out.length + 1);
      out.push(item === undefined ? null : item);
    }
  }
  return out;
}

/** The chunk size argument: an integer ≥ 1. */
export function chunkSize(label: string, position: number, v: unknown): number {
  const size = needInteger(label, position, v);
  if (size < 1) throw valueError(`${label}(): size must be at least 1, got ${size}`);
  return size;
}

/** `items` cut into consecutive arrays of `size` items (the last may be shorter). */
export function chunkValues(items: readonly unknown[], size: number): unknown[][] {
  spendItems(items.length + Math.ceil(items.length / size));
  const out: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `[[a0, b0, …], [a1, b1, …], …]`, as long as the shortest list. */
export function zipValues(lists: readonly (readonly unknown[])[]): unknown[][] {
  let length = lists.length === 0 ? 0 : Infinity;
  for (const l of lists) if (l.length < length) length = l.length;
  spendArray(length);
  spendItems(length * lists.length);
  const out = new Array<unknown[]>(length);
  for (let i = 0; i < length; i++) out[i] = lists.map((l) => (l[i] === undefined ? null : l[i]));
  return out;
}

/**
 * `items[:n]`, as mlpy's Python slice: the first `n` items, or with a negative `n` all but the
 * last `-n` (none when that is more than there are).
 */
export function takeValues(items: readonly unknown[], n: number): unknown[] {
  const end = n < 0 ? Math.max(items.length + n, 0) : Math.min(n, items.length);
  spendItems(end);
  return items.slice(0, end);
}

/**
 * `items[n:]`, as mlpy's Python slice: all but the first `n` items, or with a negative `n` the
 * last `-n` (all of them when that is more than there are).
 */
export function dropValues(items: readonly unknown[], n: number): unknown[] {
  const start = n < 0 ? Math.max(items.length + n, 0) : Math.min(n, items.length);
  spendItems(items.length - start);
  return items.slice(start);
}

/** Folds `items` with `fn(acc, item)`; without `initial` the first item starts (an empty list is a TypeError). */
export function reduceValues(
  label: string, items: readonly unknown[], fn: (acc: unknown, item: unknown) => unknown, hasInitial: boolean, initial: unknown,
): unknown {
  let i = 0;
  let acc = initial;
  if (!hasInitial) {
    if (items.length === 0) throw typeError(`${label}() of an empty array with no initial value`);
    acc = items[0];
    i = 1;
  }
  for (; i < items.length; i++) acc = callbackResult(label, fn(acc, items[i]));
  return acc;
}

/** The first item for which `pred(item)` is true, or `null`. */
export function findValue(label: string, items: readonly unknown[], pred: (item: unknown) => unknown): unknown {
  for (let i = 0; i < items.length; i++) {
    if (truthy(callbackResult(label, pred(items[i])))) return items[i];
  }
  return null;
}

/** Whether `pred(item)` is true for every item (`all`) or for some item (`!all`). */
export function testValues(label: string, items: readonly unknown[], pred: (item: unknown) => unknown, all: boolean): boolean {
  for (let i = 0; i < items.length; i++) {
    if (truthy(callbackResult(label, pred(items[i]))) !== all) return !all;
  }
  return all;
}

