/**
 * `functional` (docs/stdlib/functional.md): function combinators and sequence operations, function first
 * (`functional.map(fn, it)`), counts first (`take(n, it)`). Sequences (`it`) may be arrays,
 * strings (their characters), objects (their keys) or iterators; results are new arrays and
 * arguments are never changed. Equality, ordering and truthiness are ML's.
 *
 * Functions returned to ML (`compose`, `curry`, `memoize`…) are plain, frozen JavaScript
 * functions named for what they are (`<function composed>`). The final result of such a function
 * is passed through untouched, so a program that makes network requests can await it; a result
 * this module has to use itself (a predicate's answer, a value fed to the next function) must not
 * be a promise (see `callbackResult` in support/sequences.ts).
 *
 * Cost (docs/limits.md): besides the step of the call, a step per item of a sequence read
 * (a string's characters, an iterator's items), per item copied or produced, per callback call
 * and per cached entry compared; the sizes of new arrays are checked first.
 */
import { defineModule } from "./define.js";
import { mlValue, needArray, needFunction, needInteger, typeError, typeOf, valueError } from "./support/arguments.js";
import { spendArray, spendItems, spendText } from "./support/cost.js";
import { programScope, runMeter, spendStep } from "./support/scope.js";
import {
  callbackResult, checkLength, chunkSize, chunkValues, dropValues, filterValues, findValue, flattenDepth, flattenValues,
  groupValues, mapValues, partitionValues, reduceValues, takeValues, testValues, uniqueValues, zipValues,
} from "./support/sequences.js";
import { checkedRangeLength } from "../runtime/builtins.js";
import { preview } from "../runtime/display.js";
import { named as nameFunction } from "../runtime/function-info.js";
import { equals } from "../runtime/equality.js";
import { forIter } from "../runtime/iterators.js";
import { tick } from "../runtime/limits.js";
import { truthy } from "../runtime/values.js";

const m = defineModule("functional", "Function combinators (compose, curry, memoize…) and sequence operations taking the function first.");

type Fn = (...args: unknown[]) => unknown;

const isArray = Array.isArray;
const freeze = Object.freeze;

/** `functional.<name>` for messages. */
const label = (name: string): string => `functional.${name}`;

/** Gives a function returned to ML its display name and freezes it. */
function named<F extends Fn>(name: string, f: F): F {
  return freeze(nameFunction(name, f));
}

/** The items of a sequence argument: an array as is, a string's characters, an object's keys, an iterator's items. */
function itemsOf(name: string, position: number, v: unknown): readonly unknown[] {
  if (isArray(v)) return v;
  if (typeof v === "string") {
    spendArray(v.length);
    return v.split("");
  }
  if (typeof v !== "object" || v === null) {
    throw typeError(`${label(name)}() argument ${position} must be iterable, not ${typeOf(v)}`);
  }
  const limit = programScope().state.limits.maxArrayLength;
  const meter = runMeter();
  const b = meter.budget;
  const out: unknown[] = [];
  for (const item of forIter(v, meter)) {
    if (--b.n < 0) tick(b);
    if (out.length >= limit) checkLength(out.length + 1);
    out.push(item);
  }
  return out;
}

/** An array whose items are all functions (`composeAll`, `juxt`). */
function functionList(name: string, position: number, v: unknown): Fn[] {
  const list = needArray(label(name), position, v);
  spendItems(list.length);
  return list.map((f, i) => {
    if (typeof f === "function") return f as Fn;
    throw typeError(`${label(name)}() argument ${position} must be an array of functions; item ${i} is ${typeOf(f)}`);
  });
}

/** `fns` applied right to left or, with `leftToRight`, left to right; `[]` gives the identity. */
function chain(name: string, displayName: string, fns: readonly Fn[], leftToRight: boolean): Fn {
  spendItems(fns.length);
  const order = leftToRight ? fns.slice() : fns.slice().reverse();
  if (order.length === 0) return named(displayName, (x?: unknown) => mlValue(x));
  const [head, ...rest] = order as [Fn, ...Fn[]];
  const where = label(name);
  return named(displayName, (...args: unknown[]) => {
    let v = head(...args);
    for (const f of rest) v = f(callbackResult(where, v));
    return mlValue(v);
  });
}

