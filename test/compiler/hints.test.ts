/**
 * Errors that teach: the mistakes a newcomer from JavaScript or Python makes first each give ONE
 * diagnostic — no cascade — placed on the mistake, whose hint names what ML writes instead
 * (docs/errors.md, "Compile errors and their hints").
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compile } from "../../src/compiler/index.js";
import { formatDiagnostic } from "../../src/compiler/codeframe.js";
import type { Diagnostic } from "../../src/compiler/diagnostics.js";
import { didYouMean, STDLIB_MODULE_NAMES } from "../../src/compiler/suggest.js";
import { STDLIB_MODULES } from "../../src/stdlib/registry.js";
import { MLRuntimeError, run } from "../../src/index.js";

function diagnose(source: string): Diagnostic[] {
  return compile(source, { filename: "main.ml" }).diagnostics;
}

/** The one diagnostic of `source` (fails when there are none or several). */
function only(source: string): Diagnostic {
  const d = diagnose(source);
  expect(d.map((x) => `${x.code} ${x.loc.start.line}:${x.loc.start.column} ${x.message}`)).toHaveLength(1);
  return d[0]!;
}

/** `line:column-endLine:endColumn` of a diagnostic. */
function at(d: Diagnostic): string {
  return `${d.loc.start.line}:${d.loc.start.column}-${d.loc.end.line}:${d.loc.end.column}`;
}

describe("catch → except", () => {
  it("reports 'catch (e)' once, on 'catch', and reads it as except", () => {
    const d = only("try {\n  x = 1;\n} catch (e) {\n  print(e);\n}\nprint(2);\n");
    expect(d).toMatchObject({ code: "ML1010", severity: "error", message: "ML uses 'except', not 'catch'", suggestion: "write: try { … } except (e) { … }" });
    expect(at(d)).toBe("3:3-3:8");
  });

  it("reports 'catch' without a parameter too", () => {
    const d = only("try { x = 1; } catch { print(1); }\n");
    expect(d.message).toBe("ML uses 'except', not 'catch'");
    expect(at(d)).toBe("1:16-1:21");
  });

  it("leaves valid code alone: a try without handler followed by a call of 'catch', a variable named 'lambda'", () => {
    expect(diagnose("function catch(e) { return e; }\ntry { x = 1; }\ncatch(2);\n")).toEqual([]);
    expect(diagnose("lambda = 1;\nc = true;\nprint(c ? lambda : 2);\n")).toEqual([]);
    expect(diagnose("let = [1];\nnew = 2;\nnot = fn(x) => x;\nprint(let[0], new, not(1), lambda2);\nlambda2 = 0;\n")).toEqual([]);
  });

  it("reports Python's 'except ValueError as e' once, binding e", () => {
    const d = only("try { x = 1; } except ValueError as e { print(e); }\n");
    expect(d).toMatchObject({ message: "ML's except has no error type: it catches every error",
      suggestion: 'write except (e) { … } and test e.type == "ValueError" inside' });
    expect(at(d)).toBe("1:23-1:38");
  });

  it("shows a code frame with the caret under 'catch' and the hint", () => {
    const source = "try {\n  x = 1;\n} catch (e) {\n  print(e);\n}\n";
    expect(formatDiagnostic(only(source), source)).toBe([
      "error[ML1010]: ML uses 'except', not 'catch'",
      "  --> main.ml:3:3",
      "   |",
      " 3 | } catch (e) {",
      "   |   ^^^^^",
      "   = help: write: try { … } except (e) { … }",
    ].join("\n"));
  });
});

