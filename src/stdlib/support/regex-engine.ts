/**
 * The matching engine behind `regex`: re2js (a port of RE2), whose running time is linear in
 * the input for every pattern. This file compiles translated patterns and offers the searches
 * Python's `re` needs, with positions in UTF-16 code units (re2js reports those for string input).
 *
 * re2js anchors only at the start of the text, while Python's `match`/`fullmatch` anchor at
 * `pos`. For `pos > 0` they run the variant `(?:P)()|(?s:.)` unanchored from `pos`: some
 * alternative always matches at `pos` itself, so the search stops there, and the trailing empty
 * group tells whether it was `P` (with `P`'s own priorities, as an anchored match would give).
 */
import { RE2JS, RE2JSException, type Matcher } from "re2js";
import { FLAGS, invalidPattern, translate, type Translation } from "./regex-syntax.js";

/** Group spans of a match: `[start0, end0, start1, end1, …]`, `-1` for a group that did not participate. */
export type Spans = readonly number[];

const ENGINE_ERRORS: Readonly<Record<string, string>> = {
  "missing argument to repetition operator": "nothing to repeat",
  "invalid nested repetition operator": "multiple repeat",
  "invalid repeat count": "repetition counts above 1000 are not supported",
};

function engineFlags(source: string, flags: number): number {
  // Lookbehind support slows every match a little; translated sources spell `(?<` only for
  // lookbehinds (named groups become plain groups, a literal `<` becomes `\x{3C}`).
  let f = source.includes("(?<") ? RE2JS.LOOKBEHINDS : 0;
  if ((flags & FLAGS.IGNORECASE) !== 0) f |= RE2JS.CASE_INSENSITIVE;
  if ((flags & FLAGS.MULTILINE) !== 0) f |= RE2JS.MULTILINE;
  if ((flags & FLAGS.DOTALL) !== 0) f |= RE2JS.DOTALL;
  return f;
}

/** Compiles RE2 `source`; engine errors become the `ValueError` naming the Python `pattern`. */
function compileEngine(pattern: string, source: string, flags: number): RE2JS {
  try {
    return RE2JS.compile(source, engineFlags(source, flags));
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
 * A compiled pattern. Programs are immutable (apart from variants compiled on first use) and
 * shared by every program run through the cache of {@link compileProgram}.
 *
 * All searches take the text already cut at `endpos` (Python: "as if the string were endpos
 * characters long"), and `pos` within it.
 */
export class Program {
  readonly groupCount: number;
  private readonly main: RE2JS;
  private anchoredVariant: RE2JS | null = null;
  private fullVariant: RE2JS | null = null;

  constructor(
    readonly pattern: string,
    readonly translation: Translation,
  ) {
    this.groupCount = translation.groupCount;
    this.main = compileEngine(pattern, translation.source, translation.flags);
  }

  /** The first match starting at or after `pos`. */
  search(text: string, pos: number): Spans | null {
    const m = this.main.matcher(text);
    return m.find(pos) ? spansOf(m, this.groupCount) : null;
  }

  /** Whether some match starts at or after `pos`. */
  test(text: string, pos: number): boolean {
    return pos === 0 ? this.main.test(text) : this.main.matcher(text).find(pos);
  }

  /** The match starting exactly at `pos`. */
  match(text: string, pos: number): Spans | null {
    if (pos === 0) {
      const m = this.main.matcher(text);
      return m.lookingAt() ? spansOf(m, this.groupCount) : null;
    }
    this.anchoredVariant ??= compileEngine(this.pattern, `(?:${this.translation.source})()|(?s:.)`, this.translation.flags);
    return this.viaVariant(this.anchoredVariant, text, pos);
  }

  /** The match spanning exactly `pos` to the end of `text`. */
  fullmatch(text: string, pos: number): Spans | null {
    if (pos === 0) {
      const m = this.main.matcher(text);
      return m.matches() ? spansOf(m, this.groupCount) : null;
    }
    this.fullVariant ??= compileEngine(this.pattern, `(?:${this.translation.source})\\z()|(?s:.)`, this.translation.flags);
    return this.viaVariant(this.fullVariant, text, pos);
  }

  private viaVariant(variant: RE2JS, text: string, pos: number): Spans | null {
    const m = variant.matcher(text);
    if (!m.find(pos) || m.start(this.groupCount + 1) < 0) return null;
    return spansOf(m, this.groupCount);
  }

  /**
   * The successive non-overlapping matches from `pos`, as Python 3.7+ finds them: an empty match
   * may follow a non-empty one directly; after an empty match the search resumes one character
   * further on.
   */
  *scan(text: string, pos: number, withGroups: boolean): Generator<Spans> {
    const m = this.main.matcher(text);
    const groups = withGroups ? this.groupCount : 0;
    let at = pos;
    while (at <= text.length && m.find(at)) {
      const spans = spansOf(m, groups);
      yield spans;
      const end = spans[1]!;
      if (end > spans[0]!) at = end;
      else if (end < text.length) at = end + charWidth(text, end);
      else break;
    }
  }
}

// Compiling is the costly part of a one-off `regex.search(p, s)`, so compiled programs are kept,
// as Python's `re` does. The cache holds only pure, immutable data, so sharing it between program
// runs leaks nothing; it is bounded, dropping the oldest entries first.
const CACHE_SIZE = 256;
const cache = new Map<string, Program>();

/** The program for Python `pattern` under (checked) Python `flags`; `ValueError` if invalid. */
export function compileProgram(pattern: string, flags: number): Program {
  const key = `${flags}:${pattern}`;
  let program = cache.get(key);
  if (program === undefined) {
    program = new Program(pattern, translate(pattern, flags));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, program);
  }
  return program;
}
