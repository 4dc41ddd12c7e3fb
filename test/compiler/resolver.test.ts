import { describe, it, expect } from "vitest";
import { check, compile } from "../../src/compiler/index.js";
import { parse } from "../../src/compiler/parser.js";
import { DiagnosticBag } from "../../src/compiler/diagnostics.js";
import { BUILTINS, isFunctionOnly, resolve, type Binding, type Resolution } from "../../src/compiler/resolver.js";
import { buildManifest } from "../../src/compiler/manifest.js";

/** `code line:col` of every diagnostic of `source`. */
function diags(source: string): string[] {
  return check(source).map((d) => `${d.code} ${d.loc.start.line}:${d.loc.start.column}`);
}

function codes(source: string): string[] {
  return check(source).map((d) => d.code);
}

function resolved(source: string): Resolution {
  const { program, diagnostics } = parse(source);
  expect(diagnostics).toEqual([]);
  const bag = new DiagnosticBag("t.ml");
  const res = resolve(program, bag);
  expect(bag.items.filter((d) => d.severity === "error")).toEqual([]);
  return res;
}

/**
 * Whether each read of `name` (in source order of resolution) is certain: `"c"` certain,
 * `"u"` needs a run-time check.
 */
function certainty(source: string, name: string): string {
  const res = resolved(source);
  let s = "";
  res.reads.forEach((id, i) => {
    if (id.name === name) s += res.readUncertain[i] ? "u" : "c";
  });
  return s;
}

/** The binding of the first read of `name`. */
function bindingRead(source: string, name: string): Binding {
  const res = resolved(source);
  const i = res.reads.findIndex((id) => id.name === name);
  expect(i).toBeGreaterThanOrEqual(0);
  return res.readBindings[i]!;
}

describe("resolver: unknown names", () => {
  it("reports an unknown name with its position and a suggestion", () => {
    const d = check("count = 1;\nx = cout + 1;", { filename: "main.ml" });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: "ML2001", severity: "error", message: "unknown name 'cout'", file: "main.ml", suggestion: "did you mean 'count'?" });
    expect(d[0]!.loc.start).toMatchObject({ line: 2, column: 5 });
    expect(d[0]!.loc.end).toMatchObject({ line: 2, column: 9 });
  });

  it("suggests builtins and names of enclosing scopes", () => {
    expect(check("prnt(1);")[0]!.suggestion).toBe("did you mean 'print'?");
    expect(check("function f(total) { return fn() => totl; }")[0]!.suggestion).toBe("did you mean 'total'?");
    expect(check("zzzzzz;")[0]!.suggestion).toBeUndefined();
  });

  it("reports every unknown name, not just the first", () => {
    expect(diags("a = b + c;\nd = e;")).toEqual(["ML2001 1:5", "ML2001 1:9", "ML2001 2:5"]);
  });

  it("does not suggest names of other functions' scopes", () => {
    expect(check("function f() { secret = 1; } function g() { return secrets; }")[0]!.suggestion).toBeUndefined();
  });

  it("accepts every builtin of LANGUAGE.md §6", () => {
    expect(BUILTINS).toContain("requiredCapabilities");
    expect(check(BUILTINS.map((b) => `${b};`).join("\n"))).toEqual([]);
  });

  it("assignment anywhere in a function makes the name known there, even after the read", () => {
    expect(codes("function f() { if (false) { x = 1; } return x; }")).toEqual([]);
    expect(codes("function f() { return later; } later = 1;")).toEqual([]);
  });
});