describe("keyword arguments", () => {
  it("reports createDelta(days=2) once, rewriting the call by position", () => {
    const d = only("function createDelta(d) { return d; }\ncreateDelta(days=2);\n");
    expect(d).toMatchObject({ code: "ML1010", message: "ML has no keyword arguments",
      suggestion: "pass the arguments by position, in the order of the parameters: createDelta(2)" });
    expect(at(d)).toBe("2:13-2:18");
  });

  it("reports sorted(xs, reverse=true) without proposing 'reversed'", () => {
    const d = only("xs = [2, 1];\nprint(sorted(xs, reverse=true));\n");
    expect(d.message).toBe("ML has no keyword arguments");
    expect(d.suggestion).toBe("pass the arguments by position, in the order of the parameters: sorted(xs, true)");
    expect(d.suggestion).not.toContain("reversed");
    expect(at(d)).toBe("2:18-2:26");
  });

  it("reports several keyword arguments of one call once", () => {
    const d = only("function f(a, b) { return a; }\nf(a=1, b=2);\n");
    expect(d.suggestion).toContain("f(1, 2)");
  });

  it("reports a default parameter value once", () => {
    const d = only("function f(x, y = 2) { return x + y; }\n");
    expect(d).toMatchObject({ message: "ML has no default parameter values" });
    expect(d.suggestion).toContain("null");
    expect(at(d)).toBe("1:17-1:18");
  });
});

describe("let / const / var", () => {
  it.each(["let", "const", "var"])("reports '%s x = 5;' once and binds x (no unknown name after)", (word) => {
    const d = only(`${word} x = 5;\nprint(x);\n`);
    expect(d).toMatchObject({ code: "ML1010", message: `ML has no '${word}' declarations`, suggestion: "assign directly: x = 5;" });
    expect(at(d)).toBe(`1:1-1:${word.length + 1}`);
  });

  it("never suggests 'len' for 'let'", () => {
    const d = only("let[0] = 1;\n"); // `let` used as a variable name (indexing)
    expect(d.message).toBe("unknown name 'let'");
    expect(d.suggestion).not.toContain("len");
    expect(d.suggestion).toContain("assign directly");
  });

  it("handles declarations without a value and with patterns", () => {
    const d = diagnose("let x;\nconst {a, b} = {a: 1, b: 2};\nlet [c, d] = [1, 2];\nprint(x, a, b, c, d);\n");
    expect(d.map((x) => x.suggestion)).toEqual(["assign directly: x = null;", "assign directly: {a, b} = {a: 1, b: 2};", "assign directly: [c, d] = [1, 2];"]);
  });

  it("reports 'for (const x of xs)' once", () => {
    const d = only("for (const x of [1]) { print(x); }\n");
    expect(d.message).toBe("ML writes this loop 'for (x in …)'");
    expect(d.suggestion).toContain("drop 'const'");
    expect(at(d)).toBe("1:6-1:16");
  });

  it("reports 'for (x of xs)' and 'for (let x in xs)' once each", () => {
    expect(only("for (x of [1]) { print(x); }\n")).toMatchObject({ message: "ML loops use 'in', not 'of'" });
    expect(only("for (let x in [1]) { print(x); }\n")).toMatchObject({ message: "ML has no 'let' declarations" });
  });
});

describe("operators from other languages", () => {
  it("reports ** once with math.pow as the hint", () => {
    const d = only("print(2 ** 3);\n");
    expect(d).toMatchObject({ code: "ML1010", message: "ML has no '**' operator", suggestion: "use math.pow(x, y), after 'import math;'" });
    expect(at(d)).toBe("1:9-1:11");
  });

  it.each([["===", "=="], ["!==", "!="]])("reports %s once, pointing at %s", (op, ml) => {
    const d = only(`x = 1;\nif (x ${op} 1) { print(1); }\n`);
    expect(d.message).toBe(`ML has no '${op}' operator`);
    expect(d.suggestion).toContain(`use '${ml}'`);
    expect(at(d)).toBe("2:7-2:10");
  });

  it.each([
    ["x and y", "'and' is written '&&'"],
    ["x or y", "'or' is written '||'"],
    ["not x", "'not' is written '!'"],
    ["x is null", "'is' is written '=='"],
    ["x is not null", "'is not' is written '!='"],
    ["x in [1]", "ML has no 'in' operator"],
  ])("reports Python's '%s' once", (expr, message) => {
    const d = only(`x = 1;\ny = 2;\nif (${expr}) { print(1); }\n`);
    expect(d.message).toBe(message);
    expect(d.loc.start.line).toBe(3);
  });

  it("keeps 'else if' → 'elif'", () => {
    expect(only("x = 1;\nif (x == 1) { print(1); } else if (x == 2) { print(2); }\n").message).toBe("'else if' is written 'elif'");
  });

  it("leaves words after a floor division meant as a comment to ML1011", () => {
    const d = diagnose("x = 7 // is it seven and more\ny = 2;\n");
    expect(d[0]!.code).toBe("ML1011");
    expect(d.map((x) => x.message).join("\n")).not.toMatch(/written|ML has no/);
  });
});

