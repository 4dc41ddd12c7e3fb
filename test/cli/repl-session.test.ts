import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const scratchBase = fileURLToPath(new URL("./.scratch", import.meta.url));
mkdirSync(scratchBase, { recursive: true });
const scratch = mkdtempSync(join(scratchBase, "session-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
import * as registry from "../../src/stdlib/registry.js";
import { ReplSession } from "../../src/cli/repl/session.js";
import { prepareInput } from "../../src/cli/repl/input.js";
import { completeLine } from "../../src/cli/repl/complete.js";
import { compile } from "../../src/compiler/index.js";
import { MLCompileError, MLRuntimeError } from "../../src/host/errors.js";

function session(options: Partial<ConstructorParameters<typeof ReplSession>[0]> = {}) {
  const out: string[] = [];
  const s = new ReplSession({ stdout: (t) => out.push(t), stderr: (t) => out.push(t), ...options });
  const values: unknown[] = [];
  const evaluate = async (source: string) => {
    values.length = 0;
    await s.evaluate(source, (v) => values.push(v));
    return [...values];
  };
  return { s, out, evaluate };
}

describe("incremental compilation (CompileOptions.incremental)", () => {
  it("keeps top-level bindings in $G, predeclares earlier names and echoes top-level expression statements", () => {
    const r = compile("y = x + 1;\ny * 2;\nfunction f() { nonlocal y; y = 0; return y; }\n", { incremental: { names: ["x"] } });
    expect(r.diagnostics).toEqual([]);
    expect(r.code).toContain('$G = $ctx.globals');
    expect(r.code).toContain('$G["y"] = ');
    expect(r.code).toContain("$echo(");
    expect(r.code).toContain("function f(");
    expect(r.code).not.toMatch(/\blet y\b/);
  });

  it("without the option an earlier name is unknown, and the option refuses module mode", () => {
    expect(compile("y = x + 1;").diagnostics[0]?.message).toContain("unknown name 'x'");
    expect(() => compile("x = 1;", { mode: "module", incremental: { names: [] } })).toThrow(RangeError);
  });

  it("leaves ordinary compilation unchanged", () => {
    const r = compile("function f(a) { return a; }\nprint(f(1));\n");
    expect(r.code).not.toContain("$G");
    expect(r.code).toContain("f = function (a)");
  });
});

describe("ReplSession", () => {
  it("keeps variables between inputs without running earlier inputs again", async () => {
    const { evaluate, out } = session();
    await evaluate('print("side effect"); x = 2 + 3;');
    expect(await evaluate("x * 2")).toEqual([10]);
    expect(await evaluate("x = x + 1; x")).toEqual([6]);
    expect(out.join("")).toBe("side effect\n");
  });

  it("functions of earlier inputs see later assignments (one variable, not copies)", async () => {
    const { evaluate } = session();
    await evaluate("function scaled(a) { return a * factor; }\nfactor = 2;");
    expect(await evaluate("scaled(5)")).toEqual([10]);
    await evaluate("factor = 10;");
    expect(await evaluate("scaled(5)")).toEqual([50]);
    await evaluate("count = 0;\nfunction inc() { nonlocal count; count = count + 1; return count; }");
    await evaluate("inc(); inc();");
    expect(await evaluate("count")).toEqual([2]);
    // Redefining a function is seen by callers defined before.
    await evaluate("function twice(a) { return scaled(a) * 2; }");
    await evaluate("function scaled(a) { return a; }");
    expect(await evaluate("twice(3)")).toEqual([6]);
  });

  it("echoes each top-level expression statement, null included (the front end hides it)", async () => {
    const { evaluate } = session();
    expect(await evaluate('1 + 1; "a"; print("x"); [1, 2]')).toEqual([2, "a", null, [1, 2]]);
    expect(await evaluate("if (true) { 5; }")).toEqual([]);
  });

  it("an error ends the input, not the session; what ran before it stays", async () => {
    const { evaluate } = session();
    await expect(evaluate("a = 1; b = 1 / 0; c = 3;")).rejects.toBeInstanceOf(MLRuntimeError);
    expect(await evaluate("a")).toEqual([1]);
    await expect(evaluate("b")).rejects.toBeInstanceOf(MLCompileError);
    await expect(evaluate("d = ;")).rejects.toBeInstanceOf(MLCompileError);
    expect(await evaluate("a + 1")).toEqual([2]);
  });

  it("limits apply per input: an endless loop ends with LimitError and the session goes on", async () => {
    const { evaluate } = session({ limits: { steps: 10_000 } });
    await evaluate("n = 0;");
    const e = await evaluate("while (true) { n = n + 1; }").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MLRuntimeError);
    expect((e as MLRuntimeError).mlType).toBe("LimitError");
    // A fresh budget: this input's 5 000 iterations fit.
    expect(await evaluate("for (i in range(5000)) { n = n + 1; } n > 5000")).toEqual([true]);
  });

  it("imports persist; capabilities come from the session's grant", async () => {
    const { evaluate } = session({ capabilities: ["random.generate"] });
    await evaluate("import math;\nimport random;");
    expect(await evaluate("math.floor(2.5)")).toEqual([2]);
    expect(await evaluate("random.random() < 1")).toEqual([true]);
    const denied = session();
    await denied.evaluate("import random;");
    const e = await denied.evaluate("random.random()").catch((x: unknown) => x);
    expect((e as MLRuntimeError).mlType).toBe("CapabilityError");
  });

  it("runtime errors name the input in the stack", async () => {
    const { s } = session();
    const e = await s.evaluate("x = 1;\ny = [][3];", () => {}, "<repl:7>").catch((x: unknown) => x);
    expect((e as MLRuntimeError).mlStack[0]).toMatchObject({ file: "<repl:7>", line: 2 });
  });
});

describe("prepareInput", () => {
  it("asks for more while a bracket, brace or expression is open", () => {
    expect(prepareInput("x = [1,").kind).toBe("incomplete");
    expect(prepareInput("function f() {").kind).toBe("incomplete");
    expect(prepareInput("y = 1 +").kind).toBe("incomplete");
    expect(prepareInput("if (a) {\n  b = 1;").kind).toBe("incomplete");
  });

  it("fills in a missing ';' at the end of a line", () => {
    expect(prepareInput("x * 2")).toEqual({ kind: "complete", source: "x * 2;" });
    expect(prepareInput("x = 1\ny = [2,\n3]\nprint(y)")).toEqual({ kind: "complete", source: "x = 1;\ny = [2,\n3];\nprint(y);" });
  });

  it("a line that completes a statement ends it (no index expression across lines)", () => {
    expect(prepareInput('print("a")\n[1, 2]')).toEqual({ kind: "complete", source: 'print("a");\n[1, 2];' });
    expect(prepareInput("if (a) {\n  b = 1\n}\nelse {\n  b = 2\n}")).toEqual({ kind: "complete", source: "if (a) {\n  b = 1;\n}\nelse {\n  b = 2;\n}" });
  });

  it("leaves other errors to the compiler", () => {
    expect(prepareInput("x = = 1;").kind).toBe("complete");
    expect(prepareInput("x = 1 y = 2;")).toEqual({ kind: "complete", source: "x = 1 y = 2;" });
  });
});

describe("completeLine", () => {
  beforeAll(async () => {
    await Promise.all(registry.list().map((m) => registry.load(m)));
  });
  const globals = Object.assign(Object.create(null) as Record<string, unknown>, { total: 1, items: [1], config: { port: 1, host: "h" }, name: "s" });
  const names = Object.keys(globals);

  it("completes names in scope, builtins and keywords", () => {
    expect(completeLine("to", globals, names)[0]).toContain("total");
    expect(completeLine("print(le", globals, names)).toEqual([["len"], "le"]);
    expect(completeLine("whi", globals, names)[0]).toContain("while");
    expect(completeLine("import dat", globals, names)).toEqual([["datetime"], "dat"]);
  });

  it("completes members after '.': stdlib modules, objects, arrays, strings", () => {
    expect(completeLine("math.sq", globals, names)[0]).toContain("sqrt");
    expect(completeLine("csv.rea", globals, names)[0]).toEqual(expect.arrayContaining(["read", "readString"]));
    expect(completeLine("config.p", globals, names)).toEqual([["port"], "p"]);
    expect(completeLine("items.app", globals, names)[0]).toContain("append");
    expect(completeLine("name.up", globals, names)[0]).toContain("upper");
  });

  it("completes the members of imported modules and stdlib objects in the session", async () => {
    const { s } = session();
    writeFileSync(join(scratch, "shapes.ml"), "function area(r) { return r * r; }\nSIDES = 4;\n");
    await s.evaluate(`import datetime;\nimport shapes;\nd = datetime.createDate(2024, 1, 2);`, () => {}, join(scratch, "input.ml"));
    expect(completeLine("datetime.cr", s.globals, s.names())[0]).toContain("createDate");
    expect(completeLine("shapes.", s.globals, s.names())[0]).toEqual(["SIDES", "area"]);
    expect(completeLine("d.ye", s.globals, s.names())[0]).toContain("year");
  });
});
