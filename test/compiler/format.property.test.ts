/**
 * Property tests of the formatter. For every source of the corpus (each case of the conformance
 * suite, and every `.ml` file of the repository that parses: examples, benchmarks, fixtures,
 * security programs), for those sources with comments inserted at random places, and for random
 * programs:
 *
 * - formatting is idempotent: `format(format(s)) === format(s)`;
 * - the program is unchanged: `parse(format(s))` equals `parse(s)` ignoring spans and
 *   `ParenthesizedExpression` wrappers (the formatter keeps written parentheses and adds only
 *   those the tree needs, as the printer does; it never drops any);
 * - every comment's text survives.
 */
import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type * as AST from "../../src/compiler/ast.js";
import { format } from "../../src/compiler/index.js";
import { findComments } from "../../src/compiler/format-comments.js";
import { tokenize } from "../../src/compiler/lexer.js";
import { parse } from "../../src/compiler/parser.js";
import { printProgram, quoteString } from "../../src/compiler/printer.js";
import { KEYWORDS } from "../../src/compiler/tokens.js";
import { loadCases } from "../conformance/cases.js";
import { strip } from "./ast-helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

function mlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : mlFiles(join(dir, e.name));
    return e.isFile() && e.name.endsWith(".ml") ? [join(dir, e.name)] : [];
  });
}

const parses = (source: string) => parse(source).diagnostics.length === 0;

/** Named sources: conformance cases (each compiled on its own) and the repository's files. */
const corpus: { name: string; source: string }[] = [
  ...loadCases(join(root, "test", "conformance")).map((c) => ({ name: `${c.topic}: ${c.title}`, source: c.source })),
  ...["examples", "bench", "test"].flatMap((d) => mlFiles(join(root, d)))
    .map((f) => ({ name: relative(root, f), source: readFileSync(f, "utf8") })),
].filter((s) => parses(s.source));

function commentTexts(source: string): string[] {
  return findComments(source, tokenize(source).tokens).map((c) => c.text).sort();
}

/** Asserts the three properties for `source` at `width`. */
function checkFormatting(source: string, width: number, name: string): void {
  const once = format(source, { width });
  expect(once.ok, name).toBe(true);
  const twice = format(once.text, { width });
  expect(twice.text, `${name}: not idempotent`).toBe(once.text);
  const reparsed = parse(once.text);
  expect(reparsed.diagnostics, name).toEqual([]);
  expect(strip(reparsed.program, true), name).toEqual(strip(parse(source).program, true));
  expect(commentTexts(once.text), name).toEqual(commentTexts(source));
}

describe("format over the conformance suite and the repository's programs", () => {
  it("has a corpus worth the name", () => {
    expect(corpus.length).toBeGreaterThan(500);
    expect(corpus.some((s) => s.name.startsWith("examples/"))).toBe(true);
  });

  it("is idempotent, keeps the tree and every comment, at the default width", () => {
    for (const { name, source } of corpus) checkFormatting(source, 100, name);
  });

  it("does the same at narrow widths, where most lists and chains break", () => {
    for (const { name, source } of corpus) checkFormatting(source, 30, name);
  });
});

const COMMENTS = ["/* note */", " // note\n", "\n// note\n", "/* two\n  lines */", "\n\n/* spaced */\n\n", " /* a */ // b\n"];

