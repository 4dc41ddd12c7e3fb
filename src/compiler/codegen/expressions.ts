/**
 * Static facts about ML expressions that the code generator relies on (constant values, whether
 * evaluating an expression may call ML code), and the JavaScript spelling of literals.
 * Pure functions of the AST.
 */
import type * as AST from "../ast.js";

/** Constant folding (and the other bounded walks here) look this deep into an expression. */
export const FOLD_DEPTH = 16;

/** `e` without enclosing parentheses. */
export function unwrap(e: AST.Expression): AST.Expression {
  while (e.type === "ParenthesizedExpression") e = e.expression;
  return e;
}

/**
 * True when evaluating `e` may call a function (and so run ML code). Arrow bodies do not run.
 * Conservatively true for very deep expressions.
 */
export function containsCall(e: AST.Expression, depth = 0): boolean {
  if (depth > FOLD_DEPTH) return true;
  const d = depth + 1;
  switch (e.type) {
    case "CallExpression":
      return true;
    case "ArrayLiteral":
      return e.elements.some((x) => containsCall(x, d));
    case "ObjectLiteral":
      return e.properties.some((p) => containsCall(p.value, d));
    case "UnaryExpression":
      return containsCall(e.argument, d);
    case "BinaryExpression":
    case "LogicalExpression":
      return containsCall(e.left, d) || containsCall(e.right, d);
    case "ConditionalExpression":
      return containsCall(e.test, d) || containsCall(e.consequent, d) || containsCall(e.alternate, d);
    case "IndexExpression":
      return containsCall(e.object, d) || containsCall(e.index, d);
    case "SliceExpression":
      return containsCall(e.object, d) || (e.start !== null && containsCall(e.start, d)) ||
        (e.end !== null && containsCall(e.end, d)) || (e.step !== null && containsCall(e.step, d));
    case "MemberExpression":
      return containsCall(e.object, d);
    case "ParenthesizedExpression":
      return containsCall(e.expression, d);
    default:
      return false;
  }
}

/** True when `e` is a literal string, boolean, null or numeric constant. */
export function isPrimitiveLiteral(e: AST.Expression): boolean {
  const u = unwrap(e);
  return u.type === "StringLiteral" || u.type === "BooleanLiteral" || u.type === "NullLiteral" ||
    constantValue(u, 0) !== undefined;
}

/** True when a statement never completes normally (no code is needed after it). */
export function endsControl(s: AST.Statement): boolean {
  return s.type === "ReturnStatement" || s.type === "ThrowStatement";
}

/**
 * The value of literal-only arithmetic (`60 * 60 * 24`, `-5`), when it is a finite number that
 * the runtime would compute identically; undefined otherwise.
 */
export function constantValue(e: AST.Expression, depth: number): number | undefined {
  if (depth > FOLD_DEPTH) return undefined;
  switch (e.type) {
    case "NumberLiteral":
      return e.value;
    case "ParenthesizedExpression":
      return constantValue(e.expression, depth + 1);
    case "UnaryExpression": {
      if (e.operator !== "-") return undefined;
      const v = constantValue(e.argument, depth + 1);
      return v === undefined ? undefined : -v;
    }
    case "BinaryExpression": {
      const op = e.operator;
      if (op !== "+" && op !== "-" && op !== "*" && op !== "/") return undefined;
      const a = constantValue(e.left, depth + 1);
      if (a === undefined) return undefined;
      const b = constantValue(e.right, depth + 1);
      if (b === undefined) return undefined;
      const v = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : b === 0 ? NaN : a / b;
      return v - v === 0 ? v : undefined; // finite only
    }
    default:
      return undefined;
  }
}

/** A number as a JavaScript literal that is safe in any operand position. */
export function numberLiteral(v: number): string {
  if (v !== v) return "(0 / 0)"; // not produced by ML literals; kept total
  if (v === Infinity) return "(1 / 0)";
  if (v === -Infinity) return "(-1 / 0)";
  if (v === 0 && 1 / v < 0) return "(-0)";
  return v < 0 ? `(${String(v)})` : String(v);
}

const HAS_LINE_SEPARATOR = /[\u2028\u2029]/;
const LINE_SEPARATORS = /[\u2028\u2029]/g;

/** A string as a JavaScript literal (lone surrogates and U+2028/U+2029 escaped). */
export function stringLiteral(s: string): string {
  const json = JSON.stringify(s);
  return HAS_LINE_SEPARATOR.test(json)
    ? json.replace(LINE_SEPARATORS, (c) => (c === "\u2028" ? "\\u2028" : "\\u2029"))
    : json;
}