describe("increments and Python's conditional", () => {
  it.each([
    ["x++;", "ML has no '++' operator", "write 'x = x + 1;'", "2:2-2:4"],
    ["++x;", "ML has no '++' operator", "write 'x = x + 1;'", "2:1-2:3"],
    ["x--;", "ML has no '--' operator", "write 'x = x - 1;'", "2:2-2:4"],
  ])("reports %s once", (statement, message, hint, where) => {
    const d = only(`x = 1;\n${statement}\nprint(x);\n`);
    expect(d).toMatchObject({ message, suggestion: hint });
    expect(at(d)).toBe(where);
  });

  it("keeps double negation and subtraction of a negation valid", () => {
    expect(diagnose("x = 1;\ny = x--1;\nz = --x;\nprint(y, z);\n")).toEqual([]);
  });

  it("reads 'a if c else b' as 'c ? a : b', once", () => {
    const d = only("x = 1;\ny = 1 if x > 0 else 2;\nprint(y);\n");
    expect(d).toMatchObject({ message: "ML writes 'a if c else b' as 'c ? a : b'", suggestion: "write x > 0 ? 1 : 2" });
    expect(at(d)).toBe("2:7-2:9");
  });
});

describe("definitions from other languages", () => {
  it("reads a Python def as a function and skips its indented body", () => {
    const d = only("def double(x):\n    y = x * 2\n    return y\n\nprint(double(2));\n");
    expect(d).toMatchObject({ message: "ML declares functions with 'function'", suggestion: "write function double(…) { … }, with braces around the body" });
    expect(at(d)).toBe("1:1-1:4");
  });

  it("reads def with a braced body as a function", () => {
    expect(only("def double(x) {\n  return x * 2;\n}\nprint(double(2));\n").message).toBe("ML declares functions with 'function'");
  });

  it("reports a JavaScript class once and skips it", () => {
    const d = only("class Point extends Base {\n  constructor(x) { this.x = x; }\n}\nprint(Point);\n");
    expect(d.message).toBe("ML has no classes");
    expect(d.suggestion).toContain("a function returning {x: x");
  });

  it("reports a Python class once and skips its indented body", () => {
    expect(only("class Point:\n    def __init__(self, x):\n        self.x = x\n\nprint(Point);\n").message).toBe("ML has no classes");
  });
});

describe("comprehensions", () => {
  it("reports a list comprehension once, rewritten as a loop", () => {
    const d = only("xs = [1];\nys = [x * 2 for x in xs];\nprint(ys);\n");
    expect(d).toMatchObject({ code: "ML1010", message: "ML has no list comprehensions" });
    expect(d.suggestion).toContain("ys = []; for (x in xs) { ys.append(x * 2); }");
    expect(d.suggestion).toContain("functional.map");
    expect(at(d)).toBe("2:13-2:16");
  });

  it("keeps an if filter in the loop", () => {
    const d = only("xs = [1];\nys = [x for x in xs if x > 1];\n");
    expect(d.suggestion).toContain("for (x in xs) { if (x > 1) { ys.append(x); } }");
  });

  it("reports a dict comprehension once", () => {
    const d = only("xs = [1];\nd = {x: x * 2 for x in xs};\n");
    expect(d.message).toBe("ML has no dict comprehensions");
    expect(d.suggestion).toContain("d = {}; for (x in xs) { d[x] = x * 2; }");
  });

  it("reports a generator expression in a call once", () => {
    const d = only("xs = [1];\nprint(sum(x * 2 for x in xs));\n");
    expect(d.message).toBe("ML has no generator expressions");
    expect(d.suggestion).toContain("result = []; for (x in xs) { result.append(x * 2); }");
  });

  it("stops at the end of the statement when the closer is missing", () => {
    const d = only("xs = [1];\nys = [x for x in xs;\nprint(ys);\n");
    expect(d.message).toBe("ML has no list comprehensions");
  });
});

