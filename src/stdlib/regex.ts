/**
 * `regex` (docs/stdlib/regex.md): regular expressions with Python `re` syntax and semantics, matched by a
 * linear-time engine (re2js), so no pattern ML code writes can make matching take more than
 * time proportional to the text. Positions are UTF-16 code units, like ML string indices.
 *
 * Decisions (see also support/regex-syntax.ts):
 * - Features that cannot be matched in linear time are rejected when the pattern is compiled,
 *   with `ValueError("Invalid regex pattern '<p>': … (matching must run in linear time)")`:
 *   backreferences (`\1`, `(?P=name)`), lookahead (`(?=…)`, `(?!…)`) and conditionals. Atomic
 *   groups, possessive quantifiers, `\N{…}` and repetition counts above 1000 are rejected too.
 * - Lookbehind (`(?<=…)`, `(?<!…)`) is supported (also of variable width), without capturing
 *   groups inside. Extensions: `\p{…}` Unicode properties and `(?<name>…)` named groups.
 * - `\d \w \s` are Unicode-aware unless ASCII is given, as in Python; `\b \B` use ASCII word
 *   characters (the engine has no Unicode word boundary). Without MULTILINE, `$` matches only
 *   at the very end of the text (Python also matches before a final newline).
 * - After an empty match, `findall`/`finditer`/`split`/`sub`/`count` resume one character
 *   further on; Python 3.7+ would first try a non-empty match at the same position, which only
 *   differs for patterns that prefer an empty match there (`a*?`, `|a`).
 * - `Pattern.pattern`, `.flags`, `.groups` and `.groupIndex` are properties (Python attributes);
 *   the accessors of `Match` are zero-argument methods. As in mlpy, `flags` (and `getFlags()`)
 *   are the flags as given to `compile`; `getPattern()`, `getFlags()` and the `toString()`
 *   methods of Pattern and Match are mlpy's (the display form of `str(p)` is mljs's own).
 * - `findall` gives `""` for a group that did not participate (Python); `Match` methods and
 *   `split` give `null`. As in mlpy, a group that does not exist gives `null` from `group` and
 *   -1 / [-1, -1] from `start`/`end`/`span` (Python's `re` would raise IndexError).
 * - Patterns compiling to more than `MAX_PROGRAM_SIZE` instructions (repetitions expanded) are
 *   refused with `ValueError`; matching charges program size × characters read (see
 *   support/regex-engine.ts and docs/limits.md), and results charge the items and text they hold.
 */
import { defineModule, StdlibObject } from "./define.js";
import { MLError, needInteger, needString, typeError, typeOf, valueError } from "./support/arguments.js";
import { programScope, runBudget } from "./support/scope.js";
import { callbackResult } from "./support/sequences.js";
import { charge, checkArrayLength, checkStringLength, tick } from "../runtime/limits.js";
import type { Budget } from "../runtime/abi.js";
import { reprString } from "../runtime/display.js";
import { FLAGS, checkFlags } from "./support/regex-syntax.js";
import { compileProgram, type Program, type Spans } from "./support/regex-engine.js";
import { expandTemplate, parseTemplate, type Template } from "./support/regex-template.js";

const m = defineModule("regex", "Regular expressions with Python re syntax, matched in time linear in the text.");

const defineProperty = Object.defineProperty;

/** Sets an own key (a group name may be `__proto__`). */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------
// Classes

/** A compiled regular expression (`regex.compile`). Immutable. */
export class Pattern extends StdlibObject {
  /** The pattern as written. */
  readonly pattern: string;
  /** The flags as given to `compile` (mlpy's `Pattern.flags`); see {@link Pattern.effectiveFlags}. */
  readonly flags: number;
  /** Python flags in effect: given, inline global, and UNICODE unless ASCII. */
  readonly effectiveFlags: number;
  /** @internal The compiled program. */
  readonly program: Program;

  /** @internal Use {@link compile}. */
  constructor(program: Program) {
    super();
    this.pattern = program.pattern;
    this.flags = program.givenFlags;
    this.effectiveFlags = program.translation.flags;
    this.program = program;
    Object.freeze(this);
  }

  toJSON(): { pattern: string; flags: number } {
    return { pattern: this.pattern, flags: this.flags };
  }

  override toString(): string {
    return displayPattern(this);
  }
}

