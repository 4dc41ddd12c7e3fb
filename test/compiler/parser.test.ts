import { describe, expect, it } from "vitest";
import type * as AST from "../../src/compiler/ast.js";
import { MAX_NESTING_DEPTH, parse } from "../../src/compiler/parser.js";
import { group, parseExpr, parseOk, strip } from "./ast-helpers.js";

const id = (name: string) => ({ type: "Identifier", name });
const num = (value: number, raw = String(value)) => ({ type: "NumberLiteral", value, raw });
const str = (value: string, raw = JSON.stringify(value)) => ({ type: "StringLiteral", value, raw });

/** The single statement of `source`, without spans. */
function stmt(source: string): unknown {
  const program = parseOk(source);
  expect(program.body).toHaveLength(1);
  return strip(program.body[0]);
}

/** `code line:column` of every diagnostic. */
function diags(source: string): string[] {
  return parse(source).diagnostics.map((d) => `${d.code} ${d.loc.start.line}:${d.loc.start.column}`);
}

describe("parser: literals and primaries", () => {
  it("parses numbers, strings, booleans, null and names", () => {
    expect(strip(parseExpr("0x1f"))).toEqual(num(31, "0x1f"));
    expect(strip(parseExpr("'a\\n'"))).toEqual(str("a\n", "'a\\n'"));
    expect(strip(parseExpr("true"))).toEqual({ type: "BooleanLiteral", value: true });
    expect(strip(parseExpr("false"))).toEqual({ type: "BooleanLiteral", value: false });
    expect(strip(parseExpr("null"))).toEqual({ type: "NullLiteral" });
    expect(strip(parseExpr("read"))).toEqual(id("read"));
  });

  it("parses arrays with trailing commas", () => {
    expect(strip(parseExpr("[]"))).toEqual({ type: "ArrayLiteral", elements: [] });
    expect(strip(parseExpr("[1, 2,]"))).toEqual({ type: "ArrayLiteral", elements: [num(1), num(2)] });
  });

  it("parses objects with name, reserved-word and string keys", () => {
    const e = parseExpr('({a: 1, in: 2, "b c": 3,})') as AST.ParenthesizedExpression;
    expect(strip(e.expression)).toEqual({
      type: "ObjectLiteral",
      properties: [
        { type: "ObjectProperty", key: "a", quoted: false, value: num(1) },
        { type: "ObjectProperty", key: "in", quoted: false, value: num(2) },
        { type: "ObjectProperty", key: "b c", quoted: true, value: num(3) },
      ],
    });
  });

  it("keeps parentheses as nodes", () => {
    expect(strip(parseExpr("(a)"))).toEqual({ type: "ParenthesizedExpression", expression: id("a") });
    expect(group(parseExpr("((a))"))).toBe("((a))");
  });
});

describe("parser: operators", () => {
  it.each([
    ["a + b * c", "(a + (b * c))"],
    ["a * b + c", "((a * b) + c)"],
    ["a - b - c", "((a - b) - c)"],
    ["a / b // c % d", "(((a / b) // c) % d)"],
    ["a < b < c", "((a < b) < c)"],
    ["a == b != c", "((a == b) != c)"],
    ["a < b == c > d", "((a < b) == (c > d))"],
    ["a + b < c + d", "((a + b) < (c + d))"],
    ["a || b && c", "(a || (b && c))"],
    ["a && b || c && d", "((a && b) || (c && d))"],
    ["a == b && c != d", "((a == b) && (c != d))"],
    ["-a * b", "((-a) * b)"],
    ["!a == b", "((!a) == b)"],
    ["- -a", "(-(-a))"],
    ["!!a", "(!(!a))"],
    ["-a.b(c)[d]", "(-a.b(c)[d])"],
    ["a ? b : c ? d : e", "(a ? b : (c ? d : e))"],
    ["a ? b ? c : d : e", "(a ? (b ? c : d) : e)"],
    ["a || b ? c + d : e && f", "((a || b) ? (c + d) : (e && f))"],
    ["(a ? b : c) + d", "(((a ? b : c)) + d)"],
    ["a * (b + c)", "(a * ((b + c)))"],
  ])("%s groups as %s", (source, expected) => {
    expect(group(parseExpr(source))).toBe(expected);
  });

  it("records the operator span of binary expressions", () => {
    const e = parseExpr("a  //  b") as AST.BinaryExpression;
    expect(e.operator).toBe("//");
    expect(e.operatorLoc).toEqual({ start: { line: 1, column: 4, offset: 3 }, end: { line: 1, column: 6, offset: 5 } });
  });

  it("builds LogicalExpression for && and ||, BinaryExpression otherwise", () => {
    expect(parseExpr("a && b").type).toBe("LogicalExpression");
    expect(parseExpr("a || b").type).toBe("LogicalExpression");
    expect(parseExpr("a + b").type).toBe("BinaryExpression");
  });
});

