/**
 * The linear path normalisation of support/path-text.ts gives exactly what `node:path` gives, on
 * random paths made of the parts that matter (`/`, `.`, `..`, names), and stays linear on paths
 * full of `..`, where Node's own is quadratic.
 */
import nodePath from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinPath, normalizePath, relativePath, resolvePath } from "../../src/stdlib/support/path-text.js";

const part = fc.constantFrom("/", "/", ".", "..", "a", "bc", "...", ".x", "x.", "");
const path = fc.array(part, { maxLength: 12 }).map((parts) => parts.join(""));
const pathText = fc.oneof(path, fc.array(fc.constantFrom("a", "/", "."), { maxLength: 10 }).map((cs) => cs.join("")));

describe.runIf(nodePath.sep === "/")("path text", () => {
  it("normalize matches node:path", () => {
    fc.assert(fc.property(pathText, (p) => normalizePath(p) === nodePath.normalize(p)), { numRuns: 2000, seed: 11 });
  });

  it("join matches node:path", () => {
    fc.assert(fc.property(fc.array(pathText, { maxLength: 4 }), (ps) => joinPath(...ps) === nodePath.join(...ps)), { numRuns: 2000, seed: 12 });
  });

  it("resolve from an absolute base matches node:path", () => {
    const base = pathText.map((p) => `/${p}`);
    fc.assert(fc.property(base, pathText, (b, p) => resolvePath(b, p) === nodePath.resolve(b, p)), { numRuns: 2000, seed: 13 });
  });

  it("a path full of '..' normalizes in linear time", () => {
    const p = "ab/./c/../".repeat(200_000);
    const t = performance.now();
    expect(normalizePath(p)).toBe("ab/".repeat(200_000));
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe.runIf(nodePath.sep === "/")("relative", () => {
  it("relative between absolute paths matches node:path", () => {
    const abs = pathText.map((p) => `/${p}`);
    fc.assert(fc.property(abs, abs, (a, b) => relativePath(a, b) === nodePath.relative(a, b)), { numRuns: 3000, seed: 14 });
  });
});
