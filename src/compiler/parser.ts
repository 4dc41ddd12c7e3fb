/**
 * The ML parser (docs/language/reference.md §2): tokens → AST.
 *
 * Hand-written recursive descent; binary operators use precedence climbing, so a leaf costs two
 * calls instead of one per precedence level. It never throws and always returns a Program: errors
 * become diagnostics, broken expressions become `ErrorExpression` placeholders, and the parser
 * re-synchronises (at `,` and the closer inside lists; at `;`, `}`, a statement keyword or a new
 * line between statements) so one pass reports every error it can.
 */
import type * as AST from "./ast.js";
import { DiagnosticBag, DiagnosticCodes, quoted as cut, sortDiagnostics, type Diagnostic, type DiagnosticCode } from "./diagnostics.js";
import { HASH_COMMENT_MESSAGE, Lexer } from "./lexer.js";
import { didYouMean } from "./suggest.js";
import { describeToken, isKeyword, isWordKind, type Token, type TokenKind } from "./tokens.js";

/** The result of {@link parse}. */
export interface ParseResult {
  program: AST.Program;
  /** Lexical and syntax errors, sorted by position. */
  diagnostics: Diagnostic[];
}

/**
 * Parses ML source into a Program. Never throws; syntax errors are returned as diagnostics and
 * the program then contains `ErrorExpression` placeholders.
 *
 * @param source the ML source text
 * @param file the file name used in diagnostics (default `<input>`)
 */
export function parse(source: string, file = "<input>"): ParseResult {
  const bag = new DiagnosticBag(file);
  const parser = new Parser(source, new Lexer(source, bag), bag);
  const program = parser.parseProgram();
  return { program, diagnostics: sortDiagnostics(dropSkippedNoise(dropCommentNoise(bag.items), parser.skipped)) };
}

/**
 * Lexical errors inside code skipped as another language's (a Python `def` body) only repeat the
 * error reported for it, so they are dropped; the one error for `#` comments stays (it lists the
 * comments of the whole file). `skipped` holds
 * [start, end) offset pairs in increasing order.
 */
function dropSkippedNoise(items: Diagnostic[], skipped: readonly number[]): Diagnostic[] {
  if (skipped.length === 0) return items;
  return items.filter((d) => {
    if (d.code >= "ML1010" || d.message === HASH_COMMENT_MESSAGE) return true;
    const at = d.loc.start.offset;
    // The last range starting at or before `at` (binary search over the starts).
    let lo = 0;
    let hi = skipped.length / 2 - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (skipped[2 * mid]! <= at) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 || at >= skipped[2 * found + 1]!;
  });
}

/**
 * Text after a floor division that was meant as a comment (ML1011) often contains an apostrophe
 * or other characters that are not valid code (`x = 7 // don't`). The lexical errors on the rest
 * of that line only repeat what ML1011 says, so they are dropped.
 */
function dropCommentNoise(items: Diagnostic[]): Diagnostic[] {
  // Line → offset of its first ML1011 (a lookup per diagnostic, not a scan).
  const floorDivs = new Map<number, number>();
  for (const d of items) {
    if (d.code !== DiagnosticCodes.FloorDivisionNotComment) continue;
    const seen = floorDivs.get(d.loc.start.line);
    if (seen === undefined || d.loc.start.offset < seen) floorDivs.set(d.loc.start.line, d.loc.start.offset);
  }
  if (floorDivs.size === 0) return items;
  return items.filter((d) => !(d.code < "ML1010" && (floorDivs.get(d.loc.start.line) ?? Infinity) < d.loc.start.offset));
}

/**
 * Nesting deeper than this (parentheses, blocks, unary operators, arrow bodies) is a syntax error,
 * so neither this parser nor the later recursive phases can overflow the JavaScript stack.
 */
export const MAX_NESTING_DEPTH = 200;

/** Binding power of binary operators; 0 for tokens that are not binary operators. */
const PRECEDENCE: ReadonlyMap<TokenKind, number> = new Map<TokenKind, number>([
  ["||", 1], ["&&", 2],
  ["==", 3], ["!=", 3],
  ["<", 4], [">", 4], ["<=", 4], [">=", 4],
  ["+", 5], ["-", 5],
  ["*", 6], ["/", 6], ["//", 6], ["%", 6],
]);

/** Tokens that begin a statement which cannot be part of an expression: safe points to resume at. */
const STATEMENT_KEYWORDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  "function", "if", "while", "for", "try", "throw", "return", "break", "continue", "nonlocal",
  "import", "capability",
]);

/** Lines listed in the hint of the one "expected ';'" error for lines without `;`. */
const MAX_LISTED_LINES = 5;

/** JavaScript's declaration words: a name after one of them means a declaration was intended. */
const DECLARATION_WORDS: ReadonlySet<string> = new Set(["let", "const", "var"]);

/** Tokens that can begin an expression. */
const EXPRESSION_STARTS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  "Name", "Number", "String", "true", "false", "null", "fn", "(", "[", "{", "!", "-",
]);

/** Tokens that can end an operand: an `=` after one was probably meant as `==`. */
const OPERAND_ENDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  "Name", "Number", "String", "true", "false", "null", ")", "]", "}",
]);

/** Where a Python comprehension was written: `[… for …]`, `{k: v for …}` or `f(… for …)`. */
type ComprehensionKind = "list" | "dict" | "generator";

/** How {@link Parser.skip} decides where to stop. */
interface SkipStops {
  /** Stop at a `,` at nesting depth 0 (list items). */
  comma?: boolean;
  /** Stop at this closer at depth 0 (lists, brackets). */
  close?: TokenKind;
  /** Stop at a `{` at depth 0 (the block after a broken `if (…` header). */
  openBrace?: boolean;
  /** Stop at the first token on a new line at depth 0 (between statements). */
  newline?: boolean;
  /** Skip `;` and statement keywords at depth 0 instead of stopping (a `for (…;…;…)` header). */
  throughStatements?: boolean;
}

class Parser {
  /** Number of tokens consumed so far (progress checks compare it). */
  private i = 0;
  private tok: Token;
  /** Tokens after {@link tok} already pulled from the lexer by {@link peek}. */
  private readonly ahead: Token[] = [];
  /** The last consumed token (the first token before anything is consumed). */
  private prev: Token;
  private depth = 0;
  /** Number of times {@link enter} refused to go deeper. */
  private tooDeep = 0;
  /** Number of enclosing blocks: 0 at the top level of the module. */
  private blockDepth = 0;
  /** Offset of the token the last syntax error was reported at: one error per token. */
  private lastErrorOffset = -1;
  /** Offset of the simple statement whose target is being parsed (-1 elsewhere), for `x += 1`. */
  private statementStart = -1;
  /**
   * The first "expected ';'" error at the end of a line, and the other lines missing their `;`
   * (only counted past {@link MAX_LISTED_LINES}): one diagnostic for the habit.
   */
  private missingSemicolons: { diagnostic: Diagnostic; lines: number[]; more: number } | null = null;
  /** The name being assigned and the offset of its value, while `name = value` parses its value. */
  private assignedValue: { offset: number; name: string } | null = null;
  /** The ML header of a Python `if x > 1:` / `for x in xs:` whose `:` comes next (for its hint). */
  private pythonHeader: string | null = null;
  /** Offset ranges skipped as another language's code: start, end, start, end… (increasing). */
  readonly skipped: number[] = [];
  /** The last floor-division `//` of the current statement, for ML1011. */
  private floorDiv: Token | null = null;
  /** The token after {@link floorDiv}. */
  private floorDivNext: Token | null = null;
  private floorDivReported = false;

  constructor(
    private readonly source: string,
    private readonly lexer: Lexer,
    private readonly bag: DiagnosticBag,
  ) {
    this.tok = lexer.next();
    this.prev = this.tok;
  }

  // -------------------------------------------------------------------------------------------
  // Token helpers
  // -------------------------------------------------------------------------------------------

  private next(): Token {
    const t = this.tok;
    this.prev = t;
    if (t.kind !== "EOF") {
      this.i++;
      this.tok = this.ahead.length > 0 ? this.ahead.shift()! : this.lexer.next();
    }
    return t;
  }

  private peek(n: number): Token {
    const ahead = this.ahead;
    while (ahead.length < n) ahead.push(this.lexer.next());
    return ahead[n - 1]!;
  }

  /** The current token's kind (a call, so TypeScript does not narrow it across `next()`). */
  private kind(): TokenKind {
    return this.tok.kind;
  }

  private eat(kind: TokenKind): boolean {
    if (this.tok.kind !== kind) return false;
    this.next();
    return true;
  }

  /** The span from `start` to the end of the last consumed token. */
  private span(start: AST.Position): AST.SourceLocation {
    const end = this.prev.end;
    return { start, end: end.offset >= start.offset ? end : start };
  }

  private tokenLoc(t: Token): AST.SourceLocation {
    return { start: t.start, end: t.end };
  }

  private identifier(t: Token): AST.Identifier {
    return { type: "Identifier", name: t.value, loc: { start: t.start, end: t.end } };
  }

  private errorExpression(): AST.ErrorExpression {
    const at = this.tok.start;
    return { type: "ErrorExpression", loc: { start: at, end: at } };
  }

  // -------------------------------------------------------------------------------------------
  // Error reporting and recovery
  // -------------------------------------------------------------------------------------------

  /** Reports a syntax error at token `t` unless one was already reported at or after it. */
  private errorAt(t: Token, message: string, loc: AST.SourceLocation, suggestion?: string, code: DiagnosticCode = DiagnosticCodes.UnexpectedToken): void {
    if (t.start.offset <= this.lastErrorOffset) return;
    this.lastErrorOffset = t.start.offset;
    this.bag.error(code, message, loc, suggestion);
  }