describe("parser: postfix chains", () => {
  it.each([
    ["f(1)(2)", "f(1)(2)"],
    ["handlers[k](x)", "handlers[k](x)"],
    ["(fn(x) => x)(1)", "((fn(x) => x))(1)"],
    ["a.b.c(d).e[f]", "a.b.c(d).e[f]"],
    ["o.if.in.null", "o.if.in.null"],
    ["f(a, b,)", "f(a, b)"],
    ["f()", "f()"],
    ['"abc".upper()', '"abc".upper()'],
    ["[1, 2][0]", "[1, 2][0]"],
    ["({a: 1}).a", "({a: 1}).a"],
  ])("%s", (source, expected) => {
    expect(group(parseExpr(source))).toBe(expected);
  });

  it("applies postfix operations to an object literal in expression position", () => {
    const s = parseOk("x = {a: 1}.a;").body[0] as AST.AssignmentStatement;
    expect(group(s.value)).toBe("{a: 1}.a");
  });

  it.each([
    ["s[1:2]", "s[1:2:]"], ["s[:]", "s[::]"], ["s[::]", "s[::]"], ["s[1:]", "s[1::]"], ["s[:2]", "s[:2:]"],
    ["s[::-1]", "s[::(-1)]"], ["s[a:b:c]", "s[a:b:c]"], ["s[:b:]", "s[:b:]"], ["s[c ? 1 : 2 : 3]", "s[(c ? 1 : 2):3:]"],
  ])("slice %s", (source, expected) => {
    const e = parseExpr(source);
    expect(e.type).toBe("SliceExpression");
    expect(group(e)).toBe(expected);
  });

  it("gives slices explicit nulls for missing parts", () => {
    expect(strip(parseExpr("s[::2]"))).toEqual({ type: "SliceExpression", object: id("s"), start: null, end: null, step: num(2) });
  });
});

