/**
 * Ordering `< > <= >=` and sorting (docs/language/reference.md §4): number with number, string with string
 * by Unicode code point, array with array lexicographically, stdlib objects of one class
 * through its `compare` hook. Any other pairing is a `TypeError`.
 */
import { typeError } from "./errors.js";
import type { Budget } from "./abi.js";
import { classOf } from "./objects.js";
import { equals, MAX_COMPARISON_DEPTH, comparisonTooDeep } from "./equality.js";
import { typeOf } from "./values.js";
import { chargeText, textCost, UNMETERED, type RunMeter } from "./meter.js";
import { charge, tick } from "./limits.js";

const isArray = Array.isArray;

/**
 * Three-way comparison: negative when `a < b`, zero when equal, positive when `a > b`, and
 * `NaN` when the two are unordered (a `NaN` number is involved), so that every one of
 * `< 0`, `<= 0`, `> 0`, `>= 0` is false for them, as in Python. `op` names the operator in
 * the `TypeError` for unsupported pairings.
 */
export function compare(a: unknown, b: unknown, op: string, meter: RunMeter = UNMETERED): number {
  if (typeof a === "number" && typeof b === "number") return compareNumbers(a, b);
  if (typeof a === "string" && typeof b === "string") {
    if (a.length > 64 && b.length > 64) chargeCompare(meter, a, b);
    return compareStrings(a, b);
  }
  return compareSlow(a, b, op, meter);
}

/** ML `a < b`. */
export function lt(a: unknown, b: unknown, meter: RunMeter = UNMETERED): boolean {
  return typeof a === "number" && typeof b === "number" ? a < b : compare(a, b, "<", meter) < 0;
}

/** ML `a > b`. */
export function gt(a: unknown, b: unknown, meter: RunMeter = UNMETERED): boolean {
  return typeof a === "number" && typeof b === "number" ? a > b : compare(a, b, ">", meter) > 0;
}

/** ML `a <= b`. */
export function le(a: unknown, b: unknown, meter: RunMeter = UNMETERED): boolean {
  return typeof a === "number" && typeof b === "number" ? a <= b : compare(a, b, "<=", meter) <= 0;
}

/** ML `a >= b`. */
export function ge(a: unknown, b: unknown, meter: RunMeter = UNMETERED): boolean {
  return typeof a === "number" && typeof b === "number" ? a >= b : compare(a, b, ">=", meter) >= 0;
}

/** Charges comparing two long strings: up to the shorter one's length of code units scanned. */
function chargeCompare(meter: RunMeter, a: string, b: string): void {
  charge(meter.budget, textCost(a.length < b.length ? a.length : b.length));
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
}

// A string with a code unit at or above U+D800. Code-unit order and code-point order can only
// disagree where both strings have one: a surrogate against a unit in U+E000–U+FFFF.
const HIGH_UNITS = /[\uD800-\uFFFF]/;
// Without surrogates, code-unit order is code-point order.
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Compares strings by Unicode code point (not UTF-16 code unit), in time proportional to the
 * shorter string (the charge for long strings assumes so): only the shorter one is scanned for
 * high units, since the orders can only disagree at a position both strings have.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (!HIGH_UNITS.test(a.length <= b.length ? a : b)) return a < b ? -1 : 1;
  return compareByCodePoint(a, b);
}

function compareByCodePoint(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  // At the first differing unit, shift surrogates above U+E000–U+FFFF: a surrogate there is
  // part of a code point beyond U+FFFF (or a lone surrogate, ordered consistently anyway).
  return codePointRank(a.charCodeAt(i)) - codePointRank(b.charCodeAt(i));
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/**
 * Everything but number/number and string/string. Arrays compare like Python lists: find the
 * first pair of elements that are not `==`; if there is none, the shorter array is smaller;
 * otherwise the answer is the comparison of that pair. The descent is a loop, not recursion.
 */
function compareSlow(a: unknown, b: unknown, op: string, meter: RunMeter): number {
  for (let depth = 0; ; depth++) {
    if (typeof a === "number" && typeof b === "number") return compareNumbers(a, b);
    if (typeof a === "string" && typeof b === "string") {
      if (a.length > 64 && b.length > 64) chargeCompare(meter, a, b);
      return compareStrings(a, b);
    }
    if (isArray(a) && isArray(b)) {
      const n = a.length < b.length ? a.length : b.length;
      let i = 0;
      while (i < n && equals(a[i], b[i], meter)) i++;
      charge(meter.budget, i + 1); // the pairs of items compared at this level
      if (i === n) return a.length - b.length;
      if (depth >= MAX_COMPARISON_DEPTH) throw comparisonTooDeep();
      a = a[i];
      b = b[i];
      continue;
    }
    return compareObjects(a, b, op);
  }
}

function compareObjects(a: unknown, b: unknown, op: string): number {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const cls = classOf(a);
    if (cls !== undefined && cls.compare !== undefined && classOf(b) === cls) return cls.compare(a, b);
  }
  throw notSupported(op, a, b);
}