/** `take`/`drop`/`chunk` take the count first (unlike `collections`): a pointed message when swapped. */
function checkCountFirst(name: string, count: unknown, seq: unknown): void {
  if (typeof count !== "number" && typeof seq === "number") {
    throw typeError(`${label(name)}() takes the count first: ${name}(n, it)`);
  }
}

// --- combinators ---

export const compose = m.function(
  {
    name: "compose", params: "...fns", returns: "function",
    description: "A function applying the given functions right to left: compose(f, g)(x) is f(g(x)); compose() is the identity.",
  },
  (...fns: unknown[]) => chain("compose", "composed", fns.map((f, i) => needFunction(label("compose"), i + 1, f)), false),
);

export const pipe = m.function(
  {
    name: "pipe", params: "...fns", returns: "function",
    description: "A function applying the given functions left to right: pipe(f, g)(x) is g(f(x)); pipe() is the identity.",
  },
  (...fns: unknown[]) => chain("pipe", "piped", fns.map((f, i) => needFunction(label("pipe"), i + 1, f)), true),
);

export const composeAll = m.function(
  { name: "composeAll", aliases: ["compose_all"], params: "fns", returns: "function", description: "compose() of an array of functions (an empty array gives the identity)." },
  (fns: unknown) => chain("composeAll", "composed", functionList("composeAll", 1, fns), false),
);

export const pipeAll = m.function(
  { name: "pipeAll", aliases: ["pipe_all"], params: "fns", returns: "function", description: "pipe() of an array of functions (an empty array gives the identity)." },
  (fns: unknown) => chain("pipeAll", "piped", functionList("pipeAll", 1, fns), true),
);

/** A curried `fn` waiting for `arity` arguments, `given` of which it already has. */
function curried(fn: Fn, arity: number, given: readonly unknown[]): Fn {
  return named("curried", (...more: unknown[]) => {
    spendItems(given.length + more.length);
    const args = given.concat(more);
    return args.length >= arity ? mlValue(fn(...args)) : curried(fn, arity, args);
  });
}

export const curry = m.function(
  {
    name: "curry", params: "fn, arity?", returns: "function",
    description:
      "A curried fn: it takes arguments one or more at a time and calls fn once it has arity of them. " +
      "The arity defaults to the number of parameters fn declares (give it for builtins and stdlib functions).",
  },
  (fn: unknown, arity?: unknown) => {
    const f = needFunction(label("curry"), 1, fn);
    let n = f.length;
    if (arity !== undefined && arity !== null) {
      n = needInteger(label("curry"), 2, arity);
      if (n < 0) throw valueError(`${label("curry")}(): arity must be at least 0, got ${n}`);
    }
    return curried(f, n, []);
  },
);

export const curry2 = m.function(
  { name: "curry2", params: "fn", returns: "function", description: "fn curried for two arguments: curry2(f)(a)(b) is f(a, b)." },
  (fn: unknown) => curried(needFunction(label("curry2"), 1, fn), 2, []),
);

export const partial = m.function(
  {
    name: "partial", aliases: ["partial_apply"], params: "fn, ...args", returns: "function",
    description: "A function calling fn with the given arguments followed by its own: partial(f, a)(b) is f(a, b).",
  },
  (fn: unknown, ...args: unknown[]) => {
    const f = needFunction(label("partial"), 1, fn);
    return named("partial", (...more: unknown[]) => {
      spendItems(args.length + more.length);
      return mlValue(f(...args, ...more));
    });
  },
);

export const identity = m.function(
  { name: "identity", params: "x", returns: "any", description: "Returns x unchanged (a neutral callback)." },
  (x: unknown) => x,
);

export const constant = m.function(
  { name: "constant", params: "x", returns: "function", description: "A function that ignores its arguments and always returns x." },
  (x: unknown) => named("constant", () => x),
);

/** Longest `repr` of the arguments used as a memoize key. */
const MEMO_KEY_LENGTH = 10_000;

