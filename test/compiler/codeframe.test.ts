import { describe, expect, it } from "vitest";
import type { SourceLocation } from "../../src/compiler/ast.js";
import { formatCodeFrame, formatDiagnostic } from "../../src/compiler/codeframe.js";
import type { Diagnostic } from "../../src/compiler/diagnostics.js";
import { parse } from "../../src/compiler/parser.js";

const span = (line: number, column: number, endLine: number, endColumn: number): SourceLocation => ({
  start: { line, column, offset: 0 },
  end: { line: endLine, column: endColumn, offset: 0 },
});

const ANSI = /\x1b\[[0-9;]*m/;

describe("formatDiagnostic", () => {
  const source = "count = 1;\ny = 2;\nx = cout + 1;\n";
  const d: Diagnostic = {
    code: "ML2001",
    severity: "error",
    message: "unknown name 'cout'",
    file: "main.ml",
    loc: span(3, 5, 3, 9),
    suggestion: "did you mean 'count'?",
  };

  it("renders the documented layout exactly", () => {
    expect(formatDiagnostic(d, source)).toBe(
      [
        "error[ML2001]: unknown name 'cout'",
        "  --> main.ml:3:5",
        "   |",
        " 3 | x = cout + 1;",
        "   |     ^^^^",
        "   = help: did you mean 'count'?",
      ].join("\n"),
    );
  });

  it("omits the help line without a suggestion and shows warnings as such", () => {
    const text = formatDiagnostic({ ...d, severity: "warning", suggestion: undefined }, source);
    expect(text.split("\n")[0]).toBe("warning[ML2001]: unknown name 'cout'");
    expect(text).not.toContain("help");
  });

  it("widens the gutter for multi-digit line numbers", () => {
    const long = `${"\n".repeat(11)}x = cout;`;
    expect(formatDiagnostic({ ...d, loc: span(12, 5, 12, 9) }, long).split("\n")).toEqual([
      "error[ML2001]: unknown name 'cout'",
      "   --> main.ml:12:5",
      "    |",
      " 12 | x = cout;",
      "    |     ^^^^",
      "    = help: did you mean 'count'?",
    ]);
  });

  it("uses ANSI colours only when asked", () => {
    expect(formatDiagnostic(d, source)).not.toMatch(ANSI);
    const colored = formatDiagnostic(d, source, { color: true });
    expect(colored).toMatch(ANSI);
    expect(colored.replace(/\x1b\[[0-9;]*m/g, "")).toBe(formatDiagnostic(d, source));
  });

  it("renders parser diagnostics at their positions", () => {
    const src = "x = 1\ny = 2;";
    const [diag] = parse(src, "p.ml").diagnostics;
    expect(formatDiagnostic(diag!, src)).toBe(
      ["error[ML1010]: expected ';' after the assignment, found name 'y'", "  --> p.ml:1:6", "   |", " 1 | x = 1", "   |      ^",
        "   = help: end the statement with ';' (every ML statement ends with one)"].join("\n"),
    );
  });
});

describe("formatCodeFrame", () => {
  const source = "one\ntwo\nthree = 3;\nfour\nfive\nsix";

  it("shows two lines of context around the span with a ^~~~ marker", () => {
    expect(formatCodeFrame(source, span(3, 1, 3, 6))).toBe(
      [" 1 | one", " 2 | two", " 3 | three = 3;", "   | ^~~~~", " 4 | four", " 5 | five"].join("\n"),
    );
  });

  it("honours contextLines and clamps at the edges of the file", () => {
    expect(formatCodeFrame(source, span(1, 1, 1, 4), { contextLines: 1 })).toBe([" 1 | one", "   | ^~~", " 2 | two"].join("\n"));
    expect(formatCodeFrame(source, span(6, 2, 6, 3), { contextLines: 0 })).toBe([" 6 | six", "   |  ^"].join("\n"));
  });

  it("draws one caret for an empty span and marks multi-line spans to the end of the first line", () => {
    expect(formatCodeFrame(source, span(3, 7, 3, 7), { contextLines: 0 })).toBe([" 3 | three = 3;", "   |       ^"].join("\n"));
    expect(formatCodeFrame(source, span(3, 7, 5, 2), { contextLines: 0 })).toBe([" 3 | three = 3;", "   |       ^~~~"].join("\n"));
  });

  it("keeps tabs in the marker indentation so it lines up", () => {
    expect(formatCodeFrame("\tx = y;", span(1, 6, 1, 7), { contextLines: 0 })).toBe([" 1 | \tx = y;", "   | \t    ^"].join("\n"));
  });

  it("handles CRLF sources, empty lines and out-of-range positions", () => {
    expect(formatCodeFrame("a\r\n\r\nb", span(3, 1, 3, 2), { contextLines: 1 })).toBe([" 2 |", " 3 | b", "   | ^"].join("\n"));
    expect(formatCodeFrame("a", span(9, 1, 9, 2), { contextLines: 0 })).toBe([" 1 | a", "   | ^"].join("\n"));
    expect(formatCodeFrame("", span(1, 1, 1, 1))).toBe([" 1 |", "   | ^"].join("\n"));
  });

  it("colours only on request", () => {
    expect(formatCodeFrame(source, span(3, 1, 3, 6))).not.toMatch(ANSI);
    expect(formatCodeFrame(source, span(3, 1, 3, 6), { color: true })).toMatch(ANSI);
  });
});
