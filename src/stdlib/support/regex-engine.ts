/**
 * The matching engine behind `regex`: re2js (a port of RE2), whose running time is linear in
 * the input for every pattern. This file compiles translated patterns and offers the searches
 * Python's `re` needs, with positions in UTF-16 code units (re2js reports those for string input).
 *
 * re2js anchors only at the start of the text, while Python's `match`/`fullmatch` anchor at
 * `pos`. For `pos > 0` they run the variant `(?:P)()|(?s:.)` unanchored from `pos`: some
 * alternative always matches at `pos` itself, so the search stops there, and the trailing empty
 * group tells whether it was `P` (with `P`'s own priorities, as an anchored match would give).
 *
 * Cost (docs/limits.md). "Linear" hides a factor: one pass of the engine over a text does up to
 * (program size × characters read) work, and a `findall` runs one pass per match, each of which
 * may read far past its match (`a.*X|a` over "aaaa…" reads to the end every time). So:
 * - patterns compiling to more than {@link MAX_PROGRAM_SIZE} instructions are refused, before
 *   compiling when the count from the syntax already says so;
 * - compiling charges {@link COMPILE_STEPS} per instruction (only when the program is not cached);
 * - every engine pass charges {@link PASS_STEPS}, then (program size × characters it reads) /
 *   {@link PAIRS_PER_STEP} steps *while it reads*: the text the engine sees is metered, and each
 *   slice of positions is paid for before the engine reads into it, so the step and time limits
 *   stop a long pass part-way (the engine's state stays consistent: it is thrown out between
 *   two reads). Text skipped by a literal-prefix search costs one step per 16 characters.
 * - a pass of an unanchored search may first look for strings every match contains (re2js's
 *   prefilter), once per pass: a `findall` whose prefilter looks far past each match (the
 *   pattern `((?:ab|cd).*X)|e` over "eee…": every pass scans the rest of the text for `ab` or
 *   `cd` before it finds `e`) rescans the text quadratically, so these scans are metered too:
 *   one step per 16 characters an `indexOf` reads, one per {@link AUTOMATON_CHARS_PER_STEP}
 *   characters the multi-string automaton reads (charged after each slice of at most
 *   {@link AUTOMATON_SLICE} characters).
 */
import { RE2JS, RE2JSException, type Matcher } from "re2js";
import type { Budget } from "../../runtime/abi.js";
import { charge } from "../../runtime/limits.js";
import { valueError } from "./arguments.js";
import { FLAGS, invalidPattern, translate, type Translation } from "./regex-syntax.js";

/** Group spans of a match: `[start0, end0, start1, end1, …]`, `-1` for a group that did not participate. */
export type Spans = readonly number[];

/**
 * Largest program a pattern may compile to. Compiling cannot be interrupted and takes ~2–10 µs
 * per instruction here (more while the machine is loaded), and matching up to ~15 ns per
 * instruction and character: 5 000 keeps a compilation within ~50–100 ms and still admits a
 * repetition count of 1 000 over a small item (`[a-z]{0,1000}x` has 2 003 instructions,
 * `(a|b){1,1000}` 4 001), while patterns written by hand have a few hundred at most.
 */
export const MAX_PROGRAM_SIZE = 5000;

/** Steps per instruction compiled: compiling takes up to ~10 µs per instruction here. */
const COMPILE_STEPS = 100;

/**
 * Most work a compilation may take, in instructions' worth (~10 µs each): the instructions,
 * plus {@link PROPERTY_WORK} per Unicode property the parser builds a class from, plus one per
 * {@link CHARS_PER_WORK} characters of pattern read (translating and parsing: ~0.5 µs per
 * character). Properties and length cost work without adding instructions — `\w|\w|…` is one
 * class, and 10 000 of them took 4 s to compile; a class of 100 000 `\w` made the engine's
 * parser grow one array past what V8 allows, which aborts the process — so they are bounded
 * too. Within the limit a compilation takes ~100 ms at most (about 200 `\w` fit).
 */
export const MAX_COMPILE_WORK = 10_000;

/**
 * Work of one Unicode property: a class built from the Unicode tables, 70-250 µs measured (`\w`
 * names two: `\p{L}\p{N}_`).
 */
const PROPERTY_WORK = 25;

/** Characters of pattern per unit of compile work. */
const CHARS_PER_WORK = 16;

