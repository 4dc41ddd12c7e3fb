/**
 * The methods of ML strings (docs/language/reference.md §7), with Python's semantics over UTF-16 strings.
 *
 * Each method is `(self, args, meter)`: `args` is the argument array of the call (checked here
 * for count and types), `meter` the load's limits (checked before building large strings or
 * arrays) and budget: a method charges one step per 16 code units it scans or produces and one
 * per item (part, occurrence, replacement) it produces (docs/limits.md).
 */
import { valueError } from "./errors.js";
import { argumentError, checkArity } from "./calls.js";
import { charge, checkArrayLength, checkStringLength, tick } from "./limits.js";
import { chargeText, textCost } from "./meter.js";
import type { Budget } from "./abi.js";
import { str } from "./display.js";
import { forIter } from "./iterators.js";
import type { RunMeter } from "./state.js";

/** A string method: receiver, call arguments, the load's meter (limits and budget). */
export type StringMethod = (self: string, args: unknown[], meter: RunMeter) => unknown;

const isInteger = Number.isInteger;
const isArray = Array.isArray;
const fromCodePoint = String.fromCodePoint;

// --- character classes (Python's definitions, per code point) ---

/** Python's `str.isspace()` characters (not JavaScript's `\s`: no U+FEFF, plus U+001C–U+001F and U+0085). */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0 ||
    c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000;
}

// A character outside each class (searched for, not matched with `^[…]+$`: the engine keeps a
// backtracking entry per repetition of a Unicode class, and a few million two-byte characters
// overflowed its stack).
const NOT_ALPHA = /\P{L}/u;
const NOT_ALNUM = /[^\p{L}\p{N}]/u;
// Python's isdigit: decimal digits plus the other characters with Numeric_Type=Digit.
const NOT_DIGIT =
  /[^\p{Nd}\u00B2\u00B3\u00B9\u1369-\u1371\u19DA\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247C\u2488-\u2490\u24EA\u24F5-\u24FD\u24FF\u2776-\u277E\u2780-\u2788\u278A-\u2792\u{10A40}-\u{10A43}\u{10E60}-\u{10E68}\u{11052}-\u{1105A}\u{1F100}-\u{1F10A}]/u;
const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;
const TITLE = /\p{Lt}/u;
const CASED = /\p{Cased}/u;

/** Characters whose title case differs from their upper case (Python's `str.title()` table). */
const TITLE_CASE: ReadonlyMap<number, string> = (() => {
  const table =
    "df:53 73,1c4:1c5,1c5,1c6:1c5,1c7:1c8,1c8,1c9:1c8,1ca:1cb,1cb,1cc:1cb,1f1:1f2,1f2,1f3:1f2,587:535 582," +
    "10d0-10fa,10fd-10ff,1f80:1f88,1f81:1f89,1f82:1f8a,1f83:1f8b,1f84:1f8c,1f85:1f8d,1f86:1f8e,1f87:1f8f," +
    "1f88-1f8f,1f90:1f98,1f91:1f99,1f92:1f9a,1f93:1f9b,1f94:1f9c,1f95:1f9d,1f96:1f9e,1f97:1f9f,1f98-1f9f," +
    "1fa0:1fa8,1fa1:1fa9,1fa2:1faa,1fa3:1fab,1fa4:1fac,1fa5:1fad,1fa6:1fae,1fa7:1faf,1fa8-1faf," +
    "1fb2:1fba 345,1fb3:1fbc,1fb4:386 345,1fb7:391 342 345,1fbc,1fc2:1fca 345,1fc3:1fcc,1fc4:389 345," +
    "1fc7:397 342 345,1fcc,1ff2:1ffa 345,1ff3:1ffc,1ff4:38f 345,1ff7:3a9 342 345,1ffc,fb00:46 66,fb01:46 69," +
    "fb02:46 6c,fb03:46 66 69,fb04:46 66 6c,fb05:53 74,fb06:53 74,fb13:544 576,fb14:544 565,fb15:544 56b," +
    "fb16:54e 576,fb17:544 56d";
  const map = new Map<number, string>();
  for (const entry of table.split(",")) {
    const [cp, to] = entry.split(":") as [string, string | undefined];
    if (to !== undefined) {
      map.set(parseInt(cp, 16), fromCodePoint(...to.split(" ").map((h) => parseInt(h, 16))));
    } else {
      // "a-b": characters that are their own title case; "a": a single such character.
      const [lo, hi] = cp.split("-").map((h) => parseInt(h, 16)) as [number, number | undefined];
      for (let c = lo; c <= (hi ?? lo); c++) map.set(c, fromCodePoint(c));
    }
  }
  return map;
})();

