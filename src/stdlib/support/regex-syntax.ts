/**
 * Translation of Python `re` pattern syntax to the syntax of the linear-time engine (re2js).
 *
 * The translator parses the whole pattern (so errors name Python positions and Python concepts)
 * and emits an equivalent RE2 pattern:
 * - `\d \w \s` (and their negations) are Unicode-aware as in Python, or ASCII-only under the
 *   ASCII flag; RE2's own shorthands are always ASCII, so they are expanded into classes.
 * - `\Z` becomes `\z`; VERBOSE whitespace and `#` comments are stripped here (RE2 has no `x`
 *   flag); `{,n}` becomes `{0,n}`; a `{` that is not a repeat is a literal, as in Python.
 * - Named groups are emitted as plain groups: names are resolved here, so any Python identifier
 *   is a valid name (RE2 accepts only ASCII names).
 * - Features that cannot run in linear time (backreferences, lookahead, conditionals, atomic
 *   groups, possessive quantifiers) are rejected. Lookbehind is kept: the engine runs it in
 *   linear time.
 * - It counts the instructions the engine will compile, with repetitions expanded (`x{3}` is
 *   three copies of `x`), so an oversized pattern is refused before the costly compilation.
 */
import { valueError } from "./arguments.js";

/** Python `re` flag numbers. */
export const FLAGS = Object.freeze({
  IGNORECASE: 2,
  LOCALE: 4,
  MULTILINE: 8,
  DOTALL: 16,
  UNICODE: 32,
  VERBOSE: 64,
  ASCII: 256,
});

const KNOWN_FLAGS = FLAGS.IGNORECASE | FLAGS.MULTILINE | FLAGS.DOTALL | FLAGS.UNICODE | FLAGS.VERBOSE | FLAGS.ASCII;

/** A Python pattern translated for the engine. */
export interface Translation {
  /** The pattern in RE2 syntax. */
  readonly source: string;
  /** Python flags in effect for the whole pattern: given, inline global, and UNICODE unless ASCII. */
  readonly flags: number;
  readonly groupCount: number;
  /** Group name → group number. */
  readonly groupNames: ReadonlyMap<string, number>;
  /**
   * For each group number, the highest group number inside that group (itself when none): the
   * groups it encloses are numbered from one above it to this.
   */
  readonly groupLast: readonly number[];
  /**
   * The instructions the engine compiles the pattern to, counted as its compiler does with
   * repetitions expanded. The engine may need fewer (it merges alternatives sharing a prefix or
   * made of single characters), rarely one or two more (a repeated part that can match empty).
   */
  readonly size: number;
  /**
   * Unicode properties (`\p{…}`, and those `\w`, `\d`, `\W`… stand for) the engine's parser
   * builds classes from, each time one is written: building one from the Unicode tables takes
   * 0.1-0.4 ms however few instructions it compiles to (`\w|\w|…` is one class).
   */
  readonly properties: number;
}

/** Thrown for an invalid pattern: `Invalid regex pattern '<p>': <reason>`. */
export function invalidPattern(pattern: string, reason: string) {
  return valueError(`Invalid regex pattern '${pattern}': ${reason}`);
}

const LINEAR = "(matching must run in linear time)";

/** Checks a flags value given by ML code (an integer: a sum of flag numbers). */
export function checkFlags(flags: number): number {
  if (flags < 0 || flags > 0x1ff || (flags & ~(KNOWN_FLAGS | FLAGS.LOCALE)) !== 0) {
    throw valueError(`invalid regex flags value ${flags} (add up regex.IGNORECASE(), MULTILINE(), DOTALL(), VERBOSE(), ASCII(), UNICODE())`);
  }
  if ((flags & FLAGS.LOCALE) !== 0) throw valueError("cannot use LOCALE flag with a str pattern");
  if ((flags & FLAGS.ASCII) !== 0 && (flags & FLAGS.UNICODE) !== 0) throw valueError("ASCII and UNICODE flags are incompatible");
  return flags;
}

