import { describe, expect, it } from "vitest";
import type * as AST from "../../src/compiler/ast.js";
import { parse } from "../../src/compiler/parser.js";
import { formatNumber, isPlainName, printExpression, printProgram, quoteString } from "../../src/compiler/printer.js";
import { tokenize } from "../../src/compiler/lexer.js";
import { parseOk, strip } from "./ast-helpers.js";

const L: AST.SourceLocation = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const n = (value: number): AST.NumberLiteral => ({ type: "NumberLiteral", value, raw: "", loc: L });
const name = (x: string): AST.Identifier => ({ type: "Identifier", name: x, loc: L });
const bin = (operator: AST.BinaryOperator, left: AST.Expression, right: AST.Expression): AST.BinaryExpression =>
  ({ type: "BinaryExpression", operator, left, right, operatorLoc: L, loc: L });
const obj = (): AST.ObjectLiteral => ({ type: "ObjectLiteral", properties: [{ type: "ObjectProperty", key: "a", keyLoc: L, quoted: false, value: n(1), loc: L }], loc: L });
const arrow = (body: AST.Expression | AST.Block): AST.ArrowFunction => ({ type: "ArrowFunction", params: [], body, loc: L });
const exprStmt = (expression: AST.Expression): AST.Program => ({ type: "Program", body: [{ type: "ExpressionStatement", expression, loc: L }], loc: L });

/** Parses, prints, and checks the output re-parses to the same tree. */
function reprint(source: string): string {
  const program = parseOk(source);
  const printed = printProgram(program);
  expect(strip(parseOk(printed), true)).toEqual(strip(program, true));
  return printed;
}

describe("printer: formatting", () => {
  it("prints a program in a canonical layout", () => {
    const source = `import math; import a.b as m;
capability Files { resource "data/**"; allow read; allow write "out/**"; allow datetime.now; }
function f(a, b: number) { if (a) { return a // b; } elif (b) { return; } else { nonlocal x, y; } }
while (x < 10) { x = x + 1; break; continue; }
for (k in {a: 1, "b c": 2}) { print(k); }
try { throw {message: "boom"}; } except (e) { print(e.message); } except { } finally { done = true; }
[p, q] = pair; {r, s} = obj;
g = fn(v) => v * 2; h = fn() => { return null; };`;
    expect(reprint(source)).toBe(`import math;
import a.b as m;
capability Files {
  resource "data/**";
  allow read;
  allow write "out/**";
  allow datetime.now;
}
function f(a, b: number) {
  if (a) {
    return a // b;
  } elif (b) {
    return;
  } else {
    nonlocal x, y;
  }
}
while (x < 10) {
  x = x + 1;
  break;
  continue;
}
for (k in {a: 1, "b c": 2}) {
  print(k);
}
try {
  throw {message: "boom"};
} except (e) {
  print(e.message);
} except {} finally {
  done = true;
}
[p, q] = pair;
{r, s} = obj;
g = fn(v) => v * 2;
h = fn() => {
  return null;
};
`);
  });

  it("honours a custom indent and prints the empty program as empty text", () => {
    expect(printProgram(parseOk("if (a) { b; }"), { indent: "\t" })).toBe("if (a) {\n\tb;\n}\n");
    expect(printProgram(parseOk(""))).toBe("");
  });

  it("keeps parentheses written in the source", () => {
    expect(reprint("x = (a + b) * (c);")).toBe("x = (a + b) * (c);\n");
    expect(reprint("x = ((a));")).toBe("x = ((a));\n");
  });

  it("keeps literals as written", () => {
    expect(reprint("x = [0xFF, 0b11, 0o7, 5., .5, 2.5e-3, 007];")).toBe("x = [0xFF, 0b11, 0o7, 5., .5, 2.5e-3, 007];\n");
    expect(reprint(String.raw`x = ['\d+', "\x41", 'it\'s', "a\nb"];`)).toBe(String.raw`x = ['\d+', "\x41", 'it\'s', "a\nb"];` + "\n");
    // Quoted keys keep their quotedness but not their quote style (the AST stores only the key).
    expect(reprint("x = {in: 1, 'q': 2, \"r s\": 3};")).toBe("x = {in: 1, \"q\": 2, \"r s\": 3};\n");
    expect(reprint("x = o.if.null;")).toBe("x = o.if.null;\n");
  });
});