describe("parser: arrow functions", () => {
  it("parses expression bodies that extend as far as possible", () => {
    expect(group(parseExpr("fn(x) => x + 1"))).toBe("(fn(x) => (x + 1))");
    expect(group(parseExpr("fn(x) => x ? 1 : 2"))).toBe("(fn(x) => (x ? 1 : 2))");
    expect(group(parseExpr("fn(x) => x(1)"))).toBe("(fn(x) => x(1))");
    expect(group(parseExpr("a + fn(x) => x * 2"))).toBe("(a + (fn(x) => (x * 2)))");
    expect(group(parseExpr("fn() => fn() => 1"))).toBe("(fn() => (fn() => 1))");
  });

  it("parses block bodies", () => {
    const e = parseExpr("fn(a, b) => { return a; }") as AST.ArrowFunction;
    expect(strip(e)).toEqual({
      type: "ArrowFunction",
      params: [
        { type: "Parameter", name: id("a"), annotation: null },
        { type: "Parameter", name: id("b"), annotation: null },
      ],
      body: { type: "Block", body: [{ type: "ReturnStatement", argument: id("a") }] },
    });
  });

  it("reads fn() => {} and fn() => {a: 1} as object bodies", () => {
    expect(strip((parseExpr("fn() => {}") as AST.ArrowFunction).body)).toEqual({ type: "ObjectLiteral", properties: [] });
    expect((parseExpr("fn() => {a: 1}") as AST.ArrowFunction).body.type).toBe("ObjectLiteral");
    expect((parseExpr("fn() => {'a': 1}") as AST.ArrowFunction).body.type).toBe("ObjectLiteral");
    expect((parseExpr("fn() => {if: 1}") as AST.ArrowFunction).body.type).toBe("ObjectLiteral");
    expect(group(parseExpr("fn() => {a: 1}.a"))).toBe("(fn() => {a: 1}.a)");
  });

  it("reads fn() => { statement } as a block body", () => {
    expect((parseExpr("fn() => { a; }") as AST.ArrowFunction).body.type).toBe("Block");
    expect((parseExpr("fn() => { {a} = o; }") as AST.ArrowFunction).body.type).toBe("Block");
  });

  it("allows postfix operations after a block body, per the grammar", () => {
    expect(group(parseExpr("fn() => { return 1; }()"))).toBe("(fn() => {…})()");
  });

  it("accepts parameter annotations (any word)", () => {
    const e = parseExpr("fn(x: number, f: function, n: null) => x") as AST.ArrowFunction;
    expect(e.params.map((p) => p.annotation?.name)).toEqual(["number", "function", "null"]);
  });
});