/** One match of a {@link Pattern} in a text. Immutable. */
export class Match extends StdlibObject {
  /** The text that was searched. */
  readonly string: string;
  readonly re: Pattern;
  readonly pos: number;
  readonly endpos: number;
  /** `[start0, end0, start1, end1, …]`; `-1` for a group that did not participate. */
  readonly spans: Spans;

  /** @internal Made by the searches. */
  constructor(re: Pattern, string: string, pos: number, endpos: number, spans: Spans) {
    super();
    this.re = re;
    this.string = string;
    this.pos = pos;
    this.endpos = endpos;
    this.spans = Object.freeze(spans);
    Object.freeze(this);
  }

  /** Group `n` (a valid number), or `null` when it did not participate. */
  group(n: number): string | null {
    return groupText(this.string, this.spans, n);
  }

  toJSON(): { match: string; span: [number, number]; groups: (string | null)[] } {
    const groups: (string | null)[] = [];
    for (let g = 1; g <= this.re.program.groupCount; g++) groups.push(this.group(g));
    return { match: this.group(0)!, span: [this.spans[0]!, this.spans[1]!], groups };
  }

  override toString(): string {
    return displayMatch(this);
  }
}

/** Group `n` of a match of `text` with `spans`, or `null` when it did not participate. */
function groupText(text: string, spans: Spans, n: number): string | null {
  const s = spans[2 * n]!;
  return s < 0 ? null : text.slice(s, spans[2 * n + 1]);
}

const FLAG_NAMES: readonly [string, number][] = [
  ["IGNORECASE", FLAGS.IGNORECASE],
  ["MULTILINE", FLAGS.MULTILINE],
  ["DOTALL", FLAGS.DOTALL],
  ["VERBOSE", FLAGS.VERBOSE],
  ["ASCII", FLAGS.ASCII],
];

function displayPattern(p: Pattern): string {
  const names = FLAG_NAMES.filter(([, bit]) => (p.effectiveFlags & bit) !== 0).map(([name]) => name);
  return `<Pattern '${p.pattern}'${names.length > 0 ? ` flags=${names.join("+")}` : ""}>`;
}

function displayMatch(x: Match): string {
  return `<Match span=[${x.spans[0]}, ${x.spans[1]}] match=${reprString(x.group(0)!)}>`;
}

/** Python's `re.RegexFlag` names, in the order Python lists them (by value). */
const PYTHON_FLAG_NAMES: readonly [string, number][] = [
  ["IGNORECASE", FLAGS.IGNORECASE],
  ["MULTILINE", FLAGS.MULTILINE],
  ["DOTALL", FLAGS.DOTALL],
  ["UNICODE", FLAGS.UNICODE],
  ["VERBOSE", FLAGS.VERBOSE],
  ["ASCII", FLAGS.ASCII],
];

/**
 * mlpy's `Pattern.toString()`: `Pattern('a+', flags=IGNORECASE)` (the flags as given, joined by
 * `|`; no `flags=` part without flags). Charged and size-checked like any string it builds.
 */
function mlpyPatternString(p: Pattern): string {
  const names = PYTHON_FLAG_NAMES.filter(([, bit]) => (p.flags & bit) !== 0).map(([name]) => name);
  const text = `Pattern('${p.pattern}'${names.length > 0 ? `, flags=${names.join("|")}` : ""})`;
  return built(text.length, () => text);
}

/** mlpy's `Match.toString()`: `Match(value='42', span=[14, 16])`. */
function mlpyMatchString(x: Match): string {
  const start = x.spans[0]!;
  const end = x.spans[1]!;
  const length = end - start + 40;
  return built(length, () => `Match(value='${x.string.slice(start, end)}', span=[${start}, ${end}])`);
}

/** A string of about `length` code units: checked against the string limit and charged before it is built. */
function built(length: number, make: () => string): string {
  checkStringLength(length, limits());
  charge(runBudget(), itemCost(length));
  return make();
}

// ---------------------------------------------------------------------------------------------
// Arguments

function limits() {
  return programScope().state.limits;
}

/** Steps for producing an item holding `length` code units: one, plus one per 16 units. */
function itemCost(length: number): number {
  return 1 + ((length + 15) >>> 4);
}

function flagsArg(fn: string, position: number, v: unknown): number {
  return v === undefined || v === null ? 0 : checkFlags(needInteger(fn, position, v));
}

