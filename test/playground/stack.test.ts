/**
 * Stack frames of code evaluated with a `//# sourceURL` (how the browser playground's loader
 * evaluates module bodies): V8 in Chromium gives such frames no file name, only the source URL,
 * and the host must still map them to ML lines.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { readSourceMap } from "../../src/host/sourcemap.js";
import { MODULE_FUNCTION_NAME, mlStackOf, type MappedModule } from "../../src/host/stack.js";

function site(fileName: string | null, sourceURL: string | null, line: number, column: number, fn: string): object {
  return {
    getFileName: () => fileName,
    getScriptNameOrSourceURL: () => sourceURL,
    getLineNumber: () => line,
    getColumnNumber: () => column,
    getFunctionName: () => fn,
  };
}

/** An error whose `stack` getter hands out `sites` the way V8 does under a `prepareStackTrace`. */
function errorWithSites(sites: object[]): Error {
  const e = new Error("boom");
  Object.defineProperty(e, "stack", {
    get() {
      const prepare = (Error as { prepareStackTrace?: (e: Error, s: object[]) => unknown }).prepareStackTrace;
      return prepare === undefined ? "Error: boom" : prepare(e, sites);
    },
    configurable: true,
  });
  return e;
}

describe("ML stacks of code named by a sourceURL", () => {
  const source = "x = 1;\ny = x / 0;\n";
  const compiled = compile(source, { filename: "main.ml", sourceMap: true, mode: "function" });
  const lines = compiled.code.split("\n");
  // The generated line of `y = x / 0;` (1-based), and the column of its division (1-based).
  const generatedLine = lines.findIndex((l) => l.startsWith("y = ")) + 1;
  const mod: MappedModule = { file: "main.ml", lineOffset: 1, map: () => readSourceMap(compiled.map as object) };
  const modules = new Map([["mljs-load-7:main.ml", mod]]);

  it("maps a frame that has only a source URL", () => {
    expect(generatedLine).toBeGreaterThan(0);
    const column = lines[generatedLine - 1]!.indexOf("$div") + 1;
    const frames = mlStackOf(errorWithSites([site(null, "mljs-load-7:main.ml", generatedLine + 1, column, MODULE_FUNCTION_NAME)]), modules);
    expect(frames).toEqual([{ function: "<module>", file: "main.ml", line: 2, column: expect.any(Number) }]);
  });

  it("still drops frames of files it does not know", () => {
    const frames = mlStackOf(errorWithSites([site(null, "worker.js", 3, 1, "f"), site(null, null, 1, 1, "g")]), modules);
    expect(frames).toEqual([]);
  });
});