export const memoize = m.function(
  {
    name: "memoize", params: "fn", returns: "function",
    description: "A function caching fn's results by the value of the arguments: a call with arguments == to an earlier call's returns the earlier result.",
  },
  (fn: unknown) => {
    const f = needFunction(label("memoize"), 1, fn);
    // Keyed by repr(args); values that display alike (two functions of the same name) share a
    // key, so each entry keeps its arguments and a hit is confirmed with ML `==`. Arguments whose
    // display would be long share one placeholder key, so a large (or widely shared) structure
    // is never expanded into text.
    const cache = new Map<string, { args: unknown[]; value: unknown }[]>();
    return named("memoized", (...args: unknown[]) => {
      // The display charges what it shows (up to the cap); the lookup hashes the key.
      const meter = runMeter();
      const key = preview(args, MEMO_KEY_LENGTH, false, meter);
      spendText(key.length);
      const bucket = cache.get(key) ?? [];
      // A bucket can grow (every long argument list shares one): each comparison spends a step.
      const hit = bucket.find((e) => (spendStep(), equals(e.args, args, meter)));
      if (hit !== undefined) return hit.value;
      const value = mlValue(f(...args));
      const entry = { args, value };
      bucket.push(entry);
      cache.set(key, bucket);
      // A failed request is not remembered: the next call tries again.
      if (value instanceof Promise) value.then(undefined, () => bucket.splice(bucket.indexOf(entry), 1));
      return value;
    });
  },
);

export const ifElse = m.function(
  {
    name: "ifElse", aliases: ["if_else"], params: "predicate, onTrue, onFalse", returns: "function",
    description: "A function calling onTrue with its arguments when predicate(arguments) is true, else onFalse.",
  },
  (predicate: unknown, onTrue: unknown, onFalse: unknown) => {
    const p = needFunction(label("ifElse"), 1, predicate);
    const t = needFunction(label("ifElse"), 2, onTrue);
    const e = needFunction(label("ifElse"), 3, onFalse);
    const where = label("ifElse");
    return named("ifElse", (...args: unknown[]) => mlValue(truthy(callbackResult(where, p(...args))) ? t(...args) : e(...args)));
  },
);

export const cond = m.function(
  {
    name: "cond", params: "pairs", returns: "function",
    description: "A function trying [predicate, fn] pairs in order: it returns fn(arguments) for the first predicate that is true, or null.",
  },
  (pairs: unknown) => {
    const given = needArray(label("cond"), 1, pairs);
    spendItems(given.length);
    const list = given.map((pair, i) => {
      if (isArray(pair) && pair.length === 2 && typeof pair[0] === "function" && typeof pair[1] === "function") {
        return pair as [Fn, Fn];
      }
      throw typeError(`${label("cond")}() argument 1 must be an array of [predicate, fn] pairs; item ${i} is ${preview(pair, 200)}`);
    });
    const where = label("cond");
    return named("cond", (...args: unknown[]) => {
      for (const [p, f] of list) if (truthy(callbackResult(where, p(...args)))) return mlValue(f(...args));
      return null;
    });
  },
);

export const juxt = m.function(
  { name: "juxt", params: "fns", returns: "function", description: "A function returning the array of each function's result for its arguments: juxt([f, g])(x) is [f(x), g(x)]." },
  (fns: unknown) => {
    const list = functionList("juxt", 1, fns);
    const where = label("juxt");
    return named("juxt", (...args: unknown[]) => list.map((f) => callbackResult(where, f(...args))));
  },
);

// --- sequence operations ---

export const map = m.function(
  { name: "map", params: "fn, it", returns: "array", description: "A new array of fn(item) for each item of the sequence." },
  (fn: unknown, it: unknown) => {
    const f = needFunction(label("map"), 1, fn);
    return mapValues(label("map"), itemsOf("map", 2, it), f);
  },
);

export const filter = m.function(
  { name: "filter", params: "fn, it", returns: "array", description: "A new array of the items for which fn(item) is true." },
  (fn: unknown, it: unknown) => {
    const f = needFunction(label("filter"), 1, fn);
    return filterValues(label("filter"), itemsOf("filter", 2, it), f);
  },
);

