/**
 * The ML formatter: source → source in one canonical layout, comments kept
 * (docs/formatting.md describes the layout).
 *
 * The source is parsed, its comments are found between the tokens and attached to nodes
 * (format-comments.ts), the tree is described as a layout document (format-doc.ts) and laid out
 * at the maximum width. Before returning, the result is parsed again and must give the same tree
 * (ignoring spans and parentheses) and the same comments: a formatter bug raises an error instead
 * of changing a program. Pure: no Node APIs.
 */
import type * as AST from "./ast.js";
import type { Diagnostic } from "./diagnostics.js";
import { Lexer } from "./lexer.js";
import { DiagnosticBag } from "./diagnostics.js";
import { parse } from "./parser.js";
import { BINARY_PREC, PREC_ANY, PREC_POSTFIX, PREC_UNARY, precedenceOf, printKey, printNumber, printString } from "./printer.js";
import { attachComments, findComments, type Attachment, type Comment, type FormatNode, type ListContainer } from "./format-comments.js";
import { barrier, breakParent, choice, group, hardline, ifBreak, indent, join, layout, line, lineSuffix, softline, type Doc, type Group } from "./format-doc.js";
import type { Token } from "./tokens.js";

/** Options of {@link format}. */
export interface FormatOptions {
  /** Maximum line width (default 100). Trailing comments do not count. */
  width?: number;
  /** One indentation level (default two spaces). */
  indent?: string;
  /** The file name used in diagnostics (default `<input>`). */
  filename?: string;
}

/** What {@link format} returns. */
export interface FormatResult {
  /** False when the source has syntax errors: it is then not formatted. */
  ok: boolean;
  /** The formatted source; the source unchanged when `!ok`. */
  text: string;
  /** True when `text` differs from the source. */
  changed: boolean;
  /** Lexical and syntax errors (formatting needs none; name errors do not matter). */
  diagnostics: Diagnostic[];
}

/** Default {@link FormatOptions.width}. */
export const DEFAULT_FORMAT_WIDTH = 100;

/** Raised when the formatter would change a program's meaning or lose a comment (a bug in mljs). */
export class FormatterError extends Error {}
FormatterError.prototype.name = "FormatterError";

/**
 * Formats ML source. A source with syntax errors is returned unchanged with its diagnostics.
 * Formatting is idempotent: `format(format(s).text).text === format(s).text`.
 *
 * @throws FormatterError if the result would not parse to the same program with the same
 *   comments (never expected; the source is then left as it is by callers)
 */
export function format(source: string, options: FormatOptions = {}): FormatResult {
  const filename = options.filename ?? "<input>";
  const parsed = parse(source, filename);
  if (parsed.diagnostics.some((d) => d.severity === "error")) {
    return { ok: false, text: source, changed: false, diagnostics: parsed.diagnostics };
  }
  const comments = findComments(source, tokensOf(source));
  const text = formatProgram(parsed.program, source, comments, options);
  verify(parsed.program, comments, text, filename);
  return { ok: true, text, changed: text !== source, diagnostics: parsed.diagnostics };
}

/** All tokens of `source` (only called for sources that lexed without errors). */
function tokensOf(source: string): Token[] {
  const lexer = new Lexer(source, new DiagnosticBag("<input>"));
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    tokens.push(t);
    if (t.kind === "EOF") return tokens;
  }
}

function formatProgram(program: AST.Program, source: string, comments: Comment[], options: FormatOptions): string {
  const f = new Formatter(source, attachComments(program, source, comments));
  const doc = f.program(program);
  if (f.printed !== comments.length) {
    throw new FormatterError(`the formatter placed ${f.printed} of ${comments.length} comments`);
  }
  return layout(doc, { width: options.width ?? DEFAULT_FORMAT_WIDTH, indent: options.indent ?? "  " });
}

/** Checks that `text` is the same program as `program`, with the same comments. */
function verify(program: AST.Program, comments: Comment[], text: string, filename: string): void {
  const again = parse(text, filename);
  const error = again.diagnostics.find((d) => d.severity === "error");
  if (error !== undefined) {
    const d = error;
    throw new FormatterError(`formatted ${filename} does not parse (${d.code} at ${d.loc.start.line}:${d.loc.start.column}: ${d.message})`);
  }
  if (!sameTree(program, again.program)) throw new FormatterError(`formatting ${filename} would change the program`);
  // Inline block comments may change places with line comments moved to the end of a line.
  const after = findComments(text, tokensOf(text)).map((c) => c.text).sort();
  const before = comments.map((c) => c.text).sort();
  if (after.length !== before.length || after.some((t, i) => t !== before[i])) {
    throw new FormatterError(`formatting ${filename} would lose or change comments`);
  }
}