function titleOf(ch: string): string {
  return TITLE_CASE.get(ch.codePointAt(0)!) ?? ch.toUpperCase();
}

/** Lower-cases `rest` in the context of a preceding `first` (so a final sigma becomes `ς`). */
function lowerAfter(first: string, rest: string): string {
  const lowerFirst = first.toLowerCase();
  const both = (first + rest).toLowerCase();
  return both.startsWith(lowerFirst) ? both.slice(lowerFirst.length) : rest.toLowerCase();
}

/**
 * Lower-cases `s` in the context of the code points `before` and `after` (`after` may be empty).
 * Only a capital sigma's mapping depends on context, and never its length, so the lengths of
 * the context's own mappings delimit `s`'s.
 */
function lowerBetween(before: string, s: string, after: string): string {
  if (after === "") return lowerAfter(before, s);
  const all = (before + s + after).toLowerCase();
  return all.slice(before.toLowerCase().length, all.length - after.toLowerCase().length);
}

// --- argument helpers ---

function optString(name: string, position: number, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  throw argumentError(name, position, "a string or null", v);
}

function needString(name: string, position: number, v: unknown): string {
  if (typeof v === "string") return v;
  throw argumentError(name, position, "a string", v);
}

function optInteger(name: string, position: number, v: unknown): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && isInteger(v)) return v;
  throw argumentError(name, position, "an integer or null", v);
}

function needInteger(name: string, position: number, v: unknown): number {
  if (typeof v === "number" && isInteger(v)) return v;
  throw argumentError(name, position, "an integer", v);
}

/**
 * Python's ADJUST_INDICES for the optional `start`/`end` of find/count/startswith: negative
 * values count from the end and are clamped at 0; `end` is clamped at the length, `start` is not.
 */
function range(name: string, self: string, args: unknown[], first: number): [number, number] {
  const length = self.length;
  let start = optInteger(name, first + 1, args[first]) ?? 0;
  let end = optInteger(name, first + 2, args[first + 1]) ?? length;
  if (end > length) end = length;
  else if (end < 0) {
    end += length;
    if (end < 0) end = 0;
  }
  if (start < 0) {
    start += length;
    if (start < 0) start = 0;
  }
  return [start, end];
}

// --- case ---

/** Code units mapped per slice when measuring a case mapping that may outgrow the limit. */
const MEASURE_SLICE = 1 << 16;

/**
 * Checks that `map(s)` fits `maxStringLength` before it is built: case mappings can grow a string
 * (`"ß".toUpperCase()` is `"SS"`, up to 3 code units for one). When even the worst case fits,
 * nothing is measured; otherwise `s` is mapped a slice at a time (never splitting a surrogate
 * pair) and only the lengths are kept. Length never depends on context (final sigma only
 * changes which letter), so the sum of the slices is the length of the whole.
 */