/**
 * Instruction × character pairs per step. The engine's slowest paths (the NFA and the
 * backtracker, which carry captures) take 15–18 ns per pair on this machine, the DFA less, so
 * four pairs stay within the ~100 ns a step stands for.
 */
const PAIRS_PER_STEP = 4;

/** Characters per step of the prefilter's multi-string automaton (a JavaScript loop: ~10 ns per character). */
const AUTOMATON_CHARS_PER_STEP = 8;

/** Most characters the prefilter's automaton reads between two charges (~20 µs). */
const AUTOMATON_SLICE = 2048;

/** Steps charged for setting up one engine pass (machine queues, the backtracker's bitmap: ≲ 1 µs). */
const PASS_STEPS = 8;

/** Positions paid for by a pass's first slice; each later slice doubles, up to {@link SLICE_STEPS}. */
const FIRST_SLICE = 16;

/** Most steps paid in one slice (~0.1 ms of work): the clock is read within ~1 ms of engine work. */
const SLICE_STEPS = 1000;

/**
 * Most instructions kept compiled in the cache (≈ 200 bytes each), and most bytes (as the engine
 * counts them) a cached program keeps in its DFA states between calls: a program run fills at
 * most these, however many patterns it compiles.
 */
const CACHE_INSTRUCTIONS = 50_000;
const DFA_KEEP_BYTES = 256 * 1024;

const ENGINE_ERRORS: Readonly<Record<string, string>> = {
  "missing argument to repetition operator": "nothing to repeat",
  "invalid nested repetition operator": "multiple repeat",
  "invalid repeat count": "repetition counts above 1000 are not supported",
};

/** The refusal of a pattern whose program would have `size` instructions. */
function tooLarge(size: number) {
  return valueError(`regex pattern too large: ${size} instructions with repetitions expanded (max ${MAX_PROGRAM_SIZE})`);
}

/** The refusal of a pattern whose compilation would take `work` (see {@link MAX_COMPILE_WORK}). */
function tooCostly(work: number, size: number, properties: number, length: number) {
  return valueError(
    `regex pattern too costly to compile: ${work} units of work for ${size} instructions, ${properties} Unicode properties ` +
      `and ${length} characters (max ${MAX_COMPILE_WORK}; a property costs ${PROPERTY_WORK}, ${CHARS_PER_WORK} characters 1)`,
  );
}

/** Work of parsing a pattern of `length` characters naming `properties` Unicode properties. */
function parseWork(properties: number, length: number): number {
  return PROPERTY_WORK * properties + Math.ceil(length / CHARS_PER_WORK);
}

// ---------------------------------------------------------------------------------------------
// Metering the text the engine reads

/** What the metering needs of re2js's input over a string (its `MachineUTF16Input`). */
interface EngineInput {
  readonly charSequence: string;
  readonly start: number;
  readonly end: number;
  step(pos: number): number;
  /** Where the program's literal prefix next occurs from `pos` (relative to `pos`), or -1. */
  index(re2: unknown, pos: number): number;
  endPos(): number;
  /** Whether a prefilter's string occurs from `pos` (an `indexOf`). */
  hasString(prefilter: Prefilter, pos: number): boolean;
  /** Whether any of a prefilter's strings occurs from `pos` (an automaton run over the text). */
  hasAnyString(prefilter: Prefilter, pos: number): boolean;
}

/** What the metering needs of a re2js prefilter: its string, or its multi-string automaton. */
interface Prefilter {
  readonly str: string;
  automaton16(): { advance(node: number, unit: number): number; readonly match: Uint8Array };
}

type EngineInputClass = new (text: string, start: number, end: number) => EngineInput;

/** The budget the current engine pass charges; set around every call into the engine. */
let activeBudget: Budget | null = null;

/** The metered input class, derived from re2js's own on the first pass. */
let Metered: (new (text: string, start: number, end: number) => MeteredInput) | null = null;

interface MeteredInput extends EngineInput {
  budget: Budget;
  /** Instructions of the program: the pairs one position costs. */
  size: number;
  /** Positions `[lo, hi)` are paid for. */
  lo: number;
  hi: number;
  /** Positions the next slice pays for. */
  slice: number;
}

/**
 * Derives the metered input from re2js's: `step(pos)` (how every engine reads a character) first
 * pays for `pos` when it lies outside the positions already paid for.
 */