// Python's class shorthands, as RE2 class bodies.
const UNICODE_SPACE = "\\t\\n\\x0B\\f\\r\\x1C-\\x1F\\x20\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
const UNICODE_WORD = "\\p{L}\\p{N}_";
const ASCII_SPACE = "\\t\\n\\x0B\\f\\r\\x20";
const ASCII_WORD = "0-9A-Za-z_";
/** Matches no character at all (RE2 has no empty-set syntax). */
const NOTHING = "[^\\x00-\\x{10FFFF}]";

const VERBOSE_SPACE = " \t\n\r\v\f";
const OCTAL = "01234567";
const DIGITS = "0123456789";
const HEX = /^[0-9A-Fa-f]+$/;
const IDENTIFIER = /^[\p{XID_Start}_][\p{XID_Continue}]*$/u;
const ASCII_LETTER = /^[A-Za-z]$/;
const PLAIN = /^[A-Za-z0-9_]$/;

/** A literal code point in RE2 syntax (the same form is valid inside and outside classes). */
function literal(cp: number): string {
  const c = String.fromCodePoint(cp);
  return PLAIN.test(c) ? c : `\\x{${cp.toString(16).toUpperCase()}}`;
}

type RepeatState =
  /** Nothing repeatable precedes (start, `|`, `(`, an anchor). */
  | "none"
  /** An atom precedes. */
  | "item"
  /** A quantifier precedes; `?` may still make it lazy. */
  | "repeat"
  /** A complete quantifier precedes. */
  | "closed";

interface OpenGroup {
  readonly at: number;
  readonly lookbehind: boolean;
  /** Its group number when capturing, else 0. */
  readonly capture: number;
  readonly verbose: boolean;
  readonly ascii: boolean;
}

/**
 * Instruction counts of the alternatives of one group being parsed (or of the whole pattern):
 * `done` and `alts` for the alternatives already closed (each after the first adds a branch
 * instruction), `seq` for the current one, `last` for its last item (what a quantifier
 * multiplies). An alternative that is a single character (`single`) right after another
 * (`afterSingle`) merges with it into one class, as the engine does (`a|b` is `[ab]`). Whether
 * parts can match the empty string is tracked too: a star over such a part costs one more.
 */
interface SizeFrame {
  done: number;
  alts: number;
  seq: number;
  last: number;
  single: boolean;
  afterSingle: boolean;
  /** Whether some closed alternative can match empty. */
  nullable: boolean;
  /** Whether the current alternative, before its last item, can match empty. */
  nullBefore: boolean;
  /** Whether its last item can match empty. */
  lastNullable: boolean;
}

function sizeFrame(): SizeFrame {
  return { done: 0, alts: 0, seq: 0, last: 0, single: false, afterSingle: false, nullable: false, nullBefore: true, lastNullable: true };
}

/** Appends an item of `size` instructions to the current alternative of `frame`. */
function addItem(frame: SizeFrame, size: number, single: boolean, nullable: boolean): void {
  frame.single = frame.seq === 0 && single;
  frame.nullBefore &&= frame.lastNullable;
  frame.lastNullable = nullable;
  frame.seq += size;
  frame.last = size;
}

/** Repeats the last item of `frame` `min` to `max` (Infinity: unbounded) times. */
function repeatItem(frame: SizeFrame, min: number, max: number): void {
  const size = frame.last;
  let total: number;
  if (max === Infinity) {
    total = min <= 1 ? size + 1 : min * size + 1;
    // A star over a part that can match empty is compiled as (x+)?.
    if (min === 0 && frame.lastNullable) total++;
  } else if (min === 1 && max === 1) {
    total = size;
  } else {
    // Each optional copy after the `min` required ones adds a branch instruction.
    total = min * size + (max - min) * (size + 1);
  }
  frame.seq += total - size;
  frame.last = total;
  frame.single = false;
  frame.lastNullable ||= min === 0;
}