function checkCaseGrowth(s: string, map: (t: string) => string, meter: RunMeter, extra = 0): void {
  const max = meter.maxStringLength;
  if (s.length * 3 + extra <= max) return;
  let total = extra;
  for (let i = 0; i < s.length; ) {
    let j = i + MEASURE_SLICE;
    if (j >= s.length) j = s.length;
    else if (isHighSurrogate(s.charCodeAt(j - 1))) j++;
    total += map(s.slice(i, j)).length;
    if (total > max) checkStringLength(total, meter);
    i = j;
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

const toUpper = (t: string): string => t.toUpperCase();
const toLower = (t: string): string => t.toLowerCase();

function upper(self: string, args: unknown[], meter: RunMeter): string {
  checkArity("upper", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  checkCaseGrowth(self, toUpper, meter);
  return self.toUpperCase();
}

function lower(self: string, args: unknown[], meter: RunMeter): string {
  checkArity("lower", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  checkCaseGrowth(self, toLower, meter);
  return self.toLowerCase();
}

function capitalize(self: string, args: unknown[], meter: RunMeter): string {
  checkArity("capitalize", args.length, 0, 0);
  if (self === "") return self;
  chargeText(meter.budget, self.length);
  checkCaseGrowth(self, toLower, meter, 3);
  const first = fromCodePoint(self.codePointAt(0)!);
  return titleOf(first) + lowerAfter(first, self.slice(first.length));
}

// Runs of characters a case mapping changes, matched natively instead of testing each character.
// At most MAX_RUN code points a match: the engine keeps a backtracking entry per repetition of
// a Unicode class, and a run of a few million two-byte letters overflowed its stack (a
// RangeError); a longer run is matched in pieces, which `title` joins back into one word.
const MAX_RUN = 65_536;
const CASED_RUN = new RegExp(`\\p{Cased}{1,${MAX_RUN}}`, "gu");
const UPPER_OR_LOWER_RUN = new RegExp(`\\p{Uppercase}{1,${MAX_RUN}}|\\p{Lowercase}{1,${MAX_RUN}}`, "gu");

/**
 * Maps each match of `pattern` in `s` with `map`, charging three steps per match (a callback
 * and a few small strings, measured at about 200 ns; the text itself is charged by the caller)
 * and checking the result's length as it grows.
 */
function mapRuns(
  s: string, pattern: RegExp, map: (run: string, at: number) => string, meter: RunMeter,
): string {
  const budget = meter.budget;
  const max = meter.maxStringLength;
  let length = s.length;
  return s.replace(pattern, (run: string, at: number) => {
    if ((budget.n -= 3) < 0) tick(budget);
    const out = map(run, at);
    length += out.length - run.length;
    if (length > max) checkStringLength(length, meter);
    return out;
  });
}

function title(self: string, args: unknown[], meter: RunMeter): string {
  checkArity("title", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  // A word is a run of cased characters: its first is title-cased, the rest lower-cased. A word
  // longer than one match goes on in the next (which starts where this one ended): a piece is
  // lower-cased between the letters around it, so a capital sigma at its edge is not final.
  let end = -1;
  return mapRuns(self, CASED_RUN, (piece, at) => {
    const continued = at === end;
    end = at + piece.length;
    const next = piece.length >= MAX_RUN && end < self.length ? fromCodePoint(self.codePointAt(end)!) : "";
    const after = next !== "" && CASED.test(next) ? next : "";
    if (continued) return lowerBetween(codePointBefore(self, at), piece, after);
    const first = fromCodePoint(piece.codePointAt(0)!);
    return titleOf(first) + lowerBetween(first, piece.slice(first.length), after);
  }, meter);
}

function swapcase(self: string, args: unknown[], meter: RunMeter): string {
  checkArity("swapcase", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  const budget = meter.budget;
  return mapRuns(self, UPPER_OR_LOWER_RUN, (run, at) => {
    if (!UPPER.test(run)) return run.toUpperCase();
    if (!run.includes("\u03a3")) return run.toLowerCase();
    // Python lower-cases a capital sigma to the final form at the end of a word, judged by the
    // characters around it in the whole string, not just in this run. The text between two
    // sigmas has no context-dependent mapping: it is lower-cased whole.
    const parts: string[] = [];
    let from = 0;
    for (let i = run.indexOf("\u03a3"); i >= 0; i = run.indexOf("\u03a3", from)) {
      if ((budget.n -= 2) < 0) tick(budget); // a part and a look at the sigma's neighbours
      parts.push(run.slice(from, i).toLowerCase());
      const before = at + i > 0 && CASED.test(codePointBefore(self, at + i));
      const after = at + i + 1 < self.length && CASED.test(fromCodePoint(self.codePointAt(at + i + 1)!));
      parts.push(before && !after ? "\u03c2" : "\u03c3");
      from = i + 1;
    }
    parts.push(run.slice(from).toLowerCase());
    return parts.join("");
  }, meter);
}

/** The code point that ends just before position `i` of `s`. */
function codePointBefore(s: string, i: number): string {
  const low = s.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2 && isHighSurrogate(s.charCodeAt(i - 2))) return s.slice(i - 2, i);
  return s[i - 1]!;
}

// --- predicates ---

function isdigit(self: string, args: unknown[], meter: RunMeter): boolean {
  checkArity("isdigit", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  return self !== "" && !NOT_DIGIT.test(self);
}

function isalpha(self: string, args: unknown[], meter: RunMeter): boolean {
  checkArity("isalpha", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  return self !== "" && !NOT_ALPHA.test(self);
}

function isalnum(self: string, args: unknown[], meter: RunMeter): boolean {
  checkArity("isalnum", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  return self !== "" && !NOT_ALNUM.test(self);
}

function isspace(self: string, args: unknown[], meter: RunMeter): boolean {
  checkArity("isspace", args.length, 0, 0);
  if (self === "") return false;
  chargeText(meter.budget, self.length);
  for (let i = 0; i < self.length; i++) if (!isSpaceCode(self.charCodeAt(i))) return false;
  return true;
}

// Whole-string tests, each a native linear scan.
const LOWER_OR_TITLE = /[\p{Lowercase}\p{Lt}]/u;
const UPPER_OR_TITLE = /[\p{Uppercase}\p{Lt}]/u;
/** An upper- or title-case character right after a cased one. */
const CAPITAL_INSIDE_WORD = /\p{Cased}[\p{Uppercase}\p{Lt}]/u;
/** A lower-case character that starts a word (at the start, or after an uncased character). */
const LOWER_STARTING_WORD = /(?:^|\P{Cased})\p{Lowercase}/u;

function isupper(self: string, args: unknown[], meter: RunMeter): boolean {
  checkArity("isupper", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  return !LOWER_OR_TITLE.test(self) && UPPER.test(self);
}

function islower(self: string, args: unknown[], meter: RunMeter): boolean {
  checkArity("islower", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  return !UPPER_OR_TITLE.test(self) && LOWER.test(self);
}

function istitle(self: string, args: unknown[], meter: RunMeter): boolean {
  checkArity("istitle", args.length, 0, 0);
  chargeText(meter.budget, self.length);
  // Every word (run of cased characters) starts with an upper- or title-case character and
  // goes on in lower case; and there is at least one.
  return CASED.test(self) && !CAPITAL_INSIDE_WORD.test(self) && !LOWER_STARTING_WORD.test(self);
}

// --- strip ---

function stripper(name: string, left: boolean, right: boolean): StringMethod {
  return (self, args, meter) => {
    checkArity(name, args.length, 0, 1);
    const chars = optString(name, 1, args[0]);
    if (chars !== null) chargeText(meter.budget, chars.length);
    const out = chars === null ? stripSpace(self, left, right) : stripChars(self, chars, left, right);
    // The scan from each end covers what was removed (and one character more).
    chargeText(meter.budget, self.length - out.length + 1);
    return out;
  };
}

/** `s` without Python whitespace on the left and/or right (a linear scan from each end). */
export function stripSpace(s: string, left: boolean, right: boolean): string {
  let i = 0;
  let j = s.length;
  if (left) while (i < j && isSpaceCode(s.charCodeAt(i))) i++;
  if (right) while (j > i && isSpaceCode(s.charCodeAt(j - 1))) j--;
  return s.slice(i, j);
}

/** Strips the code points of `chars` (as Python does, so a surrogate pair is never split). */
function stripChars(s: string, chars: string, left: boolean, right: boolean): string {
  if (chars === "") return s;
  const set = new Set<number>();
  for (const ch of chars) set.add(ch.codePointAt(0)!);
  let i = 0;
  let j = s.length;
  if (left) {
    while (i < j) {
      const c = s.codePointAt(i)!;
      if (!set.has(c)) break;
      i += c > 0xffff ? 2 : 1;
    }
  }
  if (right) {
    while (j > i) {
      let k = j - 1;
      const low = s.charCodeAt(k);
      if (low >= 0xdc00 && low <= 0xdfff && k > i) {
        const high = s.charCodeAt(k - 1);
        if (high >= 0xd800 && high <= 0xdbff) k--;
      }
      if (!set.has(s.codePointAt(k)!)) break;
      j = k;
    }
  }
  return s.slice(i, j);
}

// --- replace, split, join ---

function replace(self: string, args: unknown[], meter: RunMeter): string {
  checkArity("replace", args.length, 2, 3);
  const old = needString("replace", 1, args[0]);
  const by = needString("replace", 2, args[1]);
  let count = optInteger("replace", 3, args[2]) ?? -1;
  const length = self.length;
  // Count the replacements first, so the result's size is checked before it is built.
  const possible = old === "" ? length + 1 : countIn(self, old, 0, length, meter.budget);
  if (count < 0 || count > possible) count = possible;
  if (count === 0) return self;
  const size = length + count * (by.length - old.length);
  checkStringLength(size, meter);
  // One step per replacement and per 16 code units of the result.
  charge(meter.budget, count + textCost(size));
  return replaced(self, old, by, count);
}

/** Replacements per chunk of the result; each finished chunk is flattened (see {@link replaced}). */
const CHUNK_REPLACEMENTS = 4096;

/**
 * `self` with the first `count` occurrences of `old` replaced by `by` (all of them exist). Built
 * in chunks, each flattened when finished: appending to one string would hold a rope node per
 * replacement (tens of bytes each) until the result is read, and the engine's own `replaceAll`
 * keeps every match position — either needs gigabytes at the size limit.
 */
function replaced(self: string, old: string, by: string, count: number): string {
  const chunks: string[] = [];
  let chunk = "";
  let inChunk = 0;
  let from = 0;
  for (let n = 0; n < count; n++) {
    if (old === "") {
      chunk += from < self.length ? by + self[from++] : by;
    } else {
      const at = self.indexOf(old, from);
      chunk += self.slice(from, at) + by;
      from = at + old.length;
    }
    if (++inChunk === CHUNK_REPLACEMENTS) {
      chunk.charCodeAt(0); // reading a rope flattens it, releasing its nodes
      chunks.push(chunk);
      chunk = "";
      inChunk = 0;
    }
  }
  chunk += self.slice(from);
  if (chunks.length === 0) return chunk;
  chunks.push(chunk);
  return chunks.join("");
}

function split(self: string, args: unknown[], meter: RunMeter): string[] {
  checkArity("split", args.length, 0, 2);
  const sep = optString("split", 1, args[0]);
  const max = optInteger("split", 2, args[1]) ?? -1;
  if (sep === null) return splitSpace(self, max, meter);
  if (sep === "") throw valueError("empty separator");
  if (max < 0) return splitAll(self, sep, meter);
  const budget = meter.budget;
  chargeText(budget, self.length);
  const out: string[] = [];
  let from = 0;
  while (out.length < max) {
    const at = self.indexOf(sep, from);
    if (at < 0) break;
    if (--budget.n < 0) tick(budget);
    if (out.length >= meter.maxArrayLength) checkArrayLength(out.length + 2, meter);
    out.push(self.slice(from, at));
    from = at + sep.length;
  }
  out.push(self.slice(from));
  return out;
}

/**
 * `s.split(sep)` for a non-empty `sep`, every occurrence: one step per part and per 16 code units
 * scanned. When the parts could outnumber `maxArrayLength`, they are counted before splitting.
 */
function splitAll(s: string, sep: string, meter: RunMeter): string[] {
  const budget = meter.budget;
  chargeText(budget, s.length);
  if (s.length / sep.length + 1 > meter.maxArrayLength) {
    checkArrayLength(countIn(s, sep, 0, s.length, budget) + 1, meter);
  }
  const parts = s.split(sep);
  charge(budget, parts.length);
  return parts;
}

/**
 * `split()` without a separator: runs of whitespace separate, empty strings are dropped.
 * Costs the scan (one step per 16 code units) and two steps per part (each is a slice and a
 * push); the array limit is checked as parts are added.
 */
function splitSpace(s: string, max: number, meter: RunMeter): string[] {
  const budget = meter.budget;
  chargeText(budget, s.length);
  // Without a maximum, and when the parts cannot outnumber `maxArrayLength` (a part and the
  // whitespace after it take two code units), one native split: the same parts and steps (two
  // per part), charged once the parts are known.
  if (max < 0 && s.length / 2 + 2 <= meter.maxArrayLength) return splitSpaceAll(s, budget);
  const out: string[] = [];
  const length = s.length;
  let i = 0;
  for (;;) {
    while (i < length && isSpaceCode(s.charCodeAt(i))) i++;
    if (i === length) break;
    if ((budget.n -= 2) < 0) tick(budget);
    if (out.length >= meter.maxArrayLength) checkArrayLength(out.length + 1, meter);
    if (max >= 0 && out.length === max) {
      // After maxsplit splits the remainder is kept whole, trailing whitespace included.
      out.push(s.slice(i));
      break;
    }
    const start = i;
    while (i < length && !isSpaceCode(s.charCodeAt(i))) i++;
    out.push(s.slice(start, i));
  }
  return out;
}

/** Runs of Python's whitespace (`isSpaceCode`), for `split()` without a maximum. */
const SPACE_RUN = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function splitSpaceAll(s: string, budget: Budget): string[] {
  let start = 0;
  let end = s.length;
  while (start < end && isSpaceCode(s.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  if (start === end) return [];
  const parts = (start > 0 || end < s.length ? s.slice(start, end) : s).split(SPACE_RUN);
  charge(budget, 2 * parts.length);
  return parts;
}

function rsplit(self: string, args: unknown[], meter: RunMeter): string[] {
  checkArity("rsplit", args.length, 0, 2);
  const sep = optString("rsplit", 1, args[0]);
  const max = optInteger("rsplit", 2, args[1]) ?? -1;
  if (sep === null) return max < 0 ? splitSpace(self, -1, meter) : rsplitSpace(self, max, meter);
  if (sep === "") throw valueError("empty separator");
  if (max < 0) return splitAll(self, sep, meter);
  const budget = meter.budget;
  chargeText(budget, self.length);
  const out: string[] = [];
  let end = self.length;
  while (out.length < max) {
    const at = end - sep.length < 0 ? -1 : self.lastIndexOf(sep, end - sep.length);
    if (at < 0) break;
    if (--budget.n < 0) tick(budget);
    if (out.length >= meter.maxArrayLength) checkArrayLength(out.length + 2, meter);
    out.push(self.slice(at + sep.length, end));
    end = at;
  }
  out.push(self.slice(0, end));
  return out.reverse();
}

function rsplitSpace(s: string, max: number, meter: RunMeter): string[] {
  const budget = meter.budget;
  chargeText(budget, s.length);
  const out: string[] = [];
  let j = s.length;
  for (;;) {
    while (j > 0 && isSpaceCode(s.charCodeAt(j - 1))) j--;
    if (j === 0) break;
    if ((budget.n -= 2) < 0) tick(budget);
    if (out.length >= meter.maxArrayLength) checkArrayLength(out.length + 1, meter);
    if (out.length === max) {
      out.push(s.slice(0, j));
      break;
    }
    const end = j;
    while (j > 0 && !isSpaceCode(s.charCodeAt(j - 1))) j--;
    out.push(s.slice(j, end));
  }
  return out.reverse();
}

function join(self: string, args: unknown[], meter: RunMeter): string {
  checkArity("join", args.length, 1, 1);
  const items = args[0];
  const budget = meter.budget;
  const max = meter.maxStringLength;
  let total = 0;
  let i = 0;
  if (isArray(items)) {
    // An array of strings (the usual case) is joined as it is, without copying its items: the
    // same steps and length checks, item by item, as the general loop below.
    const n = items.length;
    for (; i < n; i++) {
      const item = items[i];
      if (typeof item !== "string") break;
      if (--budget.n < 0) tick(budget);
      total += item.length + (i > 0 ? self.length : 0);
      if (total > max) checkStringLength(total, meter);
    }
    if (i === n) {
      chargeText(budget, total); // the result
      return items.join(self);
    }
  }
  // The strings before the first other item are counted already; the rest goes through `str`.
  const parts: string[] = i > 0 ? (items as string[]).slice(0, i) : [];
  const source = isArray(items) ? (i > 0 ? items.slice(i) : items) : forIter(items, meter);
  for (const item of source) {
    if (--budget.n < 0) tick(budget);
    const part = typeof item === "string" ? item : str(item, max, meter);
    total += part.length + (parts.length > 0 ? self.length : 0);
    checkStringLength(total, meter);
    parts.push(part);
  }
  chargeText(budget, total); // the result
  return parts.join(self);
}

// --- search ---

/**
 * Non-overlapping occurrences of non-empty `sub` in `s[start:end]`: one step per occurrence and
 * per 16 code units scanned.
 */
function countIn(s: string, sub: string, start: number, end: number, budget: Budget): number {
  chargeText(budget, end - start);
  const within = upTo(s, end);
  let n = 0;
  let at = within.indexOf(sub, start);
  while (at >= 0) {
    if (--budget.n < 0) tick(budget);
    n++;
    at = within.indexOf(sub, at + sub.length);
  }
  return n;
}

/**
 * `s` cut at `end` (a slice shares the string's storage), so that a search from a position
 * never reads past the range it was charged for.
 */
function upTo(s: string, end: number): string {
  return end < s.length ? s.slice(0, end) : s;
}

function find(self: string, args: unknown[], meter: RunMeter): number {
  checkArity("find", args.length, 1, 3);
  return findIn(self, needString("find", 1, args[0]), ...range("find", self, args, 1), meter);
}

/** Searches cost one step per 16 code units of the range searched (and of the pattern). */
function findIn(s: string, sub: string, start: number, end: number, meter: RunMeter): number {
  if (end - start < sub.length) return -1;
  chargeText(meter.budget, end - start + sub.length);
  return upTo(s, end).indexOf(sub, start);
}

function rfind(self: string, args: unknown[], meter: RunMeter): number {
  checkArity("rfind", args.length, 1, 3);
  return rfindIn(self, needString("rfind", 1, args[0]), ...range("rfind", self, args, 1), meter);
}

function rfindIn(s: string, sub: string, start: number, end: number, meter: RunMeter): number {
  if (end - start < sub.length) return -1;
  chargeText(meter.budget, end - start + sub.length);
  // Searched within the range only: a backward search from its end would read down to 0.
  const at = (start > 0 || end < s.length ? s.slice(start, end) : s).lastIndexOf(sub);
  return at >= 0 ? start + at : -1;
}

function index(self: string, args: unknown[], meter: RunMeter): number {
  checkArity("index", args.length, 1, 3);
  const at = findIn(self, needString("index", 1, args[0]), ...range("index", self, args, 1), meter);
  if (at < 0) throw valueError("substring not found");
  return at;
}

function rindex(self: string, args: unknown[], meter: RunMeter): number {
  checkArity("rindex", args.length, 1, 3);
  const at = rfindIn(self, needString("rindex", 1, args[0]), ...range("rindex", self, args, 1), meter);
  if (at < 0) throw valueError("substring not found");
  return at;
}

function count(self: string, args: unknown[], meter: RunMeter): number {
  checkArity("count", args.length, 1, 3);
  const sub = needString("count", 1, args[0]);
  const [start, end] = range("count", self, args, 1);
  if (end - start < sub.length) return 0;
  return sub === "" ? end - start + 1 : countIn(self, sub, start, end, meter.budget);
}

/** Python's `tailmatch`: does `s[start:end]` start (or end) with `affix`? */
function tailMatch(s: string, affix: string, start: number, end: number, atEnd: boolean): boolean {
  end -= affix.length;
  if (end < start) return false;
  return s.startsWith(affix, atEnd ? end : start);
}

function affixMethod(name: "startswith" | "endswith", atEnd: boolean): StringMethod {
  return (self, args, meter) => {
    checkArity(name, args.length, 1, 3);
    const affix = args[0];
    const [start, end] = range(name, self, args, 1);
    const budget = meter.budget;
    if (typeof affix === "string") {
      chargeText(budget, affix.length);
      return tailMatch(self, affix, start, end, atEnd);
    }
    if (isArray(affix)) {
      for (const a of affix) {
        if (typeof a !== "string") throw argumentError(name, 1, "a string or an array of strings", a);
        chargeText(budget, a.length); // at least one step per affix tried
        if (tailMatch(self, a, start, end, atEnd)) return true;
      }
      return false;
    }
    throw argumentError(name, 1, "a string or an array of strings", affix);
  };
}

// --- padding ---

function padder(name: "center" | "ljust" | "rjust"): StringMethod {
  return (self, args, meter) => {
    checkArity(name, args.length, 1, 2);
    const width = needInteger(name, 1, args[0]);
    const fill = args.length > 1 ? needString(name, 2, args[1]) : " ";
    if (fill.length !== 1) throw argumentError(name, 2, "a string of one character", fill);
    const margin = width - self.length;
    if (margin <= 0) return self;
    checkStringLength(width, meter);
    chargeText(meter.budget, width);
    // Python's centering puts the odd space on the left when the width is odd.
    const left = name === "ljust" ? 0 : name === "rjust" ? margin : (margin >> 1) + (margin & width & 1);
    return fill.repeat(left) + self + fill.repeat(margin - left);
  };
}

/** String methods by ML name. */
export const STRING_METHODS: ReadonlyMap<string, StringMethod> = new Map<string, StringMethod>([
  ["upper", upper],
  ["lower", lower],
  ["strip", stripper("strip", true, true)],
  ["lstrip", stripper("lstrip", true, false)],
  ["rstrip", stripper("rstrip", false, true)],
  ["replace", replace],
  ["split", split],
  ["rsplit", rsplit],
  ["join", join],
  ["startswith", affixMethod("startswith", false)],
  ["endswith", affixMethod("endswith", true)],
  ["find", find],
  ["rfind", rfind],
  ["index", index],
  ["rindex", rindex],
  ["count", count],
  ["isdigit", isdigit],
  ["isalpha", isalpha],
  ["isalnum", isalnum],
  ["isspace", isspace],
  ["istitle", istitle],
  ["isupper", isupper],
  ["islower", islower],
  ["capitalize", capitalize],
  ["title", title],
  ["swapcase", swapcase],
  ["center", padder("center")],
  ["ljust", padder("ljust")],
  ["rjust", padder("rjust")],
]);