describe("resolver: scopes", () => {
  it("binds params, assignments, destructuring, for and except variables and functions locally", () => {
    const res = resolved(`
      function f(p) {
        a = 1; [b, c] = [1, 2]; {d} = {d: 1};
        for (e in []) { } try { } except (g) { }
        function h() { }
        return p;
      }`);
    const f = [...res.scopes.values()].find((s) => s.kind === "function" && s.params.length === 1)!;
    expect([...f.bindings.keys()]).toEqual(["p", "a", "b", "c", "d", "e", "g", "h"]);
    expect(f.locals.map((b) => b.name)).toEqual(["a", "b", "c", "d", "e", "g", "h"]);
    expect([...res.module.bindings.keys()]).toEqual(["f"]);
  });

  it("user bindings shadow builtins in their scope", () => {
    expect(bindingRead("function len(x) { return 1; } len([]);", "len").kind).toBe("variable");
    expect(bindingRead("len([]);", "len").kind).toBe("builtin");
    const res = resolved("function f() { print = 1; return print; } print(2);");
    const kinds = res.reads.map((id, i) => `${id.name}:${res.readBindings[i]!.kind}:${res.readBindings[i]!.scope?.kind ?? "-"}`);
    expect(kinds).toEqual(["print:variable:function", "print:builtin:-"]);
  });

  it("resolves reads lexically through enclosing functions", () => {
    const b = bindingRead("function outer() { x = 1; function inner() { return x; } return inner; }", "x");
    expect(b.scope?.kind).toBe("function");
    expect(b.scope?.bindings.get("x")).toBe(b);
  });

  it("binds imports at module level: the first segment or the alias", () => {
    const res = resolved("import a.b.c; import d.e as m; a; m;");
    expect(res.module.bindings.get("a")?.kind).toBe("import");
    expect(res.module.bindings.get("m")?.kind).toBe("import");
    expect(res.module.bindings.has("d")).toBe(false);
    expect(codes("import a.b; b;")).toEqual(["ML2001"]);
  });

  it("knows which names always hold an ML function", () => {
    expect(isFunctionOnly(bindingRead("function f() { } f();", "f"))).toBe(true);
    expect(isFunctionOnly(bindingRead("g = fn() => 1; g();", "g"))).toBe(true);
    expect(isFunctionOnly(bindingRead("function f() { } f = 1; f();", "f"))).toBe(false);
    expect(isFunctionOnly(bindingRead("function f() { } function g() { nonlocal f; f = 2; } f();", "f"))).toBe(false);
    expect(isFunctionOnly(bindingRead("import f; f();", "f"))).toBe(false);
    expect(isFunctionOnly(bindingRead("function g(f) { return f(); }", "f"))).toBe(false);
  });
});

describe("resolver: nonlocal", () => {
  it("refers to the nearest enclosing function or module binding", () => {
    const res = resolved("x = 0; function f() { x = 1; function g() { nonlocal x; x = 2; return x; } }");
    const g = [...res.scopes.values()].find((s) => s.nonlocals.size > 0)!;
    const target = g.nonlocals.get("x")!;
    expect(target.scope?.kind).toBe("function");
    expect(g.bindings.has("x")).toBe(false);
    expect(codes("x = 0; function f() { nonlocal x; x = 1; }")).toEqual([]);
  });

  it("follows a nonlocal of an intermediate function", () => {
    const res = resolved("function f() { x = 1; function g() { nonlocal x; function h() { nonlocal x; x = 3; } } }");
    const targets = [...res.scopes.values()].filter((s) => s.nonlocals.size > 0).map((s) => s.nonlocals.get("x"));
    expect(targets).toHaveLength(2);
    expect(targets[0]).toBe(targets[1]);
  });

  it("ML2002 when nothing binds the name", () => {
    const d = check("function f() { nonlocal y; y = 1; }");
    expect(d.map((x) => x.code)).toEqual(["ML2002"]);
    expect(d[0]!.message).toBe("no binding for nonlocal 'y' found");
    expect(codes("function f() { nonlocal total; }\ntotals = 0;")).toEqual(["ML2002"]);
  });

  it("ML2003 at module level", () => {
    expect(diags("x = 1;\nnonlocal x;")).toEqual(["ML2003 2:1"]);
  });

  it("ML2009 when the name was used before the declaration", () => {
    expect(diags("x = 1; function f() { y = x; nonlocal x; }")).toEqual(["ML2009 1:39"]);
    expect(diags("x = 1; function f() { x = 2; nonlocal x; }")).toEqual(["ML2009 1:39"]);
    expect(codes("x = 1; function f() { nonlocal x; y = x; }")).toEqual([]);
  });

  it("ML2010 for a parameter", () => {
    expect(diags("x = 1; function f(x) { nonlocal x; }")).toEqual(["ML2010 1:33"]);
  });

  it("a nonlocal name assigned in the function is not a local", () => {
    const res = resolved("n = 0; function f() { nonlocal n; n = n + 1; }");
    const f = [...res.scopes.values()].find((s) => s.kind === "function")!;
    expect(f.locals).toEqual([]);
  });
});