/** Closes the current alternative of `frame` (an empty one is a no-op instruction). */
function closeAlternative(frame: SizeFrame): void {
  if (!(frame.single && frame.afterSingle)) {
    frame.done += frame.seq === 0 ? 1 : frame.seq;
    frame.alts++;
  }
  frame.afterSingle = frame.single;
  frame.nullable ||= frame.nullBefore && frame.lastNullable;
  frame.seq = 0;
  frame.last = 0;
  frame.single = false;
  frame.nullBefore = true;
  frame.lastNullable = true;
}

/** Instructions of the alternatives of `frame` (closing the last), with the branches between them. */
function alternativesSize(frame: SizeFrame): number {
  closeAlternative(frame);
  return frame.done + frame.alts - 1;
}

/**
 * One item of a character class: a code point, a set written as an RE2 class body, or the
 * complement of such a set (which RE2 cannot write inside a class).
 */
type ClassAtom = { cp: number } | { set: string } | { complementOf: string };

/** Parser state for one pattern; see {@link translate}. */
class Translator {
  private i = 0;
  private out = "";
  private verbose: boolean;
  private ascii: boolean;
  private state: RepeatState = "none";
  /** True until the first item: global inline flags are allowed only there. */
  private atStart = true;
  private readonly open: OpenGroup[] = [];
  /** Instruction counts: one frame per open group, over the frame of the whole pattern. */
  private readonly sizes: SizeFrame[] = [sizeFrame()];
  /** How many of the open groups are lookbehind assertions. */
  private lookbehinds = 0;
  private groupCount = 0;
  private readonly names = new Map<string, number>();
  private readonly last: number[] = [0];
  private globalFlags = 0;
  private properties = 0;

  constructor(
    private readonly p: string,
    private readonly flags: number,
  ) {
    this.verbose = (flags & FLAGS.VERBOSE) !== 0;
    this.ascii = (flags & FLAGS.ASCII) !== 0;
  }

  run(): Translation {
    const p = this.p;
    while (this.i < p.length) {
      const c = p[this.i]!;
      if (this.verbose && this.skipVerbose(c)) continue;
      switch (c) {
        case "\\":
          this.escape();
          break;
        case "[":
          this.charClass();
          break;
        case "(":
          this.groupOpen();
          break;
        case ")":
          this.groupClose();
          break;
        case "|":
          this.emit("|", "none");
          this.alternative();
          this.i++;
          break;
        case ".":
          this.item(".");
          this.i++;
          break;
        case "^":
        case "$":
          this.assertion(c);
          this.i++;
          break;
        case "*":
        case "+":
        case "?":
          this.quantifier(c, this.i + 1);
          break;
        case "{": {
          const repeat = this.braces();
          if (repeat === null) {
            this.item(literal(0x7b));
            this.i++;
          } else this.quantifier(repeat.text, repeat.end, repeat.min, repeat.max);
          break;
        }
        default: {
          const cp = p.codePointAt(this.i)!;
          this.item(literal(cp));
          this.i += cp > 0xffff ? 2 : 1;
        }
      }
    }
    const unclosed = this.open.pop();
    if (unclosed !== undefined) throw this.error("missing ), unterminated subpattern", unclosed.at);
    let flags = this.flags | this.globalFlags;
    if ((flags & FLAGS.ASCII) === 0) flags |= FLAGS.UNICODE;
    return Object.freeze({
      source: this.out,
      flags,
      groupCount: this.groupCount,
      groupNames: this.names,
      groupLast: Object.freeze(this.last),
      // The engine adds a failure instruction and a final match instruction.
      size: alternativesSize(this.sizes[0]!) + 2,
      properties: this.properties,
    });
  }

  // --- output -------------------------------------------------------------------------------

  private emit(text: string, state: RepeatState): void {
    this.out += text;
    this.state = state;
    this.atStart = false;
  }

  /** A repeatable item matching one character, of `size` instructions (a class when 1). */
  private item(text: string, size = 1): void {
    this.countProperties(text);
    this.emit(text, "item");
    addItem(this.sizes[this.sizes.length - 1]!, size, size === 1, false);
  }