describe("parser: statements", () => {
  it("parses expression statements and assignments", () => {
    expect(stmt("f(x);")).toEqual({ type: "ExpressionStatement", expression: { type: "CallExpression", callee: id("f"), args: [id("x")] } });
    expect(stmt("x = 1;")).toEqual({ type: "AssignmentStatement", target: id("x"), value: num(1) });
    expect(stmt("a[0] = 1;")).toMatchObject({ type: "AssignmentStatement", target: { type: "IndexExpression" } });
    expect(stmt("a.b = 1;")).toMatchObject({ type: "AssignmentStatement", target: { type: "MemberExpression" } });
    expect(stmt("f()[0].x = 1;")).toMatchObject({ type: "AssignmentStatement", target: { type: "MemberExpression" } });
    expect(stmt("[a][0] = 1;")).toMatchObject({ type: "AssignmentStatement", target: { type: "IndexExpression" } });
  });

  it("parses array and object destructuring", () => {
    expect(stmt("[a, b] = e;")).toEqual({ type: "DestructuringStatement", kind: "array", names: [id("a"), id("b")], value: id("e") });
    expect(stmt("{a, b} = e;")).toEqual({ type: "DestructuringStatement", kind: "object", names: [id("a"), id("b")], value: id("e") });
    expect(stmt("[a] = e;")).toMatchObject({ kind: "array", names: [id("a")] });
    expect(stmt("{a} = e;")).toMatchObject({ kind: "object", names: [id("a")] });
  });

  it("keeps an array expression statement that is not a pattern", () => {
    expect(stmt("[a, b];")).toMatchObject({ type: "ExpressionStatement", expression: { type: "ArrayLiteral" } });
  });

  it("parses function declarations", () => {
    expect(stmt("function f(a, b: string) { return a; }")).toEqual({
      type: "FunctionDeclaration",
      name: id("f"),
      params: [
        { type: "Parameter", name: id("a"), annotation: null },
        { type: "Parameter", name: id("b"), annotation: id("string") },
      ],
      body: { type: "Block", body: [{ type: "ReturnStatement", argument: id("a") }] },
    });
    expect(stmt("function g() {}")).toMatchObject({ params: [], body: { body: [] } });
  });

  it("parses if / elif / else", () => {
    expect(stmt("if (a) { x; } elif (b) { y; } elif (c) { } else { z; }")).toEqual({
      type: "IfStatement",
      branches: [
        { test: id("a"), body: { type: "Block", body: [{ type: "ExpressionStatement", expression: id("x") }] } },
        { test: id("b"), body: { type: "Block", body: [{ type: "ExpressionStatement", expression: id("y") }] } },
        { test: id("c"), body: { type: "Block", body: [] } },
      ],
      alternate: { type: "Block", body: [{ type: "ExpressionStatement", expression: id("z") }] },
    });
    expect(stmt("if (a) { }")).toMatchObject({ alternate: null });
  });

  it("parses while and for", () => {
    expect(stmt("while (x) { break; continue; }")).toEqual({
      type: "WhileStatement",
      test: id("x"),
      body: { type: "Block", body: [{ type: "BreakStatement" }, { type: "ContinueStatement" }] },
    });
    expect(stmt("for (k in {a: 1}) { }")).toEqual({
      type: "ForStatement",
      variable: id("k"),
      iterable: { type: "ObjectLiteral", properties: [{ type: "ObjectProperty", key: "a", quoted: false, value: num(1) }] },
      body: { type: "Block", body: [] },
    });
  });

  it("parses try / except / finally in all combinations", () => {
    expect(stmt("try { a; } except (e) { b; } finally { c; }")).toEqual({
      type: "TryStatement",
      block: { type: "Block", body: [{ type: "ExpressionStatement", expression: id("a") }] },
      handlers: [{ type: "ExceptClause", param: id("e"), body: { type: "Block", body: [{ type: "ExpressionStatement", expression: id("b") }] } }],
      finalizer: { type: "Block", body: [{ type: "ExpressionStatement", expression: id("c") }] },
    });
    expect(stmt("try { } except { }")).toMatchObject({ handlers: [{ param: null }], finalizer: null });
    expect(stmt("try { } finally { }")).toMatchObject({ handlers: [], finalizer: { type: "Block" } });
    expect(stmt("try { } except (a) { } except (b) { }")).toMatchObject({ handlers: [{ param: id("a") }, { param: id("b") }] });
  });

  it("parses throw, return, nonlocal", () => {
    expect(stmt("throw {message: 'x'};")).toMatchObject({ type: "ThrowStatement", argument: { type: "ObjectLiteral" } });
    expect(stmt("throw f(x) + 1;")).toMatchObject({ type: "ThrowStatement", argument: { type: "BinaryExpression" } });
    expect(stmt("return;")).toEqual({ type: "ReturnStatement", argument: null });
    expect(stmt("return a ? b : c;")).toMatchObject({ type: "ReturnStatement", argument: { type: "ConditionalExpression" } });
    expect(stmt("nonlocal a, b;")).toEqual({ type: "NonlocalStatement", names: [id("a"), id("b")] });
  });

  it("parses imports", () => {
    expect(stmt("import math;")).toEqual({ type: "ImportDeclaration", path: [id("math")], alias: null });
    expect(stmt("import a.b.c;")).toEqual({ type: "ImportDeclaration", path: [id("a"), id("b"), id("c")], alias: null });
    expect(stmt("import a.b as m;")).toEqual({ type: "ImportDeclaration", path: [id("a"), id("b")], alias: id("m") });
  });

  it("parses capability declarations", () => {
    const s = stmt(`capability Files { resource "reports/**/*.csv"; allow read; allow write "out/**"; allow datetime.now; allow network.http "api.example.com"; allow bogus; }`);
    expect(s).toEqual({
      type: "CapabilityDeclaration",
      name: id("Files"),
      items: [
        { type: "CapabilityResource", pattern: str("reports/**/*.csv") },
        { type: "CapabilityAllow", permission: "read", target: null },
        { type: "CapabilityAllow", permission: "write", target: str("out/**") },
        { type: "CapabilityAllow", permission: "datetime.now", target: null },
        { type: "CapabilityAllow", permission: "network.http", target: str("api.example.com") },
        { type: "CapabilityAllow", permission: "bogus", target: null },
      ],
    });
  });

  it("records the span of a permission", () => {
    const decl = parseOk("capability C {\n  allow datetime.now;\n}").body[0] as AST.CapabilityDeclaration;
    const allow = decl.items[0] as AST.CapabilityAllow;
    expect(allow.permissionLoc).toEqual({ start: { line: 2, column: 9, offset: 23 }, end: { line: 2, column: 21, offset: 35 } });
    expect(allow.loc.start.column).toBe(3);
    expect(allow.loc.end.column).toBe(22);
  });

  it("treats capability words as names outside capability blocks", () => {
    expect(stmt("read = allow + resource;")).toMatchObject({ type: "AssignmentStatement", target: id("read") });
  });

  it("parses a whole program in order", () => {
    const p = parseOk("import math;\ncapability C { allow read; }\nx = 1;\nfunction f() { }\n");
    expect(p.body.map((n) => n.type)).toEqual(["ImportDeclaration", "CapabilityDeclaration", "AssignmentStatement", "FunctionDeclaration"]);
  });

  it("parses an empty program", () => {
    expect(parseOk("").body).toEqual([]);
    expect(parseOk("// only comments\n/* here */").body).toEqual([]);
  });
});

