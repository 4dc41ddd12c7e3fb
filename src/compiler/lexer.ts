/**
 * The ML lexer (docs/language/reference.md §1): source text → tokens.
 *
 * Hand-written over char codes (no regular expressions in the hot loop). It never throws:
 * lexical errors become diagnostics (ML1001–ML1005) and lexing continues.
 *
 * The one context-sensitive rule is `//`: right after a complete operand (a name, number, string,
 * `true`/`false`/`null`, `)`, `]`, or a `}` closing an object literal) it is the floor-division
 * operator, otherwise it starts a comment. To know which `}` closes an object literal the lexer
 * keeps a stack with one entry per open `{`, classified when the `{` is seen from the token
 * before it (see {@link OBJECT_PRECEDERS}); after `=>` the next token(s) decide, because
 * `fn() => {}` and `fn() => {a: 1}` have object bodies while `fn() => { return 1; }` has a block.
 */
import type { Position } from "./ast.js";
import { DiagnosticBag, DiagnosticCodes, type Diagnostic } from "./diagnostics.js";
import { KEYWORDS, type Token, type TokenKind } from "./tokens.js";

const keywordKinds: ReadonlyMap<string, TokenKind> = new Map(KEYWORDS.map((k) => [k, k]));

// Character classes, indexed by char code (ASCII only; everything else is "other").
const IDENT_START = 1;
const IDENT_PART = 2;
const DIGIT = 4;
const charClass = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) charClass[c] |= IDENT_START | IDENT_PART;
  if (/[0-9]/.test(ch)) charClass[c] |= DIGIT | IDENT_PART;
}

/** Characters that can start a token or are whitespace: an unexpected-character run stops here. */
const TOKEN_START_CHARS = " \t\r\n\"'`#+-*/%=!<>&|?:.,;()[]{}";

/**
 * Tokens after which a `{` opens an object literal: every token that can precede an expression.
 * (`in` is included because `for (k in {a: 1})` iterates an object literal.) Any other `{` — after
 * `)`, `else`, `try`, `finally`, a capability name, or at statement start (a destructuring
 * pattern) — does not.
 */
const OBJECT_PRECEDERS: ReadonlySet<string> = new Set([
  "=", "(", "[", ",", ":", "?", "return", "throw", "in", "&&", "||", "!",
  "+", "-", "*", "/", "//", "%", "==", "!=", "<", ">", "<=", ">=",
]);

// Brace stack entries.
const BRACE_BLOCK = 0;
const BRACE_OBJECT = 1;
/** After `=>`: object when followed by `}` or by a NAME/STRING and `:`, otherwise a block. */
const BRACE_PENDING = 2;

// States of the `=> {` look-ahead.
const ARROW_NONE = 0;
const ARROW_FIRST = 1;
const ARROW_KEY = 2;

/** The result of {@link tokenize}. */
export interface TokenizeResult {
  /** All tokens, ending with one `EOF` token. */
  tokens: Token[];
  diagnostics: Diagnostic[];
}

/**
 * Splits ML source into tokens. Never throws; lexical errors are returned as diagnostics.
 *
 * @param source the ML source text
 * @param file the file name used in diagnostics (default `<input>`)
 */
export function tokenize(source: string, file = "<input>"): TokenizeResult {
  const bag = new DiagnosticBag(file);
  const tokens = lex(source, bag);
  return { tokens, diagnostics: bag.items };
}

/**
 * Tokenizes all of `source`, reporting lexical errors into `bag`.
 *
 * @returns the tokens, the last one always of kind `EOF`
 */
export function lex(source: string, bag: DiagnosticBag): Token[] {
  const lexer = new Lexer(source, bag);
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    tokens.push(t);
    if (t.kind === "EOF") return tokens;
  }
}

/**
 * The lexer proper. The parser pulls tokens one at a time with {@link next}, so tokens it has
 * consumed can be garbage-collected young (a large file's token array would otherwise be
 * promoted to the old generation, which dominates the cost of lexing).
 */