  /** Counts the Unicode properties `text` names (`\p`/`\P`: literals are written `\x{…}`). */
  private countProperties(text: string): void {
    for (let k = text.indexOf("\\"); k >= 0; k = text.indexOf("\\", k + 2)) {
      const c = text.charCodeAt(k + 1);
      if (c === 0x70 || c === 0x50) this.properties++;
    }
  }

  /** An anchor or word boundary: one instruction, not repeatable. */
  private assertion(text: string): void {
    this.emit(text, "none");
    addItem(this.sizes[this.sizes.length - 1]!, 1, false, true);
  }

  /** `|`: the current alternative is complete. */
  private alternative(): void {
    closeAlternative(this.sizes[this.sizes.length - 1]!);
  }

  private error(reason: string, at: number) {
    return invalidPattern(this.p, `${reason} at position ${at}`);
  }

  private unsupported(reason: string) {
    return invalidPattern(this.p, reason);
  }

  /** VERBOSE: skips whitespace and a `#` comment; returns true when it skipped something. */
  private skipVerbose(c: string): boolean {
    if (VERBOSE_SPACE.includes(c)) this.i++;
    else if (c === "#") {
      const nl = this.p.indexOf("\n", this.i);
      this.i = nl < 0 ? this.p.length : nl + 1;
    } else return false;
    // As in Python, `a* ?` is not a lazy quantifier: the quantifier is complete.
    if (this.state === "repeat") this.state = "closed";
    return true;
  }

  // --- quantifiers --------------------------------------------------------------------------

  /** `{m}`, `{m,}`, `{,n}`, `{m,n}` at `i`, or null when the brace is a literal (Python rules). */
  private braces(): { text: string; end: number; min: number; max: number } | null {
    const p = this.p;
    let j = this.i + 1;
    if (p[j] === "}") return null;
    const digits = () => {
      const from = j;
      while (j < p.length && DIGITS.includes(p[j]!)) j++;
      return p.slice(from, j);
    };
    const lo = digits();
    let hi = lo;
    const comma = p[j] === ",";
    if (comma) {
      j++;
      hi = digits();
    }
    if (p[j] !== "}") return null;
    const min = lo === "" ? 0 : Number(lo);
    const max = hi === "" ? Infinity : Number(hi);
    if (max < min) throw this.error("min repeat greater than max repeat", this.i + 1);
    if (min > 1000 || (max !== Infinity && max > 1000)) {
      throw this.unsupported("repetition counts above 1000 are not supported");
    }
    const text = !comma ? `{${min}}` : max === Infinity ? `{${min},}` : `{${min},${max}}`;
    return { text, end: j + 1, min, max };
  }

  /**
   * A quantifier (`*`, `+`, `?` or `{…}` as RE2 text, repeating `min` to `max` times) ending
   * before `end`.
   */
  private quantifier(text: string, end: number, min = text === "+" ? 1 : 0, max = text === "?" ? 1 : Infinity): void {
    const at = this.i;
    if (this.state === "repeat" && text === "?") {
      this.emit("?", "closed");
    } else if (this.state === "repeat" && text === "+") {
      throw this.unsupported("possessive quantifiers are not supported");
    } else if (this.state === "repeat" || this.state === "closed") {
      throw this.error("multiple repeat", at);
    } else if (this.state === "none") {
      throw this.error("nothing to repeat", at);
    } else {
      this.emit(text, "repeat");
      repeatItem(this.sizes[this.sizes.length - 1]!, min, max);
    }
    this.i = end;
  }

  // --- escapes ------------------------------------------------------------------------------

