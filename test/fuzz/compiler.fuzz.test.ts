/**
 * Fuzzing the whole compiler (lexer, parser, resolver, code generator) through `compile()`:
 * it never throws, its diagnostics point at real places in the source, and whenever it says
 * `ok` the JavaScript it produced parses (compiled by V8 as the loader does, never run).
 *
 * test/compiler/parser.property.test.ts already covers the parser alone and the printer round
 * trip; this file covers what comes after parsing.
 */
import fc from "fast-check";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { compile, type CompileResult } from "../../src/compiler/index.js";
import { fuzzParams } from "./config.js";
import { mlProgram, tokenSoup } from "./ml-source.js";

/** Line and column (1-based, UTF-16 units) of `offset`, counting line breaks as the lexer does. */
function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = 0; i < offset; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Checks everything `compile` promises about its result for `source`. */
function checkCompiled(source: string, sourceMap: boolean): CompileResult {
  const r = compile(source, { filename: "fuzz.ml", sourceMap });
  for (const d of r.diagnostics) {
    expect(d.code, d.message).toMatch(/^ML\d{4}$/);
    expect(["error", "warning"]).toContain(d.severity);
    expect(d.file).toBe("fuzz.ml");
    expect(d.message.length).toBeGreaterThan(0);
    const { start, end } = d.loc;
    expect(0 <= start.offset && start.offset <= end.offset && end.offset <= source.length, `${d.code} at ${start.offset}..${end.offset}`).toBe(true);
    expect({ line: start.line, column: start.column }, `${d.code} ${d.message}`).toEqual(position(source, start.offset));
    expect({ line: end.line, column: end.column }, `${d.code} ${d.message}`).toEqual(position(source, end.offset));
  }
  expect(r.ok).toBe(!r.diagnostics.some((d) => d.severity === "error"));
  if (!r.ok) {
    expect(r.code).toBe("");
    return r;
  }
  // The loader's own wrapping (src/host/loader.ts); constructing a Script parses without running.
  const wrapped = `(${r.async ? "async " : ""}function $module($ctx) {\n${r.code}\n})`;
  expect(() => new vm.Script(wrapped, { filename: "fuzz.js" }), r.code).not.toThrow();
  if (sourceMap) {
    expect(r.map?.version).toBe(3);
    expect(r.map?.sources).toContain("fuzz.ml");
  }
  return r;
}

describe("compile() on hostile input (fuzz)", () => {
  it("token soups: never throws, diagnostics are well placed", () => {
    fc.assert(fc.property(tokenSoup, fc.boolean(), (src, map) => void checkCompiled(src, map)), fuzzParams(1500));
  });

  it("arbitrary text: never throws", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 120 }), (src) => void checkCompiled(src, false)), fuzzParams(500));
  });

  it("grammar programs with compile errors mixed in: never throws, diagnostics are well placed", () => {
    fc.assert(fc.property(mlProgram("compile"), fc.boolean(), (src, map) => void checkCompiled(src, map)), fuzzParams(800));
  });

  it("well-formed grammar programs: compile to JavaScript that parses", () => {
    let ok = 0;
    fc.assert(
      fc.property(mlProgram("run"), fc.boolean(), (src, map) => {
        if (checkCompiled(src, map).ok) ok++;
      }),
      fuzzParams(800),
    );
    // Most of them must compile, or the property above says little about code generation.
    expect(ok).toBeGreaterThan(fuzzParams(800).numRuns! * 0.6);
  });
});
