/**
 * The host refuses sources longer than `maxSourceLength` before compiling them, and a large
 * adversarial source fails to compile quickly (compilation is linear in the source's length).
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load, run, MLCompileError } from "../../src/index.js";
import { DEFAULT_MAX_SOURCE_LENGTH, MAX_DIAGNOSTICS } from "../../src/compiler/index.js";

async function compileError(p: Promise<unknown>): Promise<MLCompileError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(MLCompileError);
  return e as MLCompileError;
}

describe("maxSourceLength", () => {
  it("refuses a longer entry source with ML0001", async () => {
    const e = await compileError(load({ source: "x = 1;\nprint(x);", filename: "main.ml" }, { maxSourceLength: 8 }));
    expect(e.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      ["ML0001", "main.ml", "source is too long: 16 characters (maxSourceLength is 8)"],
    ]);
    expect(e.message).toContain("maxSourceLength is 8");
    await expect(run({ source: "x = 1;" }, { maxSourceLength: 6 })).resolves.toMatchObject({ exports: { x: 1 } });
  });

  it("applies to every imported module", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mljs-source-limits-"));
    writeFileSync(join(dir, "big.ml"), `data = [${"1, ".repeat(100)}];\n`);
    writeFileSync(join(dir, "main.ml"), "import big;\nn = len(big.data);\n");
    const e = await compileError(load(join(dir, "main.ml"), { maxSourceLength: 100 }));
    expect(e.diagnostics.map((d) => `${d.code} ${d.file.endsWith("big.ml")}`)).toEqual(["ML0001 true"]);
    expect((await load(join(dir, "main.ml"))).exports.n).toBe(100);
  });

  it("a module longer than the default, allowed by the host, still reports runtime errors with ML stacks", async () => {
    const source = "x = 1;\n".repeat(150_000) + "function f() { return 1 // 0; }\n";
    expect(source.length).toBeGreaterThan(DEFAULT_MAX_SOURCE_LENGTH);
    const p = await load({ source, filename: "long.ml" }, { maxSourceLength: 2_000_000 });
    let error: unknown = null;
    try {
      (p.exports.f as () => unknown)();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ mlType: "ZeroDivisionError" });
    expect((error as { mlStack: unknown[] }).mlStack[0]).toMatchObject({ function: "f", file: "long.ml", line: 150_001 });
  });

  it("a module longer than the default, allowed by the host, may import an asynchronous module", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mljs-source-limits-"));
    writeFileSync(join(dir, "fetcher.ml"), "import http;\nfunction get(url) { return http.get(url); }\n");
    writeFileSync(join(dir, "main.ml"), "import fetcher;\n" + "x = 1;\n".repeat(150_000) + "y = x + 1;\n");
    const p = await load(join(dir, "main.ml"), { maxSourceLength: 2_000_000 });
    expect(p.exports.y).toBe(2);
  });

  it(`defaults to ${DEFAULT_MAX_SOURCE_LENGTH} characters`, async () => {
    const e = await compileError(load({ source: `x = 1; //${" ".repeat(DEFAULT_MAX_SOURCE_LENGTH)}` }));
    expect(e.diagnostics.map((d) => d.code)).toEqual(["ML0001"]);
  });
});

describe("an adversarial source", () => {
  it("of 350 KB of distinct unknown names fails to load within 2 s, with at most MAX_DIAGNOSTICS + 1 diagnostics", async () => {
    const lines: string[] = [];
    for (let i = 0, n = 0; n < 350_000; i++) n += lines[lines.push(`a${i} = b${i};\n`) - 1]!.length;
    const start = performance.now();
    const e = await compileError(load({ source: lines.join(""), filename: "many.ml" }));
    expect(performance.now() - start).toBeLessThan(2000);
    expect(e.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(e.diagnostics[0]).toMatchObject({ code: "ML2001", message: "unknown name 'b0'" });
    expect(e.diagnostics.at(-1)).toMatchObject({ code: "ML0002", severity: "error" });
  });
});