export const reduce = m.function(
  {
    name: "reduce", params: "fn, it, initial=null", returns: "any",
    description:
      "Folds the sequence: acc = fn(acc, item) for each item, starting from initial (or from the first item when initial is not given or null, as in mlpy).",
  },
  (fn: unknown, it: unknown, initial?: unknown) => {
    const f = needFunction(label("reduce"), 1, fn);
    return reduceValues(label("reduce"), itemsOf("reduce", 2, it), f, initial !== undefined && initial !== null, initial);
  },
);

export const forEach = m.function(
  { name: "forEach", aliases: ["for_each"], params: "fn, it", returns: "null", description: "Calls fn(item) for each item of the sequence." },
  (fn: unknown, it: unknown) => {
    const f = needFunction(label("forEach"), 1, fn);
    const where = label("forEach");
    for (const item of itemsOf("forEach", 2, it)) callbackResult(where, f(item));
    return null;
  },
);

export const find = m.function(
  { name: "find", params: "fn, it", returns: "any", description: "The first item for which fn(item) is true, or null." },
  (fn: unknown, it: unknown) => findValue(label("find"), itemsOf("find", 2, it), needFunction(label("find"), 1, fn)),
);

export const some = m.function(
  { name: "some", params: "fn, it", returns: "boolean", description: "Whether fn(item) is true for at least one item." },
  (fn: unknown, it: unknown) => testValues(label("some"), itemsOf("some", 2, it), needFunction(label("some"), 1, fn), false),
);

export const every = m.function(
  { name: "every", params: "fn, it", returns: "boolean", description: "Whether fn(item) is true for every item (true for an empty sequence)." },
  (fn: unknown, it: unknown) => testValues(label("every"), itemsOf("every", 2, it), needFunction(label("every"), 1, fn), true),
);

export const zip = m.function(
  { name: "zip", params: "...its", returns: "array of arrays", description: "Arrays of the items at the same position of each sequence, as long as the shortest." },
  (...its: unknown[]) => zipValues(its.map((it, i) => itemsOf("zip", i + 1, it))),
);

export const zipWith = m.function(
  {
    name: "zipWith", aliases: ["zip_with"], params: "fn, it, other, ...more", returns: "array",
    description: "fn applied to the items at the same position of each sequence: zipWith(f, a, b) is [f(a[0], b[0]), …], as long as the shortest.",
  },
  (fn: unknown, ...its: unknown[]) => {
    const f = needFunction(label("zipWith"), 1, fn);
    const rows = zipValues(its.map((it, i) => itemsOf("zipWith", i + 2, it)));
    const where = label("zipWith");
    return rows.map((row) => callbackResult(where, f(...row)));
  },
);

export const range = m.function(
  {
    name: "range", params: "start, stop?, step=1", returns: "array",
    description: "An array of integers from start up to (not including) stop, by step; range(stop) starts at 0, as the builtin does.",
  },
  function (start: unknown, stop?: unknown, step?: unknown) {
    const n = arguments.length;
    const from = n === 1 ? 0 : start;
    const to = n === 1 ? start : stop;
    const by = n === 3 ? step : 1;
    const length = checkedRangeLength(from, to, by, programScope().state.limits);
    spendItems(length);
    const out = new Array<number>(length);
    for (let i = 0, x = from as number; i < length; i++, x += by as number) out[i] = x;
    return out;
  },
);

export const repeat = m.function(
  { name: "repeat", params: "value, n", returns: "array", description: "An array of n copies of value (none when n ≤ 0)." },
  (value: unknown, n: unknown) => {
    const count = Math.max(0, needInteger(label("repeat"), 2, n));
    spendArray(count);
    return new Array<unknown>(count).fill(value);
  },
);

export const times = m.function(
  {
    name: "times", params: "n, fn", returns: "array",
    description: "An array of n results of fn: fn(i) for i = 0 … n-1, or fn() when fn declares no parameters.",
  },
  (n: unknown, fn: unknown) => {
    const count = Math.max(0, needInteger(label("times"), 1, n));
    const f = needFunction(label("times"), 2, fn);
    checkLength(count);
    const out = new Array<unknown>(count);
    const where = label("times");
    const withIndex = f.length > 0;
    for (let i = 0; i < count; i++) out[i] = callbackResult(where, withIndex ? f(i) : f());
    return out;
  },
);