  /** A class shorthand (`\d`…) as a class atom. */
  private shorthand(c: string): ClassAtom {
    const ascii = this.ascii;
    switch (c) {
      case "d":
        return { set: ascii ? "0-9" : "\\p{Nd}" };
      case "D":
        return { set: ascii ? "[:^digit:]" : "\\P{Nd}" };
      case "w":
        return { set: ascii ? ASCII_WORD : UNICODE_WORD };
      case "W":
        return ascii ? { set: "[:^word:]" } : { complementOf: UNICODE_WORD };
      case "s":
        return { set: ascii ? ASCII_SPACE : UNICODE_SPACE };
      default: // "S"
        return ascii ? { set: "[:^space:]" } : { complementOf: UNICODE_SPACE };
    }
  }

  /**
   * A numeric escape (`\x41`, `\u00e9`, `\U0001f600`) after the letter at `j`; returns the code
   * point and the index after it.
   */
  private hexEscape(letter: string, j: number): { cp: number; end: number } {
    const width = letter === "x" ? 2 : letter === "u" ? 4 : 8;
    const digits = this.p.slice(j, j + width);
    if (digits.length < width || !HEX.test(digits)) throw this.error(`incomplete escape \\${letter}${digits}`, j - 2);
    const cp = parseInt(digits, 16);
    if (cp > 0x10ffff) throw this.error(`bad escape \\${letter}${digits}`, j - 2);
    return { cp, end: j + width };
  }

  /** `\p{…}` / `\pL` (an extension: Unicode properties, checked by the engine). */
  private property(j: number): { text: string; end: number } {
    const p = this.p;
    if (p[j] === "{") {
      const close = p.indexOf("}", j);
      if (close < 0) throw this.error("missing }, unterminated property name", j - 2);
      return { text: p.slice(j - 2, close + 1), end: close + 1 };
    }
    if (j >= p.length) throw this.error(`bad escape \\${p[j - 1]}`, j - 2);
    return { text: p.slice(j - 2, j + 1), end: j + 1 };
  }

  /** An escape outside a class. */
  private escape(): void {
    const p = this.p;
    const at = this.i;
    if (at + 1 >= p.length) throw this.error("bad escape (end of pattern)", at);
    const cp = p.codePointAt(at + 1)!;
    const c = String.fromCodePoint(cp);
    let end = at + 1 + c.length;
    switch (c) {
      case "A":
        this.assertion("\\A");
        break;
      case "Z":
      case "z":
        this.assertion("\\z");
        break;
      case "b":
      case "B":
        this.assertion(`\\${c}`);
        break;
      case "d":
      case "D":
      case "w":
      case "W":
      case "s":
      case "S":
        this.classItem(false, [this.shorthand(c)]);
        break;
      case "p":
      case "P": {
        const prop = this.property(end);
        this.item(prop.text);
        end = prop.end;
        break;
      }
      case "N":
        throw this.unsupported("named character escapes \\N{...} are not supported");
      default: {
        if (DIGITS.includes(c)) {
          end = this.numericEscape(at);
          break;
        }
        const known = this.knownEscape(c, end);
        if (known === null && ASCII_LETTER.test(c)) throw this.error(`bad escape \\${c}`, at);
        this.item(literal(known?.cp ?? cp));
        end = known?.end ?? end;
      }
    }
    this.i = end;
  }

  /**
   * `\0`, `\0oo` and `\ooo` (three octal digits) are characters; any other digit escape is a
   * backreference. Returns the index after the escape at `at`.
   */
  private numericEscape(at: number): number {
    const p = this.p;
    if (p[at + 1] === "0") {
      let j = at + 2;
      while (j < at + 4 && j < p.length && OCTAL.includes(p[j]!)) j++;
      this.item(literal(parseInt(p.slice(at + 1, j), 8)));
      return j;
    }
    const three = p.slice(at + 1, at + 4);
    if (three.length === 3 && [...three].every((d) => OCTAL.includes(d))) {
      const value = parseInt(three, 8);
      if (value > 0o377) throw this.error(`octal escape value \\${three} outside of range 0-0o377`, at);
      this.item(literal(value));
      return at + 4;
    }
    throw this.unsupported(`backreferences are not supported ${LINEAR}`);
  }