describe("template literals and f-strings", () => {
  it("reports a template literal once, with + and % rewrites", () => {
    const d = only('name = "a";\nprint(`hello ${name}`);\nprint(1);\n');
    expect(d).toMatchObject({ code: "ML1001", message: "ML has no template literals", suggestion: 'write "hello " + name, or "hello %s" % [name]' });
    expect(at(d)).toBe("2:7-2:22");
  });

  it("parenthesizes compound parts and starts with a string", () => {
    const d = only("a = 1;\nb = 2;\nprint(`${a}${b} is ${a + b}%`);\n");
    expect(d.suggestion).toBe('write str(a) + b + " is " + (a + b) + "%", or "%s%s is %s%%" % [a, b, a + b]');
  });

  it("reports an f-string once", () => {
    const d = only('name = 1;\nprint(f"hi {name}");\n');
    expect(d).toMatchObject({ message: "ML has no f-strings", suggestion: 'write "hi " + name, or "hi %s" % [name]' });
    expect(at(d)).toBe("2:7-2:19");
  });
});

describe("Python blocks", () => {
  it("reports each ':' block once with the ML header, binding what the skipped body assigns", () => {
    const d = diagnose("x = 1;\nif x > 1:\n    y = 2\nelif x < 0:\n    y = 3\nelse:\n    y = 4\nprint(y);\n");
    expect(d.map((x) => `${at(x)} ${x.message} | ${x.suggestion}`)).toEqual([
      "2:9-2:10 ML writes blocks in braces, not ':' and indentation | write if (x > 1) { … }",
      "4:11-4:12 ML writes blocks in braces, not ':' and indentation | write elif (x < 0) { … }",
      "6:5-6:6 ML writes blocks in braces, not ':' and indentation | write else { … }",
    ]);
  });

  it.each([
    ["for i in range(3):\n    print(i)\n    'c'\nprint(2);\n", "write for (i in range(3)) { … }"],
    ["x = 0;\nwhile x < 3:\n    x = x + 1\nprint(x);\n", "write while (x < 3) { … }"],
    ["try:\n    x = 1\nfinally:\n    print(2)\n", "write try { … }"],
  ])("reports %j once per block", (source, hint) => {
    expect(diagnose(source)[0]!.suggestion).toBe(hint);
    expect(diagnose(source).every((x) => x.message === "ML writes blocks in braces, not ':' and indentation")).toBe(true);
  });

  it("says a ':' before a brace is one too many", () => {
    expect(only("x = 1;\nif (x) { print(1); } else: { print(2); }\n")).toMatchObject({ message: "ML blocks need no ':'" });
  });

  it("reports lines without ';' once, listing the other lines in the hint", () => {
    const d = only("a = 1\nb = 2\nc = 3;\nd = 4\nprint(a, b, c, d)\n");
    expect(d).toMatchObject({ message: "expected ';' after the assignment, found name 'b'",
      suggestion: "end every statement with ';': it is also missing at the end of lines 2, 4 and 5" });
    expect(at(d)).toBe("1:6-1:6");
    const many = only(Array.from({ length: 9 }, (_, i) => `v${i} = ${i}\n`).join(""));
    expect(many.suggestion).toBe("end every statement with ';': it is also missing at the end of lines 2, 3, 4, 5, 6 and 3 more");
    expect(only("a = 1\n").suggestion).toBe("end the statement with ';' (every ML statement ends with one)");
  });

  it("says print is a function after Python 2's print \"x\"", () => {
    expect(only('print "hello";\n')).toMatchObject({ message: "expected ';' after the expression, found string \"hello\"", suggestion: "print is a function: write print(…);" });
  });

  it("shows the condition in the hint for a missing '('", () => {
    expect(only("x = 1;\nif x > 1 { print(1); }\n").suggestion).toBe("write the condition in parentheses: if (x > 1) { … }");
    expect(only("for i in range(3) { print(i); }\n").suggestion).toBe("write the loop as: for (i in range(3)) { … }");
  });
});

