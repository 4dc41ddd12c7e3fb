/**
 * Property tests for the lexer, parser and printer.
 *
 * (a) `tokenize` and `parse` never throw, on arbitrary text and on soups of ML tokens, and what
 *     they return is well formed.
 * (b) Random ASTs print to source that parses back without diagnostics to the same tree. Spans
 *     are ignored, and so are `ParenthesizedExpression` wrappers: the printer adds parentheses
 *     where the tree needs them (precedence, arrows as operands, an object literal starting a
 *     statement, a number before `.`), and re-parsing turns those into wrapper nodes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as AST from "../../src/compiler/ast.js";
import { tokenize } from "../../src/compiler/lexer.js";
import { parse } from "../../src/compiler/parser.js";
import { formatNumber, printProgram, quoteString } from "../../src/compiler/printer.js";
import { KEYWORDS, isKeyword } from "../../src/compiler/tokens.js";
import { strip } from "./ast-helpers.js";

const L: AST.SourceLocation = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

// ---------------------------------------------------------------------------------------------
// (a) robustness
// ---------------------------------------------------------------------------------------------

/** Checks the invariants every parse result must satisfy, whatever the input. */
function checkWellFormed(source: string): void {
  const { program, diagnostics } = parse(source, "p.ml");
  expect(program.type).toBe("Program");
  for (const d of diagnostics) {
    expect(d.file).toBe("p.ml");
    expect(d.code).toMatch(/^ML1\d{3}$/);
    expect(d.loc.start.offset).toBeGreaterThanOrEqual(0);
    expect(d.loc.start.offset).toBeLessThanOrEqual(d.loc.end.offset);
    expect(d.loc.end.offset).toBeLessThanOrEqual(source.length);
    expect(d.message.length).toBeGreaterThan(0);
  }
  // The recovered tree can always be printed.
  expect(typeof printProgram(program)).toBe("string");
}

const TOKEN_TEXTS = [
  ...KEYWORDS,
  "+", "-", "*", "/", "//", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "?", ":", "=", ".", ",", ";",
  "(", ")", "[", "]", "{", "}", "=>", "&", "|", "@",
  "x", "y", "read", "allow", "resource", "write", "0", "7", "2.5", ".5", "5.", "0x1F", "0b2", "1e", "'s'", '"t"', "'\\d'",
  "'open", "/* c */", "/* open", "// line\n", "\n", " ", "\t", "\r\n",
];

const tokenSoup = fc.array(fc.constantFrom(...TOKEN_TEXTS), { maxLength: 60 }).chain((tokens) =>
  fc.array(fc.constantFrom("", " ", "\n"), { minLength: tokens.length, maxLength: tokens.length })
    .map((seps) => tokens.map((t, i) => t + seps[i]).join("")));