export const take = m.function(
  {
    name: "take", params: "n, it", returns: "array",
    description: "A new array of the first n items, as items[:n]: a negative n leaves out the last -n.",
  },
  (n: unknown, it: unknown) => {
    checkCountFirst("take", n, it);
    return takeValues(itemsOf("take", 2, it), needInteger(label("take"), 1, n));
  },
);

export const drop = m.function(
  {
    name: "drop", params: "n, it", returns: "array",
    description: "A new array without the first n items, as items[n:]: a negative n keeps only the last -n.",
  },
  (n: unknown, it: unknown) => {
    checkCountFirst("drop", n, it);
    return dropValues(itemsOf("drop", 2, it), needInteger(label("drop"), 1, n));
  },
);

export const takeWhile = m.function(
  { name: "takeWhile", aliases: ["take_while"], params: "fn, it", returns: "array", description: "The leading items for which fn(item) is true, up to the first for which it is not." },
  (fn: unknown, it: unknown) => {
    const f = needFunction(label("takeWhile"), 1, fn);
    const items = itemsOf("takeWhile", 2, it);
    const where = label("takeWhile");
    let i = 0;
    while (i < items.length && truthy(callbackResult(where, f(items[i])))) i++;
    spendItems(i);
    return items.slice(0, i);
  },
);

export const dropWhile = m.function(
  { name: "dropWhile", aliases: ["drop_while"], params: "fn, it", returns: "array", description: "The items from the first one for which fn(item) is not true." },
  (fn: unknown, it: unknown) => {
    const f = needFunction(label("dropWhile"), 1, fn);
    const items = itemsOf("dropWhile", 2, it);
    const where = label("dropWhile");
    let i = 0;
    while (i < items.length && truthy(callbackResult(where, f(items[i])))) i++;
    spendItems(items.length - i);
    return items.slice(i);
  },
);

export const flatten = m.function(
  {
    name: "flatten", params: "it, depth=1", returns: "array",
    description: "A new array with nested arrays replaced by their items, down to depth levels (inf: all levels).",
  },
  (it: unknown, depth?: unknown) => flattenValues(itemsOf("flatten", 1, it), flattenDepth(label("flatten"), 2, depth)),
);

export const chunk = m.function(
  { name: "chunk", params: "size, it", returns: "array of arrays", description: "The items cut into consecutive arrays of size items (the last may be shorter)." },
  (size: unknown, it: unknown) => {
    checkCountFirst("chunk", size, it);
    return chunkValues(itemsOf("chunk", 2, it), chunkSize(label("chunk"), 1, size));
  },
);

export const groupBy = m.function(
  {
    name: "groupBy", aliases: ["group_by"], params: "fn, it", returns: "object",
    description: "An object mapping str(fn(item)) to the array of items with that key, keys in first-seen order.",
  },
  (fn: unknown, it: unknown) => groupValues(label("groupBy"), itemsOf("groupBy", 2, it), needFunction(label("groupBy"), 1, fn)),
);

export const unique = m.function(
  { name: "unique", params: "it", returns: "array", description: "The items without repeats (compared with ==), keeping first occurrences in order." },
  (it: unknown) => uniqueValues(itemsOf("unique", 1, it)),
);

export const reverse = m.function(
  { name: "reverse", params: "it", returns: "array", description: "A new array of the items in reverse order." },
  (it: unknown) => {
    const items = itemsOf("reverse", 1, it);
    spendItems(items.length);
    return items.slice().reverse();
  },
);

export const partition = m.function(
  { name: "partition", params: "fn, it", returns: "array of two arrays", description: "[matching, rest]: the items for which fn(item) is true, and the others." },
  (fn: unknown, it: unknown) => partitionValues(label("partition"), itemsOf("partition", 2, it), needFunction(label("partition"), 1, fn)),
);

export const definition = m.done();
