/**
 * The language server's analysis reports what the compiler and `mljs check` report: the same
 * diagnostics as `check()` (codes, positions, hints) and the same unknown stdlib members as
 * checkStdlibMembers, for every file of the conformance suite and the examples, split into cases.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/compiler/index.js";
import { checkStdlibMembers } from "../../src/host/check-members.js";
import { analyze } from "../../src/lsp/analysis.js";
import { preloadModules } from "../../src/lsp/metadata.js";

const root = join(import.meta.dirname, "..", "..");
const conformance = join(root, "test", "conformance");
const sources: [string, string][] = [];
for (const f of readdirSync(conformance).filter((x) => x.endsWith(".ml")).sort()) {
  readFileSync(join(conformance, f), "utf8").split(/^\/\/ ---.*$/m).forEach((text, i) => sources.push([`${f} #${i}`, text]));
}
sources.push(["welcome.ml", readFileSync(join(root, "examples", "welcome.ml"), "utf8")]);

const shape = (d: { code: string; loc: { start: { offset: number }; end: { offset: number } }; message: string; suggestion?: string }) =>
  `${d.code} ${d.loc.start.offset}-${d.loc.end.offset} ${d.message} | ${d.suggestion ?? ""}`;

beforeAll(preloadModules);

describe("analysis diagnostics", () => {
  it(`equal check() and checkStdlibMembers on ${sources.length} sources`, () => {
    let compared = 0;
    for (const [name, text] of sources) {
      const a = analyze("file:///x.ml", text, "x.ml", () => ({ near: [] }));
      const mine = a.diagnostics.filter((d) => d.code !== "ML3001");
      const members = checkStdlibMembers(text, "x.ml");
      const parses = !check(text, { filename: "x.ml" }).some((d) => d.code.startsWith("ML1"));
      const expected = [...check(text, { filename: "x.ml" }), ...members].map(shape).sort();
      // Unknown members are reported on files with syntax errors too (checkStdlibMembers skips those).
      const got = mine.filter((d) => parses || d.code !== "ML3004").map(shape).sort();
      expect(got, name).toEqual(expected);
      compared += got.length;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("reports a stdlib member on the line after the dot, and ignores other objects' members", () => {
    const text = "import math;\nm = {sqroot: 1};\nx = math.\n  sqroot(4) + m.sqroot;\n";
    const [d, ...rest] = analyze("file:///x.ml", text, "x.ml", () => ({ near: [] })).diagnostics;
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: "ML3004", suggestion: "did you mean 'sqrt'?", loc: { start: { line: 4, column: 3 }, end: { line: 4, column: 9 } } });
  });
});
