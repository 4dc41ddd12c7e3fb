/**
 * Helpers shared by the compiler tests: AST comparison without source spans, and a compact
 * fully-parenthesised rendering of expressions for precedence tests.
 */
import type * as AST from "../../src/compiler/ast.js";
import { parse } from "../../src/compiler/parser.js";

const SPAN_KEYS = new Set(["loc", "keyLoc", "permissionLoc", "operatorLoc"]);

/**
 * A deep copy of `node` without source spans (`loc`, `keyLoc`, `permissionLoc`, `operatorLoc`)
 * and, with `unwrapParens`, without `ParenthesizedExpression` wrappers.
 */
export function strip(node: unknown, unwrapParens = false): unknown {
  if (Array.isArray(node)) return node.map((n) => strip(n, unwrapParens));
  if (node === null || typeof node !== "object") return node;
  const obj = node as Record<string, unknown>;
  if (unwrapParens && obj.type === "ParenthesizedExpression") return strip(obj.expression, unwrapParens);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!SPAN_KEYS.has(k)) out[k] = strip(v, unwrapParens);
  return out;
}

/** Parses a program that must be free of diagnostics. */
export function parseOk(source: string): AST.Program {
  const { program, diagnostics } = parse(source);
  if (diagnostics.length > 0) {
    throw new Error(`unexpected diagnostics for ${JSON.stringify(source)}:\n${diagnostics.map((d) => `${d.code} ${d.loc.start.line}:${d.loc.start.column} ${d.message}`).join("\n")}`);
  }
  return program;
}

/** The expression of a one-statement program `source;`. */
export function parseExpr(source: string): AST.Expression {
  const stmt = parseOk(`${source};`).body[0];
  if (stmt?.type !== "ExpressionStatement") throw new Error(`not an expression statement: ${source}`);
  return stmt.expression;
}

/** Renders an expression with explicit grouping: `(a + (b * c))`. */
export function group(e: AST.Expression): string {
  switch (e.type) {
    case "NumberLiteral": return e.raw;
    case "StringLiteral": return e.raw;
    case "BooleanLiteral": return String(e.value);
    case "NullLiteral": return "null";
    case "Identifier": return e.name;
    case "ErrorExpression": return "<error>";
    case "ArrayLiteral": return `[${e.elements.map(group).join(", ")}]`;
    case "ObjectLiteral": return `{${e.properties.map((p) => `${p.key}: ${group(p.value)}`).join(", ")}}`;
    case "ArrowFunction": return `(fn(${e.params.map((p) => p.name.name).join(", ")}) => ${e.body.type === "Block" ? "{…}" : group(e.body)})`;
    case "UnaryExpression": return `(${e.operator}${group(e.argument)})`;
    case "BinaryExpression":
    case "LogicalExpression": return `(${group(e.left)} ${e.operator} ${group(e.right)})`;
    case "ConditionalExpression": return `(${group(e.test)} ? ${group(e.consequent)} : ${group(e.alternate)})`;
    case "CallExpression": return `${group(e.callee)}(${e.args.map(group).join(", ")})`;
    case "IndexExpression": return `${group(e.object)}[${group(e.index)}]`;
    case "SliceExpression": {
      const part = (x: AST.Expression | null) => (x === null ? "" : group(x));
      return `${group(e.object)}[${part(e.start)}:${part(e.end)}:${part(e.step)}]`;
    }
    case "MemberExpression": return `${group(e.object)}.${e.property.name}`;
    case "ParenthesizedExpression": return `(${group(e.expression)})`;
  }
}