const SPAN_KEYS = new Set(["loc", "keyLoc", "permissionLoc", "operatorLoc"]);

/**
 * Deep equality of two trees ignoring spans and `ParenthesizedExpression` wrappers. Iterative: a
 * long operator chain is a deep tree.
 */
export function sameTree(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  while (pending.length > 0) {
    let [x, y] = pending.pop()!;
    x = unwrap(x);
    y = unwrap(y);
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number" && Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ya = y as unknown[];
      if (x.length !== ya.length) return false;
      x.forEach((v, i) => pending.push([v, ya[i]]));
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const keys = Object.keys(xo).filter((k) => !SPAN_KEYS.has(k));
    if (keys.length !== Object.keys(yo).filter((k) => !SPAN_KEYS.has(k)).length) return false;
    for (const k of keys) {
      if (!(k in yo)) return false;
      pending.push([xo[k], yo[k]]);
    }
  }
  return true;
}

function unwrap(x: unknown): unknown {
  while (x !== null && typeof x === "object" && (x as { type?: unknown }).type === "ParenthesizedExpression") {
    x = (x as AST.ParenthesizedExpression).expression;
  }
  return x;
}

/** A trailing comment: a block comment inline, a line comment at the end of the line. */
function trailingDoc(c: Comment): Doc {
  return c.block ? ` ${c.text}` : lineSuffix(` ${c.text}`);
}

class Formatter {
  /** Number of comments placed so far (checked against the number found). */
  printed = 0;