describe("parser: source spans", () => {
  it("spans every node from its first to its last character", () => {
    const source = "x = f(a, b) + 1;\nif (x) {\n  y = [1, 2];\n}\n";
    const p = parseOk(source);
    const text = (loc: AST.SourceLocation) => source.slice(loc.start.offset, loc.end.offset);
    const assign = p.body[0] as AST.AssignmentStatement;
    expect(text(assign.loc)).toBe("x = f(a, b) + 1;");
    expect(text(assign.value.loc)).toBe("f(a, b) + 1");
    expect(text((assign.value as AST.BinaryExpression).left.loc)).toBe("f(a, b)");
    const ifs = p.body[1] as AST.IfStatement;
    expect(text(ifs.loc)).toBe("if (x) {\n  y = [1, 2];\n}");
    expect(text(ifs.branches[0]!.body.loc)).toBe("{\n  y = [1, 2];\n}");
    const inner = ifs.branches[0]!.body.body[0] as AST.AssignmentStatement;
    expect(text(inner.value.loc)).toBe("[1, 2]");
    expect(inner.value.loc.start).toEqual({ line: 3, column: 7, offset: 32 });
    expect(p.loc).toEqual({ start: { line: 1, column: 1, offset: 0 }, end: { line: 5, column: 1, offset: source.length } });
  });

  it("spans keys, members, parameters and clauses", () => {
    const source = "o = {k: fn(a: T) => a.b};";
    const obj = (parseOk(source).body[0] as AST.AssignmentStatement).value as AST.ObjectLiteral;
    const prop = obj.properties[0]!;
    const text = (loc: AST.SourceLocation) => source.slice(loc.start.offset, loc.end.offset);
    expect(text(prop.keyLoc)).toBe("k");
    expect(text(prop.loc)).toBe("k: fn(a: T) => a.b");
    const arrow = prop.value as AST.ArrowFunction;
    expect(text(arrow.params[0]!.loc)).toBe("a: T");
    expect(text((arrow.body as AST.MemberExpression).property.loc)).toBe("b");
  });

  it("checks every span in a larger program is well formed and nested", () => {
    const source = `
      function f(a, b) { return a // b; }
      x = [1, {k: "v"}, fn() => {}, s[1:-1]];
      try { throw x; } except (e) { print(e.message); } finally { }
      for (i in range(3)) { while (!i) { i = i - 1; } }
    `;
    const p = parseOk(source);
    const visit = (node: unknown, parent: AST.SourceLocation | null): void => {
      if (Array.isArray(node)) return node.forEach((n) => visit(n, parent));
      if (node === null || typeof node !== "object") return;
      const n = node as { loc?: AST.SourceLocation };
      let here = parent;
      if (n.loc !== undefined) {
        const { start, end } = n.loc;
        expect(start.offset).toBeLessThanOrEqual(end.offset);
        expect(source.split("\n")[start.line - 1]!.length).toBeGreaterThanOrEqual(start.column - 1);
        if (parent !== null) {
          expect(start.offset).toBeGreaterThanOrEqual(parent.start.offset);
          expect(end.offset).toBeLessThanOrEqual(parent.end.offset);
        }
        here = n.loc;
      }
      for (const [k, v] of Object.entries(node)) if (k !== "loc") visit(v, here);
    };
    visit(p, null);
  });
});

