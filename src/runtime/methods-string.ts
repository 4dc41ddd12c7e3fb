/**
 * The methods of ML strings (LANGUAGE.md §7), with Python's semantics over UTF-16 strings.
 *
 * Each method is `(self, args, limits)`: `args` is the argument array of the call (checked here
 * for count and types), `limits` the load's limits for methods that build large strings.
 */
import { valueError } from "./errors.js";
import { argumentError, checkArity } from "./calls.js";
import { checkArrayLength, checkStringLength } from "./limits.js";
import { str } from "./display.js";
import { forIter } from "./iterators.js";
import type { RunMeter } from "./state.js";

/** A string method: receiver, call arguments, the load's meter (limits and budget). */
export type StringMethod = (self: string, args: unknown[], limits: RunMeter) => unknown;

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

const ALPHA = /^\p{L}+$/u;
const ALNUM = /^[\p{L}\p{N}]+$/u;
// Python's isdigit: decimal digits plus the other characters with Numeric_Type=Digit.
const DIGIT =
  /^[\p{Nd}\u00B2\u00B3\u00B9\u1369-\u1371\u19DA\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247C\u2488-\u2490\u24EA\u24F5-\u24FD\u24FF\u2776-\u277E\u2780-\u2788\u278A-\u2792\u{10A40}-\u{10A43}\u{10E60}-\u{10E68}\u{11052}-\u{1105A}\u{1F100}-\u{1F10A}]+$/u;
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

function upper(self: string, args: unknown[]): string {
  checkArity("upper", args.length, 0, 0);
  return self.toUpperCase();
}

function lower(self: string, args: unknown[]): string {
  checkArity("lower", args.length, 0, 0);
  return self.toLowerCase();
}

function capitalize(self: string, args: unknown[]): string {
  checkArity("capitalize", args.length, 0, 0);
  if (self === "") return self;
  const first = fromCodePoint(self.codePointAt(0)!);
  return titleOf(first) + lowerAfter(first, self.slice(first.length));
}

function title(self: string, args: unknown[]): string {
  checkArity("title", args.length, 0, 0);
  // A word is a run of cased characters: its first is title-cased, the rest lower-cased.
  let out = "";
  let word = "";
  const flush = (): void => {
    if (word === "") return;
    const first = fromCodePoint(word.codePointAt(0)!);
    out += titleOf(first) + lowerAfter(first, word.slice(first.length));
    word = "";
  };
  for (const ch of self) {
    if (CASED.test(ch)) word += ch;
    else {
      flush();
      out += ch;
    }
  }
  flush();
  return out;
}

function swapcase(self: string, args: unknown[]): string {
  checkArity("swapcase", args.length, 0, 0);
  let out = "";
  let previousCased = false;
  const chars = Array.from(self);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (UPPER.test(ch)) {
      // Python lower-cases a capital sigma to the final form at the end of a word.
      out += ch === "\u03a3" && previousCased && !(i + 1 < chars.length && CASED.test(chars[i + 1]!))
        ? "\u03c2"
        : ch.toLowerCase();
    } else if (LOWER.test(ch)) out += ch.toUpperCase();
    else out += ch;
    previousCased = CASED.test(ch);
  }
  return out;
}

// --- predicates ---

function isdigit(self: string, args: unknown[]): boolean {
  checkArity("isdigit", args.length, 0, 0);
  return DIGIT.test(self);
}

function isalpha(self: string, args: unknown[]): boolean {
  checkArity("isalpha", args.length, 0, 0);
  return ALPHA.test(self);
}

function isalnum(self: string, args: unknown[]): boolean {
  checkArity("isalnum", args.length, 0, 0);
  return ALNUM.test(self);
}

function isspace(self: string, args: unknown[]): boolean {
  checkArity("isspace", args.length, 0, 0);
  if (self === "") return false;
  for (let i = 0; i < self.length; i++) if (!isSpaceCode(self.charCodeAt(i))) return false;
  return true;
}

function isupper(self: string, args: unknown[]): boolean {
  checkArity("isupper", args.length, 0, 0);
  let cased = false;
  for (const ch of self) {
    if (LOWER.test(ch) || TITLE.test(ch)) return false;
    if (!cased && UPPER.test(ch)) cased = true;
  }
  return cased;
}

