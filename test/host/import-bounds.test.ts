/**
 * Linking is bounded like compiling: thousands of unresolved imports next to a large directory
 * neither list the directory nor search it for suggestions once per import, and at most 100
 * diagnostics per file are reported (then ML0002).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { load, MLCompileError } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "mljs-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("unresolved imports", () => {
  it("20 000 unknown imports beside 1 000 modules fail fast with at most 100 diagnostics and a suggestion for a near name", async () => {
    mkdirSync(join(dir, "lib"));
    for (let i = 0; i < 1_000; i++) writeFileSync(join(dir, `mod${i}.ml`), `x = ${i};\n`);
    const lines = ["import mod7x;"];
    for (let i = 0; i < 20_000; i++) lines.push(`import q${i};`);
    const main = join(dir, "main.ml");
    writeFileSync(main, lines.join("\n") + "\n");
    const start = performance.now();
    const error = await load(main).then(() => null, (e: unknown) => e);
    const elapsed = performance.now() - start;
    expect(error).toBeInstanceOf(MLCompileError);
    const diagnostics = (error as MLCompileError).diagnostics;
    expect(diagnostics.length).toBe(101);
    expect(diagnostics[0]!.suggestion).toBe("did you mean 'mod7'?");
    expect(diagnostics[100]!.code).toBe("ML0002");
    expect(diagnostics[100]!.message).toBe("too many errors: 19901 more not reported (at most 100 are)");
    expect(elapsed).toBeLessThan(5_000);
  });
});