describe("resolver: jumps, parameters, patterns, handlers", () => {
  it("ML2004 return outside a function", () => {
    expect(diags("return 1;")).toEqual(["ML2004 1:1"]);
    expect(codes("f = fn() => { return 1; };")).toEqual([]);
  });

  it("ML2005 / ML2006 break and continue outside a loop (a function in a loop is not in it)", () => {
    expect(diags("break;\ncontinue;")).toEqual(["ML2005 1:1", "ML2006 2:1"]);
    expect(codes("while (true) { break; } for (x in []) { continue; }")).toEqual([]);
    expect(codes("while (true) { f = fn() => { break; }; break; }")).toEqual(["ML2005"]);
    expect(codes("for (x in []) { function g() { continue; } }")).toEqual(["ML2006"]);
  });

  it("ML2007 duplicate parameter", () => {
    expect(diags("function f(a, b, a) { }")).toEqual(["ML2007 1:18"]);
    expect(codes("g = fn(x, x) => x;")).toEqual(["ML2007"]);
  });

  it("ML2011 duplicate name in a destructuring pattern", () => {
    expect(diags("[a, b, a] = [1, 2, 3];")).toEqual(["ML2011 1:8"]);
    expect(codes("{k, k} = {k: 1};")).toEqual(["ML2011"]);
  });

  it("ML2008 warns for every except clause after the first", () => {
    const d = check("try { } except (e) { } except { } except (f) { }");
    expect(d.map((x) => `${x.code} ${x.severity}`)).toEqual(["ML2008 warning", "ML2008 warning"]);
    expect(compile("try { } except (e) { } except { }").ok).toBe(true);
  });
});

describe("resolver: capability declarations", () => {
  it("accepts coarse permissions and dotted names", () => {
    expect(codes('capability A { resource "x/*"; allow read; allow write "out/**"; allow execute; allow network; allow system; allow datetime.now; allow a.b.c; }')).toEqual([]);
  });

  it("ML4001 for an unknown permission, with a suggestion", () => {
    const d = check("capability A { allow reed; allow file; }");
    expect(d.map((x) => x.code)).toEqual(["ML4001", "ML4001"]);
    expect(d[0]).toMatchObject({ message: "unknown permission 'reed'", suggestion: "did you mean 'read'?" });
    expect(d[0]!.loc.start.column).toBe(22);
  });

  it("ML4002 for a duplicate block name", () => {
    expect(diags("capability A { allow read; }\ncapability A { allow write; }")).toEqual(["ML4002 2:12"]);
  });
});

describe("resolver: definite assignment", () => {
  it("parameters and straight-line assignments are certain", () => {
    expect(certainty("function f(a) { return a; }", "a")).toBe("c");
    expect(certainty("x = 1; x;", "x")).toBe("c");
    expect(certainty("x; x = 1;", "x")).toBe("u");
  });

  it("if/elif/else: certain only when every branch assigns", () => {
    expect(certainty("c = 1; if (c) { x = 1; } else { x = 2; } x;", "x")).toBe("c");
    expect(certainty("c = 1; if (c) { x = 1; } elif (c) { x = 2; } else { x = 3; } x;", "x")).toBe("c");
    expect(certainty("c = 1; if (c) { x = 1; } elif (c) { x = 2; } x;", "x")).toBe("u");
    expect(certainty("c = 1; if (c) { x = 1; } x;", "x")).toBe("u");
    expect(certainty("c = 1; if (c) { x = 1; x; }", "x")).toBe("c");
  });

  it("a branch that cannot complete does not count", () => {
    expect(certainty("function f(c) { if (c) { return 1; } else { x = 2; } return x; }", "x")).toBe("c");
    expect(certainty("function f(c) { if (c) { throw 1; } x = 2; return x; }", "x")).toBe("c");
    expect(certainty("for (i in []) { if (i) { continue; } else { x = 1; } x; }", "x")).toBe("c");
  });

  it("loop bodies do not count after the loop; while (true) exits only by break", () => {
    expect(certainty("for (i in [1]) { x = 1; } x; i;", "x")).toBe("u");
    expect(certainty("for (i in [1]) { } i;", "i")).toBe("u");
    expect(certainty("for (i in [1]) { i; }", "i")).toBe("c");
    expect(certainty("c = 1; while (c) { x = 1; } x;", "x")).toBe("u");
    expect(certainty("while (true) { x = 1; break; } x;", "x")).toBe("c");
    expect(certainty("c = 1; while (true) { if (c) { break; } x = 1; } x;", "x")).toBe("u");
  });

  it("the try body does not count for except and finally", () => {
    expect(certainty("try { x = 1; } except (e) { x; } x;", "x")).toBe("uu");
    expect(certainty("try { x = 1; } except (e) { x = 2; } x;", "x")).toBe("c");
    expect(certainty("try { x = 1; } finally { x; } x;", "x")).toBe("uc");
    expect(certainty("try { } finally { x = 1; } x;", "x")).toBe("c");
    expect(certainty("try { } except (e) { e; }", "e")).toBe("c");
  });

  it("nested functions rely on what was certain where they were created", () => {
    expect(certainty("x = 1; function f() { return x; }", "x")).toBe("c");
    expect(certainty("function f() { return x; } x = 1;", "x")).toBe("u");
    expect(certainty("function f(n) { return f(n - 1); }", "f")).toBe("c");
    expect(certainty("g = fn(n) => g(n - 1);", "g")).toBe("c");
    expect(certainty("function outer() { y = 1; return fn() => y; }", "y")).toBe("c");
    expect(certainty("function outer() { f = fn() => y; y = 1; return f; }", "y")).toBe("u");
    expect(certainty("if (true) { } else { x = 1; } function f() { return x; }", "x")).toBe("u");
  });

  it("nonlocal assignments count in the function that makes them", () => {
    expect(certainty("function f() { nonlocal x; x = 1; return x; } x = 0;", "x")).toBe("c");
    expect(certainty("function f() { nonlocal x; return x; } x = 0;", "x")).toBe("u");
  });

  it("unreachable code never needs a check", () => {
    expect(certainty("function f() { return 1; y; y = 2; }", "y")).toBe("c");
    expect(certainty("function f() { y; return 1; y = 2; }", "y")).toBe("u");
  });
});