  /** Escapes valid both inside and outside classes: controls and numeric escapes. */
  private knownEscape(c: string, end: number): { cp: number; end: number } | null {
    switch (c) {
      case "a":
        return { cp: 7, end };
      case "f":
        return { cp: 12, end };
      case "n":
        return { cp: 10, end };
      case "r":
        return { cp: 13, end };
      case "t":
        return { cp: 9, end };
      case "v":
        return { cp: 11, end };
      case "x":
      case "u":
      case "U":
        return this.hexEscape(c, end);
      default:
        return null;
    }
  }

  // --- character classes --------------------------------------------------------------------

  /** Parses `[…]` at `i` and emits its RE2 form. */
  private charClass(): void {
    const p = this.p;
    const start = this.i;
    let j = start + 1;
    const negated = p[j] === "^";
    if (negated) j++;
    const atoms: ClassAtom[] = [];
    let first = true;
    for (;;) {
      if (j >= p.length) throw this.error("unterminated character set", start);
      if (p[j] === "]" && !first) {
        j++;
        break;
      }
      first = false;
      const atomAt = j;
      const a = this.classAtom(j);
      j = a.end;
      if (p[j] === "-" && j + 1 < p.length && p[j + 1] !== "]") {
        const b = this.classAtom(j + 1);
        if (!("cp" in a.atom) || !("cp" in b.atom) || b.atom.cp < a.atom.cp) {
          throw this.error(`bad character range ${p.slice(atomAt, b.end)}`, atomAt);
        }
        atoms.push({ set: `${literal(a.atom.cp)}-${literal(b.atom.cp)}` });
        j = b.end;
      } else {
        atoms.push(a.atom);
      }
    }
    this.i = j;
    this.classItem(negated, atoms);
  }

  /** One class member at `j`: a character, an escape, or a shorthand set. */
  private classAtom(j: number): { atom: ClassAtom; end: number } {
    const p = this.p;
    const cp = p.codePointAt(j)!;
    const width = cp > 0xffff ? 2 : 1;
    if (p[j] !== "\\") return { atom: { cp }, end: j + width };
    if (j + 1 >= p.length) throw this.error("unterminated character set", j);
    const e = p.codePointAt(j + 1)!;
    const c = String.fromCodePoint(e);
    const end = j + 1 + c.length;
    switch (c) {
      case "d":
      case "D":
      case "w":
      case "W":
      case "s":
      case "S":
        return { atom: this.shorthand(c), end };
      case "p":
      case "P": {
        const prop = this.property(end);
        return { atom: { set: prop.text }, end: prop.end };
      }
      case "b":
        return { atom: { cp: 8 }, end };
      case "N":
        throw this.unsupported("named character escapes \\N{...} are not supported");
      default: {
        if (OCTAL.includes(c)) {
          let k = end;
          while (k < end + 2 && k < p.length && OCTAL.includes(p[k]!)) k++;
          const value = parseInt(p.slice(j + 1, k), 8);
          if (value > 0o377) throw this.error(`octal escape value \\${p.slice(j + 1, k)} outside of range 0-0o377`, j);
          return { atom: { cp: value }, end: k };
        }
        if (DIGITS.includes(c)) throw this.error(`bad escape \\${c}`, j);
        const known = this.knownEscape(c, end);
        if (known !== null) return { atom: { cp: known.cp }, end: known.end };
        if (ASCII_LETTER.test(c)) throw this.error(`bad escape \\${c}`, j);
        return { atom: { cp: e }, end };
      }
    }
  }

