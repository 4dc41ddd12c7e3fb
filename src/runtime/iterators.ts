/**
 * Iteration: the ML `iterator` objects of `iter()`/`next()`, and what a `for (x in v)` loop
 * visits (docs/language/reference.md §5, §6).
 */
import { typeError, valueError } from "./errors.js";
import { classOf, registerClass } from "./objects.js";
import { isPlainObject, typeOf } from "./values.js";
import { chargeText, keysCost, UNMETERED, type RunMeter } from "./meter.js";
import { charge } from "./limits.js";

const isArray = Array.isArray;
const objectKeys = Object.keys;
const iteratorSymbol: typeof Symbol.iterator = Symbol.iterator;

/** What {@link MLIterator.step} returns once the iterator is exhausted. */
const DONE: unique symbol = Symbol("mljs.iterator.done");

/**
 * An ML iterator (`typeof` is `"iterator"`; no members; displays as `<iterator>`).
 *
 * Over an array it is live (reads by index, so items appended meanwhile are visited); over a
 * string it visits UTF-16 code units; over an object, a snapshot of its keys taken by `iter()`;
 * over a stdlib object, what its class's `iterate` hook yields.
 */
export class MLIterator {
  #items: ArrayLike<unknown> | null;
  #source: Iterator<unknown> | null;
  #position = 0;

  /** @internal Use {@link iterOf}. */
  constructor(items: ArrayLike<unknown> | null, source: Iterator<unknown> | null) {
    this.#items = items;
    this.#source = source;
  }

  /** The next item, or {@link DONE}. An exhausted iterator stays exhausted. */
  step(): unknown {
    const items = this.#items;
    if (items !== null) {
      if (this.#position < items.length) {
        const v = items[this.#position++];
        return v === undefined ? null : v;
      }
      this.#items = null;
      return DONE;
    }
    const source = this.#source;
    if (source !== null) {
      const r = source.next();
      if (!r.done) return r.value === undefined ? null : r.value;
      this.#source = null;
    }
    return DONE;
  }

  /** Lets a `for` loop (and the runtime) consume the iterator with `for…of`. */
  *[iteratorSymbol](): Iterator<unknown> {
    for (;;) {
      const v = this.step();
      if (v === DONE) return;
      yield v;
    }
  }
}

registerClass(MLIterator, {
  name: "iterator",
  members: new Map(),
  display: () => "<iterator>",
  iterate: (self: MLIterator) => self,
});

/** `iter(x)`: an iterator over an array, a string, an object's keys, or an iterable stdlib object. */
export function iterOf(v: unknown, meter: RunMeter = UNMETERED): MLIterator {
  if (v instanceof MLIterator) return v;
  if (isArray(v) || typeof v === "string") return new MLIterator(v, null);
  if (isPlainObject(v)) return new MLIterator(keysOf(v, meter), null);
  const iterable = classIterable(v);
  if (iterable !== undefined) return new MLIterator(null, iterable[iteratorSymbol]());
  throw notIterable(v);
}

/**
 * `next(it)` / `next(it, default)`: the iterator's next item; when exhausted, the default if one
 * was given, else `ValueError: StopIteration: iterator is exhausted`.
 */
export function nextOf(it: unknown, hasDefault: boolean, fallback: unknown): unknown {
  if (!(it instanceof MLIterator)) throw typeError(`'${typeOf(it)}' object is not an iterator`);
  const v = it.step();
  if (v !== DONE) return v;
  if (hasDefault) return fallback;
  throw valueError("StopIteration: iterator is exhausted");
}

/**
 * What `for (x in v)` visits (`Runtime.iter`). Arrays are returned as they are, so the loop is
 * V8's fast array iteration; objects give a snapshot of their keys (one step per key), strings
 * their UTF-16 code units (read one at a time from a long string, never split into an array).
 */
export function forIter(v: unknown, meter: RunMeter = UNMETERED): Iterable<unknown> {
  if (isArray(v)) return v;
  return forIterSlow(v, meter);
}

function forIterSlow(v: unknown, meter: RunMeter): Iterable<unknown> {
  if (typeof v === "string") {
    if (v.length > SPLIT_MAX) return new CodeUnits(v);
    chargeText(meter.budget, v.length);
    return v.split("");
  }
  if (isPlainObject(v)) return keysOf(v, meter);
  if (v instanceof MLIterator) return v;
  const iterable = classIterable(v);
  if (iterable !== undefined) return iterable;
  throw notIterable(v);
}

/** Strings up to this length are split for iteration (faster); longer ones are read lazily. */
const SPLIT_MAX = 4096;

/** The UTF-16 code units of a string, one at a time, without building an array of them. */
class CodeUnits implements Iterable<string>, Iterator<string> {
  #s: string;
  #i = 0;
  constructor(s: string) {
    this.#s = s;
  }
  next(): IteratorResult<string> {
    const i = this.#i;
    if (i >= this.#s.length) return { value: undefined, done: true };
    this.#i = i + 1;
    return { value: this.#s[i]!, done: false };
  }
  [iteratorSymbol](): Iterator<string> {
    return this;
  }
}

/** A snapshot of an object's own keys, charged per key (`keysCost`). */
function keysOf(o: object, meter: RunMeter): string[] {
  const keys = objectKeys(o);
  charge(meter.budget, keysCost(keys.length));
  return keys;
}

/** What an ML-visible class's `iterate` hook yields for `v`, or `undefined` if it has none. */
function classIterable(v: unknown): Iterable<unknown> | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const cls = classOf(v);
  return cls !== undefined && cls.iterate !== undefined ? cls.iterate(v) : undefined;
}

function notIterable(v: unknown): Error {
  return typeError(`'${typeOf(v)}' object is not iterable`);
}