describe("# comments", () => {
  it("reports Python comments once, on the first '#', listing the others, and skips them", () => {
    const d = only("# totals\nx = 1;  # the count, isn't it\nprint(x); # done\n");
    expect(`${at(d)} ${d.message} | ${d.suggestion}`).toBe(
      "1:1-1:2 ML comments start with '//', not '#' | write // … (or /* … */ inside a line); '#' also starts a comment on lines 2 and 3");
    expect(only("x = 1; # one\n").suggestion).toBe("write // … (or /* … */ inside a line)");
  });

  it("keeps the '#' error when the first comment is in a skipped Python body", () => {
    const d = diagnose("def f(x):\n    # inside\n    return x\n# outside\nprint(f(1));\n");
    expect(d.map((x) => x.message)).toEqual(["ML declares functions with 'function'", "ML comments start with '//', not '#'"]);
  });

  it("leaves a '#' after a floor division to ML1011", () => {
    const d = diagnose("x = 7 // see #3\ny = 1;\n");
    expect(d[0]!.code).toBe("ML1011");
    expect(d.some((x) => x.message.includes("'#'"))).toBe(false);
  });
});

describe("raw strings", () => {
  it("reports Python's r\"…\" once, on the r", () => {
    const d = only('x = r"\\d+";\nprint(x);\n');
    expect(d).toMatchObject({ code: "ML1001", message: "ML has no raw strings" });
    expect(d.suggestion).toContain("drop the 'r'");
    expect(at(d)).toBe("1:5-1:6");
  });
});

