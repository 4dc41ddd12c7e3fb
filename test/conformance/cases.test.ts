import { describe, it, expect } from "vitest";
import { parseTopic } from "./cases.js";

const topic = [
  "// A topic about nothing.",
  "",
  "// --- first case",
  "x = 7 // 2;",
  "print(x); // expect: 3",
  "// expect:",
  "// --- second case",
  "// limits: steps=10 maxArrayLength=5",
  "print(1); // expect: 1",
  "x = [][0]; // expect error: IndexError: list index out of range",
  "// ---   compile   ",
  "print(nope); // expect compile error: ML2001|ML2002: nope",
  "// expect warning: ML2008",
].join("\n");

describe("conformance case splitter", () => {
  const cases = parseTopic("/abs/t.ml", topic, "t.ml");

  it("splits at '// ---' headers and keeps titles and lines", () => {
    expect(cases.map((c) => [c.title, c.line])).toEqual([
      ["first case", 3],
      ["second case", 7],
      ["compile", 11],
    ]);
  });

  it("pads each case so that its lines keep the topic file's line numbers", () => {
    const lines = cases[1]!.source.split("\n");
    expect(lines.slice(0, 6).every((l) => l === "")).toBe(true);
    expect(lines[6]).toBe("// --- second case");
    expect(lines[8]).toBe("print(1); // expect: 1");
    expect(lines).toHaveLength(10);
  });

  it("reads output, error, compile error, warning and limit directives", () => {
    expect(cases[0]).toMatchObject({ output: ["3", ""], error: null, compileError: null, expectations: 2 });
    expect(cases[1]).toMatchObject({
      output: ["1"],
      error: "IndexError: list index out of range",
      errorLine: 10,
      limits: { steps: 10, maxArrayLength: 5 },
      expectations: 2,
    });
    expect(cases[2]!.compileError).toEqual({ codes: ["ML2001", "ML2002"], substring: "nope", line: 12 });
    expect(cases[2]!.warnings).toEqual([{ codes: ["ML2008"], substring: null, line: null }]);
  });

  it("rejects malformed directives instead of dropping them", () => {
    expect(() => parseTopic("/t.ml", "// --- x\nprint(1); // expect 1", "t.ml")).toThrow(/malformed/);
    expect(() => parseTopic("/t.ml", "// --- x\n// limits: steps=abc", "t.ml")).toThrow(/bad limit/);
    expect(() => parseTopic("/t.ml", "// --- x\n// limits: stack=1", "t.ml")).toThrow(/bad limit/);
    expect(() => parseTopic("/t.ml", "// --- x\nx = [][0]; // expect error: E: m\nprint(1); // expect: 1", "t.ml")).toThrow(/after the expected error/);
  });

  it("rejects code or directives before the first case", () => {
    expect(() => parseTopic("/t.ml", "x = 1;\n// --- x\n", "t.ml")).toThrow(/before the first/);
    expect(() => parseTopic("/t.ml", "// expect: 1\n// --- x\n", "t.ml")).toThrow(/before the first/);
  });
});
