/**
 * The hostile-program runner's own checks: each one must actually notice the escape it exists
 * for, or the suite would pass vacuously.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changes, leaks, markerFiles, snapshot } from "./guard.js";
import { parseProgram } from "./header.js";

describe("guard", () => {
  it("notices a patched prototype, a new global and a polluted Object.prototype", () => {
    const before = snapshot();
    const original = Array.prototype.map;
    try {
      Array.prototype.map = function patched() { return []; } as typeof original;
      (globalThis as Record<string, unknown>).__mljs_probe = 1;
      (Object.prototype as Record<string, unknown>).polluted = 1;
      const found = changes(before);
      expect(found).toContain("Array.prototype[map] changed");
      expect(found).toContain("Object.prototype[polluted] added");
      expect(found).toContain("({}).polluted is defined");
      expect(found.some((c) => c.startsWith("globalThis own names changed: +[__mljs_probe]"))).toBe(true);
    } finally {
      Array.prototype.map = original;
      delete (globalThis as Record<string, unknown>).__mljs_probe;
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(changes(before)).toEqual([]);
  });

  it("finds marker files", () => {
    // A private directory: the hostile runner, maybe running in parallel, checks /tmp itself.
    const dir = mkdtempSync(join(tmpdir(), "mljs-guard-"));
    try {
      expect(markerFiles([dir])).toEqual([]);
      writeFileSync(join(dir, "mljs-escape-self-test"), "x");
      writeFileSync(join(dir, "unrelated"), "x");
      expect(markerFiles([dir])).toEqual([`${dir}/mljs-escape-self-test`]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("recognises host internals in text, and not ML display forms", () => {
    expect(leaks("function Function() { [native code] }")).not.toEqual([]);
    expect(leaks("Error: x\n    at load (/work/main/src/host/api.ts:10:3)")).not.toEqual([]);
    expect(leaks("[object Object]")).not.toEqual([]);
    expect(leaks('<function f> <hostobject> {"__proto__": 1} [1, 2] ValueError File not found: x.txt')).toEqual([]);
  });
});

describe("header", () => {
  const file = "/x/members/sample.ml";

  it("reads every directive", () => {
    const p = parseProgram(file, [
      "// technique: t",
      "// grant: file.read={tmp}/a/**, datetime.now",
      "// limits: steps=10 timeMs=20",
      "// scenario: s",
      "// within-ms: 50",
      "// known-escape: why",
      "// expect: one",
      "// expect:",
      "// expect error: KeyError: k",
      "x = 1;",
      "// expect: not a header line",
    ].join("\n"));
    expect(p).toMatchObject({
      id: "members/sample", technique: "t", scenario: "s", withinMs: 50, knownEscape: "why",
      grants: [{ name: "file.read", resources: ["{tmp}/a/**"] }, { name: "datetime.now", resources: [] }],
      output: ["one", ""], error: { type: "KeyError", message: "k" }, compileError: null,
    });
    expect(p.limits).toMatchObject({ steps: 10, timeMs: 20 });
  });

  it("rejects typos and headers without a technique or an expectation", () => {
    expect(() => parseProgram(file, "// technique: t\n// expect eror: KeyError: k\n")).toThrow(/unknown directive/);
    expect(() => parseProgram(file, "// technique: t\n// limits: stepz=1\n// expect: x\n")).toThrow(/bad limit/);
    expect(() => parseProgram(file, "// expect: x\n")).toThrow(/technique/);
    expect(() => parseProgram(file, "// technique: t\nx = 1;\n")).toThrow(/expected outcome/);
    expect(() => parseProgram(file, "// technique: t\n// expect compile error: 2001\n")).toThrow(/ML1234/);
  });
});
