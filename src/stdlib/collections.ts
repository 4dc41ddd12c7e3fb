/**
 * `collections` (docs/stdlib/collections.md): list operations, list first (`collections.map(lst, fn)`). Every
 * function is pure: it returns a new array and never changes its arguments, so frozen arrays a
 * host passes in work too. Equality, ordering and truthiness are ML's (`==`, `<`, `bool`).
 *
 * Callbacks are called with exactly the arguments documented (`fn(item)`, `fn(acc, item)`),
 * since ML functions check their argument count. The operations shared with `functional`
 * (which offers them function first) are in `support/sequences.ts`.
 *
 * Cost (docs/limits.md): besides the step of the call, a step per item copied, visited or
 * produced, per callback call and per comparison; the sizes of new arrays are checked first.
 */
import { defineModule } from "./define.js";
import { needArray, needBoolean, needFunction, needInteger } from "./support/arguments.js";
import { spendArray, spendItems } from "./support/cost.js";
import { runMeter } from "./support/scope.js";
import {
  callbackResult, chunkSize, chunkValues, dropValues, filterValues, findValue, flattenDepth, flattenValues,
  groupValues, mapValues, partitionValues, reduceValues, takeValues, testValues, uniqueValues, zipValues,
} from "./support/sequences.js";
import { equals } from "../runtime/equality.js";
import { indexError } from "../runtime/errors.js";
import { slice as sliceSequence } from "../runtime/indexing.js";
import { tick } from "../runtime/limits.js";
import { compare, sortValues } from "../runtime/ordering.js";

const m = defineModule("collections", "Pure operations on arrays (lists): each returns a new array and never changes its arguments.");

// ---------------------------------------------------------------------------------------------
// The module

/** `collections.<name>` for messages. */
const label = (name: string): string => `collections.${name}`;

/** An optional `reverse` flag (absent or null: false). */
function reverseFlag(name: string, position: number, v: unknown): boolean {
  return v === undefined || v === null ? false : needBoolean(label(name), position, v);
}

export const length = m.function(
  { name: "length", params: "lst", returns: "number", description: "The number of items in the array." },
  (lst: unknown) => needArray(label("length"), 1, lst).length,
);

export const append = m.function(
  { name: "append", params: "lst, item", returns: "array", description: "A new array: the items of lst followed by item." },
  (lst: unknown, item: unknown) => {
    const items = needArray(label("append"), 1, lst);
    spendArray(items.length + 1);
    const out = items.slice();
    out.push(item);
    return out;
  },
);

export const prepend = m.function(
  { name: "prepend", params: "lst, item", returns: "array", description: "A new array: item followed by the items of lst." },
  (lst: unknown, item: unknown) => {
    const items = needArray(label("prepend"), 1, lst);
    spendArray(items.length + 1);
    return [item, ...items];
  },
);

export const concat = m.function(
  { name: "concat", params: "lst, other, ...more", returns: "array", description: "A new array with the items of every argument array, in order." },
  (...lists: unknown[]) => {
    const arrays = lists.map((l, i) => needArray(label("concat"), i + 1, l));
    spendArray(arrays.reduce((n, a) => n + a.length, 0));
    return ([] as unknown[]).concat(...arrays);
  },
);

export const get = m.function(
  {
    name: "get", params: "lst, index, default=null", returns: "any",
    description: "The item at index (negative counts from the end), or default when the index is out of range.",
  },
  (lst: unknown, index: unknown, fallback?: unknown) => {
    const items = needArray(label("get"), 1, lst);
    let i = needInteger(label("get"), 2, index);
    if (i < 0) i += items.length;
    return i >= 0 && i < items.length ? items[i] : fallback;
  },
);

export const first = m.function(
  { name: "first", params: "lst", returns: "any", description: "The first item, or null for an empty array." },
  (lst: unknown) => needArray(label("first"), 1, lst)[0],
);

export const last = m.function(
  { name: "last", params: "lst", returns: "any", description: "The last item, or null for an empty array." },
  (lst: unknown) => {
    const items = needArray(label("last"), 1, lst);
    return items[items.length - 1];
  },
);

export const slice = m.function(
  {
    name: "slice", params: "lst, start=0, end=null", returns: "array",
    description: "A new array of the items from start up to (not including) end, as lst[start:end]: negative positions count from the end.",
  },
  (lst: unknown, start?: unknown, end?: unknown) =>
    sliceSequence(needArray(label("slice"), 1, lst), start ?? null, end ?? null, null, runMeter()),
);