export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private newline = true;
  private prevKind: TokenKind | null = null;
  private prevOperand = false;
  private readonly braces: number[] = [];
  private arrowState = ARROW_NONE;
  private arrowIndex = -1;
  /** The first `#` comment's diagnostic and the lines of the others (see {@link listHashComments}). */
  private hashComments: { diagnostic: Diagnostic; lines: number[]; count: number } | null = null;

  /** Lists the lines of the `#` comments after the first in the first one's hint. */
  private listHashComments(): void {
    const h = this.hashComments;
    if (h === null || h.count === 0) return;
    const shown = h.lines.map(String);
    const rest = h.count - shown.length;
    const list = rest > 0 ? `${shown.join(", ")} and ${rest} more`
      : shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown[0]!;
    h.diagnostic.suggestion = `write // … (or /* … */ inside a line); '#' also starts a comment on line${h.count > 1 ? "s" : ""} ${list}`;
  }

  /** The line of the last floor-division `//` (a `#` after one is not read as a comment). */
  private floorDivLine = 0;
  /** The token produced by the current scan. */
  private token: Token | null = null;
  /** The end position of the last token emitted, reused as the next one's start when they touch. */
  private lastEnd: Position | null = null;
  private eof: Token | null = null;

  constructor(
    private readonly src: string,
    private readonly bag: DiagnosticBag,
  ) {
    // A UTF-8 byte-order mark is invisible in editors: skip it and keep columns as displayed.
    if (src.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  /** The next token; at the end of input, the same `EOF` token on every call. */
  next(): Token {
    if (this.eof !== null) return this.eof;
    const src = this.src;
    const len = src.length;
    this.token = null;
    do {
      this.skipTrivia();
      const pos = this.pos;
      if (pos >= len) {
        this.listHashComments();
        const at = this.here(len);
        this.eof = { kind: "EOF", value: "", number: NaN, start: at, end: at, newlineBefore: true };
        return this.eof;
      }
      const c = src.charCodeAt(pos);
      if (c < 128 && (charClass[c] & IDENT_START) !== 0) {
        this.scanWord(pos);
      } else if (c < 128 && (charClass[c] & DIGIT) !== 0) {
        this.scanNumber(pos);
      } else if (c === 34 /* " */ || c === 39 /* ' */) {
        this.scanString(pos, c);
      } else {
        this.scanPunctuator(pos, c); // an unexpected character produces no token: scan again
      }
    } while (this.token === null);
    return this.token;
  }

  /** The position of `offset`, which must be on the current line. */
  private here(offset: number): Position {
    // A token that starts where the previous one ended shares its end position (positions are
    // never mutated): `f(x)` makes three positions fewer, and every one is garbage to collect.
    const last = this.lastEnd;
    if (last !== null && last.offset === offset) return last;
    return { line: this.line, column: offset - this.lineStart + 1, offset };
  }

  /** Skips whitespace and comments (a `//` after an operand is not a comment: it is left alone). */
  private skipTrivia(): void {
    const src = this.src;
    const len = src.length;
    let pos = this.pos;
    while (pos < len) {
      const c = src.charCodeAt(pos);
      if (c === 32 || c === 9) {
        pos++;
      } else if (c === 10) {
        pos++;
        this.line++;
        this.lineStart = pos;
        this.newline = true;
      } else if (c === 13) {
        pos++;
        if (src.charCodeAt(pos) === 10) pos++;
        this.line++;
        this.lineStart = pos;
        this.newline = true;
      } else if (c === 47 /* / */) {
        const d = src.charCodeAt(pos + 1);
        if (d === 47 && !this.prevOperand) {
          pos += 2;
          while (pos < len) {
            const e = src.charCodeAt(pos);
            if (e === 10 || e === 13) break;
            pos++;
          }
        } else if (d === 42 /* * */) {
          pos = this.skipBlockComment(pos);
        } else {
          break;
        }
      } else {
        break;
      }
    }
    this.pos = pos;
  }

  /** Skips a `/* … *\/` comment starting at `start`; returns the offset after it. */
  private skipBlockComment(start: number): number {
    const src = this.src;
    const close = src.indexOf("*/", start + 2);
    const stop = close === -1 ? src.length : close + 2;
    const startPos = this.here(start);
    this.countLines(start + 2, stop);
    if (close === -1) {
      this.bag.error(
        DiagnosticCodes.UnterminatedComment,
        "unterminated block comment",
        { start: startPos, end: { ...startPos, column: startPos.column + 2, offset: start + 2 } },
        "close the comment with '*/'",
      );
    }
    return stop;
  }

  /** Advances the line counter over the line breaks in `src[from, to)`. */
  private countLines(from: number, to: number): void {
    const src = this.src;
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c === 10) {
        this.line++;
        this.lineStart = i + 1;
      } else if (c === 13) {
        if (src.charCodeAt(i + 1) === 10) i++;
        this.line++;
        this.lineStart = i + 1;
      }
    }
  }

  /** Appends a token and updates the state the `//` rule and the brace stack depend on. */
  private emit(kind: TokenKind, value: string, number: number, start: Position, endOffset: number, operand: boolean): void {
    const end = { line: this.line, column: endOffset - this.lineStart + 1, offset: endOffset };
    this.lastEnd = end;
    this.token = { kind, value, number, start, end, newlineBefore: this.newline };
    this.newline = false;
    this.pos = endOffset;
    if (this.arrowState !== ARROW_NONE) this.resolveArrowBrace(kind);
    this.prevKind = kind;
    this.prevOperand = operand;
  }

  /** Decides whether the `{` after `=>` opens an object literal, from the tokens that follow it. */
  private resolveArrowBrace(kind: TokenKind): void {
    if (this.arrowState === ARROW_FIRST) {
      if (kind === "}") {
        this.braces[this.arrowIndex] = BRACE_OBJECT;
        this.arrowState = ARROW_NONE;
      } else if (kind === "Name" || kind === "String" || keywordKinds.has(kind)) {
        this.arrowState = ARROW_KEY;
      } else {
        this.braces[this.arrowIndex] = BRACE_BLOCK;
        this.arrowState = ARROW_NONE;
      }
    } else {
      this.braces[this.arrowIndex] = kind === ":" ? BRACE_OBJECT : BRACE_BLOCK;
      this.arrowState = ARROW_NONE;
    }
  }

  private scanWord(start: number): void {
    const src = this.src;
    const len = src.length;
    let pos = start + 1;
    while (pos < len) {
      const c = src.charCodeAt(pos);
      if (c >= 128 || (charClass[c] & IDENT_PART) === 0) break;
      pos++;
    }
    const word = src.slice(start, pos);
    if ((word === "f" || word === "F") && (src.charCodeAt(pos) === 34 || src.charCodeAt(pos) === 39)) {
      return this.scanFString(start, pos);
    }
    if ((word === "r" || word === "R") && (src.charCodeAt(pos) === 34 || src.charCodeAt(pos) === 39)) {
      // Python's raw string: one error, then the string as ML reads it.
      const startPos = this.here(start);
      this.scanString(pos, src.charCodeAt(pos));
      this.bag.error(DiagnosticCodes.UnexpectedCharacter, "ML has no raw strings", { start: startPos, end: { ...startPos, column: startPos.column + 1, offset: start + 1 } },
        "drop the 'r': backslash sequences ML does not know, such as \\d, stay as written (write \\\\ for a backslash)");
      return;
    }
    const keyword = keywordKinds.get(word);
    if (keyword === undefined) {
      this.emit("Name", word, NaN, this.here(start), pos, true);
    } else {
      // A keyword after `.` is a member name (`o.if`), so it is an operand like any name.
      const operand = keyword === "true" || keyword === "false" || keyword === "null" || this.prevKind === ".";
      this.emit(keyword, word, NaN, this.here(start), pos, operand);
    }
  }

  private scanNumber(start: number): void {
    const src = this.src;
    const len = src.length;
    let pos = start;
    let error: string | null = null;
    const c0 = src.charCodeAt(pos);
    const c1 = src.charCodeAt(pos + 1) | 0x20; // lower-cased
    if (c0 === 48 /* 0 */ && (c1 === 120 /* x */ || c1 === 111 /* o */ || c1 === 98 /* b */)) {
      const base = c1 === 120 ? 16 : c1 === 111 ? 8 : 2;
      const baseName = base === 16 ? "hexadecimal" : base === 8 ? "octal" : "binary";
      pos += 2;
      const digitsStart = pos;
      while (pos < len) {
        const c = src.charCodeAt(pos);
        if (c >= 128 || (charClass[c] & IDENT_PART) === 0) break;
        if (error === null && digitValue(c) >= base) {
          error = `invalid digit '${String.fromCharCode(c)}' in ${baseName} literal`;
        }
        pos++;
      }
      if (pos === digitsStart) error = `${baseName} literal '${src.slice(start, pos)}' has no digits`;
    } else {
      while (pos < len && isDigit(src.charCodeAt(pos))) pos++;
      if (src.charCodeAt(pos) === 46 /* . */) {
        pos++;
        while (pos < len && isDigit(src.charCodeAt(pos))) pos++;
      }
      const e = src.charCodeAt(pos);
      if (e === 101 || e === 69 /* e E */) {
        pos++;
        const sign = src.charCodeAt(pos);
        if (sign === 43 || sign === 45) pos++;
        if (isDigit(src.charCodeAt(pos))) {
          while (pos < len && isDigit(src.charCodeAt(pos))) pos++;
        } else {
          error = "exponent has no digits";
        }
      }
      // Letters or digits glued to a number (`12abc`, `1.5x`, `0b1e`) make the whole run invalid.
      const next = src.charCodeAt(pos);
      if (next < 128 && (charClass[next] & IDENT_PART) !== 0) {
        while (pos < len) {
          const c = src.charCodeAt(pos);
          if (c >= 128 || (charClass[c] & IDENT_PART) === 0) break;
          pos++;
        }
        error = `invalid number '${src.slice(start, pos)}'`;
      }
    }
    const raw = src.slice(start, pos);
    const startPos = this.here(start);
    let value = 0;
    if (error === null) {
      value = Number(raw);
    } else {
      this.bag.error(DiagnosticCodes.InvalidNumber, error, { start: startPos, end: this.here(pos) });
    }
    this.emit("Number", raw, value, startPos, pos, true);
  }

  private scanString(start: number, quote: number): void {
    const startPos = this.here(start);
    const startLine = this.line;
    const startLineStart = this.lineStart;
    const escapes: Diagnostic[] = [];
    let end = this.scanStringBody(start, quote, false, escapes);
    if (end === -1) {
      // Unterminated: rather than swallow the rest of the file, end the string at the end of its
      // first line and lex what follows as code, so later errors are still reported.
      this.line = startLine;
      this.lineStart = startLineStart;
      escapes.length = 0;
      end = this.scanStringBody(start, quote, true, escapes);
      for (const d of escapes) this.bag.items.push(d);
      this.bag.error(
        DiagnosticCodes.UnterminatedString,
        "unterminated string literal",
        { start: startPos, end: this.here(end) },
        `close the string with ${quote === 34 ? "'\"'" : `"'"`}`,
      );
      this.emit("String", this.stringValue, NaN, startPos, end, true);
      return;
    }
    for (const d of escapes) this.bag.items.push(d);
    this.emit("String", this.stringValue, NaN, startPos, end, true);
  }

  /** The value computed by the last {@link scanStringBody}. */
  private stringValue = "";

  /**
   * Scans a string literal from its opening quote at `start`, processing escapes into
   * {@link stringValue}. Returns the offset after the closing quote, or -1 at end of input. With
   * `stopAtNewline` it stops before the first line break and returns that offset.
   */
  private scanStringBody(start: number, quote: number, stopAtNewline: boolean, escapes: Diagnostic[]): number {
    const src = this.src;
    const len = src.length;
    let pos = start + 1;
    let segment = pos;
    let value = "";
    while (pos < len) {
      const c = src.charCodeAt(pos);
      if (c === quote) {
        this.stringValue = value + src.slice(segment, pos);
        return pos + 1;
      }
      if (c === 92 /* \ */) {
        value += src.slice(segment, pos);
        pos = this.scanEscape(pos, escapes);
        value += this.escapeValue;
        segment = pos;
      } else if (c === 10 || c === 13) {
        if (stopAtNewline) {
          this.stringValue = value + src.slice(segment, pos);
          return pos;
        }
        if (c === 13 && src.charCodeAt(pos + 1) === 10) pos++;
        pos++;
        this.line++;
        this.lineStart = pos;
      } else {
        pos++;
      }
    }
    this.stringValue = value + src.slice(segment, pos);
    return stopAtNewline ? pos : -1;
  }

  /** The text produced by the last {@link scanEscape}. */
  private escapeValue = "";

  /** Processes the escape whose backslash is at `pos`; returns the offset after it. */
  private scanEscape(pos: number, escapes: Diagnostic[]): number {
    const src = this.src;
    const c = src.charCodeAt(pos + 1);
    switch (c) {
      case 110: this.escapeValue = "\n"; return pos + 2; // n
      case 116: this.escapeValue = "\t"; return pos + 2; // t
      case 114: this.escapeValue = "\r"; return pos + 2; // r
      case 48: this.escapeValue = "\0"; return pos + 2; // 0
      case 92: this.escapeValue = "\\"; return pos + 2;
      case 39: this.escapeValue = "'"; return pos + 2;
      case 34: this.escapeValue = '"'; return pos + 2;
      case 120: { // x
        const h1 = hexValue(src.charCodeAt(pos + 2));
        const h2 = hexValue(src.charCodeAt(pos + 3));
        if (h1 >= 0 && h2 >= 0) {
          this.escapeValue = String.fromCharCode(h1 * 16 + h2);
          return pos + 4;
        }
        const bad = h1 >= 0 ? pos + 3 : pos + 2;
        escapes.push(this.escapeError(pos, bad, "invalid escape sequence: '\\x' must be followed by two hexadecimal digits"));
        this.escapeValue = "\\x";
        return pos + 2;
      }
      case 117: { // u
        if (src.charCodeAt(pos + 2) === 123 /* { */) {
          let p = pos + 3;
          let code = 0;
          while (p < src.length && hexValue(src.charCodeAt(p)) >= 0 && p - (pos + 3) < 7) {
            code = code * 16 + hexValue(src.charCodeAt(p));
            p++;
          }
          const digits = p - (pos + 3);
          if (src.charCodeAt(p) === 125 /* } */ && digits >= 1 && digits <= 6 && code <= 0x10ffff) {
            this.escapeValue = String.fromCodePoint(code);
            return p + 1;
          }
          const message = digits >= 1 && code > 0x10ffff
            ? "invalid escape sequence: code point is larger than 10FFFF"
            : "invalid escape sequence: '\\u{' must be followed by 1 to 6 hexadecimal digits and '}'";
          escapes.push(this.escapeError(pos, p, message));
          this.escapeValue = "\\u";
          return pos + 2;
        }
        let p = pos + 2;
        let code = 0;
        while (p < pos + 6 && hexValue(src.charCodeAt(p)) >= 0) {
          code = code * 16 + hexValue(src.charCodeAt(p));
          p++;
        }
        if (p === pos + 6) {
          this.escapeValue = String.fromCharCode(code);
          return p;
        }
        escapes.push(this.escapeError(pos, p, "invalid escape sequence: '\\u' must be followed by four hexadecimal digits or '{…}'"));
        this.escapeValue = "\\u";
        return pos + 2;
      }
      default:
        // Any other sequence is kept verbatim, backslash included; the character after the
        // backslash is then scanned normally (it may be a line break, or the end of input).
        this.escapeValue = "\\";
        return pos + 1;
    }
  }

  /** An ML1005 diagnostic for the malformed escape in `src[from, to)` (on the current line). */
  private escapeError(from: number, to: number, message: string): Diagnostic {
    return {
      code: DiagnosticCodes.InvalidEscape,
      severity: "error",
      message,
      file: this.bag.file,
      loc: { start: this.here(from), end: this.here(Math.max(to, from + 2)) },
      suggestion: "write '\\\\' for a literal backslash",
    };
  }

  private scanPunctuator(pos: number, c: number): void {
    const src = this.src;
    const d = src.charCodeAt(pos + 1);
    switch (c) {
      case 40: return this.punct("(", pos, 1, false);
      case 41: return this.punct(")", pos, 1, true);
      case 91: return this.punct("[", pos, 1, false);
      case 93: return this.punct("]", pos, 1, true);
      case 123: return this.openBrace(pos);
      case 125: return this.closeBrace(pos);
      case 44: return this.punct(",", pos, 1, false);
      case 59: return this.punct(";", pos, 1, false);
      case 58: return this.punct(":", pos, 1, false);
      case 63: return this.punct("?", pos, 1, false);
      case 43: return this.punct("+", pos, 1, false);
      case 45: return this.punct("-", pos, 1, false);
      case 42: return this.punct("*", pos, 1, false);
      case 37: return this.punct("%", pos, 1, false);
      case 47: // `/*` and a comment `//` were consumed as trivia, so `//` here is floor division.
        if (d !== 47) return this.punct("/", pos, 1, false);
        this.floorDivLine = this.line;
        return this.punct("//", pos, 2, false);
      case 46:
        if (d >= 48 && d <= 57) return this.scanNumber(pos);
        return this.punct(".", pos, 1, false);
      case 61:
        if (d === 61) return this.punct("==", pos, 2, false);
        if (d === 62) return this.punct("=>", pos, 2, false);
        return this.punct("=", pos, 1, false);
      case 33:
        return d === 61 ? this.punct("!=", pos, 2, false) : this.punct("!", pos, 1, false);
      case 60:
        return d === 61 ? this.punct("<=", pos, 2, false) : this.punct("<", pos, 1, false);
      case 62:
        return d === 61 ? this.punct(">=", pos, 2, false) : this.punct(">", pos, 1, false);
      case 38:
        if (d === 38) return this.punct("&&", pos, 2, false);
        return this.unexpected(pos, pos + 1, "use '&&' for logical and (there are no bitwise operators)");
      case 124:
        if (d === 124) return this.punct("||", pos, 2, false);
        return this.unexpected(pos, pos + 1, "use '||' for logical or (there are no bitwise operators)");
      case 96: // `
        return this.scanTemplate(pos);
      case 35: { // #: a Python comment, reported and then skipped as one
        // After a floor division on this line, the `//` was the comment: ML1011 explains it.
        if (this.floorDivLine === this.line) return this.unexpected(pos, pos + 1, undefined);
        let end = pos + 1;
        while (end < src.length && src.charCodeAt(end) !== 10 && src.charCodeAt(end) !== 13) end++;
        // One error for the habit: the first `#` comment's hint lists the lines of the others.
        if (this.hashComments === null) {
          this.bag.error(DiagnosticCodes.UnexpectedCharacter, HASH_COMMENT_MESSAGE, { start: this.here(pos), end: this.here(pos + 1) },
            "write // … (or /* … */ inside a line)");
          this.hashComments = { diagnostic: this.bag.items[this.bag.items.length - 1]!, lines: [], count: 0 };
        } else {
          if (this.hashComments.lines.length < 5) this.hashComments.lines.push(this.line);
          this.hashComments.count++;
        }
        this.pos = end;
        return;
      }
      default: {
        // A run of characters that cannot start a token is reported once.
        let end = pos;
        while (end < src.length) {
          const e = src.charCodeAt(end);
          if (e < 128 && (charClass[e] !== 0 || TOKEN_START_CHARS.includes(String.fromCharCode(e)))) break;
          end += e >= 0xd800 && e <= 0xdbff && end + 1 < src.length ? 2 : 1;
        }
        return this.unexpected(pos, end, undefined);
      }
    }
  }

  /**
   * A Python f-string `f"…{x}…"` (the `f` at `start`, the quote at `quote`): reported once, with
   * the concatenation it stands for as the hint, and read as the plain string.
   */
  private scanFString(start: number, quote: number): void {
    const startPos = this.here(start);
    this.scanString(quote, this.src.charCodeAt(quote));
    const token = this.token!;
    const value = token.value;
    const parts: TemplatePart[] = [];
    let text = "";
    for (let i = 0; i < value.length; i++) {
      const ch = value[i]!;
      if ((ch === "{" || ch === "}") && value[i + 1] === ch) {
        text += ch;
        i++;
      } else if (ch === "{") {
        const close = value.indexOf("}", i);
        if (close === -1) {
          text += value.slice(i);
          break;
        }
        if (text !== "") parts.push({ literal: true, text });
        text = "";
        const inside = value.slice(i + 1, close).trim();
        const colon = inside.indexOf(":");
        parts.push({ literal: false, text: colon > 0 ? `format(${inside.slice(0, colon).trim()}, ${JSON.stringify(inside.slice(colon + 1))})` : inside });
        i = close;
      } else {
        text += ch;
      }
    }
    if (text !== "") parts.push({ literal: true, text });
    this.bag.error(DiagnosticCodes.UnexpectedCharacter, "ML has no f-strings", { start: startPos, end: token.end }, interpolationHint(parts));
  }

  /**
   * A JavaScript template literal: reported once, with the concatenation it stands for as the
   * hint, and read as a string of its text so that what follows parses normally. Unterminated,
   * it ends at the end of its first line, like a string.
   */
  private scanTemplate(start: number): void {
    const src = this.src;
    const len = src.length;
    const startPos = this.here(start);
    const parts: TemplatePart[] = [];
    let text = "";
    let pos = start + 1;
    let end = -1;
    while (pos < len) {
      const c = src.charCodeAt(pos);
      if (c === 96) {
        end = pos + 1;
        break;
      }
      if (c === 92 /* \ */ && pos + 1 < len) {
        text += src.slice(pos, pos + 2);
        pos += 2;
      } else if (c === 36 /* $ */ && src.charCodeAt(pos + 1) === 123 /* { */) {
        // `${expression}`: up to the matching `}` (nested braces counted, strings not parsed).
        let depth = 1;
        let q = pos + 2;
        while (q < len && depth > 0) {
          const e = src.charCodeAt(q);
          if (e === 123) depth++;
          else if (e === 125) depth--;
          else if (e === 96) break;
          q++;
        }
        if (depth > 0) {
          pos = q;
          continue;
        }
        if (text !== "") parts.push({ literal: true, text });
        text = "";
        parts.push({ literal: false, text: src.slice(pos + 2, q - 1).trim() });
        pos = q;
      } else {
        text += src[pos];
        pos++;
      }
    }
    if (text !== "") parts.push({ literal: true, text });
    if (end === -1) {
      // Unterminated: end at the end of the first line, like an unterminated string.
      end = start + 1;
      while (end < len && src.charCodeAt(end) !== 10 && src.charCodeAt(end) !== 13) end++;
    }
    this.countLines(start + 1, end);
    this.bag.error(DiagnosticCodes.UnexpectedCharacter, "ML has no template literals", { start: startPos, end: this.here(end) },
      interpolationHint(parts));
    this.emit("String", parts.map((p) => (p.literal ? p.text : `\${${p.text}}`)).join(""), NaN, startPos, end, true);
  }

  private punct(kind: TokenKind, pos: number, length: number, operand: boolean): void {
    this.emit(kind, kind, NaN, this.here(pos), pos + length, operand);
  }

  private openBrace(pos: number): void {
    const prev = this.prevKind;
    const entry = prev === "=>" ? BRACE_PENDING : prev !== null && OBJECT_PRECEDERS.has(prev) ? BRACE_OBJECT : BRACE_BLOCK;
    // emit() resolves an enclosing pending `=> {` first: `=> {{` makes the outer brace a block.
    this.emit("{", "{", NaN, this.here(pos), pos + 1, false);
    this.braces.push(entry);
    if (entry === BRACE_PENDING) {
      this.arrowState = ARROW_FIRST;
      this.arrowIndex = this.braces.length - 1;
    }
  }

  private closeBrace(pos: number): void {
    // Resolve a pending `=> {` before popping: `=> {}` is an empty object.
    if (this.arrowState !== ARROW_NONE) this.resolveArrowBrace("}");
    const entry = this.braces.length > 0 ? this.braces.pop()! : BRACE_BLOCK;
    this.emit("}", "}", NaN, this.here(pos), pos + 1, entry === BRACE_OBJECT);
  }

  /** Reports the unexpected characters in `src[from, to)` and skips them. */
  private unexpected(from: number, to: number, suggestion: string | undefined): void {
    // A long run is shown by its first characters and its length.
    const chars = [...this.src.slice(from, Math.min(to, from + 2 * SHOWN_CHARACTERS))].slice(0, SHOWN_CHARACTERS);
    const cut = chars.join("").length < to - from;
    const printable = chars.every(isPrintable);
    const text = printable ? `'${chars.join("")}${cut ? "…" : ""}'` : `${chars.map(showChar).join(" ")}${cut ? " …" : ""}`;
    const shown = cut ? `${text} (${to - from} characters)` : text;
    const message = chars.length === 1 && !cut ? `unexpected character ${shown}` : `unexpected characters ${shown}`;
    this.bag.error(DiagnosticCodes.UnexpectedCharacter, message, { start: this.here(from), end: this.here(to) }, suggestion);
    this.pos = to;
  }
}