function notSupported(op: string, a: unknown, b: unknown) {
  return typeError(`'${op}' not supported between ${typeOf(a)} and ${typeOf(b)}`);
}

const byNumber = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);
const byNumberReversed = (x: number, y: number): number => (y < x ? -1 : y > x ? 1 : 0);

/** Comparisons a sort of `n` items may make (n·⌈log2 n⌉), charged before a native sort. */
export function sortCost(n: number): number {
  return n < 2 ? 0 : n * Math.ceil(Math.log2(n));
}

/**
 * Sorts `arr` in place with ML ordering, stably (with `reverse`, equal elements keep their
 * original order, as in Python). Throws `TypeError: '<' not supported between X and Y` for
 * elements that cannot be ordered. Returns `arr`.
 *
 * Elements are type-checked before sorting starts, so a mixed-type array is left untouched
 * (a failing comparator inside an array sort could leave it partly reordered).
 *
 * Costs one step per element checked and per comparison: numbers and strings (native sorts) are
 * charged n·⌈log2 n⌉ up front, other elements one step per comparator call (plus the steps of
 * comparing arrays element by element).
 */
export function sortValues(arr: unknown[], reverse: boolean, meter: RunMeter = UNMETERED): unknown[] {
  const n = arr.length;
  if (n < 2) return arr;
  const budget = meter.budget;
  charge(budget, n);
  switch (elementKind(arr, budget)) {
    case "plain-number":
      charge(budget, sortCost(n));
      sortPlainNumbers(arr as number[], reverse);
      break;
    case "number":
      charge(budget, sortCost(n));
      (arr as number[]).sort(reverse ? byNumberReversed : byNumber);
      break;
    case "bmp-string":
      // Equal strings are indistinguishable, so sort-then-reverse is as good as a stable
      // reverse sort; the default comparison is native code-unit order.
      charge(budget, sortCost(n));
      arr.sort();
      if (reverse) arr.reverse();
      break;
    default:
      arr.sort(
        reverse
          ? (x, y) => {
              if (--budget.n < 0) tick(budget);
              return compare(y, x, "<", meter);
            }
          : (x, y) => {
              if (--budget.n < 0) tick(budget);
              return compare(x, y, "<", meter);
            },
      );
  }
  return arr;
}

/**
 * Numbers without NaN or -0 are indistinguishable when equal, so stability is moot and the
 * typed-array sort (native, no comparator calls) gives the same result much faster.
 */
function sortPlainNumbers(arr: number[], reverse: boolean): void {
  const n = arr.length;
  const typed = new Float64Array(n);
  for (let i = 0; i < n; i++) typed[i] = arr[i]!;
  typed.sort();
  if (reverse) for (let i = 0; i < n; i++) arr[i] = typed[n - 1 - i]!;
  else for (let i = 0; i < n; i++) arr[i] = typed[i]!;
}

type ElementKind = "plain-number" | "number" | "bmp-string" | "other";

/**
 * How `arr` can be sorted: numbers (`plain-number` when free of NaN and -0), strings
 * (`bmp-string` when code-unit order equals code-point order for every pair), or `other`
 * (strings with surrogates, arrays, stdlib objects of one orderable class). Throws for a mix
 * or unorderable elements, with the types of the first mismatching pair.
 */
function elementKind(arr: unknown[], budget: Budget): ElementKind {
  const first = arr[0];
  const n = arr.length;
  if (typeof first === "number") {
    let plain = true;
    for (let i = 0; i < n; i++) {
      const v = arr[i];
      if (typeof v !== "number") throw notSupported("<", v, first);
      if (v !== v || (v === 0 && 1 / v < 0)) plain = false;
    }
    return plain ? "plain-number" : "number";
  }
  if (typeof first === "string") {
    let bmp = true;
    for (let i = 0; i < n; i++) {
      const v = arr[i];
      if (typeof v !== "string") throw notSupported("<", v, first);
      if (bmp) {
        // The scan for surrogates reads (and may flatten) the whole string: charged first.
        chargeText(budget, v.length);
        if (SURROGATE.test(v)) bmp = false;
      }
    }
    return bmp ? "bmp-string" : "other";
  }
  const firstType = typeOf(first);
  for (let i = 1; i < n; i++) {
    const t = typeOf(arr[i]);
    if (t !== firstType) throw notSupported("<", arr[i], first);
  }
  if (firstType === "array") return "other";
  // Stdlib objects: orderable only with a compare hook. Other types (null, booleans, objects,
  // functions) are not orderable at all; any comparison between them fails.
  if (typeof first === "object" && first !== null) {
    const cls = classOf(first);
    if (cls !== undefined && cls.compare !== undefined) {
      for (let i = 1; i < n; i++) {
        if (classOf(arr[i] as object) !== cls) throw notSupported("<", arr[i], first);
      }
      return "other";
    }
  }
  throw notSupported("<", arr[1], first);
}