  /**
   * Emits the RE2 form of a class. RE2 classes cannot hold the complement of a multi-range set
   * (`\W` and `\S` in Unicode mode), so those become alternatives (which the engine merges back
   * into one class instruction), or for a negated class an intersection written as a
   * one-character lookbehind (the class, then the lookbehind: its own class and four
   * instructions).
   */
  private classItem(negated: boolean, atoms: readonly ClassAtom[]): void {
    let body = "";
    const complements = new Set<string>();
    // A set written again adds nothing but work (the engine's parser would build it again).
    const sets = new Set<string>();
    for (const a of atoms) {
      if ("cp" in a) body += literal(a.cp);
      else if ("set" in a) {
        if (!sets.has(a.set)) body += a.set;
        sets.add(a.set);
      } else complements.add(a.complementOf);
    }
    if (complements.size === 0) return this.item(`[${negated ? "^" : ""}${body}]`);
    const others = [...complements];
    if (!negated) {
      const alternatives = others.map((s) => `[^${s}]`);
      if (body !== "") alternatives.unshift(`[${body}]`);
      // The engine merges these alternatives into one class.
      return this.item(`(?:${alternatives.join("|")})`);
    }
    // [^\W…] is \w minus the rest; \w and \s are disjoint, so [^\W\S] matches nothing.
    if (others.length > 1) return this.item(NOTHING);
    return body === "" ? this.item(`[${others[0]}]`) : this.item(`(?:[${others[0]}](?<![${body}]))`, 6);
  }

  // --- groups -------------------------------------------------------------------------------

  private groupOpen(): void {
    const p = this.p;
    const at = this.i;
    if (p[at + 1] !== "?") {
      this.openCapture(at, at + 1, null);
      return;
    }
    const c = p[at + 2];
    switch (c) {
      case "P":
        if (p[at + 3] === "<") return this.namedGroup(at, at + 4);
        if (p[at + 3] === "=") throw this.unsupported(`backreferences are not supported ${LINEAR}`);
        throw this.error(p[at + 3] === undefined ? "unexpected end of pattern" : `unknown extension ?P${p[at + 3]}`, at + 1);
      case ":":
        return this.openGroup(at, at + 3, "(?:", false, 0);
      case "=":
      case "!":
        throw this.unsupported(`lookahead assertions are not supported ${LINEAR}`);
      case "<":
        if (p[at + 3] === "=" || p[at + 3] === "!") return this.openGroup(at, at + 4, `(?<${p[at + 3]}`, true, 0);
        return this.namedGroup(at, at + 3);
      case "#": {
        const close = p.indexOf(")", at + 3);
        if (close < 0) throw this.error("missing ), unterminated comment", at);
        this.i = close + 1;
        return;
      }
      case "(":
        throw this.unsupported(`conditional groups are not supported ${LINEAR}`);
      case ">":
        throw this.unsupported("atomic groups are not supported");
      case undefined:
        throw this.error("unexpected end of pattern", at + 2);
      default:
        if ("aiLmsux-".includes(c)) return this.inlineFlags(at);
        throw this.error(`unknown extension ?${c}`, at + 1);
    }
  }

  private openGroup(at: number, end: number, text: string, lookbehind: boolean, capture: number): void {
    this.open.push({ at, lookbehind, capture, verbose: this.verbose, ascii: this.ascii });
    this.sizes.push(sizeFrame());
    if (lookbehind) this.lookbehinds++;
    this.emit(text, "none");
    this.i = end;
  }

  private openCapture(at: number, end: number, name: string | null): void {
    if (this.lookbehinds > 0) throw this.unsupported("capturing groups are not supported inside lookbehind assertions");
    const n = ++this.groupCount;
    this.last.push(n);
    if (name !== null) this.names.set(name, n);
    this.openGroup(at, end, "(", false, n);
  }

  /** `(?P<name>` (or `(?<name>`) whose name starts at `j`. */
  private namedGroup(at: number, j: number): void {
    const close = this.p.indexOf(">", j);
    if (close < 0) throw this.error(j >= this.p.length ? "missing group name" : "missing >, unterminated name", j);
    const name = this.p.slice(j, close);
    if (name === "") throw this.error("missing group name", j);
    if (!IDENTIFIER.test(name)) throw this.error(`bad character in group name '${name}'`, j);
    const previous = this.names.get(name);
    if (previous !== undefined) {
      throw this.error(`redefinition of group name '${name}' as group ${this.groupCount + 1}; was group ${previous}`, j);
    }
    this.openCapture(at, close + 1, name);
  }