describe("parser: the // rule in context", () => {
  it("parses floor division after operands and comments after statements", () => {
    const p = parseOk("x = 7 // 2;\ny = 7; // note\nz = {a: 1} // 2;\n");
    expect(p.body).toHaveLength(3);
    expect(group((p.body[0] as AST.AssignmentStatement).value)).toBe("(7 // 2)");
    expect(group((p.body[2] as AST.AssignmentStatement).value)).toBe("({a: 1} // 2)");
  });

  it("reports ML1011 when // is followed on the same line by text that cannot continue", () => {
    const { diagnostics, program } = parse("x = 7 // seven is the number\ny = 2;");
    expect(diagnostics.map((d) => `${d.code} ${d.loc.start.line}:${d.loc.start.column}`)).toEqual(["ML1011 1:7"]);
    expect(diagnostics[0]!.message).toContain("floor-division");
    expect(diagnostics[0]!.suggestion).toMatch(/';'.*\/\* … \*\//);
    expect(program.body).toHaveLength(2);
  });

  it("reports ML1011 when the right operand of // is missing", () => {
    expect(diags("x = 5 // ;")).toEqual(["ML1011 1:7"]);
    expect(diags("f(5 //)")).toEqual(["ML1011 1:5", "ML1010 1:8"]);
  });

  it("reports ML1011 inside argument lists", () => {
    expect(diags("f(7 // half of x);")).toEqual(["ML1011 1:5"]);
  });

  it("drops lexical errors in the text that was meant as a comment", () => {
    expect(diags("x = 7 // don't panic\ny = 1;")).toEqual(["ML1011 1:7"]);
    expect(diags("x = 7 // see #3 and don't\ny = 1;")).toEqual(["ML1011 1:7"]);
    // ... but not lexical errors elsewhere.
    expect(diags("x = 7 // don't\ny = @;")).toEqual(["ML1011 1:7", "ML1001 2:5", "ML1010 2:6"]);
  });

  it("reports ML1011 for a // ending its line", () => {
    expect(diags("x = 7 //\ny = 2;")).toEqual(["ML1011 1:7"]);
  });

  it("hints at the // when a statement continues onto the next line", () => {
    const { diagnostics } = parse("total = price * qty // TODO\nnext = 1;");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "ML1010", loc: { start: { line: 1, column: 28 } } });
    expect(diagnostics[0]!.suggestion).toContain("floor division");
  });
});