function meteredClass(Base: EngineInputClass) {
  return class MeteredInput extends Base {
    budget!: Budget;
    size = 0;
    lo = 0;
    hi = 0;
    slice = FIRST_SLICE;

    override step(pos: number): number {
      if (pos >= this.hi || pos < this.lo) this.pay(pos);
      return super.step(pos);
    }

    /**
     * The engine skips to where its literal prefix occurs (an `indexOf`): the characters skipped
     * are scanned, not run through the program, so they cost one step per 16.
     */
    override index(re2: unknown, pos: number): number {
      const i = super.index(re2, pos);
      const to = i < 0 ? this.endPos() : pos + i;
      if (to > this.hi) {
        charge(this.budget, Math.ceil((to - this.hi) / 16));
        this.hi = to;
      }
      return i;
    }

    /** The prefilter's `indexOf` for one string: charged a step per 16 characters it read. */
    override hasString(prefilter: Prefilter, pos: number): boolean {
      const from = this.start + pos;
      const str = prefilter.str;
      const i = this.charSequence.indexOf(str, from);
      const to = i < 0 ? this.charSequence.length : i + str.length;
      charge(this.budget, Math.ceil((to - from) / 16));
      return i !== -1 && i <= this.end - str.length;
    }

    /**
     * The prefilter's automaton for several strings (re2js's `searchUTF16`, reading the same
     * characters): charged after each slice of {@link AUTOMATON_SLICE} characters it reads.
     */
    override hasAnyString(prefilter: Prefilter, pos: number): boolean {
      const ac = prefilter.automaton16();
      const match = ac.match;
      const text = this.charSequence;
      const end = this.end;
      let node = 0;
      let i = this.start + pos;
      while (i < end) {
        const from = i;
        const stop = Math.min(end, i + AUTOMATON_SLICE);
        let found = false;
        for (; i < stop; i++) {
          node = ac.advance(node, text.charCodeAt(i));
          if (match[node] === 1) {
            found = true;
            i++;
            break;
          }
        }
        charge(this.budget, Math.ceil((i - from) / AUTOMATON_CHARS_PER_STEP));
        if (found) return true;
      }
      return false;
    }

    /** Pays for the positions up to `pos` in the next slice (or in one go after a skip). */
    pay(pos: number): void {
      const size = this.size;
      const most = Math.max(1, Math.floor((SLICE_STEPS * PAIRS_PER_STEP) / size));
      const slice = Math.min(this.slice, most);
      this.slice = slice * 2;
      // Positions run from 0 to endPos() (where the engine reads the end of the text).
      const positions = this.endPos() + 1;
      let paid = 0;
      if (pos >= this.hi) {
        const hi = Math.min(positions, Math.max(pos + 1, this.hi + slice));
        paid += Math.max(0, hi - this.hi);
        this.hi = Math.max(hi, this.hi);
      }
      if (pos < this.lo) {
        const lo = Math.max(0, Math.min(pos, this.lo - slice));
        paid += this.lo - lo;
        this.lo = lo;
      }
      if (paid > 0) charge(this.budget, Math.ceil((paid * size) / PAIRS_PER_STEP));
    }
  };
}

/** The input of one engine pass from `pos`, charging `budget`. */
function meter(input: EngineInput, budget: Budget, size: number, pos: number): MeteredInput {
  Metered ??= meteredClass(input.constructor as EngineInputClass);
  const m = new Metered(input.charSequence, input.start, input.end);
  m.budget = budget;
  m.size = size;
  m.lo = pos;
  m.hi = pos;
  return m;
}

/** Runs `f` (calls into the engine) with `budget` as the budget its passes charge. */
function metered<T>(budget: Budget, f: () => T): T {
  const saved = activeBudget;
  activeBudget = budget;
  try {
    return f();
  } finally {
    activeBudget = saved;
  }
}

// ---------------------------------------------------------------------------------------------
// Compiling

function engineFlags(source: string, flags: number): number {
  // Lookbehind support slows every match a little; translated sources spell `(?<` only for
  // lookbehinds (named groups become plain groups, a literal `<` becomes `\x{3C}`).
  let f = source.includes("(?<") ? RE2JS.LOOKBEHINDS : 0;
  if ((flags & FLAGS.IGNORECASE) !== 0) f |= RE2JS.CASE_INSENSITIVE;
  if ((flags & FLAGS.MULTILINE) !== 0) f |= RE2JS.MULTILINE;
  if ((flags & FLAGS.DOTALL) !== 0) f |= RE2JS.DOTALL;
  return f;
}

