import { describe, it, expect } from "vitest";
import vm from "node:vm";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { compile } from "../../src/compiler/index.js";
import { demangle } from "../../src/compiler/mangle.js";
import type { ExportThunks, ProgramContext } from "../../src/runtime/abi.js";
import { testRuntime } from "./codegen-helpers.js";

let counter = 0;

interface Frame {
  fn: string;
  line: number;
  column: number;
}

/**
 * Compiles `source` with a source map, runs it the way the host does (wrapped in a function by
 * `vm.Script`, one wrapper line), and returns the ML positions of the stack frames that lie in
 * the generated code, innermost first.
 */
function mlFrames(source: string): { frames: Frame[]; error: unknown } {
  const r = compile(source, { filename: "prog.ml", sourceMap: true });
  expect(r.ok).toBe(true);
  const file = `mljs-sourcemap-test-${++counter}.js`;
  const body = new vm.Script(`(function $module($ctx) {\n${r.code}\n})`, { filename: file }).runInThisContext() as
    (ctx: ProgramContext) => ExportThunks;
  const ctx: ProgramContext = { rt: testRuntime([]), import() { return null; } };
  let error: unknown = null;
  try {
    body(ctx);
  } catch (e) {
    error = e;
  }
  expect(error).not.toBeNull();
  const map = new TraceMap(r.map as unknown as ConstructorParameters<typeof TraceMap>[0]);
  const frames: Frame[] = [];
  const re = new RegExp(`at (?:(\\S+) \\()?${file.replace(/\./g, "\\.")}:(\\d+):(\\d+)\\)?`, "g");
  const lines = r.code.split("\n");
  for (const m of String((error as Error).stack).matchAll(re)) {
    const pos = originalPositionFor(map, { line: Number(m[2]) - 1, column: Number(m[3]) - 1 });
    if (pos.line === null) {
      // Only the arity-checking wrapper of a function compiled as a pair (`return f$(…)`) has no
      // position: the host drops its frame, so each ML call shows once.
      expect(lines[Number(m[2]) - 2]).toMatch(/^\s*return [A-Za-z_][A-Za-z0-9_]*\$\(/);
      continue;
    }
    frames.push({ fn: demangle(m[1] ?? ""), line: pos.line, column: pos.column! + 1 });
  }
  return { frames, error };
}

const at = (f: Frame) => `${f.line}:${f.column}`;

describe("source maps", () => {
  it("has the Source Map v3 shape with the ML source and names", () => {
    const source = "total = 1;\nprint(total + 1);";
    const r = compile(source, { filename: "dir/prog.ml", sourceMap: true });
    expect(r.map).toMatchObject({ version: 3, file: "dir/prog.js", sources: ["dir/prog.ml"], sourcesContent: [source] });
    expect(r.map!.names).toContain("total");
    expect(r.map!.names).toContain("print");
    expect(typeof r.map!.mappings).toBe("string");
    expect(compile(source).map).toBeNull();
  });

  it("maps every generated statement back to its ML line", () => {
    const source = "a = 1;\nb = 2;\n\nif (a) {\n  c = 3;\n}\n";
    const r = compile(source, { sourceMap: true });
    const map = new TraceMap(r.map as unknown as ConstructorParameters<typeof TraceMap>[0]);
    const lines = r.code.split("\n");
    const lineOf = (text: string) => lines.findIndex((l) => l.trim().startsWith(text)) + 1;
    for (const [text, mlLine] of [["a = 1", 1], ["b = 2", 2], ["if (", 4], ["c = 3", 5]] as const) {
      const genLine = lineOf(text);
      const col = lines[genLine - 1]!.indexOf(text);
      expect(originalPositionFor(map, { line: genLine, column: col })).toMatchObject({ line: mlLine, column: text === "c = 3" ? 2 : 0 });
    }
  });

  it("maps an index error at the top level to the indexed expression", () => {
    const { frames } = mlFrames("x = 1;\ny = [1, 2];\nz = y[5];\n");
    expect(frames.map(at)).toEqual(["3:5"]);
  });

  it("maps an operator error to the operator", () => {
    const { frames } = mlFrames("a = 1;\nb = (a * 2) + null;");
    expect(frames.map(at)).toEqual(["2:13"]);
  });

  it("maps each frame of nested calls", () => {
    const { frames } = mlFrames("function inner(o) {\n  return o.missing.x;\n}\nfunction outer() {\n  return 1 + inner({});\n}\nouter();\n");
    expect(frames.map(at)).toEqual(["2:20", "5:14", "7:1"]);
    expect(frames.map((f) => f.fn)).toEqual(["inner", "outer", "$module"]);
  });

  it("maps a throw statement", () => {
    const { frames } = mlFrames('function f() {\n  x = 1;\n  throw {message: "boom"};\n}\nf();');
    expect(frames.map(at)).toEqual(["3:3", "5:1"]);
  });

  it("maps calls of non-callable values, computed callees and method calls", () => {
    expect(mlFrames("n = 5;\nn(1);").frames.map(at)).toEqual(["2:1"]);
    expect(mlFrames("fs = [1];\nx = 2 + fs[0](1);").frames.map(at)).toEqual(["2:9"]);
    expect(mlFrames("a = [];\nb = a.pop();").frames.map(at)).toEqual(["2:7"]);
    expect(mlFrames("function g() { return [][1]; }\nfs = [g];\nx = fs[0]();").frames.map(at)).toEqual(["1:23", "3:5"]);
  });

  it("maps a NameError to the read", () => {
    expect(mlFrames("if (false) { q = 1; }\nprint(1, q);").frames.map(at)).toEqual(["2:10"]);
    expect(mlFrames("main();\nfunction main() { }").frames.map(at)).toEqual(["1:1"]);
  });

  it("maps errors inside arrow functions and loops", () => {
    const { frames } = mlFrames("f = fn(x) => x.y.z;\nfor (i in range(3)) {\n  if (i == 2) {\n    f({y: 1});\n  }\n}");
    expect(frames.map(at)).toEqual(["1:18", "4:5"]);
    expect(frames[0]!.fn).toBe("f");
  });

  it("maps an error raised while iterating or destructuring", () => {
    expect(mlFrames("x = 0;\nfor (i in x) { }").frames.map(at)).toEqual(["2:11"]);
    expect(mlFrames("x = 0;\n[a, b] = x;").frames.map(at)).toEqual(["2:1"]);
  });
});