describe("parser: error recovery", () => {
  it("never throws and always returns a program", () => {
    for (const source of ["(", ")", "{", "}", "[", "]", "fn", "fn(", "if", "x =", "= x", "...", "a ? b", "function", "capability", "import", "'", "/*"]) {
      const r = parse(source);
      expect(r.program.type).toBe("Program");
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it("reports several errors in one pass with their positions", () => {
    const source = [
      "x = 1",            // 1: missing ;
      "y = (2 + ;",       // 2: missing operand (and the ')' — one error per statement)
      "f(1 2, 3);",       // 3: missing comma
      "if x > 1 { z; }",  // 4: missing (
      "w = [1, 2;",       // 5: missing ]
      "ok = 1;",
    ].join("\n");
    expect(diags(source)).toEqual(["ML1010 1:6", "ML1010 2:10", "ML1010 3:5", "ML1010 4:4", "ML1010 5:10"]);
    const p = parse(source).program;
    expect(p.body.at(-1)).toMatchObject({ type: "AssignmentStatement", target: { name: "ok" } });
  });

  it("names the opener of an unclosed bracket", () => {
    const { diagnostics } = parse("x = foo(1,\n  2;");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe("expected ')' to close '(' at 1:8, found ';'");
    const { diagnostics: d2 } = parse("function f() {\n  x = 1;\n");
    expect(d2[0]!.message).toBe("expected '}' to close '{' at 1:14, found end of input");
    expect(d2[0]!.loc.start).toMatchObject({ line: 2, column: 9 });
  });

  it("reports an unclosed argument list at the next statement rather than a missing comma", () => {
    const { diagnostics } = parse("foo(1, 2\nif (x) { y; }");
    expect(diagnostics.map((d) => d.message)).toEqual(["expected ')' to close '(' at 1:4, found keyword 'if'"]);
    expect(diagnostics[0]!.loc.start).toMatchObject({ line: 1, column: 9 });
  });

  it("suggests '==' only where an '=' follows an operand", () => {
    expect(parse("if (x = 1) { }").diagnostics[0]!.suggestion).toMatch(/'=='/);
    expect(parse("= x;").diagnostics[0]!.suggestion).toBeUndefined();
  });

  it("places a missing ';' right after the previous token", () => {
    const { diagnostics } = parse("a = 1\nb = 2;");
    expect(diagnostics[0]).toMatchObject({ message: "expected ';' after the assignment, found name 'b'", loc: { start: { line: 1, column: 6 }, end: { line: 1, column: 6 } } });
  });

  it("uses ErrorExpression placeholders", () => {
    const { program } = parse("x = ;");
    expect(strip(program.body[0])).toEqual({ type: "AssignmentStatement", target: id("x"), value: { type: "ErrorExpression" } });
  });

  it("recovers inside blocks and keeps parsing later statements", () => {
    const { program, diagnostics } = parse("function f() {\n  a = ;\n  b = 2;\n}\nc = 3;");
    expect(diagnostics).toHaveLength(1);
    expect(program.body.map((n) => n.type)).toEqual(["FunctionDeclaration", "AssignmentStatement"]);
    expect((program.body[0] as AST.FunctionDeclaration).body.body).toHaveLength(2);
  });

  it("reports a stray closing brace", () => {
    expect(parse("x = 1; }\ny = 2;").diagnostics.map((d) => d.message)).toEqual(["unexpected '}' with no block to close"]);
  });

  it("explains common mistakes with suggestions", () => {
    const cases: [string, RegExp, RegExp][] = [
      ["x += 1;", /compound assignment '\+=' is not supported/, /x = x \+/],
      ["if (a) { } else if (b) { }", /'else if' is written 'elif'/, /elif/],
      ["if (a) return 1;", /expected '\{' to start/, /braces/],
      ["for (i = 0; i < 3; i = i + 1) { }", /expected 'in'/, /range\(n\)/],
      ["q = {a, b};", /expected ':' after the key 'a'/, /shorthand/],
      ["{a: 1};", /cannot begin with an object literal/, /parentheses/],
      ["f = function(x) { return x; };", /function expression is written 'fn/, /fn\(x\)/],
      ["x = {1: 2};", /object keys must be names or strings/, /"1"/],
      ["if (x = 1) { }", /expected '\)'/, /'=='/],
      ["in = 3;", /expected an expression/, /reserved word/],
      ["x = y++;", /ML has no '\+\+' operator/, /y = y \+ 1/],
      ["capability C { alow read; }", /expected 'resource' or 'allow'/, /did you mean 'allow'/],
      ["x = a ? b;", /expected ':'/, /condition \?/],
      ["x = 1;;", /expected an expression/, /extra ';'/],
    ];
    for (const [source, message, suggestion] of cases) {
      const d = parse(source).diagnostics[0];
      expect(d, source).toBeDefined();
      expect(d!.message, source).toMatch(message);
      expect(d!.suggestion ?? "", source).toMatch(suggestion);
    }
  });

  it("recovers from 'if (a) return 1;' by using the statement as the body", () => {
    const { program } = parse("if (a) return 1;");
    expect(strip(program.body[0])).toMatchObject({ type: "IfStatement", branches: [{ body: { body: [{ type: "ReturnStatement" }] } }] });
  });

  it("rejects chained assignment", () => {
    expect(parse("a = b = 1;").diagnostics.map((d) => d.message)).toEqual(["chained assignment is not supported"]);
  });

  it("reports orphan elif/else/except/finally", () => {
    expect(parse("else { x; }").diagnostics[0]!.message).toBe("'else' without a matching 'if'");
    expect(parse("except (e) { x; }").diagnostics[0]!.message).toBe("'except' without a matching 'try'");
  });

  it("reports reserved words used as names", () => {
    expect(parse("function if() { }").diagnostics[0]!.message).toMatch(/'if' is a reserved word/);
    expect(parse("f = fn(return) => 1;").diagnostics[0]!.message).toMatch(/'return' is a reserved word/);
    expect(parse("{a, for} = o;").diagnostics[0]!.message).toMatch(/'for' is a reserved word/);
  });

  it("limits nesting depth instead of overflowing the stack", () => {
    for (const source of [
      `x = ${"(".repeat(50_000)}1${")".repeat(50_000)};`,
      `x = ${"[".repeat(50_000)}${"]".repeat(50_000)};`,
      `x = ${"-".repeat(50_000)}1;`,
      `x = ${"fn() => ".repeat(50_000)}1;`,
      `${"if (a) { ".repeat(50_000)}${"} ".repeat(50_000)}`,
      `x = ${"{a: ".repeat(50_000)}1${"}".repeat(50_000)};`,
      `x = ${"a ? ".repeat(50_000)}1${" : 2".repeat(50_000)};`,
    ]) {
      const { diagnostics } = parse(source);
      expect(diagnostics.map((d) => d.message)).toContain(`nesting is too deep (more than ${MAX_NESTING_DEPTH} levels)`);
    }
    expect(parse(`x = ${"(".repeat(100)}1${")".repeat(100)};`).diagnostics).toEqual([]);
  });
});

describe("parser: ML1012–ML1014", () => {
  it("reports import below the top level (ML1012) but keeps parsing", () => {
    const { diagnostics, program } = parse("function f() {\n  import math;\n  x = 1;\n}");
    expect(diagnostics.map((d) => `${d.code} ${d.loc.start.line}:${d.loc.start.column}`)).toEqual(["ML1012 2:3"]);
    expect((program.body[0] as AST.FunctionDeclaration).body.body).toHaveLength(1);
    expect(diags("if (a) { import b; }")).toEqual(["ML1012 1:10"]);
    expect(diags("f = fn() => { import b; return b; };")).toEqual(["ML1012 1:15"]);
  });

  it("reports capability below the top level (ML1013)", () => {
    expect(diags("while (a) { capability C { allow read; } }")).toEqual(["ML1013 1:13"]);
  });

  it("reports invalid assignment targets (ML1014)", () => {
    const cases: [string, string][] = [
      ["f() = 1;", "cannot assign to a function call"],
      ["s[1:2] = x;", "cannot assign to a slice"],
      ["(a) = 1;", "cannot assign to a parenthesized expression"],
      ["1 = x;", "cannot assign to a literal"],
      ["a + b = c;", "cannot assign to this expression"],
      ["[a, 1] = x;", "a destructuring pattern may contain only names"],
      ["[a.b, c] = x;", "a destructuring pattern may contain only names"],
    ];
    for (const [source, message] of cases) {
      const { diagnostics } = parse(source);
      expect(diagnostics.map((d) => [d.code, d.message]), source).toEqual([["ML1014", message]]);
    }
  });

  it("reports an empty destructuring pattern", () => {
    expect(parse("{} = x;").diagnostics.map((d) => [d.code, d.message])).toEqual([["ML1014", "a destructuring pattern needs at least one name"]]);
    expect(parse("[] = x;").diagnostics.map((d) => [d.code, d.message])).toEqual([["ML1014", "a destructuring pattern needs at least one name"]]);
  });
});

describe("parser: diagnostics", () => {
  it("uses the file name and sorts by position", () => {
    const { diagnostics } = parse("x = 'a\n@ y = ;", "main.ml");
    expect(diagnostics.every((d) => d.file === "main.ml")).toBe(true);
    const positions = diagnostics.map((d) => d.loc.start.offset);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("defaults the file name to <input>", () => {
    expect(parse("x = ;").diagnostics[0]!.file).toBe("<input>");
  });
});