describe("robustness", () => {
  it("parse never throws on arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), checkWellFormed), { numRuns: 500 });
  });

  it("parse never throws on ASCII noise", () => {
    fc.assert(fc.property(fc.string({ unit: "binary-ascii", maxLength: 200 }), checkWellFormed), { numRuns: 500 });
  });

  it("parse never throws on token soups", () => {
    fc.assert(fc.property(tokenSoup, checkWellFormed), { numRuns: 1500 });
  });

  it("tokenize returns ordered, in-bounds tokens ending with EOF", () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, fc.string({ unit: "binary", maxLength: 100 })), (source) => {
        const { tokens } = tokenize(source);
        expect(tokens.at(-1)!.kind).toBe("EOF");
        let last = 0;
        for (const t of tokens) {
          expect(t.start.offset).toBeGreaterThanOrEqual(last);
          expect(t.end.offset).toBeGreaterThanOrEqual(t.start.offset);
          expect(t.end.offset).toBeLessThanOrEqual(source.length);
          expect(t.start.column).toBeGreaterThanOrEqual(1);
          last = t.end.offset;
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// (b) print → parse round trip
// ---------------------------------------------------------------------------------------------

const NAMES = ["x", "y", "z", "count", "_tmp", "a1", "read", "allow", "resource", "dir", "constructor", "__proto__", "print"];
const nameArb = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/).filter((n) => !isKeyword(n)),
);
/** Member names and object keys may be reserved words. */
const wordArb = fc.oneof(nameArb, fc.constantFrom(...KEYWORDS));

const ident = (name: string): AST.Identifier => ({ type: "Identifier", name, loc: L });

const numberArb: fc.Arbitrary<AST.NumberLiteral> = fc.oneof(
  fc.nat().chain((v) =>
    fc.constantFrom(String(v), `0x${v.toString(16)}`, `0X${v.toString(16).toUpperCase()}`, `0o${v.toString(8)}`, `0b${v.toString(2)}`)
      .map((raw) => ({ type: "NumberLiteral" as const, value: v, raw, loc: L }))),
  fc.double({ min: 0, noNaN: true }).filter((v) => !Object.is(v, -0))
    .map((v) => ({ type: "NumberLiteral" as const, value: v, raw: formatNumber(v), loc: L })),
  fc.constantFrom<[number, string]>([5, "5."], [0.5, ".5"], [0.0025, "2.5e-3"], [500, "5E2"], [7, "007"])
    .map(([value, raw]) => ({ type: "NumberLiteral" as const, value, raw, loc: L })),
);

const stringArb: fc.Arbitrary<AST.StringLiteral> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }).map((value) => ({ type: "StringLiteral" as const, value, raw: quoteString(value), loc: L })),
  fc.constantFrom<[string, string]>(
    ["\\d+", String.raw`'\d+'`], ["it's", `"it's"`], ["a\nb", "'a\nb'"], ["A", String.raw`"\x41"`], ["😀", String.raw`'\u{1F600}'`],
    ["//", '"//"'], ["/*", "'/*'"], ["", "''"],
  ).map(([value, raw]) => ({ type: "StringLiteral" as const, value, raw, loc: L })),
);

const paramsArb = fc.array(
  fc.record({ name: nameArb, annotation: fc.option(wordArb, { nil: null }) })
    .map(({ name, annotation }): AST.Parameter => ({ type: "Parameter", name: ident(name), annotation: annotation === null ? null : ident(annotation), loc: L })),
  { maxLength: 3 },
);

const BINARY_OPS: AST.BinaryOperator[] = ["+", "-", "*", "/", "//", "%", "==", "!=", "<", ">", "<=", ">="];

// A type alias, not an interface: fc.letrec's typed overload needs an index-compatible record.
type Trees = {
  expr: AST.Expression;
  stmt: AST.Statement;
  block: AST.Block;
  nonEmptyBlock: AST.Block;
};

