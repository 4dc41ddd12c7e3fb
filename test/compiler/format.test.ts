import { describe, expect, it } from "vitest";
import { format } from "../../src/compiler/index.js";
import { sameTree } from "../../src/compiler/format.js";
import { findComments } from "../../src/compiler/format-comments.js";
import { tokenize } from "../../src/compiler/lexer.js";
import { parseOk } from "./ast-helpers.js";

/** Formats `source` (which must parse), checks the result is stable, and returns it. */
function fmt(source: string, width?: number): string {
  const r = format(source, width === undefined ? {} : { width });
  expect(r.ok, r.diagnostics.map((d) => d.message).join("\n")).toBe(true);
  expect(format(r.text, width === undefined ? {} : { width }).text, "not idempotent").toBe(r.text);
  return r.text;
}

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("format: canonical layout", () => {
  it("puts one statement per line, blocks on their own lines, two-space indentation", () => {
    expect(fmt("x=1;y =  2;function f(a,b){if(a){return b;}elif(b){return;}else{x=a//b;}}")).toBe(lines(
      "x = 1;",
      "y = 2;",
      "function f(a, b) {",
      "  if (a) {",
      "    return b;",
      "  } elif (b) {",
      "    return;",
      "  } else {",
      "    x = a // b;",
      "  }",
      "}",
    ));
  });

  it("lays out every statement form", () => {
    const source = `import math; import a.b as m;
capability Files { resource "data/**"; allow read; allow write "out/**"; allow datetime.now; }
while (x < 10) { x = x + 1; break; continue; }
for (k in {a: 1, "b c": 2}) { print(k); }
try { throw {message: "boom"}; } except (e) { print(e.message); } except { } finally { done = true; }
[p, q] = pair; {r, s} = obj; nonlocal_ok = fn(v: number) => v * 2;
g = fn() => { return null; }; h = xs[1:2:3] + xs[::-1] + o.if;`;
    expect(fmt(source)).toBe(lines(
      "import math;",
      "import a.b as m;",
      "capability Files {",
      '  resource "data/**";',
      "  allow read;",
      '  allow write "out/**";',
      "  allow datetime.now;",
      "}",
      "while (x < 10) {",
      "  x = x + 1;",
      "  break;",
      "  continue;",
      "}",
      "for (k in {a: 1, \"b c\": 2}) {",
      "  print(k);",
      "}",
      "try {",
      '  throw {message: "boom"};',
      "} except (e) {",
      "  print(e.message);",
      "} except {} finally {",
      "  done = true;",
      "}",
      "[p, q] = pair;",
      "{r, s} = obj;",
      "nonlocal_ok = fn(v: number) => v * 2;",
      "g = fn() => {",
      "  return null;",
      "};",
      "h = xs[1:2:3] + xs[::-1] + o.if;",
    ));
  });

  it("keeps blank lines between statements, at most one, none at the start or end of a block", () => {
    expect(fmt("\n\na = 1;\n\n\n\nb = 2;\nif (a) {\n\n  c = 3;\n\n  d = 4;\n\n}\n\n\n")).toBe(lines(
      "a = 1;",
      "",
      "b = 2;",
      "if (a) {",
      "  c = 3;",
      "",
      "  d = 4;",
      "}",
    ));
  });

  it("keeps parentheses as written, literals as written, and adds the parentheses the tree needs", () => {
    expect(fmt("x = ((a + b)) * (c);")).toBe("x = ((a + b)) * (c);\n");
    expect(fmt("x = [0xFF, 5., .5, 'single', \"double\"];")).toBe("x = [0xFF, 5., .5, 'single', \"double\"];\n");
    expect(fmt("({a: 1}).a = 2;")).toBe("({a: 1}).a = 2;\n");
  });

  it("formats the empty program as the empty text and ends every other one with one newline", () => {
    expect(fmt("")).toBe("");
    expect(fmt("  \n\n")).toBe("");
    expect(fmt("x = 1;")).toBe("x = 1;\n");
  });

  it("reads CRLF and a byte-order mark, writes LF", () => {
    expect(fmt("\ufeffa = 1;\r\n\r\n\r\nb = 2;\r\n")).toBe("a = 1;\n\nb = 2;\n");
  });

  it("reports syntax errors and returns the source unchanged", () => {
    const r = format("x = ;\n", { filename: "bad.ml" });
    expect(r.ok).toBe(false);
    expect(r.text).toBe("x = ;\n");
    expect(r.changed).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: "ML1010", file: "bad.ml" });
  });

  it("formats programs with name errors (only syntax matters)", () => {
    expect(fmt("print(undefinedName)  ;")).toBe("print(undefinedName);\n");
  });

  it("says whether the text changed", () => {
    expect(format("x = 1;\n").changed).toBe(false);
    expect(format("x=1;\n").changed).toBe(true);
  });
});