  private groupClose(): void {
    const g = this.open.pop();
    if (g === undefined) throw this.error("unbalanced parenthesis", this.i);
    this.verbose = g.verbose;
    this.ascii = g.ascii;
    // The groups opened since this one are inside it.
    if (g.capture !== 0) this.last[g.capture] = this.groupCount;
    if (g.lookbehind) this.lookbehinds--;
    // Repeating an assertion is meaningless; Python rejects repeating anchors the same way.
    this.emit(")", g.lookbehind ? "none" : "item");
    this.closeSize(g);
    this.i++;
  }

  /**
   * Adds a closed group to the enclosing count: its alternatives, two capture instructions if
   * it captures, and for a lookbehind the four instructions that run it (a write, a check, and a
   * loop over one character).
   */
  private closeSize(g: OpenGroup): void {
    const inner = this.sizes.pop()!;
    const size = alternativesSize(inner) + (g.capture !== 0 ? 2 : 0) + (g.lookbehind ? 4 : 0);
    addItem(this.sizes[this.sizes.length - 1]!, size, false, g.lookbehind || inner.nullable);
  }

  /** `(?imsx)` (global, only at the start) or `(?imsx-imsx:…)` (scoped). */
  private inlineFlags(at: number): void {
    const p = this.p;
    let j = at + 2;
    let on = "";
    let off = "";
    while (j < p.length && "aiLmsux".includes(p[j]!)) on += p[j++];
    if (p[j] === "-") {
      j++;
      while (j < p.length && "aiLmsux".includes(p[j]!)) off += p[j++];
      if (off === "") throw this.error("missing flag", j);
    }
    if (j >= p.length) throw this.error("missing -, : or )", j);
    const end = p[j];
    if (end !== ")" && end !== ":") throw this.error(ASCII_LETTER.test(end!) ? "unknown flag" : "missing -, : or )", j);
    if ((on + off).includes("L")) throw this.error("bad inline flags: cannot use 'L' flag with a str pattern", at + 2);
    if (/[au]/.test(off)) throw this.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", at + 2);
    if (on.includes("a") && on.includes("u")) throw this.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", at + 2);
    if (end === ")") {
      if (off !== "") throw this.error("missing :", j);
      if (!this.atStart) throw this.error("global flags not at the start of the expression", at);
      this.globalInline(on);
      this.i = j + 1;
      return;
    }
    const engineOn = on.replace(/[aux]/g, "");
    const engineOff = off.replace(/x/g, "");
    const text = engineOn + (engineOff !== "" ? `-${engineOff}` : "");
    this.openGroup(at, j + 1, `(?${text}:`, false, 0);
    if (on.includes("x")) this.verbose = true;
    if (off.includes("x")) this.verbose = false;
    if (on.includes("a")) this.ascii = true;
    if (on.includes("u")) this.ascii = false;
  }

  private globalInline(on: string): void {
    const letters: Record<string, number> = { i: FLAGS.IGNORECASE, m: FLAGS.MULTILINE, s: FLAGS.DOTALL, x: FLAGS.VERBOSE, a: FLAGS.ASCII, u: FLAGS.UNICODE };
    for (const letter of on) this.globalFlags |= letters[letter]!;
    const all = this.flags | this.globalFlags;
    if ((all & FLAGS.ASCII) !== 0 && (all & FLAGS.UNICODE) !== 0) {
      throw invalidPattern(this.p, "ASCII and UNICODE flags are incompatible");
    }
    if (on.includes("x")) this.verbose = true;
    if (on.includes("a")) this.ascii = true;
  }
}

/**
 * Translates Python pattern `pattern` under Python `flags` (already checked by
 * {@link checkFlags}). Throws the ML `ValueError` for invalid or unsupported patterns.
 */
export function translate(pattern: string, flags: number): Translation {
  return new Translator(pattern, flags).run();
}