/** A pattern argument: a `Pattern`, or a string compiled with `flags` (charged to `budget`). */
function patternArg(fn: string, position: number, v: unknown, flags: unknown, flagsPosition: number, budget: Budget): Pattern {
  const f = flagsArg(fn, flagsPosition, flags);
  if (v instanceof Pattern) {
    if (f !== 0) throw valueError("cannot process flags argument with a compiled pattern");
    return v;
  }
  if (typeof v !== "string") throw typeError(`${fn}() argument ${position} must be a string or a Pattern, not ${typeOf(v)}`);
  return new Pattern(compileProgram(v, f, budget));
}

function countArg(fn: string, position: number, v: unknown): number {
  return v === undefined || v === null ? 0 : needInteger(fn, position, v);
}

/** The text, the part searched (`subject`: the text cut at `endpos`), and `pos`/`endpos` clamped as Python does. */
interface Window {
  readonly text: string;
  readonly subject: string;
  readonly pos: number;
  readonly endpos: number;
}

function windowOf(fn: string, text: unknown, pos: unknown, endpos: unknown, textPosition: number): Window {
  const t = needString(fn, textPosition, text);
  const clamp = (v: number) => (v < 0 ? 0 : v > t.length ? t.length : v);
  const p = pos === undefined || pos === null ? 0 : clamp(needInteger(fn, textPosition + 1, pos));
  const e = endpos === undefined || endpos === null ? t.length : clamp(needInteger(fn, textPosition + 2, endpos));
  return { text: t, subject: e < t.length ? t.slice(0, e) : t, pos: p, endpos: e };
}

/** The whole text, for the module functions (which have no pos/endpos). */
function whole(fn: string, text: unknown, position: number): Window {
  return windowOf(fn, text, undefined, undefined, position);
}

// ---------------------------------------------------------------------------------------------
// Operations (shared by the module functions and the Pattern methods). The engine charges the
// matching (support/regex-engine.ts); these charge what they build from the matches.

function made(p: Pattern, w: Window, spans: Spans | null, budget: Budget): Match | null {
  if (spans === null) return null;
  charge(budget, 1 + p.program.groupCount);
  return new Match(p, w.text, w.pos, w.endpos, spans);
}

function searchOp(p: Pattern, w: Window, budget: Budget): Match | null {
  if (w.pos > w.endpos) return null;
  return made(p, w, p.program.search(w.subject, w.pos, budget), budget);
}

function matchOp(p: Pattern, w: Window, budget: Budget): Match | null {
  if (w.pos > w.endpos) return null;
  return made(p, w, p.program.match(w.subject, w.pos, budget), budget);
}

function fullmatchOp(p: Pattern, w: Window, budget: Budget): Match | null {
  if (w.pos > w.endpos) return null;
  return made(p, w, p.program.fullmatch(w.subject, w.pos, budget), budget);
}

function testOp(p: Pattern, w: Window, budget: Budget): boolean {
  return w.pos <= w.endpos && p.program.test(w.subject, w.pos, budget);
}

function countOp(p: Pattern, w: Window, budget: Budget): number {
  let n = 0;
  if (w.pos <= w.endpos) for (const _ of p.program.scan(w.subject, w.pos, false, budget)) n++;
  return n;
}

function findallOp(p: Pattern, w: Window, budget: Budget): unknown[] {
  const out: unknown[] = [];
  if (w.pos > w.endpos) return out;
  const groups = p.program.groupCount;
  const max = limits();
  const text = w.text;
  const at = (spans: Spans, g: number) => {
    const s = groupText(text, spans, g) ?? "";
    charge(budget, itemCost(s.length));
    return s;
  };
  for (const spans of p.program.scan(w.subject, w.pos, groups > 0, budget)) {
    checkArrayLength(out.length + 1, max);
    if (groups === 0) out.push(at(spans, 0));
    else if (groups === 1) out.push(at(spans, 1));
    else {
      const row: string[] = [];
      for (let g = 1; g <= groups; g++) row.push(at(spans, g));
      out.push(row);
    }
  }
  return out;
}

function finditerOp(p: Pattern, w: Window, budget: Budget): Match[] {
  const out: Match[] = [];
  if (w.pos > w.endpos) return out;
  const max = limits();
  for (const spans of p.program.scan(w.subject, w.pos, true, budget)) {
    checkArrayLength(out.length + 1, max);
    if (--budget.n < 0) tick(budget);
    out.push(new Match(p, w.text, w.pos, w.endpos, spans));
  }
  return out;
}