describe("printer: parentheses it must add", () => {
  it("adds parentheses required by precedence and associativity", () => {
    expect(printExpression(bin("*", bin("+", name("a"), name("b")), name("c")))).toBe("(a + b) * c");
    expect(printExpression(bin("-", name("a"), bin("-", name("b"), name("c"))))).toBe("a - (b - c)");
    expect(printExpression(bin("-", bin("-", name("a"), name("b")), name("c")))).toBe("a - b - c");
    expect(printExpression(bin("<", bin("<", name("a"), name("b")), name("c")))).toBe("a < b < c");
    expect(printExpression(bin("<", name("a"), bin("<", name("b"), name("c"))))).toBe("a < (b < c)");
    const cond: AST.ConditionalExpression = { type: "ConditionalExpression", test: name("c"), consequent: n(1), alternate: n(2), loc: L };
    expect(printExpression(bin("+", cond, n(3)))).toBe("(c ? 1 : 2) + 3");
    expect(printExpression({ ...cond, test: cond })).toBe("(c ? 1 : 2) ? 1 : 2");
    expect(printExpression({ ...cond, alternate: cond })).toBe("c ? 1 : c ? 1 : 2");
    expect(printExpression({ type: "UnaryExpression", operator: "-", argument: bin("+", name("a"), n(1)), loc: L })).toBe("-(a + 1)");
    expect(printExpression({ type: "CallExpression", callee: { type: "UnaryExpression", operator: "!", argument: name("f"), loc: L }, args: [], loc: L })).toBe("(!f)()");
  });

  it("parenthesizes arrows used as operands, not where a whole expression stands", () => {
    const a = arrow(name("x"));
    expect(printExpression(bin("+", a, n(1)))).toBe("(fn() => x) + 1");
    expect(printExpression(bin("+", n(1), a))).toBe("1 + (fn() => x)");
    expect(printExpression({ type: "CallExpression", callee: a, args: [a], loc: L })).toBe("(fn() => x)(fn() => x)");
    expect(printExpression({ type: "ArrayLiteral", elements: [a, a], loc: L })).toBe("[fn() => x, fn() => x]");
    const block: AST.Block = { type: "Block", body: [{ type: "ReturnStatement", argument: n(1), loc: L }], loc: L };
    expect(printExpression(bin("//", arrow(block), n(2)))).toBe("(fn() => {\n  return 1;\n}) // 2");
  });

  it("parenthesizes an object literal at the start of a statement", () => {
    expect(printProgram(exprStmt(obj()))).toBe("({a: 1});\n");
    expect(printProgram(exprStmt(bin("+", obj(), n(1))))).toBe("({a: 1}) + 1;\n");
    const member: AST.MemberExpression = { type: "MemberExpression", object: obj(), property: name("a"), loc: L };
    expect(printProgram({ type: "Program", body: [{ type: "AssignmentStatement", target: member, value: n(2), loc: L }], loc: L }))
      .toBe("({a: 1}).a = 2;\n");
    expect(printProgram(exprStmt({ type: "CallExpression", callee: name("f"), args: [obj()], loc: L }))).toBe("f({a: 1});\n");
  });

  it("separates a number from a following '.'", () => {
    expect(printExpression({ type: "MemberExpression", object: { ...n(5), raw: "5" }, property: name("x"), loc: L })).toBe("(5).x");
  });

  it("never prints // where it would read as a comment", () => {
    for (const left of [obj(), name("o"), n(7), { type: "ObjectLiteral", properties: [], loc: L } as AST.ObjectLiteral, arrow(obj())]) {
      const text = printProgram({ type: "Program", body: [{ type: "AssignmentStatement", target: name("x"), value: bin("//", left, n(2)), loc: L }], loc: L });
      const kinds = tokenize(text).tokens.map((t) => t.kind);
      expect(kinds, text).toContain("//");
    }
  });

  it("prints an empty arrow block body so it is not read as an object", () => {
    const text = printExpression(arrow({ type: "Block", body: [], loc: L }));
    const reparsed = parse(`x = ${text};`).program.body[0] as AST.AssignmentStatement;
    expect((reparsed.value as AST.ArrowFunction).body.type).toBe("Block");
  });
});

describe("printer: literals", () => {
  it("quotes strings so their value round-trips", () => {
    for (const value of ["", "plain", 'q"uote', "back\\slash", "new\nline", "tab\t", "cr\r", "nul\0", "bell\x07", "del\x7f", "é😀", "\ud800", "\udc00x", "//", "/*", "\\d"]) {
      const literal = quoteString(value);
      const { tokens, diagnostics } = tokenize(literal);
      expect(diagnostics).toEqual([]);
      expect(tokens[0]!.value).toBe(value);
    }
  });

  it("prints numbers so their value round-trips", () => {
    for (const value of [0, 1, 0.1, 1e21, 1.5e-7, 5e-324, Number.MAX_VALUE, 2 ** 53 + 2, Infinity]) {
      expect(tokenize(formatNumber(value)).tokens[0]!.number).toBe(value);
    }
    expect(() => formatNumber(NaN)).toThrow(RangeError);
    expect(formatNumber(-2)).toBe("(-2)");
  });

  it("falls back to canonical forms when raw no longer matches the value", () => {
    expect(printExpression({ type: "NumberLiteral", value: 3, raw: "0x10", loc: L })).toBe("3");
    expect(printExpression({ type: "StringLiteral", value: "new", raw: "'old'", loc: L })).toBe('"new"');
    const key: AST.ObjectLiteral = { type: "ObjectLiteral", properties: [{ type: "ObjectProperty", key: "a b", keyLoc: L, quoted: false, value: n(1), loc: L }], loc: L };
    expect(printExpression(key)).toBe('{"a b": 1}');
  });

  it("knows which names print as variables", () => {
    expect(isPlainName("read")).toBe(true);
    expect(isPlainName("if")).toBe(false);
    expect(isPlainName("9x")).toBe(false);
  });
});