describe("format: line width", () => {
  it("breaks a long call one argument per line, with a trailing comma", () => {
    expect(fmt("result = compute(alpha, beta, gamma);", 30)).toBe(lines(
      "result = compute(",
      "  alpha,",
      "  beta,",
      "  gamma,",
      ");",
    ));
  });

  it("breaks the outermost list first and keeps inner ones flat when they fit", () => {
    expect(fmt("data = [[1, 2, 3], [4, 5, 6], {name: \"x\", value: 7}];", 30)).toBe(lines(
      "data = [",
      "  [1, 2, 3],",
      "  [4, 5, 6],",
      "  {name: \"x\", value: 7},",
      "];",
    ));
  });

  it("keeps a call on its line and breaks only its last argument when it is a function or literal", () => {
    expect(fmt("xs.map(fn(x) => { return x * 2; });")).toBe(lines(
      "xs.map(fn(x) => {",
      "  return x * 2;",
      "});",
    ));
    expect(fmt("send(target, {alpha: 1, beta: 2, gamma: 3});", 30)).toBe(lines(
      "send(target, {",
      "  alpha: 1,",
      "  beta: 2,",
      "  gamma: 3,",
      "});",
    ));
  });

  it("breaks a too-long operator chain after each operator", () => {
    expect(fmt('message = "the first part " + name + " and the rest";', 40)).toBe(lines(
      'message = "the first part " +',
      "  name +",
      '  " and the rest";',
    ));
  });

  it("breaks a too-long conditional after '?' and ':'", () => {
    expect(fmt("label = count > limit ? describeTooMany(count) : describe(count);", 40)).toBe(lines(
      "label = count > limit ?",
      "  describeTooMany(count) :",
      "  describe(count);",
    ));
  });

  it("breaks a too-long parameter list", () => {
    expect(fmt("function f(first, second, third) { return 1; }", 20)).toBe(lines(
      "function f(",
      "  first,",
      "  second,",
      "  third,",
      ") {",
      "  return 1;",
      "}",
    ));
  });

  it("leaves a line longer than the width when nothing can break", () => {
    const long = `x = "${"a".repeat(120)}";\n`;
    expect(fmt(long)).toBe(long);
  });

  it("indents a block body from the line it starts on, and lays it out at full width", () => {
    expect(fmt("print((fn() => { return 7; })());")).toBe(lines(
      "print((fn() => {",
      "  return 7;",
      "})());",
    ));
    expect(fmt("run((fn() => { return compute(alpha, beta); })());", 25)).toBe(lines(
      "run((fn() => {",
      "  return compute(",
      "    alpha,",
      "    beta,",
      "  );",
      "})());",
    ));
  });

  it("honours another width and indentation unit (for editors)", () => {
    expect(format("if (a) { f(alpha, beta); }", { indent: "\t", width: 12 }).text).toBe("if (a) {\n\tf(\n\t\talpha,\n\t\tbeta,\n\t);\n}\n");
  });

  it("breaks an array or object holding a block-bodied function", () => {
    expect(fmt("handlers = {get: fn(r) => { return r; }};")).toBe(lines(
      "handlers = {",
      "  get: fn(r) => {",
      "    return r;",
      "  },",
      "};",
    ));
  });
});