function splitOp(p: Pattern, text: string, maxsplit: number, budget: Budget): (string | null)[] {
  const out: (string | null)[] = [];
  const groups = p.program.groupCount;
  const max = limits();
  let last = 0;
  let n = 0;
  // As in Python, a negative maxsplit splits nothing.
  if (maxsplit >= 0) {
    for (const spans of p.program.scan(text, 0, groups > 0, budget)) {
      if (maxsplit > 0 && n >= maxsplit) break;
      checkArrayLength(out.length + 1 + groups + 1, max);
      charge(budget, itemCost(spans[0]! - last));
      out.push(text.slice(last, spans[0]));
      for (let g = 1; g <= groups; g++) {
        const s = groupText(text, spans, g);
        charge(budget, itemCost(s === null ? 0 : s.length));
        out.push(s);
      }
      last = spans[1]!;
      n++;
    }
  }
  charge(budget, itemCost(text.length - last));
  out.push(text.slice(last));
  return out;
}

/** `sub`/`subn`: the replaced text and the number of replacements. */
function subOp(fn: string, p: Pattern, repl: unknown, replPosition: number, text: string, count: number, budget: Budget): { result: string; count: number } {
  const program = p.program;
  let replace: (spans: Spans) => string;
  let withGroups: boolean;
  const max = limits();
  const check = (length: number) => checkStringLength(length, max);
  if (typeof repl === "string") {
    charge(budget, itemCost(repl.length));
    const template: Template = parseTemplate(repl, program.groupCount, program.translation.groupNames);
    withGroups = template.some((part) => typeof part === "number" && part > 0);
    if (template.every((part) => typeof part === "string")) {
      const fixed = template.join("");
      replace = () => fixed;
    } else {
      replace = (spans) => expandTemplate(template, (g) => groupText(text, spans, g), check);
    }
  } else if (typeof repl === "function") {
    withGroups = true;
    replace = (spans) => {
      // As every stdlib callback: a step per call, and an async ML function is a clear TypeError.
      const r = callbackResult(`regex.${fn}`, (repl as (m: Match) => unknown)(new Match(p, text, 0, text.length, spans)));
      if (typeof r !== "string") throw typeError(`${fn}() replacement function must return a string, not ${typeOf(r ?? null)}`);
      return r;
    };
  } else {
    throw typeError(`${fn}() argument ${replPosition} must be a string or a function, not ${typeOf(repl)}`);
  }
  let out = "";
  let last = 0;
  let n = 0;
  // As in Python, a negative count replaces nothing.
  if (count >= 0) {
    for (const spans of program.scan(text, 0, withGroups, budget)) {
      if (count > 0 && n >= count) break;
      const piece = replace(spans);
      const before = spans[0]! - last;
      check(out.length + before + piece.length);
      charge(budget, itemCost(before + piece.length));
      out += text.slice(last, spans[0]) + piece;
      last = spans[1]!;
      n++;
    }
  }
  if (n === 0) return { result: text, count: 0 };
  check(out.length + text.length - last);
  charge(budget, itemCost(text.length - last));
  return { result: out + text.slice(last), count: n };
}