export const reverse = m.function(
  { name: "reverse", params: "lst", returns: "array", description: "A new array with the items in reverse order." },
  (lst: unknown) => {
    const items = needArray(label("reverse"), 1, lst);
    spendItems(items.length);
    return items.slice().reverse();
  },
);

/** The position of the first item `== item`, or -1; a step per item compared. */
function indexOfValue(items: readonly unknown[], item: unknown): number {
  const meter = runMeter();
  const b = meter.budget;
  for (let i = 0; i < items.length; i++) {
    if (--b.n < 0) tick(b);
    if (equals(items[i], item, meter)) return i;
  }
  return -1;
}

export const contains = m.function(
  { name: "contains", params: "lst, item", returns: "boolean", description: "Whether some item == item." },
  (lst: unknown, item: unknown) => indexOfValue(needArray(label("contains"), 1, lst), item) >= 0,
);

export const indexOf = m.function(
  { name: "indexOf", aliases: ["index_of"], params: "lst, item", returns: "number", description: "The position of the first item == item, or -1 when there is none." },
  (lst: unknown, item: unknown) => indexOfValue(needArray(label("indexOf"), 1, lst), item),
);

export const filter = m.function(
  { name: "filter", params: "lst, predicate", returns: "array", description: "A new array of the items for which predicate(item) is true." },
  (lst: unknown, predicate: unknown) => {
    const items = needArray(label("filter"), 1, lst);
    return filterValues(label("filter"), items, needFunction(label("filter"), 2, predicate));
  },
);

export const map = m.function(
  { name: "map", params: "lst, fn", returns: "array", description: "A new array of fn(item) for each item." },
  (lst: unknown, fn: unknown) => {
    const items = needArray(label("map"), 1, lst);
    return mapValues(label("map"), items, needFunction(label("map"), 2, fn));
  },
);

export const find = m.function(
  { name: "find", params: "lst, predicate", returns: "any", description: "The first item for which predicate(item) is true, or null." },
  (lst: unknown, predicate: unknown) =>
    findValue(label("find"), needArray(label("find"), 1, lst), needFunction(label("find"), 2, predicate)),
);

export const reduce = m.function(
  {
    name: "reduce", params: "lst, fn, initial?", returns: "any",
    description: "Folds the array: acc = fn(acc, item) for each item, starting from initial (or from the first item when initial is not given).",
  },
  function (lst: unknown, fn: unknown, initial?: unknown) {
    const items = needArray(label("reduce"), 1, lst);
    const f = needFunction(label("reduce"), 2, fn);
    return reduceValues(label("reduce"), items, f, arguments.length > 2, initial);
  },
);

export const removeAt = m.function(
  {
    name: "removeAt", aliases: ["remove_at"], params: "lst, index", returns: "array",
    description: "A new array without the item at index (negative counts from the end); an index out of range raises IndexError.",
  },
  (lst: unknown, index: unknown) => {
    const items = needArray(label("removeAt"), 1, lst);
    const given = needInteger(label("removeAt"), 2, index);
    const i = given < 0 ? given + items.length : given;
    if (i < 0 || i >= items.length) throw indexError(`${label("removeAt")}(): index ${given} out of range for an array of length ${items.length}`);
    spendItems(items.length);
    return items.slice(0, i).concat(items.slice(i + 1));
  },
);

export const isEmpty = m.function(
  { name: "isEmpty", aliases: ["is_empty"], params: "lst", returns: "boolean", description: "Whether the array has no items." },
  (lst: unknown) => needArray(label("isEmpty"), 1, lst).length === 0,
);

export const take = m.function(
  {
    name: "take", params: "lst, n", returns: "array",
    description: "A new array of the first n items (all of them if there are fewer), as lst[:n]: a negative n leaves out the last -n.",
  },
  (lst: unknown, n: unknown) => takeValues(needArray(label("take"), 1, lst), needInteger(label("take"), 2, n)),
);

export const drop = m.function(
  {
    name: "drop", params: "lst, n", returns: "array",
    description: "A new array without the first n items, as lst[n:]: a negative n keeps only the last -n.",
  },
  (lst: unknown, n: unknown) => dropValues(needArray(label("drop"), 1, lst), needInteger(label("drop"), 2, n)),
);