describe("manifest", () => {
  const manifestOf = (source: string) => buildManifest(parse(source).program);

  it("is undeclared without capability blocks", () => {
    expect(manifestOf("x = 1;")).toEqual({ declared: false, blocks: [], capabilities: [] });
  });

  it("maps coarse permissions, targets and resources", () => {
    const m = manifestOf(`
      capability ReportFiles { resource "reports/**/*.csv"; allow read; allow write "out/**"; }
      capability Upstream { allow network.http "api.example.com"; allow datetime.now; allow system; allow execute; }`);
    expect(m.declared).toBe(true);
    expect(m.blocks.map((b) => b.name)).toEqual(["ReportFiles", "Upstream"]);
    expect(m.blocks[0]!.grants).toEqual([
      { capability: "file.read", patterns: ["reports/**/*.csv"] },
      { capability: "path.read", patterns: ["reports/**/*.csv"] },
      { capability: "file.write", patterns: ["out/**"] },
      { capability: "file.append", patterns: ["out/**"] },
      { capability: "file.delete", patterns: ["out/**"] },
      { capability: "path.write", patterns: ["out/**"] },
    ]);
    expect(m.blocks[1]!.grants).toContainEqual({ capability: "execute", patterns: [] });
    expect(m.capabilities.map((c) => c.capability)).toEqual([
      "file.read", "path.read", "file.write", "file.append", "file.delete", "path.write",
      "network.http", "datetime.now", "env.read", "args.read",
    ]);
    expect(m.capabilities.find((c) => c.capability === "network.http")!.patterns).toEqual(["api.example.com"]);
    expect(m.capabilities.find((c) => c.capability === "datetime.now")!.patterns).toEqual([]);
  });

  it("unions patterns across blocks; an unrestricted grant wins", () => {
    const m = manifestOf('capability A { allow read "a"; } capability B { allow read "b"; } capability C { allow file.read; }');
    expect(m.capabilities.find((c) => c.capability === "path.read")!.patterns).toEqual(["a", "b"]);
    expect(m.capabilities.find((c) => c.capability === "file.read")!.patterns).toEqual([]);
  });

  it("compile reports the manifest", () => {
    const r = compile('capability Files { allow read "data/*.csv"; }\nprint(1);');
    expect(r.manifest.capabilities).toEqual([
      { capability: "file.read", patterns: ["data/*.csv"] },
      { capability: "path.read", patterns: ["data/*.csv"] },
    ]);
  });
});

describe("compile / check entry points", () => {
  it("sort diagnostics by position and combine syntax and name errors", () => {
    const d = check("x = y;\nz = (1 + ;");
    expect(d.map((x) => x.code)).toEqual(["ML2001", "ML1010"]);
    expect(compile("x = y;").code).toBe("");
  });

  it("lists imports in source order and exports without imports", () => {
    const r = compile("import a.b as c; import d; x = 1; function f() { } [p, q] = [1, 2];");
    expect(r.imports.map((i) => [i.path, i.alias])).toEqual([[["a", "b"], "c"], [["d"], null]]);
    expect(r.exports).toEqual(["x", "f", "p", "q"]);
  });
});

describe("robustness", () => {
  const TOKENS = ["x", "y", "f", "(", ")", "{", "}", "[", "]", ";", ",", "=", "+", "&&", "!", ".", ":", "?", "=>", "fn",
    "function", "if", "elif", "else", "while", "for", "in", "try", "except", "finally", "return", "break", "continue",
    "nonlocal", "import", "as", "capability", "allow", "resource", "read", '"s"', "1", "true", "null", "throw"];

  it("check and compile never throw, whatever the parser recovered", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (tokens) => {
        const source = tokens.join(" ");
        const diagnostics = check(source);
        const r = compile(source, { sourceMap: true });
        expect(r.ok).toBe(!diagnostics.some((d) => d.severity === "error"));
        if (r.ok) expect(() => new Function("$ctx", r.code)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