/** A compiled engine program, metered, and its size in instructions. */
interface Engine {
  readonly re: RE2JS;
  readonly size: number;
}

/**
 * Compiles RE2 `source` (counted as `estimate` instructions, at most `max`, plus `parse` units of
 * parsing work: {@link parseWork}), charging `budget` first; engine errors become the
 * `ValueError` naming the Python `pattern`.
 */
function compileEngine(pattern: string, source: string, flags: number, estimate: number, parse: number, budget: Budget, max: number): Engine {
  if (estimate > max) throw tooLarge(estimate);
  charge(budget, (estimate + parse) * COMPILE_STEPS);
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, engineFlags(source, flags));
  } catch (e) {
    if (e instanceof RE2JSException) {
      const description = (e as { error?: unknown }).error;
      const reason = typeof description === "string" ? description : e.message;
      throw invalidPattern(pattern, ENGINE_ERRORS[reason] ?? reason);
    }
    // The engine's parser recurses on nesting depth.
    if (e instanceof RangeError) throw invalidPattern(pattern, "pattern is too large or too deeply nested");
    throw e;
  }
  const re2 = re.re2();
  const size = re2.numberOfInstructions() as number;
  if (size > max) throw tooLarge(size);
  // Every pass goes through executeEngine: charge its set-up and hand it the metered text.
  const run = re2.executeEngine;
  re2.executeEngine = function (input: EngineInput, pos: number, anchor: number, ncap: number, lbState?: unknown) {
    const budget = activeBudget;
    if (budget === null) throw new Error("mljs: regex engine run outside a metered call");
    charge(budget, PASS_STEPS);
    return run.call(this, meter(input, budget, size, pos), pos, anchor, ncap, lbState);
  };
  return { re, size };
}

/** Drops the DFA states of `engine` beyond {@link DFA_KEEP_BYTES}, so cached programs stay small. */
function trimStates(engine: Engine): void {
  const dfa = engine.re.re2().lazyDFA as { maxMem: number; memBudget: number; clearCache(): void } | null;
  if (dfa !== null && dfa.maxMem - dfa.memBudget > DFA_KEEP_BYTES) dfa.clearCache();
}

function spansOf(m: Matcher, groups: number): number[] {
  const out = new Array<number>(2 * groups + 2);
  for (let g = 0; g <= groups; g++) {
    out[2 * g] = m.start(g);
    out[2 * g + 1] = m.end(g);
  }
  return out;
}

/** The UTF-16 length of the code point at `i` (a surrogate pair is never split). */
function charWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/**
 * A compiled pattern. Programs are immutable (apart from variants compiled on first use and the
 * engine's caches) and shared by every program run through the cache of {@link compileProgram}.
 *
 * All searches take the text already cut at `endpos` (Python: "as if the string were endpos
 * characters long"), `pos` within it, and the budget of the run to charge.
 */
export class Program {
  readonly groupCount: number;
  /** Instructions of the compiled program. */
  readonly size: number;
  private readonly main: Engine;
  private anchoredVariant: Engine | null = null;
  private fullVariant: Engine | null = null;

  /** @internal Use {@link compileProgram}. */
  constructor(
    readonly pattern: string,
    /** The flags as given to {@link compileProgram} (the translation has the flags in effect). */
    readonly givenFlags: number,
    readonly translation: Translation,
    budget: Budget,
  ) {
    this.groupCount = translation.groupCount;
    const parse = parseWork(translation.properties, pattern.length);
    if (translation.size > MAX_PROGRAM_SIZE) throw tooLarge(translation.size);
    if (translation.size + parse > MAX_COMPILE_WORK) {
      throw tooCostly(translation.size + parse, translation.size, translation.properties, pattern.length);
    }
    this.main = compileEngine(pattern, translation.source, translation.flags, translation.size, parse, budget, MAX_PROGRAM_SIZE);
    this.size = this.main.size;
  }

  /** The first match starting at or after `pos`. */
  search(text: string, pos: number, budget: Budget): Spans | null {
    const main = this.main;
    return metered(budget, () => {
      const m = main.re.matcher(text);
      const spans = m.find(pos) ? spansOf(m, this.groupCount) : null;
      trimStates(main);
      return spans;
    });
  }

  /** Whether some match starts at or after `pos`. */
  test(text: string, pos: number, budget: Budget): boolean {
    const main = this.main;
    return metered(budget, () => {
      const found = pos === 0 ? main.re.test(text) : main.re.matcher(text).find(pos);
      trimStates(main);
      return found;
    });
  }