function islower(self: string, args: unknown[]): boolean {
  checkArity("islower", args.length, 0, 0);
  let cased = false;
  for (const ch of self) {
    if (UPPER.test(ch) || TITLE.test(ch)) return false;
    if (!cased && LOWER.test(ch)) cased = true;
  }
  return cased;
}

function istitle(self: string, args: unknown[]): boolean {
  checkArity("istitle", args.length, 0, 0);
  let cased = false;
  let previousCased = false;
  for (const ch of self) {
    if (UPPER.test(ch) || TITLE.test(ch)) {
      if (previousCased) return false;
      previousCased = cased = true;
    } else if (LOWER.test(ch)) {
      if (!previousCased) return false;
      previousCased = cased = true;
    } else previousCased = false;
  }
  return cased;
}

// --- strip ---

function stripper(name: string, left: boolean, right: boolean): StringMethod {
  return (self, args) => {
    checkArity(name, args.length, 0, 1);
    const chars = optString(name, 1, args[0]);
    return chars === null ? stripSpace(self, left, right) : stripChars(self, chars, left, right);
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

function replace(self: string, args: unknown[], limits: RunMeter): string {
  checkArity("replace", args.length, 2, 3);
  const old = needString("replace", 1, args[0]);
  const by = needString("replace", 2, args[1]);
  let count = optInteger("replace", 3, args[2]) ?? -1;
  const length = self.length;
  // Count the replacements first, so the result's size is checked before it is built.
  const possible = old === "" ? length + 1 : countIn(self, old, 0, length);
  if (count < 0 || count > possible) count = possible;
  if (count === 0) return self;
  checkStringLength(length + count * (by.length - old.length), limits);
  let out = "";
  if (old === "") {
    for (let i = 0; i < count; i++) out += i < length ? by + self[i] : by;
    return out + self.slice(count < length + 1 ? count : length);
  }
  let from = 0;
  for (let n = 0; n < count; n++) {
    const at = self.indexOf(old, from);
    out += self.slice(from, at) + by;
    from = at + old.length;
  }
  return out + self.slice(from);
}

function split(self: string, args: unknown[], limits: RunMeter): string[] {
  checkArity("split", args.length, 0, 2);
  const sep = optString("split", 1, args[0]);
  const max = optInteger("split", 2, args[1]) ?? -1;
  if (sep === null) return splitSpace(self, max, limits);
  if (sep === "") throw valueError("empty separator");
  if (max < 0) return checked(self.split(sep), limits);
  const out: string[] = [];
  let from = 0;
  while (out.length < max) {
    const at = self.indexOf(sep, from);
    if (at < 0) break;
    out.push(self.slice(from, at));
    from = at + sep.length;
  }
  out.push(self.slice(from));
  return out;
}

/** `split()` without a separator: runs of whitespace separate, empty strings are dropped. */
function splitSpace(s: string, max: number, limits: RunMeter): string[] {
  const out: string[] = [];
  const length = s.length;
  let i = 0;
  for (;;) {
    while (i < length && isSpaceCode(s.charCodeAt(i))) i++;
    if (i === length) break;
    if (max >= 0 && out.length === max) {
      // After maxsplit splits the remainder is kept whole, trailing whitespace included.
      out.push(s.slice(i));
      break;
    }
    const start = i;
    while (i < length && !isSpaceCode(s.charCodeAt(i))) i++;
    out.push(s.slice(start, i));
  }
  return checked(out, limits);
}

/** A split result, if its length is within the array limit (it is bounded by the string's). */
function checked(parts: string[], limits: RunMeter): string[] {
  checkArrayLength(parts.length, limits);
  return parts;
}

function rsplit(self: string, args: unknown[], limits: RunMeter): string[] {
  checkArity("rsplit", args.length, 0, 2);
  const sep = optString("rsplit", 1, args[0]);
  const max = optInteger("rsplit", 2, args[1]) ?? -1;
  if (sep === null) return max < 0 ? splitSpace(self, -1, limits) : rsplitSpace(self, max);
  if (sep === "") throw valueError("empty separator");
  if (max < 0) return checked(self.split(sep), limits);
  const out: string[] = [];
  let end = self.length;
  while (out.length < max) {
    const at = end - sep.length < 0 ? -1 : self.lastIndexOf(sep, end - sep.length);
    if (at < 0) break;
    out.push(self.slice(at + sep.length, end));
    end = at;
  }
  out.push(self.slice(0, end));
  return out.reverse();
}

function rsplitSpace(s: string, max: number): string[] {
  const out: string[] = [];
  let j = s.length;
  for (;;) {
    while (j > 0 && isSpaceCode(s.charCodeAt(j - 1))) j--;
    if (j === 0) break;
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

function join(self: string, args: unknown[], limits: RunMeter): string {
  checkArity("join", args.length, 1, 1);
  const items = args[0];
  const source = isArray(items) ? items : forIter(items);
  const parts: string[] = [];
  let total = 0;
  for (const item of source) {
    const part = typeof item === "string" ? item : str(item, limits.maxStringLength);
    total += part.length + (parts.length > 0 ? self.length : 0);
    checkStringLength(total, limits);
    parts.push(part);
  }
  return parts.join(self);
}

// --- search ---

/** Non-overlapping occurrences of non-empty `sub` in `s[start:end]`. */
function countIn(s: string, sub: string, start: number, end: number): number {
  let n = 0;
  let at = s.indexOf(sub, start);
  while (at >= 0 && at + sub.length <= end) {
    n++;
    at = s.indexOf(sub, at + sub.length);
  }
  return n;
}

function find(self: string, args: unknown[]): number {
  checkArity("find", args.length, 1, 3);
  return findIn(self, needString("find", 1, args[0]), ...range("find", self, args, 1));
}

function findIn(s: string, sub: string, start: number, end: number): number {
  if (end - start < sub.length) return -1;
  const at = s.indexOf(sub, start);
  return at >= 0 && at + sub.length <= end ? at : -1;
}

function rfind(self: string, args: unknown[]): number {
  checkArity("rfind", args.length, 1, 3);
  return rfindIn(self, needString("rfind", 1, args[0]), ...range("rfind", self, args, 1));
}

function rfindIn(s: string, sub: string, start: number, end: number): number {
  if (end - start < sub.length) return -1;
  const at = s.lastIndexOf(sub, end - sub.length);
  return at >= start ? at : -1;
}

function index(self: string, args: unknown[]): number {
  checkArity("index", args.length, 1, 3);
  const at = findIn(self, needString("index", 1, args[0]), ...range("index", self, args, 1));
  if (at < 0) throw valueError("substring not found");
  return at;
}

function rindex(self: string, args: unknown[]): number {
  checkArity("rindex", args.length, 1, 3);
  const at = rfindIn(self, needString("rindex", 1, args[0]), ...range("rindex", self, args, 1));
  if (at < 0) throw valueError("substring not found");
  return at;
}

function count(self: string, args: unknown[]): number {
  checkArity("count", args.length, 1, 3);
  const sub = needString("count", 1, args[0]);
  const [start, end] = range("count", self, args, 1);
  if (end - start < sub.length) return 0;
  return sub === "" ? end - start + 1 : countIn(self, sub, start, end);
}

/** Python's `tailmatch`: does `s[start:end]` start (or end) with `affix`? */
function tailMatch(s: string, affix: string, start: number, end: number, atEnd: boolean): boolean {
  end -= affix.length;
  if (end < start) return false;
  return s.startsWith(affix, atEnd ? end : start);
}

function affixMethod(name: "startswith" | "endswith", atEnd: boolean): StringMethod {
  return (self, args) => {
    checkArity(name, args.length, 1, 3);
    const affix = args[0];
    const [start, end] = range(name, self, args, 1);
    if (typeof affix === "string") return tailMatch(self, affix, start, end, atEnd);
    if (isArray(affix)) {
      for (const a of affix) {
        if (typeof a !== "string") throw argumentError(name, 1, "a string or an array of strings", a);
        if (tailMatch(self, a, start, end, atEnd)) return true;
      }
      return false;
    }
    throw argumentError(name, 1, "a string or an array of strings", affix);
  };
}

// --- padding ---

function padder(name: "center" | "ljust" | "rjust"): StringMethod {
  return (self, args, limits) => {
    checkArity(name, args.length, 1, 2);
    const width = needInteger(name, 1, args[0]);
    const fill = args.length > 1 ? needString(name, 2, args[1]) : " ";
    if (fill.length !== 1) throw argumentError(name, 2, "a string of one character", fill);
    const margin = width - self.length;
    if (margin <= 0) return self;
    checkStringLength(width, limits);
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