describe("nonlocal", () => {
  it("warns once that assigning made 'count' local (count = count + 1)", () => {
    const d = only("count = 0;\nfunction inc() {\n  count = count + 1;\n  count = count + 1;\n}\n");
    expect(d).toMatchObject({
      code: "ML2012", severity: "warning", message: "'count' is read before this function assigns it",
      suggestion: "assigning makes 'count' local to this function; add 'nonlocal count;' at its top to assign the outer variable",
    });
    expect(at(d)).toBe("3:11-3:16");
  });

  it("warns for a variable of an enclosing function and inside loops", () => {
    expect(only("function outer() {\n  n = 0;\n  g = fn() => { n = n + 1; };\n  return g;\n}\n").loc.start.line).toBe(3);
    expect(only("total = 0;\nfunction add(xs) {\n  for (x in xs) { total = total + x; }\n}\n").suggestion).toContain("nonlocal total;");
  });

  it("does not warn with nonlocal, nor for a local assigned first", () => {
    expect(diagnose("count = 0;\nfunction inc() {\n  nonlocal count;\n  count = count + 1;\n}\n")).toEqual([]);
    expect(diagnose("t = 0;\nfunction sum2(xs) {\n  t = 0;\n  for (x in xs) { t = t + x; }\n  return t;\n}\n")).toEqual([]);
  });

  it("gives the NameError at run time the same hint as a note for the host (ML code sees the plain message)", async () => {
    const source = "count = 0;\nfunction inc() {\n  count = count + 1;\n}\ninc();\n";
    const error = await run({ source, filename: "main.ml" }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(MLRuntimeError);
    const e = error as MLRuntimeError;
    expect(`${e.mlType}: ${e.mlMessage}`).toBe("NameError: name 'count' is not defined");
    expect(e.note).toBe("assigning makes 'count' local to this function; add 'nonlocal count;' at its top to assign the outer variable");
    const caught = await run({ source: "count = 0;\nfunction inc() {\n  count = count + 1;\n}\ntry { inc(); } except (e) { print(e.message); }\n", filename: "main.ml" });
    expect(caught.stdout).toBe("name 'count' is not defined\n");
  });

  it("says a builtin is hidden", () => {
    expect(only("function f() {\n  n = len([1]);\n  len = 1;\n}\n").suggestion).toContain("hiding the builtin");
  });

  it("keeps the compound-assignment error for count += 1", () => {
    const d = only("count = 0;\nfunction inc() {\n  count += 1;\n}\n");
    expect(d.message).toBe("compound assignment '+=' is not supported");
    expect(d.suggestion).toBe("write 'count = count + 1;'");
    expect(only("o = {n: 1};\no.n *= total;\n").suggestion).toBe("write 'o.n = o.n * total;'");
    expect(only("o = {n: 1};\no.n -= 2 * 3;\n").suggestion).toBe("write 'o.n = o.n - (2 * 3);'");
    expect(only("o = {n: 1};\no.n += o.n;\n").suggestion).toBe("write 'o.n = o.n + o.n;'");
    expect(only("o = {n: 1};\no.n -= 2 * 3 * 4 * 5 * 6 * 7 * 8 * 9;\n").suggestion).toBe("write 'o.n = o.n - …;'");
  });
});

describe("functions from other languages", () => {
  it.each([
    ["f = (x) => x + 1;", "fn(x) => …", "1:5-1:11"],
    ["f = (a, b) => { return a + b; };", "fn(a, b) => …", "1:5-1:14"],
    ["f = () => 1;", "fn() => …", "1:5-1:10"],
    ["f = x => x * 2;", "fn(x) => …", "1:5-1:9"],
  ])("reports the JavaScript arrow %s once", (source, hint, where) => {
    const d = only(`${source}\nprint(f);\n`);
    expect(d.message).toBe("ML arrow functions start with 'fn'");
    expect(d.suggestion).toBe(`write ${hint}`);
    expect(at(d)).toBe(where);
  });

  it.each([
    ["f = fn(x) { return x; };\nprint(f);\n", "expected '=>' after the parameters of 'fn', found '{'", "write fn(x) => { … }"],
    ["f = fn x => x + 1;\nprint(f);\n", "expected '(' to start the parameters of 'fn', found name 'x'", "write fn(x) => …"],
    ["f = fn(x) => return x;\nprint(f);\n", "an expression body has no 'return'", "write fn(x) => value, or a block: fn(x) => { return value; }"],
    ["function f(x) => x + 1;\nprint(f(1));\n", "a function declaration's body is a block", "write function f(…) { return …; }, or f = fn(…) => …;"],
    ["function f(x) { return x }\nprint(f(1));\n", "expected ';' after the returned value, found '}'", "end the statement with ';', also the last one of a block"],
  ])("reports the function mix-up %j once", (source, message, hint) => {
    expect(only(source)).toMatchObject({ message, suggestion: hint });
  });

  it("reports a Python lambda once", () => {
    const d = only("f = lambda x, y: x + y;\nprint(f(1, 2));\n");
    expect(d).toMatchObject({ message: "ML writes a lambda as an arrow function", suggestion: "write fn(x, y) => …" });
  });

  it("keeps the hint for a function expression", () => {
    expect(only("f = function(x) { return x; };\n").message).toBe("a function expression is written 'fn(params) => …'");
  });

  it("reports 'new' once for a known function", () => {
    const d = only("function Point(x) { return {x: x}; }\np = new Point(1);\n");
    expect(d).toMatchObject({ message: "ML has no 'new'", suggestion: "call the function directly: Point(…)" });
  });

  it("reads Python's 'global x' as nonlocal", () => {
    const d = only("c = 0;\nfunction f() {\n  global c;\n  c = c + 1;\n}\n");
    expect(d.message).toBe("ML writes 'global' as 'nonlocal'");
  });
});

describe("statements and operators of other languages", () => {
  it.each([
    ["x = 1;\nswitch (x) {\n  case 1: print(1); break;\n  default: print(2);\n}\nprint(3);\n", "ML has no 'switch'", "2:1-2:7"],
    ["x = 1;\ndo { x = x + 1; } while (x < 3);\nprint(x);\n", "ML has no 'do … while'", "2:1-2:3"],
    ["async function f() { return 1; }\nprint(f());\n", "ML has no 'async'", "1:1-1:6"],
    ["function g() { return 1; }\nfunction f() { x = await g(); return x; }\n", "ML has no 'await'", "2:20-2:25"],
    ["export function f() { return 1; }\nprint(f());\n", "ML has no 'export'", "1:1-1:7"],
    ["from datetime import now, today as t\nprint(now(), t);\n", "ML imports whole modules", "1:1-1:5"],
    ["x = null ?? 1;\nprint(x);\n", "ML has no '??' operator", "1:10-1:12"],
    ["o = {};\nx = o?.a;\nprint(x);\n", "ML has no '?.'", "2:6-2:8"],
    ["a = [1];\nb = [...a, 2];\nprint(b);\n", "ML has no spread '...'", "2:6-2:9"],
  ])("reports %j once", (source, message, where) => {
    const d = only(source);
    expect(d.message).toBe(message);
    expect(at(d)).toBe(where);
  });

  it("hints the ML way for each", () => {
    expect(only("from datetime import now\nprint(now());\n").suggestion).toBe("write import datetime; then use datetime.now");
    expect(only("x = null ?? 1;\n").suggestion).toContain("x != null ? x : fallback");
    expect(only("function f() { pass; }\n").suggestion).toBe("ML has no 'pass': an empty block is just { }");
  });

  it("leaves a call of a function named switch alone", () => {
    expect(diagnose("function switch(x) { return x; }\nswitch(1);\n")).toEqual([]);
  });
});

describe("unknown names from other languages", () => {
  it.each([
    ["True", "ML writes it 'true'"],
    ["False", "ML writes it 'false'"],
    ["None", "ML writes it 'null'"],
    ["undefined", "ML has only 'null' for a missing value"],
    ["this", "ML has no 'this': pass the object to the function as a parameter"],
    ["math", "add 'import math;' at the top of the file"],
    ["console", "add 'import console;' at the top of the file"],
  ])("%s gets its own hint", (name, hint) => {
    const d = only(`print(${name});\n`);
    expect(d).toMatchObject({ code: "ML2001", message: `unknown name '${name}'`, suggestion: hint });
  });

  it("points Math and JSON at the stdlib modules", () => {
    expect(only("print(Math.floor(1.5));\n").suggestion).toContain("import math;");
    expect(only("print(JSON.stringify(1));\n").suggestion).toContain("import json;");
  });

  it("points other languages' global functions at ML's, unless a program's name is close", () => {
    expect(only("print(map(fn(x) => x, [1]));\n").suggestion).toBe("use functional.map(fn, items), after 'import functional;', or a for loop");
    expect(only("print(floor(1.5));\n").suggestion).toBe("use math.floor(…), after 'import math;'");
    expect(only("maps = 1;\nprint(map);\n").suggestion).toBe("did you mean 'maps'?");
  });

  it("reads Python's raise as throw, once (the exception class is not reported)", () => {
    const d = only('raise ValueError("bad");\n');
    expect(d).toMatchObject({ message: "ML writes 'raise' as 'throw'" });
    expect(d.suggestion).toContain('throw {type: "ValueError", message: "…"};');
  });

  it("reports an unknown name once, listing its other uses in the hint", () => {
    const d = only('console.log("a");\nx = 1;\nconsole.log("b");\nconsole.log("c"); console.log("d");\n');
    expect(d).toMatchObject({ message: "unknown name 'console'",
      suggestion: "add 'import console;' at the top of the file (also used on lines 3, 4 and 1 more time)" });
    expect(at(d)).toBe("1:1-1:8");
    expect(only("print(zzq, zzq);\n").suggestion).toBe("also used 1 more time on this line");
    expect(diagnose("print(a1, b1);\nprint(a1);\n").map((x) => `${x.message} | ${x.suggestion}`)).toEqual([
      "unknown name 'a1' | also used on line 2", "unknown name 'b1' | undefined"]);
  });

  it("knows exactly the stdlib's modules", () => {
    expect([...STDLIB_MODULE_NAMES]).toEqual([...STDLIB_MODULES]);
  });
});

describe("suggestions for short names", () => {
  it("does not propose a look-alike two edits away from a four-letter name", () => {
    expect(didYouMean("days", ["keys", "values"])).toBeUndefined();
    expect(only("print(days);\n").suggestion).toBeUndefined();
  });

  it("needs the same first letter (two when the lengths differ more) for more than one edit", () => {
    expect(didYouMean("count", ["round"])).toBeUndefined();
    expect(didYouMean("begin", ["bin"])).toBeUndefined();
    expect(didYouMean("sqroot", ["sqrt"])).toBe("sqrt");
    expect(didYouMean("filter", ["iter"])).toBeUndefined();
    expect(didYouMean("cuont", ["count"])).toBe("count");
    expect(didYouMean("ocunt", ["count"])).toBe("count");
  });

  it("still corrects one-letter typos", () => {
    expect(didYouMean("lenn", ["len"])).toBe("len");
    expect(didYouMean("prnt", ["print"])).toBe("print");
    expect(didYouMean("cuont", ["count"])).toBe("count");
  });
});

describe("a newcomer's first program", () => {
  it("gets exactly one diagnostic per mistake, each on its line, and nothing else", () => {
    const lines = [
      "let total = 0;", // 1
      "const names = [\"a\", \"b\"];", // 2
      "for (const name of names) { print(name); }", // 3
      "upper = [n.upper() for n in names];", // 4
      "print(`total: ${total}`);", // 5
      "print(sorted(names, reverse=true));", // 6
      "try { print(2 ** 8); } catch (e) { print(e); }", // 7 (two mistakes: ** and catch)
      "if (total === 0 and len(names) > 1) { print(True); }", // 8 (three: ===, and, True)
      "double = (x) => x * 2;", // 9
      "function bump() { total = total + 1; }", // 10 (warning)
      "total += 1;", // 11
      "print(double(2), upper, None);", // 12
    ];
    const d = diagnose(lines.map((l) => `${l}\n`).join(""));
    expect(d.map((x) => `${x.loc.start.line} ${x.message}`)).toEqual([
      "1 ML has no 'let' declarations",
      "2 ML has no 'const' declarations",
      "3 ML writes this loop 'for (name in …)'",
      "4 ML has no list comprehensions",
      "5 ML has no template literals",
      "6 ML has no keyword arguments",
      "7 ML has no '**' operator",
      "7 ML uses 'except', not 'catch'",
      "8 ML has no '===' operator",
      "8 'and' is written '&&'",
      "8 unknown name 'True'",
      "9 ML arrow functions start with 'fn'",
      "10 'total' is read before this function assigns it",
      "11 compound assignment '+=' is not supported",
      "12 unknown name 'None'",
    ]);
  });
});

describe("robustness", () => {
  // Pieces of JavaScript and Python glued at random: the teaching paths must never throw, and
  // must keep the parser's one-error-per-token rule (at most one syntax error at any position).
  const pieces = [
    "let", "const", "var", "x", "y", "=", "==", "===", "!==", "(", ")", "[", "]", "{", "}", ":", ";", ",", ".", "...",
    "=>", "fn", "function", "for", "in", "of", "if", "else", "elif", "try", "catch", "except", "finally", "as", "new",
    "lambda", "not", "and", "or", "is", "**", "++", "--", "+", "-", "??", "?", "1", "\"s\"", "`t ${x}`", "f\"a {x}\"",
    "r\"\\d\"", "# c\n", "\n", "    ", "def", "class", "switch", "do", "while", "await", "async", "export", "from",
    "import", "global", "raise", "ValueError", "True", "None", "this", "Math", "nonlocal", "return",
  ];
  it("never throw and report at most one syntax error per position", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const d = compile(parts.join(" "), { filename: "main.ml" }).diagnostics;
        const starts = d.filter((x) => x.code === "ML1010").map((x) => x.loc.start.offset);
        expect(new Set(starts).size).toBe(starts.length);
      }),
      { seed: 12, numRuns: 5000 },
    );
  });
});

describe("code frames", () => {
  it.each([
    ["createDelta(days=2);\n", "days=", "function createDelta(d) { return d; }\n"],
    ["ys = [x * 2 for x in xs];\n", "for", "xs = [1];\n"],
    ["print(`hello ${name}`);\n", "`hello ${name}`", 'name = "a";\n'],
    ["let x = 5;\n", "let", ""],
    ["print(2 ** 3);\n", "**", ""],
    ["if (x === 1) { print(x); }\n", "===", "x = 1;\n"],
  ])("put the marker under the mistake in %j", (line, marked, before) => {
    const source = `${before}${line}`;
    const frame = formatDiagnostic(only(source), source).split("\n");
    const code = frame.findIndex((l) => l.includes(line.trimEnd()));
    const marker = frame[code + 1]!;
    const column = marker.indexOf("^") - (frame[code]!.indexOf(line.trimEnd()));
    expect(line.slice(column, column + marked.length)).toBe(marked);
    expect(marker.trimEnd().endsWith("^".repeat(marked.length))).toBe(true);
  });
});