  /** The match starting exactly at `pos`. */
  match(text: string, pos: number, budget: Budget): Spans | null {
    if (pos === 0) {
      return metered(budget, () => {
        const m = this.main.re.matcher(text);
        const spans = m.lookingAt() ? spansOf(m, this.groupCount) : null;
        trimStates(this.main);
        return spans;
      });
    }
    this.anchoredVariant ??= this.variant(`(?:${this.translation.source})()|(?s:.)`, budget);
    return this.viaVariant(this.anchoredVariant, text, pos, budget);
  }

  /** The match spanning exactly `pos` to the end of `text`. */
  fullmatch(text: string, pos: number, budget: Budget): Spans | null {
    if (pos === 0) {
      return metered(budget, () => {
        const m = this.main.re.matcher(text);
        const spans = m.matches() ? spansOf(m, this.groupCount) : null;
        trimStates(this.main);
        return spans;
      });
    }
    this.fullVariant ??= this.variant(`(?:${this.translation.source})\\z()|(?s:.)`, budget);
    return this.viaVariant(this.fullVariant, text, pos, budget);
  }

  /**
   * A variant of the main program (see the file comment): a few instructions more, so not held
   * to the limit the pattern itself passed.
   */
  private variant(source: string, budget: Budget): Engine {
    const parse = parseWork(this.translation.properties, this.pattern.length);
    return compileEngine(this.pattern, source, this.translation.flags, this.size + 6, parse, budget, Infinity);
  }

  private viaVariant(variant: Engine, text: string, pos: number, budget: Budget): Spans | null {
    return metered(budget, () => {
      const m = variant.re.matcher(text);
      const spans = m.find(pos) && m.start(this.groupCount + 1) >= 0 ? spansOf(m, this.groupCount) : null;
      trimStates(variant);
      return spans;
    });
  }

  /**
   * The successive non-overlapping matches from `pos`, as Python 3.7+ finds them: an empty match
   * may follow a non-empty one directly; after an empty match the search resumes one character
   * further on. Each match's spans are charged as items produced.
   */
  *scan(text: string, pos: number, withGroups: boolean, budget: Budget): Generator<Spans> {
    const main = this.main;
    const m = main.re.matcher(text);
    const groups = withGroups ? this.groupCount : 0;
    let at = pos;
    try {
      while (at <= text.length) {
        const from = at;
        // Code run between two matches (a `sub` callback) may use regex too: meter each search.
        const spans = metered(budget, () => (m.find(from) ? spansOf(m, groups) : null));
        if (spans === null) break;
        charge(budget, groups + 1);
        yield spans;
        const end = spans[1]!;
        if (end > spans[0]!) at = end;
        else if (end < text.length) at = end + charWidth(text, end);
        else break;
      }
    } finally {
      trimStates(main);
    }
  }
}

// Compiling is the costly part of a one-off `regex.search(p, s)`, so compiled programs are kept,
// as Python's `re` does. The cache holds only pure, immutable data (and the engine's own caches),
// so sharing it between program runs leaks nothing; it is bounded in entries and instructions,
// dropping the oldest entries first.
const CACHE_SIZE = 256;
const cache = new Map<string, Program>();
let cachedInstructions = 0;

/**
 * The program for Python `pattern` under (checked) Python `flags`; `ValueError` if invalid or
 * too large. Charges `budget` for reading the pattern, and for compiling it when not cached.
 */
export function compileProgram(pattern: string, flags: number, budget: Budget): Program {
  charge(budget, Math.ceil(pattern.length / 16));
  const key = `${flags}:${pattern}`;
  let program = cache.get(key);
  if (program === undefined) {
    // Translating reads the whole pattern (~0.15 µs a character) before its work is known.
    const longest = MAX_COMPILE_WORK * CHARS_PER_WORK;
    if (pattern.length > longest) throw valueError(`regex pattern too long: ${pattern.length} characters (max ${longest})`);
    program = new Program(pattern, flags, translate(pattern, flags), budget);
    while (cache.size > 0 && (cache.size >= CACHE_SIZE || cachedInstructions + program.size > CACHE_INSTRUCTIONS)) {
      const [oldest, dropped] = cache.entries().next().value!;
      cache.delete(oldest);
      cachedInstructions -= dropped.size;
    }
    cache.set(key, program);
    cachedInstructions += program.size;
  }
  return program;
}