export const unique = m.function(
  { name: "unique", params: "lst", returns: "array", description: "A new array without repeated items (compared with ==), keeping first occurrences in order." },
  (lst: unknown) => uniqueValues(needArray(label("unique"), 1, lst)),
);

export const flatten = m.function(
  {
    name: "flatten", params: "lst, depth=1", returns: "array",
    description: "A new array with nested arrays replaced by their items, down to depth levels (inf: all levels).",
  },
  (lst: unknown, depth?: unknown) =>
    flattenValues(needArray(label("flatten"), 1, lst), flattenDepth(label("flatten"), 2, depth)),
);

export const zip = m.function(
  {
    name: "zip", params: "lst, other, ...more", returns: "array of arrays",
    description: "Pairs (or tuples) of the items at the same position, as long as the shortest array.",
  },
  (...lists: unknown[]) => zipValues(lists.map((l, i) => needArray(label("zip"), i + 1, l))),
);

export const sort = m.function(
  {
    name: "sort", params: "lst, reverse=false", returns: "array",
    description: "A new array sorted with ML ordering (numbers, strings or arrays of one kind); stable.",
  },
  (lst: unknown, rev?: unknown) => {
    const items = needArray(label("sort"), 1, lst);
    const reversed = reverseFlag("sort", 2, rev);
    spendItems(items.length); // the copy; the sort charges its checks and comparisons
    return sortValues(items.slice(), reversed, runMeter());
  },
);

export const sortBy = m.function(
  {
    name: "sortBy", aliases: ["sort_by"], params: "lst, keyFn, reverse=false", returns: "array",
    description: "A new array sorted by keyFn(item) (each key computed once), stable; keys follow ML ordering.",
  },
  (lst: unknown, keyFn: unknown, rev?: unknown) => {
    const items = needArray(label("sortBy"), 1, lst);
    const f = needFunction(label("sortBy"), 2, keyFn);
    const reversed = reverseFlag("sortBy", 3, rev);
    const where = label("sortBy");
    const keyed = items.map((item) => ({ key: callbackResult(where, f(item)), item }));
    // A step per comparison, besides what comparing two keys costs (the sort may stop
    // part-way: `keyed` is a private copy).
    const meter = runMeter();
    const budget = meter.budget;
    // Array sort is stable, and a reversed comparison keeps equal keys in their original order, as Python does.
    keyed.sort(
      reversed
        ? (a, b) => (--budget.n < 0 && tick(budget), compare(b.key, a.key, "<", meter))
        : (a, b) => (--budget.n < 0 && tick(budget), compare(a.key, b.key, "<", meter)),
    );
    spendItems(keyed.length);
    return keyed.map((k) => k.item);
  },
);

export const chunk = m.function(
  { name: "chunk", params: "lst, size", returns: "array of arrays", description: "The items cut into consecutive arrays of size items (the last may be shorter)." },
  (lst: unknown, size: unknown) => chunkValues(needArray(label("chunk"), 1, lst), chunkSize(label("chunk"), 2, size)),
);

export const every = m.function(
  { name: "every", params: "lst, predicate", returns: "boolean", description: "Whether predicate(item) is true for every item (true for an empty array)." },
  (lst: unknown, predicate: unknown) =>
    testValues(label("every"), needArray(label("every"), 1, lst), needFunction(label("every"), 2, predicate), true),
);

export const some = m.function(
  { name: "some", params: "lst, predicate", returns: "boolean", description: "Whether predicate(item) is true for at least one item." },
  (lst: unknown, predicate: unknown) =>
    testValues(label("some"), needArray(label("some"), 1, lst), needFunction(label("some"), 2, predicate), false),
);

export const groupBy = m.function(
  {
    name: "groupBy", aliases: ["group_by"], params: "lst, keyFn", returns: "object",
    description: "An object mapping str(keyFn(item)) to the array of items with that key, keys in first-seen order.",
  },
  (lst: unknown, keyFn: unknown) =>
    groupValues(label("groupBy"), needArray(label("groupBy"), 1, lst), needFunction(label("groupBy"), 2, keyFn)),
);

export const partition = m.function(
  {
    name: "partition", params: "lst, predicate", returns: "array of two arrays",
    description: "[matching, rest]: the items for which predicate(item) is true, and the others.",
  },
  (lst: unknown, predicate: unknown) =>
    partitionValues(label("partition"), needArray(label("partition"), 1, lst), needFunction(label("partition"), 2, predicate)),
);

export const definition = m.done();