  /**
   * Reports that the current token is not what the grammar expects. The message gets
   * `, found …` appended. An error on a token that begins a new line (or at the end of input) is
   * placed just after the previous token, where the missing piece belongs. When the statement
   * contains a floor division `//` on the same line, ML1011 explains the `//` rule instead.
   * `fallback` is the suggestion when no more specific one applies.
   */
  private errorExpected(message: string, suggestion?: string, fallback?: string): void {
    const t = this.tok;
    if (t.start.offset <= this.lastErrorOffset) return;
    if (this.floorDivExplains(t)) return;
    const compound = this.compoundAssignment(t);
    if (compound !== null) {
      // The rewrite with the statement's own target and a one-token value (`count = count + 1;`).
      const target = this.statementStart >= 0 && t.start.offset - this.statementStart <= 30
        ? this.source.slice(this.statementStart, t.start.offset).trim() : "";
      // The value: the tokens up to a `;` on the same line, when few (look-ahead of 12 at most).
      let shown = "…";
      const value = this.peek(2);
      for (let k = 2; k <= 12 && !this.peek(k).newlineBefore && this.peek(k).kind !== "EOF"; k++) {
        if (this.peek(k).kind !== ";") continue;
        const text = this.source.slice(value.start.offset, this.peek(k).start.offset).trim();
        // An operator in the value: parenthesized, so `x *= a + b` stays `x = x * (a + b)`.
        if (k > 2 && text.length <= 30) shown = /^[\w.[\]()"' ,]*$/.test(text) ? text : `(${text})`;
        break;
      }
      const x = target !== "" && !target.includes("\n") ? target : "x";
      this.errorAt(t, `compound assignment '${compound}' is not supported`, { start: t.start, end: this.peek(1).end },
        `write '${x} = ${x} ${compound.slice(0, -1)} ${shown};'`);
      return;
    }
    if (suggestion === undefined && t.kind === "=" && this.prev !== t && OPERAND_ENDS.has(this.prev.kind)) {
      suggestion = "use '==' to compare values (assignment is a statement)";
    }
    if (suggestion === undefined && this.floorDiv !== null && !this.floorDivReported && t.start.line > this.floorDiv.start.line) {
      suggestion = `'//' on line ${this.floorDiv.start.line} is floor division, not a comment (it follows an operand); ` +
        "end the statement with ';' before a '//' comment";
    }
    const loc = (t.kind === "EOF" || t.newlineBefore) && this.prev !== t
      ? { start: this.prev.end, end: this.prev.end }
      : this.tokenLoc(t);
    this.errorAt(t, `${message}, found ${describeToken(t)}`, loc, suggestion ?? fallback);
  }

  /** `+=`, `-=`, … written as an operator immediately followed by `=`; null otherwise. */
  private compoundAssignment(t: Token): string | null {
    const k = t.kind;
    if (k !== "+" && k !== "-" && k !== "*" && k !== "/" && k !== "//" && k !== "%") return null;
    const after = this.peek(1);
    return after.kind === "=" && after.start.offset === t.end.offset ? `${k}=` : null;
  }

  /**
   * ML1011: an error on the line of a floor division `//` (or on the next line when the `//`
   * ended its line) almost always means the `//` was meant as a comment.
   */
  private floorDivExplains(t: Token): boolean {
    if (!this.floorDivPending(t)) return false;
    this.reportFloorDiv(this.floorDiv!);
    this.lastErrorOffset = t.start.offset;
    return true;
  }

  /** True when an error at `t` would be explained by ML1011 (see {@link floorDivExplains}). */
  private floorDivPending(t: Token): boolean {
    const fd = this.floorDiv;
    if (fd === null || this.floorDivReported || t.start.offset <= fd.start.offset) return false;
    const after = this.floorDivNext!;
    return t.start.line === fd.start.line || (after.newlineBefore && t.start.line === after.start.line);
  }

  private reportFloorDiv(fd: Token): void {
    this.floorDivReported = true;
    this.bag.error(
      DiagnosticCodes.FloorDivisionNotComment,
      "'//' directly after an operand is the floor-division operator, not a comment",
      this.tokenLoc(fd),
      "to add a comment, end the statement with ';' before '//', or use /* … */",
    );
  }

  /**
   * Skips tokens, keeping brackets balanced, up to a point where parsing can resume: a `;`, a
   * `}` that closes an enclosing block, a statement keyword, the end of input, or one of `stops`.
   * Unbalanced `)` and `]` are skipped. Stops before the token it stops at.
   */
  private skip(stops: SkipStops): void {
    let depth = 0;
    for (;;) {
      const t = this.tok;
      const k = t.kind;
      if (k === "EOF") return;
      if (depth === 0) {
        if ((k === ";" || STATEMENT_KEYWORDS.has(k)) && stops.throughStatements !== true) return;
        if (stops.newline === true && t.newlineBefore) return;
        if (k === stops.close) return;
        if (stops.comma === true && k === ",") return;
        if (stops.openBrace === true && k === "{") return;
        if (k === "}") return;
        if (k === ")" || k === "]") {
          this.next();
          continue;
        }
      }
      if (k === "(" || k === "[" || k === "{") depth++;
      else if (k === ")" || k === "]" || k === "}") depth--;
      this.next();
    }
  }

  /** After a broken statement: skip to the next statement, consuming a `;` found on the way. */
  private syncStatement(): void {
    this.skip({ newline: true });
    this.eat(";");
  }

  /** Consumes the `;` ending a statement; on error assumes it was forgotten or skips the rest. */
  private expectSemicolon(after: string): void {
    const t = this.tok;
    if (t.kind === ";") {
      this.next();
      return;
    }
    const p = this.prev;
    if (t.newlineBefore || t.kind === "EOF") {
      // Python's habit, lines without `;`: one error, whose hint lists the other lines.
      const missing = this.missingSemicolons;
      if (missing !== null && t.start.offset > this.lastErrorOffset && (this.floorDiv === null || this.floorDivReported) &&
          this.compoundAssignment(t) === null) {
        if (missing.lines.length < MAX_LISTED_LINES) missing.lines.push(p.end.line);
        missing.more++;
        this.lastErrorOffset = t.start.offset;
        return;
      }
      const count = this.bag.items.length;
      this.errorExpected(`expected ';' ${after}`, undefined, "end the statement with ';' (every ML statement ends with one)");
      const d = this.bag.items[this.bag.items.length - 1];
      if (missing === null && this.bag.items.length > count && d!.message.startsWith("expected ';'")) {
        this.missingSemicolons = { diagnostic: d!, lines: [], more: 0 };
      }
      return;
    }
    // After Python 2's `print "x"`, say that print is a function; before a `}`, that the last
    // statement of a block needs its `;` too.
    this.errorExpected(`expected ';' ${after}`, undefined,
      p.kind === "Name" && p.value === "print" && EXPRESSION_STARTS.has(t.kind) ? "print is a function: write print(…);"
        : t.kind === "}" ? "end the statement with ';', also the last one of a block" : undefined);
    if (t.kind === "}") return;
    this.syncStatement();
  }

  /**
   * Consumes the closer matching `open`. When it is missing, reports it (naming the opener's
   * position) and skips ahead to the closer if one follows before the next statement.
   */
  private expectClose(close: ")" | "]" | "}", open: Token): boolean {
    if (this.eat(close)) return true;
    this.errorExpected(`expected '${close}' to close '${open.kind}' at ${open.start.line}:${open.start.column}`);
    this.skip({ close, openBrace: close !== "}" });
    return this.eat(close);
  }

  /** Parses a comma-separated list up to `close` (trailing comma allowed); consumes the closer. */
  private parseList<T>(open: Token, close: ")" | "]" | "}", item: () => T | null, where: string, comprehension?: ComprehensionKind): T[] {
    const items: T[] = [];
    while (this.tok.kind !== close && this.tok.kind !== "EOF") {
      const result = item();
      if (comprehension !== undefined && this.tok.kind === "for" && result !== null) {
        // A Python comprehension: one error, and the list is read as empty (its names unbound).
        this.comprehension(comprehension, open, close, result as AST.Expression | AST.ObjectProperty);
        return [];
      }
      if (result !== null) items.push(result);
      if (this.eat(",")) continue;
      if (this.tok.kind === close) break;
      // Something that could start another item probably lacks a comma; anything else is
      // reported as the missing closer by expectClose.
      const k = this.tok.kind;
      if (!EXPRESSION_STARTS.has(k) && !(close === "}" && isWordKind(k))) break;
      this.errorExpected(`expected ',' or '${close}' ${where}`);
      this.skip({ comma: true, close });
      if (!this.eat(",")) break;
    }
    this.expectClose(close, open);
    return items;
  }

  /**
   * Reports a comprehension whose `for` is the current token and skips it up to and including
   * its `close`. The hint rewrites it as a loop when its parts are short.
   */
  private comprehension(kind: ComprehensionKind, open: Token, close: ")" | "]" | "}", element: AST.Expression | AST.ObjectProperty): void {
    // The array built: the assigned name when the comprehension is the whole value of `ys = …`.
    const assigned = this.assignedValue;
    const result = assigned !== null && assigned.offset === open.start.offset && kind !== "generator" ? cut(assigned.name) : "result";
    const forTok = this.next();
    const parts: Token[] = [forTok];
    let depth = 0;
    let nested = false;
    for (;;) {
      const t = this.tok;
      const k = t.kind;
      if (k === "EOF") break;
      if (depth === 0) {
        // At the closer, or at a `;` or another closer when it is missing.
        if (k === ")" || k === "]" || k === "}" || k === ";") break;
        if (k === "in" || k === "if") parts.push(t);
        if (k === "for") nested = true;
      }
      if (k === "(" || k === "[" || k === "{") depth++;
      else if (k === ")" || k === "]" || k === "}") depth--;
      this.next();
    }
    const end = this.prev.end;
    this.eat(close);
    const text = (from: number, to: number): string => this.source.slice(from, to).trim();
    let hint = "use a loop that appends to an array: result = []; for (x in items) { result.append(…); }";
    const inTok = parts[1];
    const ifTok = parts[2];
    if (!nested && inTok?.kind === "in" && (ifTok === undefined || ifTok.kind === "if") && end.offset - element.loc.start.offset <= 200) {
      const variable = text(forTok.end.offset, inTok.start.offset);
      const iterable = text(inTok.end.offset, (ifTok ?? { start: end }).start.offset);
      let body = element.type === "ObjectProperty"
        ? `${result}[${text(element.keyLoc.start.offset, element.keyLoc.end.offset)}] = ${text(element.value.loc.start.offset, element.value.loc.end.offset)};`
        : `${result}.append(${text(element.loc.start.offset, element.loc.end.offset)});`;
      if (ifTok !== undefined) body = `if (${text(ifTok.end.offset, end.offset)}) { ${body} }`;
      const loop = `${result} = ${kind === "dict" ? "{}" : "[]"}; for (${variable} in ${iterable}) { ${body} }`;
      if (loop.length <= 120 && !loop.includes("\n")) hint = `use a loop: ${loop}`;
    }
    if (kind !== "dict") hint += " (or functional.map and functional.filter with fn(x) => …)";
    const what = kind === "list" ? "list comprehensions" : kind === "dict" ? "dict comprehensions" : "generator expressions";
    this.errorAt(forTok, `ML has no ${what}`, this.tokenLoc(forTok), hint);
  }

  /** Guards recursion; returns false (after reporting once) when nesting is too deep. */
  private enter(): boolean {
    if (++this.depth <= MAX_NESTING_DEPTH) return true;
    this.depth--;
    this.tooDeep++;
    const t = this.tok;
    this.errorAt(t, `nesting is too deep (more than ${MAX_NESTING_DEPTH} levels)`, this.tokenLoc(t),
      "split the expression or the blocks into smaller functions");
    return false;
  }

  // -------------------------------------------------------------------------------------------
  // Program and statements
  // -------------------------------------------------------------------------------------------

  parseProgram(): AST.Program {
    const body: AST.TopLevel[] = [];
    while (this.tok.kind !== "EOF") {
      if (this.tok.kind === "}") {
        const t = this.next();
        this.errorAt(t, "unexpected '}' with no block to close", this.tokenLoc(t));
        continue;
      }
      const before = this.i;
      const node = this.parseStatement();
      if (node !== null) body.push(node);
      this.ensureProgress(before);
    }
    const missing = this.missingSemicolons;
    if (missing !== null && missing.more > 0) {
      const rest = missing.more - missing.lines.length;
      const lines = missing.lines.map(String);
      const list = rest > 0 ? `${lines.join(", ")} and ${rest} more`
        : lines.length > 1 ? `${lines.slice(0, -1).join(", ")} and ${lines[lines.length - 1]}` : lines[0]!;
      missing.diagnostic.suggestion = `end every statement with ';': it is also missing at the end of line${missing.more > 1 ? "s" : ""} ${list}`;
    }
    const eof = this.tok;
    return { type: "Program", body, loc: { start: { line: 1, column: 1, offset: 0 }, end: eof.end } };
  }

  /** Consumes one token when a statement parse consumed nothing, so loops always terminate. */
  private ensureProgress(before: number): void {
    if (this.i !== before || this.tok.kind === "EOF") return;
    const t = this.next();
    this.errorAt(t, `unexpected ${describeToken(t)}`, this.tokenLoc(t));
  }

  /** Parses one statement (or, at any level, an import or capability declaration). */
  private parseStatement(): AST.TopLevel | null {
    const savedFloorDiv = this.floorDiv;
    const savedNext = this.floorDivNext;
    const savedReported = this.floorDivReported;
    this.floorDiv = null;
    const node = this.parseStatementInner();
    this.floorDiv = savedFloorDiv;
    this.floorDivNext = savedNext;
    this.floorDivReported = savedReported;
    return node;
  }

  private parseStatementInner(): AST.TopLevel | null {
    switch (this.tok.kind) {
      case "function": return this.parseFunctionDeclaration();
      case "if": return this.parseIf();
      case "while": return this.parseWhile();
      case "for": return this.parseFor();
      case "try": return this.parseTry();
      case "throw": return this.parseThrow();
      case "return": return this.parseReturn();
      case "break":
      case "continue": return this.parseJump();
      case "nonlocal": return this.parseNonlocal();
      case "import": return this.parseImport();
      case "capability": return this.parseCapability();
      case "{": return this.parseObjectDestructuring();
      case "elif":
      case "else":
      case "except":
      case "finally": return this.parseOrphanClause();
      default:
        if (this.isDeclarationWord()) return this.parseDeclaration();
        if (this.isGlobal()) return this.parseGlobal();
        if (this.isRaise()) return this.parseRaise();
        if (this.tok.kind === "Name") {
          const foreign = this.parseForeignStatement();
          if (foreign !== undefined) return foreign;
        }
        if (this.isForeignDefinition()) return this.parseForeignDefinition();
        return this.parseSimpleStatement();
    }
  }

  /**
   * True at JavaScript's `let`/`const`/`var` used as a declaration: followed by a name, a `{`
   * pattern, or a `[` pattern after a space (`let[0]` indexes a variable called `let`).
   */
  private isDeclarationWord(): boolean {
    const t = this.tok;
    if (t.kind !== "Name" || !DECLARATION_WORDS.has(t.value)) return false;
    const after = this.peek(1);
    return after.kind === "Name" || after.kind === "{" || (after.kind === "[" && after.start.offset > t.end.offset);
  }

  /** Python's `def f(` or a `class Name` of either language, at the start of a statement. */
  private isForeignDefinition(): boolean {
    const t = this.tok;
    if (t.kind !== "Name" || (t.value !== "def" && t.value !== "class")) return false;
    if (this.peek(1).kind !== "Name") return false;
    const after = this.peek(2);
    if (t.value === "def") return after.kind === "(";
    return after.kind === "{" || after.kind === ":" || after.kind === "(" || (after.kind === "Name" && after.value === "extends");
  }

  /**
   * `def f(x): …` and `class Name …`: one error. A `def` is read as the function declaration it
   * means (its Python body, delimited by indentation, is skipped); a class binds its name to null
   * so that its uses report nothing more.
   */
  private parseForeignDefinition(): AST.Statement {
    const word = this.next();
    const name = this.identifier(this.next());
    if (word.value === "def") {
      this.errorAt(word, "ML declares functions with 'function'", this.tokenLoc(word),
        `write function ${cut(name.name)}(…) { … }, with braces around the body`);
      const params = this.parseParams("function");
      const body: AST.Block = this.tok.kind === "{"
        ? this.parseBlock("the function body")
        : { type: "Block", body: [], loc: this.skipForeignBody(word) };
      return { type: "FunctionDeclaration", name, params, body, loc: this.span(word.start) };
    }
    this.errorAt(word, "ML has no classes", this.tokenLoc(word),
      "use functions and objects: a function returning {x: x, area: fn() => …} builds one");
    const loc = this.skipForeignBody(word);
    const value: AST.NullLiteral = { type: "NullLiteral", loc };
    return { type: "AssignmentStatement", target: name, value, loc: this.span(word.start) };
  }

  /**
   * Skips the body of a foreign definition starting at `word`: a `{ … }` block when one starts on
   * its line, otherwise (Python) the rest of the line and the lines indented deeper than `word`.
   */
  private skipForeignBody(word: Token): AST.SourceLocation {
    const start = this.tok.start;
    while (this.tok.kind !== "EOF" && !this.tok.newlineBefore && this.tok.kind !== "{") this.next();
    if (this.tok.kind === "{" && !this.tok.newlineBefore) {
      this.next();
      this.skip({ close: "}", throughStatements: true });
      this.eat("}");
    } else {
      while (this.tok.kind !== "EOF" && (!this.tok.newlineBefore || this.tok.start.column > word.start.column)) this.next();
    }
    // Up to the next token: a `#` comment after the last skipped token is part of the body.
    this.skipped.push(start.offset, this.tok.start.offset);
    return this.span(start);
  }

  /**
   * Statements of other languages, at their first word (a name): JavaScript's `async function`,
   * `export …`, `switch (…) { … }`, `do { … } while (…);` and Python's `from m import a, b`. Each
   * is one error, then read as the closest ML (the function, the statement, a `while`, names
   * bound to null) or skipped (`switch`). Undefined when the name does not start one of them.
   */
  private parseForeignStatement(): AST.TopLevel | null | undefined {
    const t = this.tok;
    const after = this.peek(1);
    if (after.newlineBefore) return undefined;
    switch (t.value) {
      case "async":
      case "export": {
        if (after.kind !== "function" && !(t.value === "export" && after.kind === "Name" && this.peek(2).kind === "=")) return undefined;
        this.next();
        this.errorAt(t, `ML has no '${t.value}'`, this.tokenLoc(t), t.value === "async"
          ? "declare the function as usual: a call that waits for the host returns its result directly"
          : "remove it: a module's top-level names are its exports");
        return after.kind === "function" ? this.parseFunctionDeclaration() : this.parseSimpleStatement();
      }
      case "switch": {
        // `switch (x) {` (a call of a function named `switch` has no `{` after it).
        const k = this.peek(2).kind;
        if (after.kind !== "(" || (k !== "Name" && k !== "Number" && k !== "String") || this.peek(3).kind !== ")" || this.peek(4).kind !== "{") {
          return undefined;
        }
        this.next();
        this.errorAt(t, "ML has no 'switch'", this.tokenLoc(t), "use if (x == 1) { … } elif (x == 2) { … } else { … }");
        const start = this.tok.start;
        for (const [open, close] of [["(", ")"], ["{", "}"]] as const) {
          if (!this.eat(open)) break;
          this.skip({ close, throughStatements: true });
          this.eat(close);
        }
        this.skipped.push(start.offset, this.tok.start.offset);
        return null;
      }
      case "do": {
        if (after.kind !== "{") return undefined;
        this.next();
        this.errorAt(t, "ML has no 'do … while'", this.tokenLoc(t), "write while (true) { …; if (!(condition)) { break; } }");
        const body = this.parseBlock("the loop body");
        let test: AST.Expression = { type: "BooleanLiteral", value: true, loc: this.tokenLoc(t) };
        if (this.tok.kind === "while") {
          test = this.parseCondition(this.next());
          this.eat(";");
        }
        return { type: "WhileStatement", test, body, loc: this.span(t.start) };
      }
      case "from": {
        if (after.kind !== "Name") return undefined;
        this.next();
        let module = "";
        while (this.tok.kind === "Name" || this.tok.kind === ".") module += this.next().value;
        if (this.tok.kind !== "import") {
          this.errorExpected("expected 'import'");
          this.syncStatement();
          return null;
        }
        this.next();
        const names: AST.Identifier[] = [];
        while (this.kind() === "Name" && !this.tok.newlineBefore) {
          let name = this.next();
          if (this.kind() === "as" && this.peek(1).kind === "Name") {
            this.next();
            name = this.next();
          }
          names.push(this.identifier(name));
          if (!this.eat(",")) break;
        }
        const shown = cut(module);
        this.errorAt(t, "ML imports whole modules", this.tokenLoc(t),
          `write import ${shown}; then use ${shown}.${names.length > 0 ? cut(names[0]!.name) : "name"}`);
        this.eat(";");
        const value: AST.NullLiteral = { type: "NullLiteral", loc: this.tokenLoc(t) };
        // The imported names are bound (to null) so that their uses report nothing more.
        return names.length > 0 ? { type: "DestructuringStatement", kind: "array", names, value, loc: this.span(t.start) } : null;
      }
      default:
        return undefined;
    }
  }

  /** Python's `raise X(…)`: the name `raise` followed on its line by a name or a literal. */
  private isRaise(): boolean {
    const t = this.tok;
    if (t.kind !== "Name" || t.value !== "raise") return false;
    const after = this.peek(1);
    return !after.newlineBefore && (after.kind === "Name" || after.kind === "String" || after.kind === "{");
  }

  /**
   * `raise X(…)`: one error, then read as the `throw` it means; Python's exception class
   * (`ValueError("bad")`), unknown to ML, is dropped so that it reports nothing more.
   */
  private parseRaise(): AST.ThrowStatement {
    const t = this.tok;
    this.errorAt(t, "ML writes 'raise' as 'throw'", this.tokenLoc(t),
      "throw any value, by convention an object: throw {type: \"ValueError\", message: \"…\"};");
    const node = this.parseThrow();
    const e = node.argument;
    const isClass = (x: AST.Expression): boolean => x.type === "Identifier" && /(Error|Exception|Warning)$/.test(x.name);
    if (isClass(e)) return { ...node, argument: { type: "NullLiteral", loc: e.loc } };
    if (e.type === "CallExpression" && isClass(e.callee)) {
      return { ...node, argument: e.args[0] ?? { type: "NullLiteral", loc: e.loc } };
    }
    return node;
  }

  /** Python's `global x`: the name `global` followed by a name on the same line. */
  private isGlobal(): boolean {
    const t = this.tok;
    if (t.kind !== "Name" || t.value !== "global") return false;
    const after = this.peek(1);
    return after.kind === "Name" && !after.newlineBefore;
  }

  /** `global x;`: one error, then read as the `nonlocal x;` it means. */
  private parseGlobal(): AST.NonlocalStatement {
    const t = this.tok;
    const names = this.peek(1).value;
    this.errorAt(t, "ML writes 'global' as 'nonlocal'", this.tokenLoc(t),
      `write 'nonlocal ${cut(names)};': it reaches the module's variables too`);
    return this.parseNonlocal();
  }

  /** `let x = 5;`: one error, then the statement is read without the word. */
  private parseDeclaration(): AST.TopLevel | null {
    const before = this.errorMark();
    const word = this.next();
    const name = this.tok;
    let node: AST.TopLevel | null;
    let example: string;
    if (name.kind === "Name" && this.peek(1).kind === ";") {
      // `let x;` declares without a value: read as `x = null;`.
      this.next();
      this.next();
      const value: AST.NullLiteral = { type: "NullLiteral", loc: this.tokenLoc(name) };
      node = { type: "AssignmentStatement", target: this.identifier(name), value, loc: this.span(word.start) };
      example = `${cut(name.value)} = null;`;
    } else {
      node = name.kind === "{" ? this.parseObjectDestructuring() : this.parseSimpleStatement();
      const text = this.source.slice(name.start.offset, Math.min(this.prev.end.offset, name.start.offset + 61));
      example = text.length <= 60 && !text.includes("\n") ? text : name.kind === "Name" ? `${cut(name.value)} = …;` : "[a, b] = …;";
    }
    // Reported after the statement, so errors inside it must not suppress it.
    this.errorLate(word, before, `ML has no '${word.value}' declarations`, this.tokenLoc(word), `assign directly: ${example}`);
    return node;
  }

  /** `expr;`, `target = expr;` or `[a, b] = expr;`. */
  private parseSimpleStatement(): AST.Statement | null {
    const start = this.tok.start;
    const expr = this.parseExpression();
    if (this.tok.kind !== "=") {
      this.statementStart = start.offset;
      this.expectSemicolon("after the expression");
      this.statementStart = -1;
      return { type: "ExpressionStatement", expression: expr, loc: this.span(start) };
    }
    this.next();
    // `ys = [… for …]`: the comprehension's hint builds `ys` itself.
    if (expr.type === "Identifier") this.assignedValue = { offset: this.tok.start.offset, name: expr.name };
    const value = this.parseExpression();
    this.assignedValue = null;
    if (this.tok.kind === "=") {
      const t = this.tok;
      if (!this.floorDivExplains(t)) {
        this.errorAt(t, "chained assignment is not supported", this.tokenLoc(t), "assign each name in its own statement");
      }
      this.next();
      this.parseExpression();
    }
    this.expectSemicolon("after the assignment");
    const loc = this.span(start);
    if (expr.type === "ArrayLiteral") {
      const names = this.patternNames(expr);
      if (names === null) return { type: "ExpressionStatement", expression: value, loc };
      return { type: "DestructuringStatement", kind: "array", names, value, loc };
    }
    if (expr.type === "Identifier" || expr.type === "IndexExpression" || expr.type === "MemberExpression") {
      return { type: "AssignmentStatement", target: expr, value, loc };
    }
    this.invalidTarget(expr);
    return { type: "ExpressionStatement", expression: value, loc };
  }

  /** The names of an array pattern `[a, b]`, or null (after reporting) when it is not one. */
  private patternNames(pattern: AST.ArrayLiteral): AST.Identifier[] | null {
    const elements = pattern.elements;
    if (elements.length === 0) {
      this.bag.error(DiagnosticCodes.InvalidAssignmentTarget, "a destructuring pattern needs at least one name", pattern.loc);
      return null;
    }
    const names: AST.Identifier[] = [];
    let ok = true;
    for (const e of elements) {
      if (e.type === "Identifier") {
        names.push(e);
      } else {
        ok = false;
        if (e.type !== "ErrorExpression") {
          this.bag.error(DiagnosticCodes.InvalidAssignmentTarget,
            "a destructuring pattern may contain only names", e.loc,
            "unpack into names first, then assign elements or members separately");
        }
      }
    }
    return ok ? names : null;
  }

  /** Reports ML1014 for an expression that cannot be assigned to. */
  private invalidTarget(e: AST.Expression): void {
    let what: string;
    let suggestion: string | undefined;
    switch (e.type) {
      case "ErrorExpression": return;
      case "SliceExpression": what = "a slice"; suggestion = "assign the elements one by one, or build a new array"; break;
      case "CallExpression": what = "a function call"; suggestion = "use '==' to compare values"; break;
      case "ParenthesizedExpression": what = "a parenthesized expression"; suggestion = "remove the parentheses"; break;
      case "NumberLiteral":
      case "StringLiteral":
      case "BooleanLiteral":
      case "NullLiteral": what = "a literal"; suggestion = "use '==' to compare values"; break;
      case "ObjectLiteral": what = "an object literal"; break;
      case "ArrowFunction": what = "a function"; break;
      default: what = "this expression"; suggestion = "use '==' to compare values"; break;
    }
    this.bag.error(DiagnosticCodes.InvalidAssignmentTarget, `cannot assign to ${what}`, e.loc, suggestion);
  }

  /** `{a, b} = expr;` — a statement beginning with `{` is always object destructuring. */
  private parseObjectDestructuring(): AST.Statement | null {
    const open = this.tok;
    const second = this.peek(1);
    if ((isWordKind(second.kind) || second.kind === "String") && this.peek(2).kind === ":") {
      // An object literal used as a statement: say so, then parse it as one.
      this.errorAt(open, "a statement cannot begin with an object literal", this.tokenLoc(open),
        "wrap the expression in parentheses: ({…})");
      return this.parseSimpleStatement();
    }
    this.next();
    const names: AST.Identifier[] = [];
    let ok = true;
    if (this.tok.kind === "}") {
      ok = false;
      this.errorAt(this.tok, "a destructuring pattern needs at least one name", { start: open.start, end: this.tok.end }, undefined,
        DiagnosticCodes.InvalidAssignmentTarget);
    }
    while (this.tok.kind !== "}" && this.tok.kind !== "EOF") {
      const t = this.tok;
      if (t.kind === "Name") {
        names.push(this.identifier(this.next()));
      } else if (isKeyword(t.kind)) {
        ok = false;
        this.next();
        this.errorAt(t, `'${t.kind}' is a reserved word and cannot be a variable name`, this.tokenLoc(t));
      } else {
        ok = false;
        this.errorExpected("expected a name in the destructuring pattern",
          "a statement starting with '{' is object destructuring ({a, b} = obj;); blocks need a keyword such as 'if'");
        this.skip({ comma: true, close: "}" });
      }
      if (this.eat(",")) continue;
      if (this.kind() !== "}") {
        ok = false;
        this.errorExpected("expected ',' or '}' in the destructuring pattern",
          "a statement starting with '{' is object destructuring ({a, b} = obj;); blocks need a keyword such as 'if'");
        this.skip({ comma: true, close: "}" });
        if (this.eat(",")) continue;
      }
      break;
    }
    if (!this.expectClose("}", open)) ok = false;
    if (!this.eat("=")) {
      this.errorExpected("expected '=' after the destructuring pattern",
        "a statement starting with '{' is object destructuring ({a, b} = obj;)");
      this.syncStatement();
      return null;
    }
    const value = this.parseExpression();
    this.expectSemicolon("after the assignment");
    const loc = this.span(open.start);
    if (!ok) return { type: "ExpressionStatement", expression: value, loc };
    return { type: "DestructuringStatement", kind: "object", names, value, loc };
  }

  /** `elif`/`else`/`except`/`finally` without the statement they belong to. */
  private parseOrphanClause(): null {
    const t = this.next();
    const owner = t.kind === "elif" || t.kind === "else" ? "'if'" : "'try'";
    this.errorAt(t, `'${t.kind}' without a matching ${owner}`, this.tokenLoc(t),
      `check the braces before it: '${t.kind}' must directly follow the '}' of the ${owner} statement`);
    if (this.tok.kind === "(") {
      const open = this.next();
      this.parseExpression();
      this.expectClose(")", open);
    }
    if (this.tok.kind === "{") this.parseBlock(`'${t.kind}'`);
    return null;
  }

  private parseFunctionDeclaration(): AST.FunctionDeclaration {
    const start = this.next();
    let name: AST.Identifier;
    const t = this.tok;
    if (t.kind === "Name") {
      name = this.identifier(this.next());
    } else if (isKeyword(t.kind)) {
      this.next();
      this.errorAt(t, `'${t.kind}' is a reserved word and cannot be a function name`, this.tokenLoc(t));
      name = this.identifier(t);
    } else {
      this.errorExpected("expected a function name after 'function'",
        t.kind === "(" ? "an anonymous function is written 'fn(params) => …'" : undefined);
      name = { type: "Identifier", name: "", loc: { start: t.start, end: t.start } };
    }
    const params = this.parseParams("function");
    const arrow = this.tok;
    if (arrow.kind === "=>") {
      // `function f(x) => x + 1;`: one error, read as a body returning the expression.
      this.next();
      this.errorAt(arrow, "a function declaration's body is a block", this.tokenLoc(arrow),
        `write function ${cut(name.name) || "f"}(…) { return …; }, or ${cut(name.name) || "f"} = fn(…) => …;`);
      const value = this.parseExpression();
      this.eat(";");
      const ret: AST.ReturnStatement = { type: "ReturnStatement", argument: value, loc: value.loc };
      const body: AST.Block = { type: "Block", body: [ret], loc: this.span(arrow.start) };
      return { type: "FunctionDeclaration", name, params, body, loc: this.span(start.start) };
    }
    const body = this.parseBlock("the function body");
    return { type: "FunctionDeclaration", name, params, body, loc: this.span(start.start) };
  }

  /** `(a, b: T)` */
  private parseParams(owner: string): AST.Parameter[] {
    const open = this.tok;
    if (!this.eat("(")) {
      // `fn x => …`: the one name is the parameter.
      const single = owner === "fn" && open.kind === "Name" && this.peek(1).kind === "=>";
      this.errorExpected(`expected '(' to start the parameters of ${owner === "fn" ? "'fn'" : "the function"}`,
        single ? `write fn(${cut(open.value)}) => …` : undefined);
      return single ? [this.parameter(this.identifier(this.next()))] : [];
    }
    return this.parseList(open, ")", () => this.parseParam(), "in the parameter list");
  }

  private parseParam(): AST.Parameter | null {
    const t = this.tok;
    let name: AST.Identifier;
    if (t.kind === "Name") {
      name = this.identifier(this.next());
    } else if (isKeyword(t.kind)) {
      this.next();
      this.errorAt(t, `'${t.kind}' is a reserved word and cannot be a parameter name`, this.tokenLoc(t));
      name = this.identifier(t);
    } else {
      this.errorExpected("expected a parameter name");
      return null;
    }
    let annotation: AST.Identifier | null = null;
    if (this.eat(":")) {
      // Annotations are ignored, so any word is accepted (`f: function`, `x: null`).
      if (isWordKind(this.tok.kind)) annotation = this.identifier(this.next());
      else this.errorExpected("expected a type name after ':'");
    }
    const eq = this.tok;
    if (eq.kind === "=") {
      // A default value (`y = 2`): one error; the value is read and dropped.
      this.next();
      this.errorAt(eq, "ML has no default parameter values", this.tokenLoc(eq),
        "every call passes every argument; a caller with nothing to pass can pass null");
      this.parseExpression();
    }
    return { type: "Parameter", name, annotation, loc: this.span(t.start) };
  }

  /**
   * `{ statements }`. A missing `{` is reported and a single statement is parsed as the body,
   * which recovers well from `if (x) return 1;`. `header`: how the statement's header is written
   * in ML, for the hint on a Python `:` block (`else`, `try`).
   */
  private parseBlock(what: string, header?: string): AST.Block {
    const open = this.tok;
    if (open.kind === ":") {
      if (header !== undefined) this.pythonHeader = header;
      return this.parsePythonBlock(what);
    }
    this.pythonHeader = null;
    if (open.kind !== "{") {
      this.errorExpected(`expected '{' to start ${what}`, "braces are required around every block");
      const body: AST.Statement[] = [];
      if (!this.enter()) return { type: "Block", body, loc: this.span(open.start) };
      if (EXPRESSION_STARTS.has(open.kind) || STATEMENT_KEYWORDS.has(open.kind)) {
        const s = this.parseStatement();
        if (s !== null && isStatement(s)) body.push(s);
      }
      this.depth--;
      return { type: "Block", body, loc: this.span(open.start) };
    }
    if (!this.enter()) {
      this.skip({});
      return { type: "Block", body: [], loc: this.span(open.start) };
    }
    this.next();
    this.blockDepth++;
    const body: AST.Statement[] = [];
    while (this.tok.kind !== "}" && this.tok.kind !== "EOF") {
      const before = this.i;
      const s = this.parseStatement();
      if (s !== null && isStatement(s)) body.push(s);
      this.ensureProgress(before);
    }
    this.blockDepth--;
    this.depth--;
    this.expectClose("}", open);
    return { type: "Block", body, loc: this.span(open.start) };
  }

  /**
   * Python's `:` and indented block, at the `:`: one error whose hint is the ML header (see
   * {@link pythonHeader}). The body, delimited by indentation, is skipped; the names it assigns at
   * the start of a line (`y = 2`) are bound to null, so later uses of them report nothing more.
   * `else: { … }` only has a `:` too many.
   */
  private parsePythonBlock(what: string): AST.Block {
    const colon = this.next();
    const header = this.pythonHeader;
    this.pythonHeader = null;
    if (this.tok.kind === "{" && !this.tok.newlineBefore) {
      this.errorAt(colon, "ML blocks need no ':'", this.tokenLoc(colon), "remove the ':' before '{'");
      return this.parseBlock(what);
    }
    this.errorAt(colon, "ML writes blocks in braces, not ':' and indentation", this.tokenLoc(colon),
      header !== null ? `write ${header} { … }` : "write the block in braces: { … }");
    // The indentation of the header's line.
    const lineStart = colon.start.offset - (colon.start.column - 1);
    let indent = 0;
    for (let c = this.source.charCodeAt(lineStart); c === 32 || c === 9; c = this.source.charCodeAt(lineStart + ++indent));
    const start = this.tok.start;
    const body: AST.Statement[] = [];
    while (this.tok.kind !== "EOF" && !this.tok.newlineBefore) this.next();
    while (this.tok.kind !== "EOF" && (!this.tok.newlineBefore || this.tok.start.column > indent + 1)) {
      const t = this.next();
      if (t.kind === "Name" && t.newlineBefore && this.tok.kind === "=") {
        const value: AST.NullLiteral = { type: "NullLiteral", loc: this.tokenLoc(t) };
        body.push({ type: "AssignmentStatement", target: this.identifier(t), value, loc: this.tokenLoc(t) });
      }
    }
    this.skipped.push(start.offset, this.tok.start.offset);
    return { type: "Block", body, loc: this.span(colon.start) };
  }

  /** Where error reporting stands, for {@link reportLate}. */
  private errorMark(): { offset: number; count: number } {
    return { offset: this.lastErrorOffset, count: this.bag.items.length };
  }

  /**
   * Reports `message, found …` at `t` after the tokens following it were parsed, as if it had
   * been reported first (`before`: {@link errorMark} then): not when an error was already
   * reported at or after `t` by then, nor when one was reported at `t` meanwhile.
   */
  private reportLate(t: Token, before: { offset: number; count: number }, message: string, suggestion: string): void {
    this.errorLate(t, before, `${message}, found ${describeToken(t)}`, this.tokenLoc(t), suggestion);
  }

  /** {@link errorAt} for an error at `t` reported after what follows `t` was parsed (see {@link reportLate}). */
  private errorLate(t: Token, before: { offset: number; count: number }, message: string, loc: AST.SourceLocation, suggestion: string): void {
    if (t.start.offset <= before.offset) return;
    const items = this.bag.items;
    for (let i = before.count; i < items.length; i++) if (items[i]!.loc.start.offset === t.start.offset) return;
    this.lastErrorOffset = Math.max(this.lastErrorOffset, t.start.offset);
    this.bag.error(DiagnosticCodes.UnexpectedToken, message, loc, suggestion);
  }

  /** The source text at `loc` when short and on one line, otherwise `…`. */
  private excerpt(loc: AST.SourceLocation): string {
    if (loc.end.offset - loc.start.offset > 40) return "…";
    const text = this.source.slice(loc.start.offset, loc.end.offset);
    return text === "" || text.includes("\n") ? "…" : text;
  }

  /** `(expr)` after `if`, `elif`, `while`. */
  private parseCondition(keyword: Token): AST.Expression {
    const open = this.tok;
    if (!this.eat("(")) {
      // Reported after the condition, unless a `:` follows it (Python's `if x > 1:`, reported
      // once by parseBlock).
      const before = this.errorMark();
      const test = this.parseExpression();
      if (this.tok.kind === ":") {
        this.pythonHeader = `${keyword.kind} (${this.excerpt(test.loc)})`;
        return test;
      }
      this.reportLate(open, before, `expected '(' after '${keyword.kind}'`, `write the condition in parentheses: ${keyword.kind} (${this.excerpt(test.loc)}) { … }`);
      this.eat(")");
      return test;
    }
    const test = this.parseExpression();
    this.expectClose(")", open);
    return test;
  }

  private parseIf(): AST.IfStatement {
    const start = this.tok;
    const branches: AST.IfStatement["branches"] = [];
    let keyword = this.next();
    for (;;) {
      const test = this.parseCondition(keyword);
      const body = this.parseBlock(`the '${keyword.kind}' block`);
      branches.push({ test, body, loc: this.span(keyword.start) });
      if (this.tok.kind === "elif") {
        keyword = this.next();
        continue;
      }
      if (this.tok.kind === "else" && this.peek(1).kind === "if") {
        const t = this.next();
        this.errorAt(t, "'else if' is written 'elif'", { start: t.start, end: this.tok.end }, "replace 'else if' with 'elif'");
        keyword = this.next();
        continue;
      }
      break;
    }
    let alternate: AST.Block | null = null;
    if (this.eat("else")) alternate = this.parseBlock("the 'else' block", "else");
    return { type: "IfStatement", branches, alternate, loc: this.span(start.start) };
  }

  private parseWhile(): AST.WhileStatement {
    const start = this.next();
    const test = this.parseCondition(start);
    const body = this.parseBlock("the loop body");
    return { type: "WhileStatement", test, body, loc: this.span(start.start) };
  }

  private parseFor(): AST.ForStatement {
    const start = this.next();
    const open = this.tok;
    const hasParen = this.eat("(");
    // Without `(`, reported after the header unless a `:` ends it (Python's `for x in xs:`).
    const before = this.errorMark();
    // JavaScript's `for (const x of xs)`: the word is dropped here and reported with the `in`.
    const declared = this.tok.kind === "Name" && DECLARATION_WORDS.has(this.tok.value) && this.peek(1).kind === "Name" ? this.next() : null;
    let variable: AST.Identifier;
    const t = this.tok;
    if (t.kind === "Name") {
      variable = this.identifier(this.next());
    } else if (isKeyword(t.kind) && t.kind !== "in") {
      this.next();
      this.errorAt(t, `'${t.kind}' is a reserved word and cannot be a variable name`, this.tokenLoc(t));
      variable = this.identifier(t);
    } else {
      this.errorExpected("expected a loop variable name", "write the loop as: for (x in items) { … }");
      variable = { type: "Identifier", name: "", loc: { start: t.start, end: t.start } };
    }
    let iterable: AST.Expression;
    const of = this.tok.kind === "Name" && this.tok.value === "of" ? this.tok : null;
    if (this.tok.kind === "in" || of !== null) {
      this.next();
      const wrong = declared ?? of;
      if (wrong !== null) {
        const loop = `for (${cut(variable.name) || "x"} in …)`;
        const message = declared === null ? "ML loops use 'in', not 'of'"
          : of === null ? `ML has no '${declared.value}' declarations` : `ML writes this loop '${loop}'`;
        const hint = declared === null ? `write '${loop}': 'in' goes over the elements of an array`
          : of === null ? `write '${loop}': the loop assigns the variable` : `drop '${declared.value}' and write 'in' ('in' goes over the elements of an array)`;
        this.errorAt(wrong, message, { start: wrong.start, end: (of ?? wrong).end }, hint);
      }
      iterable = this.parseExpression();
    } else {
      const k = this.tok.kind;
      this.errorExpected("expected 'in' after the loop variable",
        k === "=" || k === ";" ? "C-style loops are not supported; write: for (i in range(n)) { … }" : "write the loop as: for (x in items) { … }");
      iterable = this.errorExpression();
      if (hasParen) this.skip({ close: ")", openBrace: true, throughStatements: true });
    }
    if (hasParen) {
      this.expectClose(")", open);
    } else if (this.tok.kind === ":") {
      this.pythonHeader = `for (${cut(variable.name)} in ${this.excerpt(iterable.loc)})`;
    } else {
      const loop = variable.name !== "" && iterable.type !== "ErrorExpression" ? `for (${cut(variable.name)} in ${this.excerpt(iterable.loc)})` : "for (x in items)";
      this.reportLate(open, before, "expected '(' after 'for'", `write the loop as: ${loop} { … }`);
    }
    const body = this.parseBlock("the loop body");
    return { type: "ForStatement", variable, iterable, body, loc: this.span(start.start) };
  }

  private parseTry(): AST.TryStatement {
    const start = this.next();
    const block = this.parseBlock("the 'try' block", "try");
    const handlers: AST.ExceptClause[] = [];
    while (this.tok.kind === "except" || this.isCatch()) {
      const kw = this.next();
      if (kw.kind === "Name") {
        // JavaScript's `catch`: one error, then the clause is read as the `except` it means.
        this.errorAt(kw, "ML uses 'except', not 'catch'", this.tokenLoc(kw), "write: try { … } except (e) { … }");
      }
      let param: AST.Identifier | null = null;
      const open = this.tok;
      if (this.eat("(")) {
        const t = this.tok;
        if (t.kind === "Name") param = this.identifier(this.next());
        else this.errorExpected("expected a name for the caught error", "write: except (e) { … }");
        this.expectClose(")", open);
      } else if (open.kind === "Name" && !open.newlineBefore) {
        // Python's `except ValueError as e:`: one error; `e` (when named) is the caught error.
        this.next();
        if (this.tok.kind === "as" && this.peek(1).kind === "Name") {
          this.next();
          param = this.identifier(this.next());
        }
        const e = param?.name ?? "e";
        this.errorAt(open, "ML's except has no error type: it catches every error", this.span(open.start),
          `write except (${cut(e)}) { … } and test ${cut(e)}.type == "${cut(open.value)}" inside`);
        if (this.tok.kind === ":" && this.peek(1).kind === "{") this.next();
      }
      const body = this.parseBlock("the 'except' block", `except (${cut(param?.name ?? "e")})`);
      handlers.push({ type: "ExceptClause", param, body, loc: this.span(kw.start) });
    }
    let finalizer: AST.Block | null = null;
    if (this.eat("finally")) finalizer = this.parseBlock("the 'finally' block", "finally");
    return { type: "TryStatement", block, handlers, finalizer, loc: this.span(start.start) };
  }

  /**
   * True at `catch (e) {` or `catch {`: JavaScript's spelling of `except` (docs/errors.md). A
   * `try` may have no handler, so `catch(e);` after one is a call of a function named `catch`.
   */
  private isCatch(): boolean {
    const t = this.tok;
    if (t.kind !== "Name" || t.value !== "catch") return false;
    const k = this.peek(1).kind;
    if (k === "{") return true;
    return k === "(" && this.peek(2).kind === "Name" && this.peek(3).kind === ")" && this.peek(4).kind === "{";
  }

  private parseThrow(): AST.ThrowStatement {
    const start = this.next();
    const argument = this.parseExpression();
    this.expectSemicolon("after the thrown value");
    return { type: "ThrowStatement", argument, loc: this.span(start.start) };
  }

  private parseReturn(): AST.ReturnStatement {
    const start = this.next();
    let argument: AST.Expression | null = null;
    if (this.tok.kind !== ";" && this.tok.kind !== "}") argument = this.parseExpression();
    this.expectSemicolon(argument === null ? "after 'return'" : "after the returned value");
    return { type: "ReturnStatement", argument, loc: this.span(start.start) };
  }

  private parseJump(): AST.BreakStatement | AST.ContinueStatement {
    const t = this.next();
    this.expectSemicolon(`after '${t.kind}'`);
    return { type: t.kind === "break" ? "BreakStatement" : "ContinueStatement", loc: this.span(t.start) };
  }

  private parseNonlocal(): AST.NonlocalStatement {
    const start = this.next();
    const names: AST.Identifier[] = [];
    for (;;) {
      const t = this.tok;
      if (t.kind === "Name") {
        names.push(this.identifier(this.next()));
      } else {
        this.errorExpected("expected a variable name after 'nonlocal'");
        break;
      }
      if (!this.eat(",")) break;
    }
    this.expectSemicolon("after the nonlocal names");
    return { type: "NonlocalStatement", names, loc: this.span(start.start) };
  }

  /** `import a.b.c;` / `import a.b as m;` — parsed anywhere, an error below the top level. */
  private parseImport(): AST.ImportDeclaration | null {
    const start = this.next();
    const path: AST.Identifier[] = [];
    let ok = true;
    for (;;) {
      const t = this.tok;
      if (t.kind === "Name") {
        path.push(this.identifier(this.next()));
      } else {
        ok = false;
        this.errorExpected(path.length === 0 ? "expected a module name after 'import'" : "expected a module name after '.'");
        break;
      }
      if (!this.eat(".")) break;
    }
    let alias: AST.Identifier | null = null;
    if (ok && this.eat("as")) {
      if (this.tok.kind === "Name") {
        alias = this.identifier(this.next());
      } else {
        ok = false;
        this.errorExpected("expected a name after 'as'");
      }
    }
    this.expectSemicolon("after the import");
    const node: AST.ImportDeclaration = { type: "ImportDeclaration", path, alias, loc: this.span(start.start) };
    if (this.blockDepth > 0) {
      this.bag.error(DiagnosticCodes.ImportNotTopLevel, "'import' is only allowed at the top level of a module", node.loc,
        "move the import to the top of the file");
      return null;
    }
    return ok ? node : null;
  }

  /** `capability NAME { resource "…"; allow read; allow write "out/**"; allow datetime.now; }` */
  private parseCapability(): AST.CapabilityDeclaration | null {
    const start = this.next();
    let name: AST.Identifier;
    const t = this.tok;
    if (t.kind === "Name") {
      name = this.identifier(this.next());
    } else {
      this.errorExpected("expected a name after 'capability'", "write: capability Name { allow read; }");
      name = { type: "Identifier", name: "", loc: { start: t.start, end: t.start } };
    }
    const items: AST.CapabilityItem[] = [];
    const open = this.tok;
    if (this.eat("{")) {
      while (this.tok.kind !== "}" && this.tok.kind !== "EOF") {
        const before = this.i;
        const item = this.parseCapabilityItem();
        if (item !== null) items.push(item);
        this.ensureProgress(before);
      }
      this.expectClose("}", open);
    } else {
      this.errorExpected("expected '{' after the capability name");
      this.syncStatement();
    }
    const node: AST.CapabilityDeclaration = { type: "CapabilityDeclaration", name, items, loc: this.span(start.start) };
    if (this.blockDepth > 0) {
      this.bag.error(DiagnosticCodes.CapabilityNotTopLevel, "capability declarations are only allowed at the top level of a module",
        node.loc, "move the declaration to the top of the file");
      return null;
    }
    return node;
  }

  private parseCapabilityItem(): AST.CapabilityItem | null {
    const t = this.tok;
    if (t.kind === "Name" && t.value === "resource") {
      this.next();
      if (this.tok.kind !== "String") {
        this.errorExpected("expected a string pattern after 'resource'", "write: resource \"data/**/*.csv\";");
        this.syncStatement();
        return null;
      }
      const pattern = this.stringLiteral(this.next());
      this.expectSemicolon("after the resource pattern");
      return { type: "CapabilityResource", pattern, loc: this.span(t.start) };
    }
    if (t.kind === "Name" && t.value === "allow") {
      this.next();
      const first = this.tok;
      if (first.kind !== "Name") {
        this.errorExpected("expected a permission after 'allow'",
          "e.g. 'allow read;', 'allow write \"out/**\";' or 'allow datetime.now;'");
        this.syncStatement();
        return null;
      }
      this.next();
      let permission = first.value;
      while (this.tok.kind === ".") {
        this.next();
        if (!isWordKind(this.tok.kind)) {
          this.errorExpected("expected a name after '.' in the permission");
          break;
        }
        permission += `.${this.next().value}`;
      }
      const permissionLoc = this.span(first.start);
      const target = this.tok.kind === "String" ? this.stringLiteral(this.next()) : null;
      this.expectSemicolon("after the permission");
      return { type: "CapabilityAllow", permission, permissionLoc, target, loc: this.span(t.start) };
    }
    const near = t.kind === "Name" ? didYouMean(t.value, ["resource", "allow"]) : undefined;
    this.errorExpected("expected 'resource' or 'allow' in the capability block",
      near !== undefined ? `did you mean '${near}'?` : undefined);
    this.syncStatement();
    return null;
  }

  // -------------------------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------------------------

  /** `expr := or ("?" expr ":" expr)?` — the conditional binds loosest and is right-associative. */
  private parseExpression(): AST.Expression {
    if (!this.enter()) return this.errorExpression();
    const test = this.parseBinary(1);
    let result = test;
    if (this.tok.kind === "if" && !this.tok.newlineBefore && this.peek(1).kind !== "(") {
      result = this.parsePythonConditional(test);
    } else if (this.tok.kind === "?") {
      this.next();
      const consequent = this.parseExpression();
      let alternate: AST.Expression;
      if (this.eat(":")) {
        alternate = this.parseExpression();
      } else {
        this.errorExpected("expected ':' in the conditional expression", "write: condition ? value : otherValue");
        alternate = this.errorExpression();
      }
      result = { type: "ConditionalExpression", test, consequent, alternate, loc: this.span(test.loc.start) };
    }
    this.depth--;
    return result;
  }

  /**
   * Python's `a if c else b` after `a` (the `if` not followed by `(`, so not an `if` statement
   * after a missing `;`): one error, read as `c ? a : b`.
   */
  private parsePythonConditional(consequent: AST.Expression): AST.Expression {
    const keyword = this.next();
    const test = this.parseBinary(1);
    let alternate: AST.Expression;
    if (this.eat("else")) {
      alternate = this.parseExpression();
    } else {
      this.errorExpected("expected 'else' in the conditional expression", "write: condition ? value : otherValue");
      alternate = this.errorExpression();
    }
    const text = (e: AST.Expression): string => this.source.slice(e.loc.start.offset, e.loc.end.offset);
    const short = this.prev.end.offset - consequent.loc.start.offset <= 60;
    const example = short ? `${text(test)} ? ${text(consequent)} : ${text(alternate)}` : "";
    this.errorAt(keyword, "ML writes 'a if c else b' as 'c ? a : b'", this.tokenLoc(keyword),
      alternate.type !== "ErrorExpression" && short && !example.includes("\n") ? `write ${example}` : "write: condition ? value : otherValue");
    return { type: "ConditionalExpression", test, consequent, alternate, loc: this.span(consequent.loc.start) };
  }

  /** Binary and logical operators at or above `minPrec`, all left-associative. */
  private parseBinary(minPrec: number): AST.Expression {
    let left = this.parseUnary();
    for (;;) {
      const op = this.tok;
      if ((op.kind === "+" || op.kind === "-") && this.increment(op, left)) continue;
      const foreign = this.foreignOperator(op);
      const kind = foreign?.kind ?? op.kind;
      const prec = PRECEDENCE.get(kind);
      if (prec === undefined || prec < minPrec) return left;
      if (prec >= 5 && foreign === null && this.compoundAssignment(op) !== null) return left; // `x += 1`, reported by the caller
      this.next();
      if (foreign !== null) {
        // Another language's operator: one error, then it is read as the ML operator it means.
        let last = op;
        for (let k = 0; k < foreign.extra; k++) last = this.next();
        this.errorAt(op, foreign.message, { start: op.start, end: last.end }, foreign.hint);
      }
      let right: AST.Expression;
      if (op.kind === "//") {
        this.floorDiv = op;
        this.floorDivNext = this.tok;
        this.floorDivReported = false;
        if (EXPRESSION_STARTS.has(this.tok.kind)) {
          right = this.parseBinary(prec + 1);
        } else {
          this.reportFloorDiv(op);
          this.lastErrorOffset = this.tok.start.offset;
          right = this.errorExpression();
        }
      } else {
        right = this.parseBinary(prec + 1);
      }
      const loc = this.span(left.loc.start);
      if (kind === "&&" || kind === "||") {
        left = { type: "LogicalExpression", operator: kind, left, right, loc };
      } else {
        left = {
          type: "BinaryExpression",
          operator: kind as AST.BinaryOperator,
          left,
          right,
          operatorLoc: { start: op.start, end: op.end },
          loc,
        };
      }
    }
  }

  /**
   * JavaScript's `x++` / `x--` (after the operand `target`) or `++x` (`target` null) at
   * `op`: consumes the two signs after reporting them once and returns true; false (consuming
   * nothing) for anything else, such as `a - -b`.
   */
  private increment(op: Token, target: AST.Expression | null): boolean {
    const second = this.peek(1);
    if (second.kind !== op.kind || second.start.offset !== op.end.offset) return false;
    const third = this.peek(2);
    const operandFollows = EXPRESSION_STARTS.has(third.kind) && !third.newlineBefore;
    if (target === null ? !operandFollows : operandFollows) return false;
    this.next();
    this.next();
    const from = target?.loc.start.offset ?? third.start.offset;
    const to = target?.loc.end.offset ?? third.end.offset;
    const text = to - from <= 30 ? this.source.slice(from, to) : "x";
    this.errorAt(op, `ML has no '${op.kind}${op.kind}' operator`, { start: op.start, end: second.end },
      `write '${text} = ${text} ${op.kind} 1;'`);
    return true;
  }

  /**
   * An operator of JavaScript or Python that ML spells differently or lacks (`**`, `===`, `and`,
   * `is`, `in`), met where a binary operator may follow an operand: the ML operator to read it
   * as, the tokens it spans after the first, and the error to report. Null for anything else.
   */
  private foreignOperator(op: Token): { kind: TokenKind; extra: number; message: string; hint: string } | null {
    const k = op.kind;
    if (k === "?") {
      const after = this.peek(1);
      if (after.kind !== "?" || after.start.offset !== op.end.offset) return null;
      return { kind: "||", extra: 1, message: "ML has no '??' operator",
        hint: "write x != null ? x : fallback (or x || fallback, which also replaces 0, \"\" and empty containers)" };
    }
    if (k === "*" || k === "==" || k === "!=") {
      const after = this.peek(1);
      if (after.start.offset !== op.end.offset) return null;
      if (k === "*" && after.kind === "*") {
        return { kind: "*", extra: 1, message: "ML has no '**' operator", hint: "use math.pow(x, y), after 'import math;'" };
      }
      if (k !== "*" && after.kind === "=") {
        return { kind: k, extra: 1, message: `ML has no '${k}=' operator`, hint: `use '${k}': it never converts between types (1 == "1" is false)` };
      }
      return null;
    }
    // Words after a floor division meant as a comment (`x = 7 // is it?`) are left to ML1011.
    if (this.floorDivPending(op)) return null;
    if (k === "in") {
      return { kind: "==", extra: 0, message: "ML has no 'in' operator",
        hint: "test membership with xs.count(x) > 0, hasattr(o, key) or s.find(text) != -1" };
    }
    if (k !== "Name" || op.newlineBefore) return null;
    switch (op.value) {
      case "and":
        return { kind: "&&", extra: 0, message: "'and' is written '&&'", hint: "replace 'and' with '&&' (it short-circuits and returns an operand, as in Python)" };
      case "or":
        return { kind: "||", extra: 0, message: "'or' is written '||'", hint: "replace 'or' with '||' (it short-circuits and returns an operand, as in Python)" };
      case "is": {
        const not = this.peek(1);
        return not.kind === "Name" && not.value === "not"
          ? { kind: "!=", extra: 1, message: "'is not' is written '!='", hint: "ML has no identity test: '!=' compares values" }
          : { kind: "==", extra: 0, message: "'is' is written '=='", hint: "ML has no identity test: '==' compares values" };
      }
      default:
        return null;
    }
  }

  /** `unary := ("!" | "-") unary | postfix` */
  private parseUnary(): AST.Expression {
    const t = this.tok;
    // `++x` (not `--x`, which is a valid double negation); an operand must follow, so no recursion.
    if (t.kind === "+" && this.increment(t, null)) return this.parseUnary();
    const not = this.isPythonNot(t);
    if (t.kind !== "!" && t.kind !== "-" && !not) return this.parsePostfix();
    if (!this.enter()) return this.errorExpression();
    this.next();
    if (not) this.errorAt(t, "'not' is written '!'", this.tokenLoc(t), "replace 'not x' with '!x'");
    const argument = this.parseUnary();
    this.depth--;
    return { type: "UnaryExpression", operator: not ? "!" : (t.kind as "!" | "-"), argument, loc: this.span(t.start) };
  }

  /** Python's `not x`: the name `not` followed on its line by an operand other than `(`/`[` (`not(x)` may be a call). */
  private isPythonNot(t: Token): boolean {
    if (t.kind !== "Name" || t.value !== "not" || this.floorDivPending(t)) return false;
    const after = this.peek(1);
    return !after.newlineBefore && after.kind !== "(" && after.kind !== "[" && after.kind !== "-" && EXPRESSION_STARTS.has(after.kind);
  }

  /** `postfix := primary ( "(" args ")" | "[" index-or-slice "]" | "." NAME )*` */
  private parsePostfix(): AST.Expression {
    let expr = this.parsePrimary();
    // An expression-bodied arrow already extends as far as an expression can.
    if (expr.type === "ArrowFunction" && expr.body.type !== "Block") return expr;
    // Each call, index or member access nests the tree one level deeper (`a.b.c` is `(a.b).c`):
    // long chains count towards the nesting limit like parentheses.
    const depth = this.depth;
    const tooDeep = this.tooDeep;
    for (;;) {
      let t = this.tok;
      // Stop at the first nesting error in the chain (or its arguments): one error, not one per link.
      if (this.tooDeep !== tooDeep) break;
      if (t.kind === "?" && this.peek(1).kind === "." && this.peek(1).start.offset === t.end.offset) {
        // JavaScript's `o?.name`: one error, read as `o.name`.
        this.next();
        this.errorAt(t, "ML has no '?.'", { start: t.start, end: this.tok.end },
          "write o.name: it is already null when the object has no key 'name'");
        t = this.tok;
      }
      if ((t.kind === "(" || t.kind === "[" || t.kind === ".") && !this.enter()) break;
      if (t.kind === "(") {
        this.next();
        const args = this.parseArguments(t, expr);
        expr = { type: "CallExpression", callee: expr, args, loc: this.span(expr.loc.start) };
      } else if (t.kind === "[") {
        expr = this.parseIndexOrSlice(expr);
      } else if (t.kind === ".") {
        this.next();
        const name = this.tok;
        if (!isWordKind(name.kind)) {
          this.errorExpected("expected a member name after '.'");
          break;
        }
        this.next();
        expr = { type: "MemberExpression", object: expr, property: this.identifier(name), loc: this.span(expr.loc.start) };
      } else {
        break;
      }
    }
    this.depth = depth;
    // The rest of a chain cut short is not reported again: the statement's recovery skips it.
    if (this.tooDeep !== tooDeep) this.lastErrorOffset = Math.max(this.lastErrorOffset, this.tok.start.offset);
    return expr;
  }

  /**
   * The arguments of a call, up to and including its `)`. Python's keyword arguments
   * (`f(days=2)`) are read as their values and reported once per call, with the call rewritten
   * positionally as the hint.
   */
  private parseArguments(open: Token, callee: AST.Expression): AST.Expression[] {
    const before = this.errorMark();
    const keywords: { name: Token; equals: Token }[] = [];
    const args = this.parseList(open, ")", () => {
      const t = this.tok;
      if (t.kind === "Name" && this.peek(1).kind === "=") {
        this.next();
        keywords.push({ name: t, equals: this.next() });
      }
      return this.parseExpression();
    }, "in the argument list", "generator");
    const first = keywords[0];
    if (first !== undefined) {
      // The call rewritten without the names, when it is short (and so cheap to slice).
      let example = "";
      if (this.prev.end.offset - callee.loc.start.offset <= 120) {
        const parts = [callee, ...args].map((e) => this.source.slice(e.loc.start.offset, e.loc.end.offset));
        example = `${parts[0]}(${parts.slice(1).join(", ")})`;
      }
      // Reported after the list, so errors inside later arguments must not suppress it.
      this.errorLate(first.name, before, "ML has no keyword arguments", { start: first.name.start, end: first.equals.end },
        example !== "" && example.length <= 60 && !example.includes("\n")
          ? `pass the arguments by position, in the order of the parameters: ${example}`
          : "pass the arguments by position, in the order of the parameters");
    }
    return args;
  }

  /** `object[index]` or `object[start:end:step]` with every part optional. */
  private parseIndexOrSlice(object: AST.Expression): AST.Expression {
    const open = this.next();
    const start = this.tok.kind === ":" ? null : this.parseExpression();
    if (this.tok.kind !== ":") {
      this.expectClose("]", open);
      return { type: "IndexExpression", object, index: start!, loc: this.span(object.loc.start) };
    }
    this.next();
    const k = this.tok.kind;
    const end = k === ":" || k === "]" ? null : this.parseExpression();
    let step: AST.Expression | null = null;
    if (this.eat(":") && this.kind() !== "]") step = this.parseExpression();
    this.expectClose("]", open);
    return { type: "SliceExpression", object, start, end, step, loc: this.span(object.loc.start) };
  }

  private parsePrimary(): AST.Expression {
    const t = this.tok;
    switch (t.kind) {
      case "Name": {
        if (t.value === "new" || t.value === "lambda" || t.value === "await") {
          const foreign = this.parseForeignPrimary(t);
          if (foreign !== null) return foreign;
        }
        this.next();
        const id: AST.Identifier = { type: "Identifier", name: t.value, loc: { start: t.start, end: t.end } };
        // JavaScript's `x => …`.
        if (this.tok.kind === "=>" && !this.tok.newlineBefore) return this.parseForeignArrow(t, [this.parameter(id)]);
        return id;
      }
      case "Number":
        this.next();
        return { type: "NumberLiteral", value: t.number, raw: t.value, loc: { start: t.start, end: t.end } };
      case "String":
        this.next();
        return this.stringLiteral(t);
      case "true":
      case "false":
        this.next();
        return { type: "BooleanLiteral", value: t.kind === "true", loc: { start: t.start, end: t.end } };
      case "null":
        this.next();
        return { type: "NullLiteral", loc: { start: t.start, end: t.end } };
      case "(": {
        const params = this.arrowParamsAhead();
        if (params !== null) return this.parseForeignArrow(t, params);
        this.next();
        const expression = this.parseExpression();
        this.expectClose(")", t);
        return { type: "ParenthesizedExpression", expression, loc: this.span(t.start) };
      }
      case "[": {
        this.next();
        const elements = this.parseList(t, "]", () => this.parseExpression(), "in the array literal", "list");
        return { type: "ArrayLiteral", elements, loc: this.span(t.start) };
      }
      case "{": {
        this.next();
        const properties = this.parseList(t, "}", () => this.parseProperty(), "in the object literal", "dict");
        return { type: "ObjectLiteral", properties, loc: this.span(t.start) };
      }
      case "fn":
        return this.parseArrow();
      case "function": {
        // Recover by reading it as an arrow with a block body.
        this.next();
        this.errorAt(t, "a function expression is written 'fn(params) => …'", this.tokenLoc(t),
          "write 'fn(x) => { … }', or declare it as a statement: function name(x) { … }");
        if (this.tok.kind === "Name") this.next();
        const params = this.parseParams("function");
        const body = this.parseBlock("the function body");
        return { type: "ArrowFunction", params, body, loc: this.span(t.start) };
      }
      default:
        if (t.kind === "." && this.isSpread(t)) {
          // JavaScript's `...xs`: one error, read as `xs`.
          if (!this.enter()) return this.errorExpression();
          this.next();
          this.next();
          const last = this.next();
          this.errorAt(t, "ML has no spread '...'", { start: t.start, end: last.end },
            "join arrays with + ([1] + xs), copy objects key by key, and pass arguments one by one");
          const operand = this.parseUnary();
          this.depth--;
          return operand;
        }
        this.errorExpected("expected an expression", this.primarySuggestion(t));
        return this.errorExpression();
    }
  }

  private parameter(name: AST.Identifier): AST.Parameter {
    return { type: "Parameter", name, annotation: null, loc: name.loc };
  }

  /**
   * At `(`: when the tokens ahead are JavaScript arrow parameters — `()`, `(a)`, `(a, b)` — and
   * `=>`, consumes them up to the `=>` and returns the parameters; otherwise consumes nothing and
   * returns null. Looks ahead only over names and commas, so the look-ahead is linear overall.
   */
  private arrowParamsAhead(): AST.Parameter[] | null {
    let n = 1;
    let tk = this.peek(n);
    while (tk.kind === "Name") {
      tk = this.peek(++n);
      if (tk.kind !== ",") break;
      tk = this.peek(++n);
    }
    if (tk.kind !== ")" || this.peek(n + 1).kind !== "=>") return null;
    this.next();
    const params: AST.Parameter[] = [];
    while (this.tok.kind === "Name") {
      params.push(this.parameter(this.identifier(this.next())));
      this.eat(",");
    }
    this.next(); // `)`
    return params;
  }

  /** JavaScript's arrow function from `start` (its `(` or its one parameter); the current token is `=>`. */
  private parseForeignArrow(start: Token, params: AST.Parameter[]): AST.ArrowFunction {
    const arrow = this.next();
    this.errorAt(start, "ML arrow functions start with 'fn'", { start: start.start, end: arrow.end },
      `write fn(${params.map((p) => cut(p.name.name)).join(", ")}) => …`);
    const body = this.tok.kind === "{" && this.isBlockBody() ? this.parseBlock("the function body") : this.parseExpression();
    return { type: "ArrowFunction", params, body, loc: this.span(start.start) };
  }

  /**
   * JavaScript's `new Foo(…)` and `await f(…)` (read as the call) and Python's `lambda x: …` (read as an arrow
   * function), or null when the name is not used that way (it may be a variable).
   */
  private parseForeignPrimary(t: Token): AST.Expression | null {
    const after = this.peek(1);
    if (after.newlineBefore) return null;
    if (t.value === "new" || t.value === "await") {
      if (after.kind !== "Name") return null;
      if (!this.enter()) return this.errorExpression();
      this.next();
      if (t.value === "new") this.errorAt(t, "ML has no 'new'", this.tokenLoc(t), `call the function directly: ${cut(after.value)}(…)`);
      else this.errorAt(t, "ML has no 'await'", this.tokenLoc(t), "remove it: a call that waits for the host returns its result directly");
      const call = this.parsePostfix();
      this.depth--;
      return call;
    }
    // `lambda x: …` (not `lambda:`, which may be a variable before a `:` in `c ? lambda : d`).
    if (after.kind !== "Name") return null;
    this.next();
    const params: AST.Parameter[] = [];
    while (this.tok.kind === "Name") {
      params.push(this.parameter(this.identifier(this.next())));
      if (!this.eat(",")) break;
    }
    if (this.tok.kind !== ":") {
      this.errorExpected("expected ':' after the lambda's parameters", `write fn(${params.map((p) => cut(p.name.name)).join(", ")}) => …`);
      return this.errorExpression();
    }
    const colon = this.next();
    this.errorAt(t, "ML writes a lambda as an arrow function", { start: t.start, end: colon.end },
      `write fn(${params.map((p) => cut(p.name.name)).join(", ")}) => …`);
    const body = this.parseExpression();
    return { type: "ArrowFunction", params, body, loc: this.span(t.start) };
  }

  /** `...` followed by an operand, the three dots adjacent. */
  private isSpread(t: Token): boolean {
    const second = this.peek(1);
    const third = this.peek(2);
    return second.kind === "." && third.kind === "." && second.start.offset === t.end.offset && third.start.offset === second.end.offset &&
      EXPRESSION_STARTS.has(this.peek(3).kind);
  }

  private primarySuggestion(t: Token): string | undefined {
    if (isKeyword(t.kind)) return `'${t.kind}' is a reserved word and cannot be used as a name`;
    if (t.kind === ";" && (this.prev === t || this.prev.kind === ";" || this.prev.kind === "{" || this.prev.kind === "}")) {
      return "there are no empty statements; remove the extra ';'";
    }
    if (t.kind === "+") return this.prev.kind === "+" ? "there is no '++' operator; write 'x = x + 1;'" : "there is no unary '+'";
    if (t.kind === "-" && this.prev.kind === "-") return "there is no '--' operator; write 'x = x - 1;'";
    if (t.kind === "*" && this.prev.kind === "*") return "there is no '**' operator; use math.pow(x, y)";
    return undefined;
  }

  private stringLiteral(t: Token): AST.StringLiteral {
    return {
      type: "StringLiteral",
      value: t.value,
      raw: this.source.slice(t.start.offset, t.end.offset),
      loc: { start: t.start, end: t.end },
    };
  }

  /** `key: value` in an object literal; the key is a name (reserved words allowed) or a string. */
  private parseProperty(): AST.ObjectProperty | null {
    const t = this.tok;
    let quoted: boolean;
    if (isWordKind(t.kind)) {
      quoted = false;
    } else if (t.kind === "String") {
      quoted = true;
    } else if (t.kind === "Number") {
      this.errorAt(t, "object keys must be names or strings", this.tokenLoc(t), `write the key as a string: "${cut(t.value)}"`);
      quoted = true;
    } else {
      this.errorExpected("expected a property name");
      return null;
    }
    this.next();
    let value: AST.Expression;
    if (this.eat(":")) {
      value = this.parseExpression();
    } else {
      const k = this.tok.kind;
      this.errorExpected(`expected ':' after the key '${cut(t.value)}'`,
        k === "," || k === "}" ? `shorthand properties are not supported; write '${cut(t.value)}: ${cut(t.value)}'` : undefined);
      value = this.errorExpression();
    }
    return {
      type: "ObjectProperty",
      key: t.value,
      keyLoc: { start: t.start, end: t.end },
      quoted,
      value,
      loc: this.span(t.start),
    };
  }

  /** `fn(params) => expr` or `fn(params) => { statements }`. */
  private parseArrow(): AST.ArrowFunction {
    const start = this.next();
    const params = this.parseParams("fn");
    const names = params.map((p) => cut(p.name.name)).join(", ");
    if (!this.eat("=>")) {
      this.errorExpected("expected '=>' after the parameters of 'fn'",
        this.tok.kind === "{" ? `write fn(${names}) => { … }` : "write: fn(x) => x + 1");
      if (!EXPRESSION_STARTS.has(this.tok.kind)) {
        return { type: "ArrowFunction", params, body: this.errorExpression(), loc: this.span(start.start) };
      }
    }
    const ret = this.tok;
    if (ret.kind === "return") {
      // `fn(x) => return x;`: one error, read as the expression body it means.
      this.next();
      this.errorAt(ret, "an expression body has no 'return'", this.tokenLoc(ret),
        `write fn(${names}) => value, or a block: fn(${names}) => { return value; }`);
    }
    const body = this.tok.kind === "{" && this.isBlockBody() ? this.parseBlock("the function body") : this.parseExpression();
    return { type: "ArrowFunction", params, body, loc: this.span(start.start) };
  }

  /**
   * After `=>`, a `{` starts a block unless it is followed by `}` or by a name or string and `:`
   * (docs/language/reference.md §2: `fn() => {}` and `fn() => {a: 1}` have object bodies).
   */
  private isBlockBody(): boolean {
    const second = this.peek(1);
    if (second.kind === "}") return false;
    return !((isWordKind(second.kind) || second.kind === "String") && this.peek(2).kind === ":");
  }
}

function isStatement(node: AST.TopLevel): node is AST.Statement {
  return node.type !== "ImportDeclaration" && node.type !== "CapabilityDeclaration";
}
