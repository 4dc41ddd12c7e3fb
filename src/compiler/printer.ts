/**
 * AST → ML source. The output parses back to the same tree (ignoring `loc`), which the
 * round-trip property test checks.
 *
 * Parentheses: `ParenthesizedExpression` nodes are printed as written, and the printer adds
 * parentheses only where the tree could not be read back otherwise (precedence, an arrow whose
 * body would swallow what follows, an object literal at the start of a statement, a number
 * before `.`). Re-parsing such output yields extra `ParenthesizedExpression` wrappers and nothing
 * else. Literals are printed as written (`raw`) when `raw` still denotes the node's value, and in
 * a canonical form otherwise.
 */
import type * as AST from "./ast.js";
import { decodeNumberLiteral, decodeStringLiteral } from "./lexer.js";
import { isKeyword } from "./tokens.js";

/** Options for {@link printProgram}. */
export interface PrintOptions {
  /** Indentation unit (default two spaces). */
  indent?: string;
}

/**
 * Prints a program as ML source, one statement per line, ending with a newline (empty programs
 * print as the empty string).
 */
export function printProgram(program: AST.Program, options: PrintOptions = {}): string {
  const p = new Printer(options.indent ?? "  ");
  for (const node of program.body) p.topLevel(node);
  return p.out.join("");
}

/** Prints one expression (without a trailing newline). */
export function printExpression(expression: AST.Expression, options: PrintOptions = {}): string {
  const p = new Printer(options.indent ?? "  ");
  return p.expression(expression, PREC_ANY, false);
}

// Precedence levels, loosest first (docs/language/reference.md §2).
/**
 * Arrows extend as far as an expression can, so they need parentheses as an operand of any
 * operator, but not where a whole expression is expected (`PREC_ANY`): there the next token is
 * `,` `)` `]` `}` `;` or `:`, which ends the arrow's body as intended.
 */
const PREC_ARROW = -1;
/** A place where any expression may stand: argument, element, value, statement, branch. */
export const PREC_ANY = -1;
const PREC_CONDITIONAL = 0;
export const PREC_UNARY = 7;
export const PREC_POSTFIX = 8;
const PREC_PRIMARY = 9;

