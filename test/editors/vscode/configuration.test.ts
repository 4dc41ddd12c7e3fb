/**
 * The extension's language configuration (editors/vscode/language-configuration.json): comment
 * markers, brackets, auto-closing pairs and the regular expressions VS Code applies to ML lines.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CONFIG = fileURLToPath(new URL("../../../editors/vscode/language-configuration.json", import.meta.url));

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: { beforeText: string; afterText?: string; previousLineText?: string }[];
  folding: { markers: { start: string; end: string } };
}

const config = JSON.parse(readFileSync(CONFIG, "utf8")) as LanguageConfiguration;

describe("the language configuration", () => {
  it("comments with // and /* */, as ML does", () => {
    expect(config.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
  });

  it("pairs ML's brackets and quotes, and no backtick (ML has no template literals)", () => {
    expect(config.brackets).toEqual([["{", "}"], ["[", "]"], ["(", ")"]]);
    expect(config.autoClosingPairs.map((p) => p.open + p.close)).toEqual(["{}", "[]", "()", '""', "''", "/* */"]);
    expect(config.autoClosingPairs.find((p) => p.open === "'")?.notIn).toEqual(["string", "comment"]);
    expect(config.surroundingPairs.flat().join("")).not.toContain("`");
  });

  it("indents after an opening bracket and outdents at a closing one", () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ["function f(x) {", "if (a) {", "} else {", "x = [", "print(", "o = {", "capability C {"]) expect(increase.test(line), line).toBe(true);
    for (const line of ["x = 1;", "f(x) {}", "print(a);", "// a comment {", "x = [1, 2];"]) expect(increase.test(line), line).toBe(false);
    for (const line of ["}", "  } else {", "];", "  );"]) expect(decrease.test(line), line).toBe(true);
    for (const line of ["x = 1;", "  print(x);"]) expect(decrease.test(line), line).toBe(false);
  });

  it("takes ML names and numbers as words, and folds // #region … // #endregion", () => {
    const word = new RegExp(`^(?:${config.wordPattern})$`);
    for (const w of ["total", "_tmp", "x1", "2.5", "hasCapability"]) expect(word.test(w), w).toBe(true);
    for (const w of ["a.b", "f(x)", "a//b"]) expect(word.test(w), w).toBe(false);
    expect(new RegExp(config.folding.markers.start).test("  // #region helpers")).toBe(true);
    expect(new RegExp(config.folding.markers.end).test("// #endregion")).toBe(true);
    for (const rule of config.onEnterRules) {
      for (const re of [rule.beforeText, rule.afterText, rule.previousLineText]) if (re !== undefined) expect(() => new RegExp(re)).not.toThrow();
    }
  });
});