const trees = fc.letrec<Trees>((tie) => {
  const expr = tie("expr");
  const stmt = tie("stmt");
  const block = tie("block");
  const optExpr = fc.option(expr, { nil: null, freq: 2 });
  const target = fc.oneof(
    nameArb.map(ident),
    fc.tuple(expr, expr).map(([object, index]): AST.IndexExpression => ({ type: "IndexExpression", object, index, loc: L })),
    fc.tuple(expr, wordArb).map(([object, p]): AST.MemberExpression => ({ type: "MemberExpression", object, property: ident(p), loc: L })),
  );
  return {
    expr: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      numberArb,
      stringArb,
      fc.boolean().map((value): AST.BooleanLiteral => ({ type: "BooleanLiteral", value, loc: L })),
      fc.constant<AST.NullLiteral>({ type: "NullLiteral", loc: L }),
      nameArb.map(ident),
      fc.array(expr, { maxLength: 3 }).map((elements): AST.ArrayLiteral => ({ type: "ArrayLiteral", elements, loc: L })),
      fc.array(
        fc.tuple(fc.oneof(wordArb, fc.string({ maxLength: 5 })), fc.boolean(), expr).map(([key, q, value]): AST.ObjectProperty => ({
          type: "ObjectProperty", key, keyLoc: L, quoted: q || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key), value, loc: L,
        })),
        { maxLength: 3 },
      ).map((properties): AST.ObjectLiteral => ({ type: "ObjectLiteral", properties, loc: L })),
      fc.tuple(paramsArb, fc.oneof(expr, tie("nonEmptyBlock"))).map(([params, body]): AST.ArrowFunction => ({ type: "ArrowFunction", params, body, loc: L })),
      fc.tuple(fc.constantFrom<AST.UnaryOperator>("!", "-"), expr).map(([operator, argument]): AST.UnaryExpression => ({ type: "UnaryExpression", operator, argument, loc: L })),
      fc.tuple(fc.constantFrom(...BINARY_OPS), expr, expr).map(([operator, left, right]): AST.BinaryExpression => ({
        type: "BinaryExpression", operator, left, right, operatorLoc: L, loc: L,
      })),
      fc.tuple(fc.constantFrom<"&&" | "||">("&&", "||"), expr, expr).map(([operator, left, right]): AST.LogicalExpression => ({ type: "LogicalExpression", operator, left, right, loc: L })),
      fc.tuple(expr, expr, expr).map(([test, consequent, alternate]): AST.ConditionalExpression => ({ type: "ConditionalExpression", test, consequent, alternate, loc: L })),
      fc.tuple(expr, fc.array(expr, { maxLength: 3 })).map(([callee, args]): AST.CallExpression => ({ type: "CallExpression", callee, args, loc: L })),
      fc.tuple(expr, expr).map(([object, index]): AST.IndexExpression => ({ type: "IndexExpression", object, index, loc: L })),
      fc.tuple(expr, optExpr, optExpr, optExpr).map(([object, start, end, step]): AST.SliceExpression => ({ type: "SliceExpression", object, start, end, step, loc: L })),
      fc.tuple(expr, wordArb).map(([object, p]): AST.MemberExpression => ({ type: "MemberExpression", object, property: ident(p), loc: L })),
      expr.map((expression): AST.ParenthesizedExpression => ({ type: "ParenthesizedExpression", expression, loc: L })),
    ),
    stmt: fc.oneof(
      { depthSize: "small", maxDepth: 3 },
      expr.map((expression): AST.ExpressionStatement => ({ type: "ExpressionStatement", expression, loc: L })),
      fc.tuple(target, expr).map(([t, value]): AST.AssignmentStatement => ({ type: "AssignmentStatement", target: t, value, loc: L })),
      fc.tuple(fc.constantFrom<"array" | "object">("array", "object"), fc.array(nameArb, { minLength: 1, maxLength: 3 }), expr)
        .map(([kind, names, value]): AST.DestructuringStatement => ({ type: "DestructuringStatement", kind, names: names.map(ident), value, loc: L })),
      fc.tuple(nameArb, paramsArb, block).map(([name, params, body]): AST.FunctionDeclaration => ({ type: "FunctionDeclaration", name: ident(name), params, body, loc: L })),
      fc.tuple(fc.array(fc.tuple(expr, block), { minLength: 1, maxLength: 3 }), fc.option(block, { nil: null })).map(([bs, alternate]): AST.IfStatement => ({
        type: "IfStatement", branches: bs.map(([test, body]) => ({ test, body, loc: L })), alternate, loc: L,
      })),
      fc.tuple(expr, block).map(([test, body]): AST.WhileStatement => ({ type: "WhileStatement", test, body, loc: L })),
      fc.tuple(nameArb, expr, block).map(([v, iterable, body]): AST.ForStatement => ({ type: "ForStatement", variable: ident(v), iterable, body, loc: L })),
      fc.tuple(block, fc.array(fc.tuple(fc.option(nameArb, { nil: null }), block), { maxLength: 2 }), fc.option(block, { nil: null }))
        .map(([b, hs, finalizer]): AST.TryStatement => ({
          type: "TryStatement", block: b, handlers: hs.map(([p, body]) => ({ type: "ExceptClause", param: p === null ? null : ident(p), body, loc: L })), finalizer, loc: L,
        })),
      expr.map((argument): AST.ThrowStatement => ({ type: "ThrowStatement", argument, loc: L })),
      optExpr.map((argument): AST.ReturnStatement => ({ type: "ReturnStatement", argument, loc: L })),
      fc.constant<AST.BreakStatement>({ type: "BreakStatement", loc: L }),
      fc.constant<AST.ContinueStatement>({ type: "ContinueStatement", loc: L }),
      fc.array(nameArb, { minLength: 1, maxLength: 3 }).map((names): AST.NonlocalStatement => ({ type: "NonlocalStatement", names: names.map(ident), loc: L })),
    ),
    block: fc.array(stmt, { maxLength: 3 }).map((body): AST.Block => ({ type: "Block", body, loc: L })),
    nonEmptyBlock: fc.array(stmt, { minLength: 1, maxLength: 3 }).map((body): AST.Block => ({ type: "Block", body, loc: L })),
  };
});