/** Binding power of the binary and logical operators (higher binds tighter). */
export const BINARY_PREC: Readonly<Record<string, number>> = {
  "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
  "+": 5, "-": 5, "*": 6, "/": 6, "//": 6, "%": 6,
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Printer {
  readonly out: string[] = [];
  private level = 0;

  constructor(private readonly unit: string) {}

  private line(text: string): void {
    this.out.push(this.unit.repeat(this.level), text, "\n");
  }

  topLevel(node: AST.TopLevel): void {
    switch (node.type) {
      case "ImportDeclaration": {
        const path = node.path.map((p) => p.name).join(".");
        this.line(`import ${path}${node.alias !== null ? ` as ${node.alias.name}` : ""};`);
        return;
      }
      case "CapabilityDeclaration": {
        this.line(`capability ${node.name.name} {`);
        this.level++;
        for (const item of node.items) {
          if (item.type === "CapabilityResource") {
            this.line(`resource ${this.string(item.pattern)};`);
          } else {
            this.line(`allow ${item.permission}${item.target !== null ? ` ${this.string(item.target)}` : ""};`);
          }
        }
        this.level--;
        this.line("}");
        return;
      }
      default:
        this.statement(node);
    }
  }

  statement(s: AST.Statement): void {
    switch (s.type) {
      case "ExpressionStatement":
        this.line(`${this.expression(s.expression, PREC_ANY, true)};`);
        return;
      case "AssignmentStatement":
        this.line(`${this.expression(s.target, PREC_ANY, true)} = ${this.expression(s.value, PREC_ANY, false)};`);
        return;
      case "DestructuringStatement": {
        const names = s.names.map((n) => n.name).join(", ");
        const pattern = s.kind === "array" ? `[${names}]` : `{${names}}`;
        this.line(`${pattern} = ${this.expression(s.value, PREC_ANY, false)};`);
        return;
      }
      case "FunctionDeclaration":
        this.line(`function ${s.name.name}(${this.params(s.params)}) ${this.block(s.body)}`);
        return;
      case "IfStatement": {
        let text = "";
        s.branches.forEach((b, i) => {
          text += `${i === 0 ? "if" : " elif"} (${this.expression(b.test, PREC_ANY, false)}) ${this.block(b.body)}`;
        });
        if (s.alternate !== null) text += ` else ${this.block(s.alternate)}`;
        this.line(text);
        return;
      }
      case "WhileStatement":
        this.line(`while (${this.expression(s.test, PREC_ANY, false)}) ${this.block(s.body)}`);
        return;
      case "ForStatement":
        this.line(`for (${s.variable.name} in ${this.expression(s.iterable, PREC_ANY, false)}) ${this.block(s.body)}`);
        return;
      case "TryStatement": {
        let text = `try ${this.block(s.block)}`;
        for (const h of s.handlers) text += ` except ${h.param !== null ? `(${h.param.name}) ` : ""}${this.block(h.body)}`;
        if (s.finalizer !== null) text += ` finally ${this.block(s.finalizer)}`;
        this.line(text);
        return;
      }
      case "ThrowStatement":
        this.line(`throw ${this.expression(s.argument, PREC_ANY, false)};`);
        return;
      case "ReturnStatement":
        this.line(s.argument === null ? "return;" : `return ${this.expression(s.argument, PREC_ANY, false)};`);
        return;
      case "BreakStatement":
        this.line("break;");
        return;
      case "ContinueStatement":
        this.line("continue;");
        return;
      case "NonlocalStatement":
        this.line(`nonlocal ${s.names.map((n) => n.name).join(", ")};`);
        return;
    }
  }

  /** A block as text, starting with `{` and ending with `}` at the current indentation. */
  private block(b: AST.Block): string {
    if (b.body.length === 0) return "{}";
    const saved = this.out.length;
    this.level++;
    for (const s of b.body) this.statement(s);
    this.level--;
    const inner = this.out.splice(saved).join("");
    return `{\n${inner}${this.unit.repeat(this.level)}}`;
  }

  private params(params: AST.Parameter[]): string {
    return params.map((p) => (p.annotation !== null ? `${p.name.name}: ${p.annotation.name}` : p.name.name)).join(", ");
  }

  /**
   * Prints `e` so that it parses back as one operand at precedence `minPrec`. `atStatementStart`
   * is true along the leftmost edge of a statement, where a `{` would read as a pattern.
   */
  expression(e: AST.Expression, minPrec: number, atStatementStart: boolean): string {
    const prec = precedenceOf(e);
    if (prec < minPrec || (atStatementStart && e.type === "ObjectLiteral")) {
      return `(${this.expression(e, PREC_ANY, false)})`;
    }
    switch (e.type) {
      case "NumberLiteral":
        return printNumber(e);
      case "StringLiteral":
        return this.string(e);
      case "BooleanLiteral":
        return e.value ? "true" : "false";
      case "NullLiteral":
      case "ErrorExpression":
        return "null";
      case "Identifier":
        return e.name;
      case "ArrayLiteral":
        return `[${e.elements.map((x) => this.expression(x, PREC_ANY, false)).join(", ")}]`;
      case "ObjectLiteral":
        return `{${e.properties.map((p) => `${printKey(p)}: ${this.expression(p.value, PREC_ANY, false)}`).join(", ")}}`;
      case "ArrowFunction": {
        const head = `fn(${this.params(e.params)}) => `;
        if (e.body.type === "Block") {
          // An empty block would read back as an object literal `{}`.
          return e.body.body.length === 0 ? `${head}{\n${this.unit.repeat(this.level + 1)}return;\n${this.unit.repeat(this.level)}}` : head + this.block(e.body);
        }
        return head + this.expression(e.body, PREC_ANY, false);
      }
      case "UnaryExpression":
        return e.operator + this.expression(e.argument, PREC_UNARY, false);
      case "BinaryExpression":
      case "LogicalExpression": {
        const p = BINARY_PREC[e.operator]!;
        return `${this.expression(e.left, p, atStatementStart)} ${e.operator} ${this.expression(e.right, p + 1, false)}`;
      }
      case "ConditionalExpression":
        return `${this.expression(e.test, 1, atStatementStart)} ? ${this.expression(e.consequent, PREC_ANY, false)} : ${this.expression(e.alternate, PREC_ANY, false)}`;
      case "CallExpression":
        return `${this.expression(e.callee, PREC_POSTFIX, atStatementStart)}(${e.args.map((a) => this.expression(a, PREC_ANY, false)).join(", ")})`;
      case "IndexExpression":
        return `${this.expression(e.object, PREC_POSTFIX, atStatementStart)}[${this.expression(e.index, PREC_ANY, false)}]`;
      case "SliceExpression": {
        const part = (x: AST.Expression | null) => (x === null ? "" : this.expression(x, PREC_ANY, false));
        const step = e.step === null ? "" : `:${part(e.step)}`;
        return `${this.expression(e.object, PREC_POSTFIX, atStatementStart)}[${part(e.start)}:${part(e.end)}${step}]`;
      }
      case "MemberExpression": {
        // `5.x` would lex as the number `5.` followed by `x`.
        const object = e.object.type === "NumberLiteral"
          ? `(${printNumber(e.object)})`
          : this.expression(e.object, PREC_POSTFIX, atStatementStart);
        return `${object}.${e.property.name}`;
      }
      case "ParenthesizedExpression":
        return `(${this.expression(e.expression, PREC_ANY, false)})`;
    }
  }

  private string(s: AST.StringLiteral): string {
    return printString(s);
  }
}

/** A string literal as written when `raw` still denotes its value, else in canonical form. */
export function printString(s: AST.StringLiteral): string {
  if (s.raw !== "" && decodeStringLiteral(s.raw) === s.value) return s.raw;
  return quoteString(s.value);
}

/** The precedence level of `e` as an operand (see the `PREC_*` constants). */
export function precedenceOf(e: AST.Expression): number {
  switch (e.type) {
    case "ConditionalExpression": return PREC_CONDITIONAL;
    case "BinaryExpression":
    case "LogicalExpression": return BINARY_PREC[e.operator]!;
    case "UnaryExpression": return PREC_UNARY;
    case "CallExpression":
    case "IndexExpression":
    case "SliceExpression":
    case "MemberExpression": return PREC_POSTFIX;
    case "ArrowFunction": return PREC_ARROW;
    default: return PREC_PRIMARY;
  }
}

/** An object literal's key: a bare name unless it was quoted or is not an identifier. */
export function printKey(p: AST.ObjectProperty): string {
  return !p.quoted && IDENTIFIER.test(p.key) ? p.key : quoteString(p.key);
}

/** A number literal as written when `raw` still denotes its value, else in canonical form. */
export function printNumber(n: AST.NumberLiteral): string {
  if (n.raw !== "" && decodeNumberLiteral(n.raw) === n.value) return n.raw;
  return formatNumber(n.value);
}

/** A number literal denoting `value`; NaN has none (throws RangeError). */
export function formatNumber(value: number): string {
  if (value === Infinity) return "1e999";
  if (Number.isNaN(value)) throw new RangeError("no ML number literal denotes NaN");
  // Parsed literals are never negative; a synthetic one prints as the unary minus it reads back as.
  if (value < 0 || Object.is(value, -0)) return `(-${formatNumber(-value)})`;
  return String(value);
}

/** A double-quoted ML string literal whose value is `value`. */
export function quoteString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    switch (c) {
      case 34: out += '\\"'; break;
      case 92: out += "\\\\"; break;
      case 10: out += "\\n"; break;
      case 9: out += "\\t"; break;
      case 13: out += "\\r"; break;
      default:
        if (c < 32 || c === 0x7f) {
          out += `\\x${c.toString(16).padStart(2, "0")}`;
        } else if (c >= 0xd800 && c <= 0xdfff) {
          // Keep well-formed pairs as they are; escape lone surrogates.
          const next = value.charCodeAt(i + 1);
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            out += value[i]! + value[i + 1]!;
            i++;
          } else {
            out += `\\u${c.toString(16).padStart(4, "0")}`;
          }
        } else {
          out += value[i];
        }
    }
  }
  return `${out}"`;
}

/** True when `name` can be printed as a variable name (an identifier that is not reserved). */
export function isPlainName(name: string): boolean {
  return IDENTIFIER.test(name) && !isKeyword(name);
}