  constructor(
    private readonly source: string,
    private readonly comments: Attachment,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Comments and statement lists
  // -------------------------------------------------------------------------------------------

  /** `doc` with the comments attached to `node` around it. */
  private withComments(node: FormatNode, doc: Doc): Doc {
    const leading = this.comments.leading.get(node);
    const trailing = this.comments.trailing.get(node);
    if (leading === undefined && trailing === undefined) return doc;
    const parts: Doc[] = [];
    for (const c of leading ?? []) {
      this.printed++;
      // A line comment is held like a trailing one, so comments held before it keep their order.
      parts.push(c.block ? [c.text, " "] : [lineSuffix(` ${c.text}`), hardline]);
    }
    parts.push(doc);
    for (const c of trailing ?? []) {
      this.printed++;
      parts.push(trailingDoc(c));
    }
    return parts;
  }

  /** True when the source has a blank line between offsets `from` and `to` (whitespace only). */
  private blankLineBetween(from: number, to: number): boolean {
    let breaks = 0;
    for (let i = from; i < to; i++) {
      const c = this.source.charCodeAt(i);
      if (c === 13 && this.source.charCodeAt(i + 1) === 10) continue;
      if (c === 10 || c === 13) breaks++;
      if (breaks >= 2) return true;
    }
    return false;
  }

  /**
   * The items of a list container, one per line, with the container's comments between them:
   * a comment starting on the line where the previous item (or the opening brace, at line
   * `openLine`) ends stays at the end of that line; others get their own line. One blank line is
   * kept where the source has at least one. Returns the lines joined by hard line breaks, and
   * the comments that end the opening line separately.
   */
  private list<T extends FormatNode>(container: ListContainer, items: readonly T[], print: (item: T) => Doc, openLine: number): { opening: Doc[]; body: Doc[] } {
    const comments = this.comments.list.get(container) ?? [];
    this.printed += comments.length;
    const opening: Doc[] = [];
    const lines: Doc[] = [];
    let current: Doc[] | null = null;
    let lastEnd = -1;
    let lastLine = openLine;
    let ci = 0;
    /** Set after a block comment followed by code on its line: that code joins its line. */
    let glue = false;
    const startLine = (doc: Doc, start: number): void => {
      if (glue && current !== null) {
        current.push(" ", doc);
        return;
      }
      if (current !== null && lastEnd >= 0 && this.blankLineBetween(lastEnd, start)) lines.push("");
      current = [doc];
      lines.push(current);
    };
    const placeComment = (c: Comment): void => {
      if (c.line === lastLine && (current !== null || lines.length === 0) && !glue) {
        (current ?? opening).push(trailingDoc(c));
        glue = false;
      } else {
        startLine(c.text, c.start);
        glue = c.block && !c.endOfLine;
      }
      lastEnd = c.end;
      lastLine = c.endLine;
    };
    for (const item of items) {
      while (ci < comments.length && comments[ci]!.start < item.loc.start.offset) placeComment(comments[ci++]!);
      startLine(print(item), item.loc.start.offset);
      glue = false;
      lastEnd = item.loc.end.offset;
      lastLine = item.loc.end.line;
    }
    while (ci < comments.length) placeComment(comments[ci++]!);
    return { opening, body: join(hardline, lines) };
  }

  /** `{ … }` around a list, or `{}` when it is empty. */
  private braced(opening: Doc[], body: Doc[], empty: boolean): Doc {
    if (empty && opening.length === 0) return "{}";
    // Only comments after `{`: `{ /* nothing */ }`, or the `// comment` then `}` on the next line.
    if (body.length === 0) return barrier(["{", ...opening, opening.every((d) => typeof d === "string") ? " " : hardline, "}"]);
    return barrier(["{", ...opening, indent([hardline, body]), hardline, "}"]);
  }

  program(p: AST.Program): Doc {
    const { opening, body } = this.list(p, p.body, (n) => this.topLevel(n), 0);
    const doc: Doc[] = [...opening, body];
    return p.body.length === 0 && (this.comments.list.get(p)?.length ?? 0) === 0 ? "" : [doc, hardline];
  }

  private block(b: AST.Block): Doc {
    const { opening, body } = this.list(b, b.body, (s) => this.statement(s), b.loc.start.line);
    const empty = b.body.length === 0 && (this.comments.list.get(b)?.length ?? 0) === 0;
    return this.withComments(b, this.braced(opening, body, empty));
  }

  private id(n: AST.Identifier): Doc {
    return this.withComments(n, n.name);
  }

  // -------------------------------------------------------------------------------------------
  // Statements
  // -------------------------------------------------------------------------------------------

  private topLevel(node: AST.TopLevel): Doc {
    switch (node.type) {
      case "ImportDeclaration": {
        const path = join(".", node.path.map((p) => this.id(p)));
        return this.withComments(node, ["import ", path, node.alias !== null ? [" as ", this.id(node.alias)] : "", ";"]);
      }
      case "CapabilityDeclaration": {
        const name = this.id(node.name);
        const { opening, body } = this.list(node, node.items, (item) => this.capabilityItem(item), node.name.loc.end.line);
        const empty = node.items.length === 0 && (this.comments.list.get(node)?.length ?? 0) === 0;
        return this.withComments(node, ["capability ", name, " ", this.braced(opening, body, empty)]);
      }
      default:
        return this.statement(node);
    }
  }

  private capabilityItem(item: AST.CapabilityItem): Doc {
    if (item.type === "CapabilityResource") {
      return this.withComments(item, ["resource ", printString(item.pattern), ";"]);
    }
    return this.withComments(item, ["allow ", item.permission, item.target !== null ? [" ", printString(item.target)] : "", ";"]);
  }

  private statement(s: AST.Statement): Doc {
    return this.withComments(s, this.statementBody(s));
  }

  private statementBody(s: AST.Statement): Doc {
    switch (s.type) {
      case "ExpressionStatement":
        return [this.expr(s.expression, PREC_ANY, true), ";"];
      case "AssignmentStatement":
        return [this.expr(s.target, PREC_ANY, true), " = ", this.expr(s.value, PREC_ANY, false), ";"];
      case "DestructuringStatement": {
        const names = join(", ", s.names.map((n) => this.id(n)));
        return [s.kind === "array" ? ["[", names, "]"] : ["{", names, "}"], " = ", this.expr(s.value, PREC_ANY, false), ";"];
      }
      case "FunctionDeclaration":
        return ["function ", this.id(s.name), this.params(s.params), " ", this.block(s.body)];
      case "IfStatement": {
        const parts: Doc[] = [];
        s.branches.forEach((b, i) => {
          parts.push(i === 0 ? "if (" : " elif (", this.expr(b.test, PREC_ANY, false), ") ", this.block(b.body));
        });
        if (s.alternate !== null) parts.push(" else ", this.block(s.alternate));
        return parts;
      }
      case "WhileStatement":
        return ["while (", this.expr(s.test, PREC_ANY, false), ") ", this.block(s.body)];
      case "ForStatement":
        return ["for (", this.id(s.variable), " in ", this.expr(s.iterable, PREC_ANY, false), ") ", this.block(s.body)];
      case "TryStatement": {
        const parts: Doc[] = ["try ", this.block(s.block)];
        for (const h of s.handlers) {
          parts.push(this.withComments(h, [" except ", h.param !== null ? ["(", this.id(h.param), ") "] : "", this.block(h.body)]));
        }
        if (s.finalizer !== null) parts.push(" finally ", this.block(s.finalizer));
        return parts;
      }
      case "ThrowStatement":
        return ["throw ", this.expr(s.argument, PREC_ANY, false), ";"];
      case "ReturnStatement":
        return s.argument === null ? "return;" : ["return ", this.expr(s.argument, PREC_ANY, false), ";"];
      case "BreakStatement":
        return "break;";
      case "ContinueStatement":
        return "continue;";
      case "NonlocalStatement":
        return ["nonlocal ", join(", ", s.names.map((n) => this.id(n))), ";"];
    }
  }

  private params(params: AST.Parameter[]): Doc {
    return this.bracketList("(", params, (p) =>
      this.withComments(p, p.annotation !== null ? [this.id(p.name), ": ", this.id(p.annotation)] : this.id(p.name)), ")");
  }

  /**
   * `open items close` on one line, or one item per line with a trailing comma. A line comment
   * written after the opener, before the first item, stays after the opener.
   */
  private bracketList<T extends FormatNode>(open: string, nodes: readonly T[], print: (node: T) => Doc, close: string): Group {
    const afterOpen = this.takeOpenerComments(nodes[0]);
    return bracketed(open, afterOpen, nodes.map(print), close);
  }

  /**
   * Removes from `first`'s leading comments the line comments that started on the line of the
   * opener before it, and returns them as trailing the opener.
   */
  private takeOpenerComments(first: FormatNode | undefined): Doc[] {
    if (first === undefined) return [];
    const leading = this.comments.leading.get(first);
    if (leading === undefined) return [];
    const out: Doc[] = [];
    while (leading.length > 0 && !leading[0]!.block && !leading[0]!.ownLine) {
      this.printed++;
      out.push(trailingDoc(leading.shift()!));
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Expressions (parentheses follow the printer: docs/formatting.md)
  // -------------------------------------------------------------------------------------------

  /**
   * `e` laid out so that it reads back as one operand at precedence `minPrec`; `atStatementStart`
   * is true along the leftmost edge of a statement, where a `{` would read as a pattern.
   */
  private expr(e: AST.Expression, minPrec: number, atStatementStart: boolean): Doc {
    if (precedenceOf(e) < minPrec || (atStatementStart && e.type === "ObjectLiteral")) {
      return ["(", this.expr(e, PREC_ANY, false), ")"];
    }
    return this.withComments(e, this.exprBody(e, atStatementStart));
  }

  private exprBody(e: AST.Expression, atStatementStart: boolean): Doc {
    switch (e.type) {
      case "NumberLiteral":
        return printNumber(e);
      case "StringLiteral":
        return printString(e);
      case "BooleanLiteral":
        return e.value ? "true" : "false";
      case "NullLiteral":
      case "ErrorExpression":
        return "null";
      case "Identifier":
        return e.name;
      case "ArrayLiteral":
        if (e.elements.length === 0) return this.emptyCollection(e, "[", "]");
        return this.bracketList("[", e.elements, (x) => this.element(x), "]");
      case "ObjectLiteral":
        if (e.properties.length === 0) return this.emptyCollection(e, "{", "}");
        return this.bracketList("{", e.properties, (p) => this.withComments(p, [printKey(p), ": ", this.element(p.value)]), "}");
      case "ArrowFunction": {
        const head: Doc = ["fn", this.params(e.params), " => "];
        if (e.body.type === "Block") return [head, this.block(e.body)];
        return [head, this.expr(e.body, PREC_ANY, false)];
      }
      case "UnaryExpression":
        return [e.operator, this.expr(e.argument, PREC_UNARY, false)];
      case "BinaryExpression":
      case "LogicalExpression":
        return this.binaryChain(e, atStatementStart);
      case "ConditionalExpression":
        // Breaks after `?` and `:`, never after an operand, where a held `// comment` would
        // read as floor division.
        return group([
          this.expr(e.test, 1, atStatementStart),
          " ?",
          indent([line, this.expr(e.consequent, PREC_ANY, false), " :", line, this.expr(e.alternate, PREC_ANY, false)]),
        ]);
      case "CallExpression":
        return [this.expr(e.callee, PREC_POSTFIX, atStatementStart), e.args.length === 0 ? this.emptyCollection(e, "(", ")") : this.args(e.args)];
      case "IndexExpression":
        return [this.expr(e.object, PREC_POSTFIX, atStatementStart), "[", this.expr(e.index, PREC_ANY, false), "]"];
      case "SliceExpression": {
        const part = (x: AST.Expression | null): Doc => (x === null ? "" : this.expr(x, PREC_ANY, false));
        const step: Doc = e.step === null ? "" : [":", part(e.step)];
        return [this.expr(e.object, PREC_POSTFIX, atStatementStart), "[", part(e.start), ":", part(e.end), step, "]"];
      }
      case "MemberExpression": {
        // `5.x` would lex as the number `5.` followed by `x`.
        const object = e.object.type === "NumberLiteral"
          ? this.withComments(e.object, ["(", printNumber(e.object), ")"])
          : this.expr(e.object, PREC_POSTFIX, atStatementStart);
        return [object, ".", this.id(e.property)];
      }
      case "ParenthesizedExpression":
        return ["(", this.expr(e.expression, PREC_ANY, false), ")"];
    }
  }

  /** `[]`, `{}` or a call's `()`, with the comments written inside it. */
  private emptyCollection(e: AST.ArrayLiteral | AST.ObjectLiteral | AST.CallExpression, open: string, close: string): Doc {
    const inside = this.comments.inside.get(e) ?? [];
    this.printed += inside.length;
    const blocks = join(" ", inside.filter((c) => c.block).map((c) => c.text));
    const lines = inside.filter((c) => !c.block).map(trailingDoc);
    return [open, blocks, lines.length > 0 ? [lines, hardline] : "", close];
  }

  /**
   * `a + b - c`: operators of one precedence level, left-associative, as one group. When it is
   * too long, it breaks after every operator of the chain and the operands after the first are
   * indented.
   */
  private binaryChain(e: AST.BinaryExpression | AST.LogicalExpression, atStatementStart: boolean): Doc {
    const p = BINARY_PREC[e.operator]!;
    const links: { operator: string; right: AST.Expression }[] = [];
    let first: AST.Expression = e;
    // Descend the left spine while it continues the chain (and carries no comments of its own).
    while (
      (first.type === "BinaryExpression" || first.type === "LogicalExpression") &&
      BINARY_PREC[first.operator] === p &&
      (first === e || !this.hasComments(first))
    ) {
      links.unshift({ operator: first.operator, right: first.right });
      first = first.left;
    }
    const rest: Doc[] = links.map((l) => [` ${l.operator}`, line, this.expr(l.right, p + 1, false)]);
    return group([this.expr(first, p, atStatementStart), indent(rest)]);
  }

  private hasComments(node: FormatNode): boolean {
    return this.comments.leading.has(node) || this.comments.trailing.has(node);
  }

  /** An element of an array or object: a block-bodied function in it breaks the collection. */
  private element(e: AST.Expression): Doc {
    const doc = this.expr(e, PREC_ANY, false);
    return e.type === "ArrowFunction" && e.body.type === "Block" ? [doc, breakParent] : doc;
  }

  /**
   * A call's arguments. When the last one is a block-bodied function or a non-empty array or
   * object literal, the others stay on the call's line and only the last one breaks
   * (`xs.map(fn(x) => {`, `f(a, {`); otherwise, when the call is too long, every argument gets
   * its own line.
   */
  private args(args: AST.Expression[]): Doc {
    const docs = args.map((a) => this.expr(a, PREC_ANY, false));
    const expanded = bracketed("(", [], docs, ")");
    const last = args.at(-1);
    if (last === undefined || !hugs(last)) return expanded;
    const head: Doc[] = ["("];
    docs.slice(0, -1).forEach((d) => head.push(d, ", "));
    const lastDoc = docs.at(-1)!;
    const options: Doc[] = [[...head, lastDoc, ")"]];
    const broken = last.type === "ArrowFunction" ? null : breakOuterGroup(lastDoc);
    if (broken !== null) options.push([...head, broken, ")"]);
    options.push(expanded);
    return choice(options);
  }
}

/** `open items close` on one line, or one item per line with a trailing comma. */
function bracketed(open: string, afterOpen: Doc[], items: Doc[], close: string): Group {
  if (items.length === 0) return group([open, afterOpen, close]);
  return group([open, afterOpen, indent([softline, join([",", line], items)]), ifBreak(","), softline, close]);
}

/** Arguments that may break on their own while the call's other arguments stay on its line. */
function hugs(e: AST.Expression): boolean {
  if (e.type === "ArrowFunction") return e.body.type === "Block";
  if (e.type === "ArrayLiteral") return e.elements.length > 0;
  if (e.type === "ObjectLiteral") return e.properties.length > 0;
  return false;
}

/** A copy of `doc` whose first group is forced to break, or null when it has no group. */
function breakOuterGroup(doc: Doc): Doc | null {
  if (typeof doc === "string") return null;
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) {
      const b = breakOuterGroup(doc[i]!);
      if (b !== null) return [...doc.slice(0, i), b, ...doc.slice(i + 1)];
    }
    return null;
  }
  if (doc.kind === "group") return { ...doc, break: true };
  return null;
}