const importArb = fc.tuple(fc.array(nameArb, { minLength: 1, maxLength: 3 }), fc.option(nameArb, { nil: null }))
  .map(([path, alias]): AST.ImportDeclaration => ({ type: "ImportDeclaration", path: path.map(ident), alias: alias === null ? null : ident(alias), loc: L }));

const capabilityArb = fc.tuple(
  nameArb,
  fc.array(
    fc.oneof(
      stringArb.map((pattern): AST.CapabilityItem => ({ type: "CapabilityResource", pattern, loc: L })),
      fc.tuple(
        fc.oneof(fc.constantFrom("read", "write", "execute", "network", "system"), fc.tuple(nameArb, fc.array(wordArb, { minLength: 1, maxLength: 2 })).map(([h, t]) => [h, ...t].join("."))),
        fc.option(stringArb, { nil: null }),
      ).map(([permission, target]): AST.CapabilityItem => ({ type: "CapabilityAllow", permission, permissionLoc: L, target, loc: L })),
    ),
    { maxLength: 4 },
  ),
).map(([name, items]): AST.CapabilityDeclaration => ({ type: "CapabilityDeclaration", name: ident(name), items, loc: L }));

const programArb = fc.array(fc.oneof({ weight: 6, arbitrary: trees.stmt }, { weight: 1, arbitrary: importArb }, { weight: 1, arbitrary: capabilityArb }), { maxLength: 5 })
  .map((body): AST.Program => ({ type: "Program", body, loc: L }));

describe("print → parse round trip", () => {
  it("re-parses printed programs to the same tree (ignoring spans and parentheses)", () => {
    fc.assert(
      fc.property(programArb, (program) => {
        const source = printProgram(program);
        const { program: reparsed, diagnostics } = parse(source);
        expect(diagnostics, source).toEqual([]);
        expect(strip(reparsed, true), source).toEqual(strip(program, true));
      }),
      { numRuns: 1500 },
    );
  });

  it("is a fixed point: printing the re-parsed tree gives the same text", () => {
    fc.assert(
      fc.property(programArb, (program) => {
        const once = printProgram(program);
        expect(printProgram(parse(once).program)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips single expressions in every statement position", () => {
    fc.assert(
      fc.property(trees.expr, (e) => {
        const wrap = (expression: AST.Expression): AST.Program => ({
          type: "Program",
          loc: L,
          body: [
            { type: "ExpressionStatement", expression, loc: L },
            { type: "ReturnStatement", argument: expression, loc: L },
            { type: "AssignmentStatement", target: { type: "MemberExpression", object: expression, property: ident("k"), loc: L }, value: expression, loc: L },
            { type: "ExpressionStatement", expression: { type: "BinaryExpression", operator: "//", left: expression, right: expression, operatorLoc: L, loc: L }, loc: L },
          ],
        });
        const program = wrap(e);
        const source = printProgram(program);
        const { program: reparsed, diagnostics } = parse(source);
        expect(diagnostics, source).toEqual([]);
        expect(strip(reparsed, true), source).toEqual(strip(program, true));
      }),
      { numRuns: 1000 },
    );
  });
});
