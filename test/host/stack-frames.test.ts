/**
 * ML stacks that point where the mistake is: arity errors at the call, deep recursion
 * collapsed when rendered, and frames that print themselves.
 */
import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, MLRuntimeError } from "../../src/index.js";
import { collapseFrames, formatMLStack, type MLStackFrame } from "../../src/host/errors.js";
import { renderRuntimeError } from "../../src/cli/report.js";

async function failure(source: string, filename = "stack.ml"): Promise<MLRuntimeError> {
  try {
    await run({ source, filename }, { stdout: () => undefined });
  } catch (e) {
    if (e instanceof MLRuntimeError) return e;
    throw e;
  }
  throw new Error("the program ran without error");
}

describe("arity errors point at the call", () => {
  it("reports the calling line and column, not the function's definition", async () => {
    const e = await failure("function f(a, b) {\n  return a + b;\n}\nx = 1;\nprint(f(1));");
    expect(e.message).toBe("TypeError: f() takes 2 arguments but 1 was given (at stack.ml:5:7)");
    expect(e.mlStack.map(String)).toEqual(["<module> (stack.ml:5:7)"]);
  });

  it("in a nested call, the caller's frame comes first", async () => {
    const e = await failure("function f(a) { return a; }\nfunction g() {\n  return f(1, 2);\n}\ng();");
    expect(e.mlStack.map(String)).toEqual(["g (stack.ml:3:10)", "<module> (stack.ml:5:1)"]);
  });

  it("the CLI's code frame carets the call", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "mljs-stack-")), "call.ml");
    const source = "function f(a, b) {\n  return a + b;\n}\nprint(f(1));";
    writeFileSync(file, source);
    const e = await failure(source, file);
    const text = renderRuntimeError(e, false);
    expect(text.split("\n")[0]).toBe(`${file}:4:7: TypeError: f() takes 2 arguments but 1 was given`);
    expect(text).toContain(" 4 | print(f(1));\n   |       ^");
  });

  it("a builtin's arity error still points at its call", async () => {
    const e = await failure("x = 1;\ny = len(1, 2);");
    expect(e.mlStack.map(String)).toEqual(["<module> (stack.ml:2:5)"]);
  });
});

describe("repeated frames are collapsed", () => {
  it("a RecursionError keeps its whole recursion in mlStack and prints it in a few lines", async () => {
    const e = await failure("function f(n) {\n  return f(n + 1);\n}\nf(0);");
    expect(e.mlType).toBe("RecursionError");
    expect(e.mlStack[0]!.toString()).toBe("f (stack.ml:2:10)");
    expect(e.mlStack.length).toBeGreaterThan(900);
    const repeated = e.mlStack.length - 2; // all but the first f frame and <module>
    const text = renderRuntimeError(e, false);
    expect(text).toContain(`    at f (stack.ml:2:10)\n    ... previous frame repeated ${repeated} more times\n    at <module> (stack.ml:4:1)\n`);
    expect(text.split("\n").length).toBeLessThan(15);
    expect(e.stack).toBe(`MLRuntimeError: ${e.message}\n    at f (stack.ml:2:10)\n    ... previous frame repeated ${repeated} more times\n    at <module> (stack.ml:4:1)`);
  });

  it("mutual recursion collapses the cycle", async () => {
    const e = await failure("function a(n) { return b(n); }\nfunction b(n) { return a(n); }\na(1);");
    const lines = collapseFrames(e.mlStack);
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(lines.some((l) => /^\.\.\. previous 2 frames repeated \d+ more times$/.test(l))).toBe(true);
  });

  it("frames repeated fewer than three times are all shown", () => {
    const f: MLStackFrame = { function: "f", file: "a.ml", line: 1, column: 2 };
    const g: MLStackFrame = { function: "g", file: "a.ml", line: 3, column: 4 };
    expect(collapseFrames([f, f, g])).toEqual(["at f (a.ml:1:2)", "at f (a.ml:1:2)", "at g (a.ml:3:4)"]);
    expect(collapseFrames([f, f, f, g])).toEqual(["at f (a.ml:1:2)", "... previous frame repeated 2 more times", "at g (a.ml:3:4)"]);
    expect(formatMLStack([g, f, f, f, f])).toBe("\n    at g (a.ml:3:4)\n    at f (a.ml:1:2)\n    ... previous frame repeated 3 more times");
  });
});

describe("mlStack frames", () => {
  it("have a toString() rendering name (file.ml:line:col) and stay plain data", async () => {
    const e = await failure("function boom() {\n  x = [1][5];\n}\nboom();", "frames.ml");
    const top = e.mlStack[0]!;
    expect(String(top)).toBe("boom (frames.ml:2:7)");
    expect(`${e.mlStack[1]}`).toBe("<module> (frames.ml:4:1)");
    expect(Object.keys(top)).toEqual(["function", "file", "line", "column"]);
    expect(JSON.parse(JSON.stringify(e.mlStack))).toEqual([
      { function: "boom", file: "frames.ml", line: 2, column: 7 },
      { function: "<module>", file: "frames.ml", line: 4, column: 1 },
    ]);
    expect(structuredClone({ ...top })).toEqual({ function: "boom", file: "frames.ml", line: 2, column: 7 });
    expect(Object.isFrozen(top)).toBe(true);
  });

  it("frames given to the constructor get toString() too", () => {
    const e = new MLRuntimeError("Error", "x", [{ function: "f", file: "a.ml", line: 1, column: 1 }]);
    expect(e.mlStack[0]!.toString()).toBe("f (a.ml:1:1)");
  });
});