// Python 3.7+ `re.escape`: only characters special in patterns (and whitespace) are escaped.
const SPECIAL = /[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g;
const SPECIAL_CODES = new Set([..."()[]{}?*+-|^$\\.&~# \t\n\r\v\f"].map((c) => c.charCodeAt(0)));

// ---------------------------------------------------------------------------------------------
// Module functions

/** Declares a flag function `regex.NAME()`. */
function flag(name: string, alias: string, value: number, meaning: string) {
  return m.function(
    { name, aliases: [alias], params: "", returns: "number", description: `The ${name} flag (${value}): ${meaning} Combine flags with +.` },
    () => value,
  );
}

export const IGNORECASE = flag("IGNORECASE", "I", FLAGS.IGNORECASE, "letters match regardless of case.");
export const MULTILINE = flag("MULTILINE", "M", FLAGS.MULTILINE, "^ and $ also match at line starts and ends.");
export const DOTALL = flag("DOTALL", "S", FLAGS.DOTALL, ". also matches a newline.");
export const VERBOSE = flag("VERBOSE", "X", FLAGS.VERBOSE, "whitespace and # comments in the pattern are ignored.");
export const ASCII = flag("ASCII", "A", FLAGS.ASCII, "\\d \\w \\s match ASCII characters only.");
export const UNICODE = flag("UNICODE", "U", FLAGS.UNICODE, "\\d \\w \\s match Unicode characters (the default).");

export const compile = m.function(
  { name: "compile", params: "pattern, flags=0", returns: "Pattern", description: "Compiles a pattern (Python re syntax) with optional flags; an invalid pattern raises ValueError." },
  (pattern: unknown, flags?: unknown) => patternArg("compile", 1, pattern, flags, 2, runBudget()),
);

export const search = m.function(
  { name: "search", params: "pattern, text, flags=0", returns: "Match or null", description: "The first match of pattern anywhere in text, or null." },
  (pattern: unknown, text: unknown, flags?: unknown) => {
    const budget = runBudget();
    return searchOp(patternArg("search", 1, pattern, flags, 3, budget), whole("search", text, 2), budget);
  },
);

export const match = m.function(
  { name: "match", params: "pattern, text, flags=0", returns: "Match or null", description: "The match of pattern at the start of text, or null." },
  (pattern: unknown, text: unknown, flags?: unknown) => {
    const budget = runBudget();
    return matchOp(patternArg("match", 1, pattern, flags, 3, budget), whole("match", text, 2), budget);
  },
);

export const fullmatch = m.function(
  { name: "fullmatch", params: "pattern, text, flags=0", returns: "Match or null", description: "The match of pattern covering the whole text, or null." },
  (pattern: unknown, text: unknown, flags?: unknown) => {
    const budget = runBudget();
    return fullmatchOp(patternArg("fullmatch", 1, pattern, flags, 3, budget), whole("fullmatch", text, 2), budget);
  },
);

export const findall = m.function(
  {
    name: "findall", params: "pattern, text, flags=0", returns: "array",
    description: "All non-overlapping matches: strings without groups, the group's strings with one group, arrays of group strings with several.",
  },
  (pattern: unknown, text: unknown, flags?: unknown) => {
    const budget = runBudget();
    return findallOp(patternArg("findall", 1, pattern, flags, 3, budget), whole("findall", text, 2), budget);
  },
);

export const finditer = m.function(
  { name: "finditer", params: "pattern, text, flags=0", returns: "array of Match", description: "All non-overlapping matches of pattern in text, as Match objects." },
  (pattern: unknown, text: unknown, flags?: unknown) => {
    const budget = runBudget();
    return finditerOp(patternArg("finditer", 1, pattern, flags, 3, budget), whole("finditer", text, 2), budget);
  },
);

export const split = m.function(
  {
    name: "split", params: "pattern, text, maxsplit=0, flags=0", returns: "array",
    description: "text split around the matches, captured groups included; at most maxsplit splits when maxsplit > 0.",
  },
  (pattern: unknown, text: unknown, maxsplit?: unknown, flags?: unknown) => {
    const budget = runBudget();
    return splitOp(patternArg("split", 1, pattern, flags, 4, budget), needString("split", 2, text), countArg("split", 3, maxsplit), budget);
  },
);

export const sub = m.function(
  {
    name: "sub", params: "pattern, repl, text, count=0, flags=0", returns: "string",
    description: "text with matches replaced by repl: a template (\\1, \\g<name>) or a function receiving the Match; at most count replacements when count > 0.",
  },
  (pattern: unknown, repl: unknown, text: unknown, count?: unknown, flags?: unknown) => {
    const budget = runBudget();
    return subOp("sub", patternArg("sub", 1, pattern, flags, 5, budget), repl, 2, needString("sub", 3, text), countArg("sub", 4, count), budget).result;
  },
);

export const subn = m.function(
  { name: "subn", params: "pattern, repl, text, count=0, flags=0", returns: "object {result, count}", description: "Like sub, also giving the number of replacements made: {result, count}." },
  (pattern: unknown, repl: unknown, text: unknown, count?: unknown, flags?: unknown) => {
    const budget = runBudget();
    return subOp("subn", patternArg("subn", 1, pattern, flags, 5, budget), repl, 2, needString("subn", 3, text), countArg("subn", 4, count), budget);
  },
);

export const test = m.function(
  { name: "test", params: "pattern, text, flags=0", returns: "boolean", description: "True when pattern matches somewhere in text." },
  (pattern: unknown, text: unknown, flags?: unknown) => {
    const budget = runBudget();
    return testOp(patternArg("test", 1, pattern, flags, 3, budget), whole("test", text, 2), budget);
  },
);

export const count = m.function(
  { name: "count", params: "pattern, text, flags=0", returns: "number", description: "The number of non-overlapping matches of pattern in text." },
  (pattern: unknown, text: unknown, flags?: unknown) => {
    const budget = runBudget();
    return countOp(patternArg("count", 1, pattern, flags, 3, budget), whole("count", text, 2), budget);
  },
);

export const escape = m.function(
  { name: "escape", params: "text", returns: "string", description: "text with the characters special in patterns backslash-escaped, to match it literally." },
  (text: unknown) => {
    const t = needString("escape", 1, text);
    const budget = runBudget();
    // Counted first (a scan), so the result's length is checked and charged before it is built.
    charge(budget, itemCost(t.length));
    let specials = 0;
    for (let i = 0; i < t.length; i++) if (SPECIAL_CODES.has(t.charCodeAt(i))) specials++;
    if (specials === 0) return t;
    checkStringLength(t.length + specials, limits());
    charge(budget, itemCost(t.length + specials));
    return t.replace(SPECIAL, "\\$&");
  },
);

export const isValid = m.function(
  { name: "isValid", aliases: ["is_valid"], params: "pattern, flags=0", returns: "boolean", description: "True when pattern compiles (with the given flags)." },
  (pattern: unknown, flags?: unknown) => {
    try {
      patternArg("isValid", 1, pattern, flags, 2, runBudget());
      return true;
    } catch (e) {
      if (e instanceof MLError && e.mlType === "ValueError") return false;
      throw e;
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Pattern members

const TEXT_WINDOW = "text, pos=0, endpos=null";

/** A Pattern method searching `text[pos:endpos]`. */
function windowMethod<T>(name: string, returns: string, description: string, op: (p: Pattern, w: Window, budget: Budget) => T) {
  return m.method<Pattern>({ name, params: TEXT_WINDOW, returns, description }, (self, text: unknown, pos?: unknown, endpos?: unknown) =>
    op(self, windowOf(name, text, pos, endpos, 1), runBudget()),
  );
}

m.class(Pattern, {
  name: "Pattern",
  description: "A compiled regular expression: the module's search functions as methods taking the text.",
  members: [
    m.property<Pattern>({ name: "pattern", returns: "string", description: "The pattern as written." }, (self) => self.pattern),
    m.property<Pattern>(
      { name: "flags", returns: "number", description: "The flags as given to compile (0 when none), as in mlpy; inline flags such as (?i) are not added." },
      (self) => self.flags,
    ),
    m.method<Pattern>(
      { name: "getPattern", aliases: ["get_pattern"], params: "", returns: "string", description: "The pattern as written (the pattern property)." },
      (self) => self.pattern,
    ),
    m.method<Pattern>(
      { name: "getFlags", aliases: ["get_flags"], params: "", returns: "number", description: "The flags as given to compile (the flags property)." },
      (self) => self.flags,
    ),
    m.method<Pattern>(
      {
        name: "toString", aliases: ["to_string"], params: "", returns: "string",
        description: "mlpy's description of the pattern: Pattern('a+', flags=IGNORECASE) (str(p) gives the display form <Pattern 'a+' flags=IGNORECASE>).",
      },
      (self) => mlpyPatternString(self),
    ),
    m.property<Pattern>({ name: "groups", returns: "number", description: "The number of capturing groups." }, (self) => self.program.groupCount),
    m.property<Pattern>(
      { name: "groupIndex", aliases: ["groupindex", "group_index"], returns: "object", description: "Group names mapped to group numbers." },
      (self) => {
        const names = self.program.translation.groupNames;
        charge(runBudget(), names.size);
        const o: Record<string, unknown> = {};
        for (const [name, n] of names) setOwn(o, name, n);
        return o;
      },
    ),
    windowMethod("search", "Match or null", "The first match in text[pos:endpos], or null.", searchOp),
    windowMethod("match", "Match or null", "The match starting exactly at pos, or null.", matchOp),
    windowMethod("fullmatch", "Match or null", "The match covering exactly text[pos:endpos], or null.", fullmatchOp),
    windowMethod("findall", "array", "All non-overlapping matches in text[pos:endpos], as regex.findall gives them.", findallOp),
    windowMethod("finditer", "array of Match", "All non-overlapping matches in text[pos:endpos], as Match objects.", finditerOp),
    windowMethod("test", "boolean", "True when the pattern matches somewhere in text[pos:endpos].", testOp),
    windowMethod("count", "number", "The number of non-overlapping matches in text[pos:endpos].", countOp),
    m.method<Pattern>(
      { name: "split", params: "text, maxsplit=0", returns: "array", description: "text split around the matches, captured groups included; at most maxsplit splits when maxsplit > 0." },
      (self, text: unknown, maxsplit?: unknown) => splitOp(self, needString("split", 1, text), countArg("split", 2, maxsplit), runBudget()),
    ),
    m.method<Pattern>(
      { name: "sub", params: "repl, text, count=0", returns: "string", description: "text with matches replaced by repl (a template or a function receiving the Match)." },
      (self, repl: unknown, text: unknown, n?: unknown) => subOp("sub", self, repl, 1, needString("sub", 2, text), countArg("sub", 3, n), runBudget()).result,
    ),
    m.method<Pattern>(
      { name: "subn", params: "repl, text, count=0", returns: "object {result, count}", description: "Like sub, also giving the number of replacements made." },
      (self, repl: unknown, text: unknown, n?: unknown) => subOp("subn", self, repl, 1, needString("subn", 2, text), countArg("subn", 3, n), runBudget()),
    ),
  ],
  display: displayPattern,
  equals: (a: Pattern, b: Pattern) => a.pattern === b.pattern && a.effectiveFlags === b.effectiveFlags,
});

// ---------------------------------------------------------------------------------------------
// Match members

/**
 * The number of the group `id` (a number or a name) names; -1 when there is none (mlpy: `group`
 * gives null, `start`/`end` -1 and `span` [-1, -1]). Any other type of id is a TypeError.
 */
function groupNumber(fn: string, x: Match, id: unknown): number {
  if (id === undefined) return 0;
  const program = x.re.program;
  if (typeof id === "number") return Number.isInteger(id) && id >= 0 && id <= program.groupCount ? id : -1;
  if (typeof id === "string") return program.translation.groupNames.get(id) ?? -1;
  throw typeError(`${fn}() group must be an integer or a string, not ${typeOf(id)}`);
}

/** The text of group `id`, or null when it did not participate or does not exist. */
function groupById(x: Match, id: unknown): string | null {
  const n = groupNumber("group", x, id);
  return n < 0 ? null : x.group(n);
}

/** `[start, end]` of group `id`; `[-1, -1]` when it did not participate or does not exist. */
function spanById(fn: string, x: Match, id: unknown): [number, number] {
  const n = groupNumber(fn, x, id);
  return n < 0 ? [-1, -1] : [x.spans[2 * n]!, x.spans[2 * n + 1]!];
}

/** The group that closed last in the match (Python's `lastindex`), or 0. */
function lastIndexOf(x: Match): number {
  charge(runBudget(), x.re.program.groupCount);
  const spans = x.spans;
  const last = x.re.program.translation.groupLast;
  const encloses = (outer: number, inner: number) => inner > outer && inner <= last[outer]!;
  let best = 0;
  for (let g = 1; g <= x.re.program.groupCount; g++) {
    if (spans[2 * g]! < 0) continue;
    const end = spans[2 * g + 1]!;
    const bestEnd = best === 0 ? -1 : spans[2 * best + 1]!;
    // Among groups ending at the same place, an enclosing group closes after the ones inside it.
    if (end > bestEnd || (end === bestEnd && !encloses(best, g))) best = g;
  }
  return best;
}

function nameOf(x: Match, n: number): string | null {
  const names = x.re.program.translation.groupNames;
  charge(runBudget(), names.size);
  for (const [name, g] of names) if (g === n) return name;
  return null;
}

m.class(Match, {
  name: "Match",
  description: "One match of a pattern: its groups and their positions in the text.",
  members: [
    m.method<Match>(
      {
        name: "group", params: "id=0, ...ids", returns: "string or null",
        description: "The text of a group (number or name; 0 is the whole match), null if it did not participate or does not exist; several ids give an array.",
      },
      (self, ...ids: unknown[]) => {
        if (ids.length <= 1) return groupById(self, ids[0]);
        charge(runBudget(), ids.length);
        checkArrayLength(ids.length, limits());
        return ids.map((id) => groupById(self, id));
      },
    ),
    m.method<Match>(
      { name: "groups", params: "default=null", returns: "array", description: "The texts of all groups; default (null) for those that did not participate." },
      (self, fallback?: unknown) => {
        charge(runBudget(), self.re.program.groupCount);
        const out: unknown[] = [];
        for (let g = 1; g <= self.re.program.groupCount; g++) out.push(self.group(g) ?? fallback ?? null);
        return out;
      },
    ),
    m.method<Match>(
      { name: "groupDict", aliases: ["groupdict", "group_dict"], params: "default=null", returns: "object", description: "Named groups mapped to their texts; default (null) for those that did not participate." },
      (self, fallback?: unknown) => {
        const names = self.re.program.translation.groupNames;
        charge(runBudget(), names.size);
        const o: Record<string, unknown> = {};
        for (const [name, g] of names) setOwn(o, name, self.group(g) ?? fallback ?? null);
        return o;
      },
    ),
    m.method<Match>(
      { name: "start", params: "group=0", returns: "number", description: "Where the group starts in the text, -1 if it did not participate or does not exist." },
      (self, id?: unknown) => spanById("start", self, id)[0],
    ),
    m.method<Match>(
      { name: "end", params: "group=0", returns: "number", description: "Where the group ends in the text, -1 if it did not participate or does not exist." },
      (self, id?: unknown) => spanById("end", self, id)[1],
    ),
    m.method<Match>(
      { name: "span", params: "group=0", returns: "array [start, end]", description: "[start, end] of the group, [-1, -1] if it did not participate or does not exist." },
      (self, id?: unknown) => spanById("span", self, id),
    ),
    m.method<Match>({ name: "value", params: "", returns: "string", description: "The text of the whole match (group 0)." }, (self) => self.group(0)),
    m.method<Match>(
      { name: "lastIndex", aliases: ["lastindex", "last_index"], params: "", returns: "number or null", description: "The number of the last group that matched, or null." },
      (self) => lastIndexOf(self) || null,
    ),
    m.method<Match>(
      { name: "lastGroup", aliases: ["lastgroup", "last_group"], params: "", returns: "string or null", description: "The name of the last group that matched, or null if it has no name or no group matched." },
      (self) => {
        const n = lastIndexOf(self);
        return n === 0 ? null : nameOf(self, n);
      },
    ),
    m.method<Match>(
      { name: "groupCount", aliases: ["group_count"], params: "", returns: "number", description: "The number of capturing groups of the pattern." },
      (self) => self.re.program.groupCount,
    ),
    m.method<Match>(
      { name: "expand", params: "template", returns: "string", description: "The template with \\1, \\g<1>, \\g<name> replaced by the groups of this match." },
      (self, template: unknown) => {
        const program = self.re.program;
        const t = needString("expand", 1, template);
        const budget = runBudget();
        charge(budget, itemCost(t.length));
        const parts = parseTemplate(t, program.groupCount, program.translation.groupNames);
        const max = limits();
        const result = expandTemplate(parts, (g) => self.group(g), (length) => checkStringLength(length, max));
        charge(budget, itemCost(result.length));
        return result;
      },
    ),
    m.method<Match>({ name: "string", params: "", returns: "string", description: "The text that was searched." }, (self) => self.string),
    m.method<Match>({ name: "pos", params: "", returns: "number", description: "The position the search started from." }, (self) => self.pos),
    m.method<Match>({ name: "endpos", params: "", returns: "number", description: "The position the search stopped at." }, (self) => self.endpos),
    m.method<Match>({ name: "re", params: "", returns: "Pattern", description: "The pattern that produced this match." }, (self) => self.re),
    m.method<Match>(
      {
        name: "toString", aliases: ["to_string"], params: "", returns: "string",
        description: "mlpy's description of the match: Match(value='42', span=[14, 16]) (str(m) gives the display form <Match span=[14, 16] match=\"42\">).",
      },
      (self) => mlpyMatchString(self),
    ),
  ],
  display: displayMatch,
});

export const definition = m.done();