/** A literal text or an interpolated expression of a template literal or f-string. */
interface TemplatePart {
  literal: boolean;
  text: string;
}

/**
 * The hint for an interpolating string: the same string built with `+` and with `%` formatting
 * (`"hello " + name`, `"hello %s" % [name]`), or a generic hint when they would be long.
 */
function interpolationHint(parts: readonly TemplatePart[]): string {
  const exprs = parts.filter((p) => !p.literal);
  const generic = 'build the string with +, as in "hello " + name, or with %, as in "hello %s" % [name]';
  if (exprs.length === 0 || parts.some((p) => p.text.length > 40 || /[\r\n`]/.test(p.text))) {
    return exprs.length === 0 ? "write it as a string in double quotes" : generic;
  }
  const operand = (p: TemplatePart, i: number): string => {
    if (p.literal) return JSON.stringify(p.text);
    // The first operand must be a string for `+` to concatenate; one with an operator binding
    // as loosely as `+` is parenthesized.
    if (i === 0 && (parts.length === 1 || !parts[1]!.literal)) return `str(${p.text})`;
    return /[-+?|&=<>!]/.test(p.text) ? `(${p.text})` : p.text;
  };
  const plus = parts.map(operand).join(" + ");
  const format = `${JSON.stringify(parts.map((p) => (p.literal ? p.text.replace(/%/g, "%%") : "%s")).join(""))} % [${exprs.map((p) => p.text).join(", ")}]`;
  const hint = `write ${plus}, or ${format}`;
  return hint.length <= 120 ? hint : generic;
}

/** The message of the one error for `#` comments (kept even inside code skipped by the parser). */
export const HASH_COMMENT_MESSAGE = "ML comments start with '//', not '#'";

/** Characters of an unexpected run shown in its diagnostic. */
const SHOWN_CHARACTERS = 32;

/** False for control characters, invisible spaces and lone surrogates, which are shown as `U+XXXX`. */
function isPrintable(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return !(cp < 32 || (cp >= 0x7f && cp <= 0xa0) || cp === 0xfeff || (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0xd800 && cp <= 0xdfff));
}

/** `'x'` for a printable character, `U+0007` for others. */
function showChar(ch: string): string {
  return isPrintable(ch) ? `'${ch}'` : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The value of a hex digit, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** The value of a digit in any base up to 36 (letters count as digits), or 99. */
function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 122) return l - 87;
  return 99;
}

/**
 * Decodes one complete string literal (quotes included) as the lexer would, or returns null when
 * `raw` is not exactly one valid string literal. Used by the printer to keep literals as written.
 */
export function decodeStringLiteral(raw: string): string | null {
  const { tokens, diagnostics } = tokenize(raw);
  if (diagnostics.length > 0 || tokens.length !== 2) return null;
  const t = tokens[0]!;
  return t.kind === "String" && t.start.offset === 0 && t.end.offset === raw.length ? t.value : null;
}

/**
 * Decodes one complete number literal as the lexer would, or returns null when `raw` is not
 * exactly one valid number literal.
 */
export function decodeNumberLiteral(raw: string): number | null {
  const { tokens, diagnostics } = tokenize(raw);
  if (diagnostics.length > 0 || tokens.length !== 2) return null;
  const t = tokens[0]!;
  return t.kind === "Number" && t.start.offset === 0 && t.end.offset === raw.length ? t.number : null;
}