describe("format with comments anywhere", () => {
  it("keeps comments inserted at random token boundaries of the corpus", () => {
    const insertion = fc.record({
      index: fc.nat({ max: corpus.length - 1 }),
      at: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...COMMENTS)), { minLength: 1, maxLength: 4 }),
      width: fc.constantFrom(20, 40, 60, 100),
    });
    fc.assert(
      fc.property(insertion, ({ index, at, width }) => {
        const { name, source } = corpus[index]!;
        const tokens = tokenize(source).tokens;
        const points = at.map(([where, text]) => [tokens[Math.floor(where * tokens.length) % tokens.length]!.start.offset, text] as const)
          .sort((a, b) => b[0] - a[0]);
        let mutated = source;
        for (const [offset, text] of points) mutated = mutated.slice(0, offset) + text + mutated.slice(offset);
        // A `// note` right after an operand is floor division: such inserts are other programs.
        fc.pre(parses(mutated) && commentTexts(mutated).length >= commentTexts(source).length + at.length);
        checkFormatting(mutated, width, name);
      }),
      { numRuns: 600 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Random programs: long names and deep nesting, so that lines break in every kind of place.
// ---------------------------------------------------------------------------------------------

const L: AST.SourceLocation = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const ident = (name: string): AST.Identifier => ({ type: "Identifier", name, loc: L });
const nameArb = fc.constantFrom("x", "total", "aVeryLongVariableNameIndeed", "items", "read", "_tmp");
const wordArb = fc.oneof(nameArb, fc.constantFrom(...KEYWORDS));
const paramsArb = fc.array(nameArb, { maxLength: 3 }).map((ns) => ns.map((n): AST.Parameter => ({ type: "Parameter", name: ident(n), annotation: null, loc: L })));

type Trees = { expr: AST.Expression; stmt: AST.Statement; block: AST.Block };

const trees = fc.letrec<Trees>((tie) => {
  const expr = tie("expr");
  const block = tie("block");
  return {
    expr: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      nameArb.map(ident),
      fc.nat({ max: 99999 }).map((v): AST.NumberLiteral => ({ type: "NumberLiteral", value: v, raw: String(v), loc: L })),
      fc.constantFrom("", "a string", "a much longer string literal that takes room").map((v): AST.StringLiteral => ({ type: "StringLiteral", value: v, raw: quoteString(v), loc: L })),
      fc.array(expr, { maxLength: 4 }).map((elements): AST.ArrayLiteral => ({ type: "ArrayLiteral", elements, loc: L })),
      fc.array(fc.tuple(wordArb, expr), { maxLength: 3 }).map((ps): AST.ObjectLiteral => ({
        type: "ObjectLiteral", loc: L,
        properties: ps.map(([key, value]) => ({ type: "ObjectProperty", key, keyLoc: L, quoted: false, value, loc: L })),
      })),
      fc.tuple(paramsArb, fc.oneof(expr, block.filter((b) => b.body.length > 0))).map(([params, body]): AST.ArrowFunction => ({ type: "ArrowFunction", params, body, loc: L })),
      fc.tuple(fc.constantFrom<AST.BinaryOperator>("+", "-", "*", "//", "==", "<"), expr, expr).map(([operator, left, right]): AST.BinaryExpression => ({
        type: "BinaryExpression", operator, left, right, operatorLoc: L, loc: L,
      })),
      fc.tuple(fc.constantFrom<"&&" | "||">("&&", "||"), expr, expr).map(([operator, left, right]): AST.LogicalExpression => ({ type: "LogicalExpression", operator, left, right, loc: L })),
      fc.tuple(expr, expr, expr).map(([test, consequent, alternate]): AST.ConditionalExpression => ({ type: "ConditionalExpression", test, consequent, alternate, loc: L })),
      fc.tuple(expr, fc.array(expr, { maxLength: 4 })).map(([callee, args]): AST.CallExpression => ({ type: "CallExpression", callee, args, loc: L })),
      fc.tuple(expr, expr).map(([object, index]): AST.IndexExpression => ({ type: "IndexExpression", object, index, loc: L })),
      fc.tuple(expr, wordArb).map(([object, p]): AST.MemberExpression => ({ type: "MemberExpression", object, property: ident(p), loc: L })),
      fc.tuple(fc.constantFrom<AST.UnaryOperator>("!", "-"), expr).map(([operator, argument]): AST.UnaryExpression => ({ type: "UnaryExpression", operator, argument, loc: L })),
    ),
    stmt: fc.oneof(
      { depthSize: "small", maxDepth: 3 },
      expr.map((expression): AST.ExpressionStatement => ({ type: "ExpressionStatement", expression, loc: L })),
      fc.tuple(nameArb, expr).map(([t, value]): AST.AssignmentStatement => ({ type: "AssignmentStatement", target: ident(t), value, loc: L })),
      fc.tuple(nameArb, paramsArb, block).map(([n, params, body]): AST.FunctionDeclaration => ({ type: "FunctionDeclaration", name: ident(n), params, body, loc: L })),
      fc.tuple(expr, block, fc.option(block, { nil: null })).map(([test, body, alternate]): AST.IfStatement => ({
        type: "IfStatement", branches: [{ test, body, loc: L }], alternate, loc: L,
      })),
      fc.tuple(nameArb, expr, block).map(([v, iterable, body]): AST.ForStatement => ({ type: "ForStatement", variable: ident(v), iterable, body, loc: L })),
      fc.option(expr, { nil: null }).map((argument): AST.ReturnStatement => ({ type: "ReturnStatement", argument, loc: L })),
    ),
    block: fc.array(tie("stmt"), { maxLength: 3 }).map((body): AST.Block => ({ type: "Block", body, loc: L })),
  };
});

const programArb = fc.array(trees.stmt, { minLength: 1, maxLength: 4 }).map((body): AST.Program => ({ type: "Program", body, loc: L }));

describe("format of random programs", () => {
  it("is idempotent and keeps the tree at every width", () => {
    fc.assert(
      fc.property(programArb, fc.constantFrom(20, 40, 80, 100), (program, width) => {
        const source = printProgram(program);
        fc.pre(parses(source));
        checkFormatting(source, width, source);
      }),
      { numRuns: 400 },
    );
  });
});