describe("format: comments", () => {
  it("keeps comments on their own lines before statements, and at the end of the file", () => {
    expect(fmt("// heading\n\n// about a\na = 1;\n\n// the end\n")).toBe(lines(
      "// heading",
      "",
      "// about a",
      "a = 1;",
      "",
      "// the end",
    ));
  });

  it("keeps a trailing comment at the end of its statement's line", () => {
    expect(fmt("a = 1;   // one   \nif (a) { b; } // after the block\n")).toBe(lines(
      "a = 1; // one",
      "if (a) {",
      "  b;",
      "} // after the block",
    ));
  });

  it("indents comments inside blocks, keeps them in empty blocks and after the opening brace", () => {
    expect(fmt("function f() { // why\n// first\nx = 1;\n     // last\n}\nwhile (x) { /* nothing */ }\nif (y) {\n// todo\n}")).toBe(lines(
      "function f() { // why",
      "  // first",
      "  x = 1;",
      "  // last",
      "}",
      "while (x) { /* nothing */ }",
      "if (y) {",
      "  // todo",
      "}",
    ));
  });

  it("keeps comments between the items of a capability declaration", () => {
    expect(fmt("capability C { // files\n  allow read; // reading\n  // and writing\n  allow write \"out/**\";\n}")).toBe(lines(
      "capability C { // files",
      "  allow read; // reading",
      "  // and writing",
      '  allow write "out/**";',
      "}",
    ));
  });

  it("keeps line comments inside lists at the end of their item's line, and the list broken", () => {
    expect(fmt("print( // first\n  1, // second\n  2\n); // expect: 1 2")).toBe(lines(
      "print( // first",
      "  1, // second",
      "  2,",
      "); // expect: 1 2",
    ));
    expect(fmt("x = [\n  // leading\n  1,\n  2];")).toBe(lines(
      "x = [",
      "  // leading",
      "  1,",
      "  2,",
      "];",
    ));
  });

  it("breaks an operator chain after a line comment, or moves the comment to the end of the line", () => {
    expect(fmt("x = // the value\n  5;\ny = x + // continued\n  1;")).toBe(lines(
      "x = 5; // the value",
      "y = x + // continued",
      "  1;",
    ));
  });

  it("keeps block comments inline, next to the code they follow or precede", () => {
    expect(fmt("x = 1 /* one */ + /* two */ 2;\n/* // */ print(\"ok\");\ny = [/* none */];\nz = f(/* nothing */);")).toBe(lines(
      "x = 1 /* one */ + /* two */ 2;",
      "/* // */ print(\"ok\");",
      "y = [/* none */];",
      "z = f(/* nothing */);",
    ));
  });

  it("keeps a multi-line block comment as written", () => {
    const c = "/* a block comment\n   spanning lines, with // inside */";
    expect(fmt(`${c}\nprint(x);`)).toBe(`${c}\nprint(x);\n`);
  });

  it("never turns a comment into floor division or the reverse", () => {
    for (const source of ["x = {a: 1} // 2;", "x = 7 // 2; // seven halves", "if (true) { print(1); } // a comment", "y = (a) // (b);"]) {
      const out = fmt(source);
      expect(findComments(out, tokenize(out).tokens).map((c) => c.text)).toEqual(findComments(source, tokenize(source).tokens).map((c) => c.text));
      expect(sameTree(parseOk(out), parseOk(source))).toBe(true);
    }
  });

  it("puts a second line comment that would share a line on a line of its own", () => {
    expect(fmt("x = f(\n// about f\n);\ny = // about y\n  a; // about a")).toBe(lines(
      "x = f( // about f",
      ");",
      "y = a; // about y",
      "// about a",
    ));
  });
});

describe("format: large and deep programs", () => {
  it("formats a 20 000-term operator chain and nesting at the parser's limit without overflowing", () => {
    const chain = `x = ${Array.from({ length: 20000 }, (_, i) => `a${i}`).join(" + ")};\n`;
    const r = format(chain);
    expect(r.ok).toBe(true);
    expect(r.text.split("\n")).toHaveLength(20001);
    const nested = `x = ${"[".repeat(190)}1${"]".repeat(190)};\nif (a) {${"if (b) {".repeat(150)}y;${"}".repeat(151)}\n`;
    expect(format(nested).ok).toBe(true);
  });
});

describe("sameTree", () => {
  it("ignores spans and parentheses, not values", () => {
    expect(sameTree(parseOk("x = (a + b);"), parseOk("x   =  a+b;"))).toBe(true);
    expect(sameTree(parseOk("x = a + b;"), parseOk("x = a - b;"))).toBe(false);
    expect(sameTree(parseOk("x = 0x10;"), parseOk("x = 16;"))).toBe(false); // raw differs
  });
});
