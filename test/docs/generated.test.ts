/**
 * The generated references are up to date: docs/stdlib/ and docs/language/builtins.md with the
 * metadata, docs/api.md with the built declaration files (`npm test` builds dist/ first).
 * Regenerate them with `npm run docs:generate`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { renderBuiltins, renderReference } from "../../src/stdlib/reference.js";
import { load, STDLIB_MODULES } from "../../src/stdlib/registry.js";
import { BUILTIN_NAMES } from "../../src/runtime/builtins.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), "utf8");
const STALE = "stale: run `npm run docs:generate`";

beforeAll(async () => {
  await Promise.all(STDLIB_MODULES.map((n) => load(n)));
});

describe("generated docs", () => {
  it("docs/stdlib/ matches the stdlib metadata", () => {
    const files = renderReference();
    expect(readdirSync(join(root, "docs/stdlib")).filter((f) => f.endsWith(".md")).sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(read(`docs/stdlib/${name}`), `docs/stdlib/${name} ${STALE}`).toBe(text);
  });

  it("docs/language/builtins.md matches the builtins' metadata and lists every builtin", () => {
    const text = renderBuiltins();
    expect(read("docs/language/builtins.md"), STALE).toBe(text);
    for (const name of BUILTIN_NAMES) expect(text).toContain(`| \`${name}(`);
  });

  it("docs/api.md matches the declaration files of every entry point in package.json", async () => {
    const script = (await import(pathToFileURL(join(root, "scripts/api-docs.js")).href)) as { renderApiDocs(root: string): string };
    const text = script.renderApiDocs(root);
    expect(read("docs/api.md"), STALE).toBe(text);
    const pkg = JSON.parse(read("package.json")) as { exports: Record<string, unknown> };
    for (const key of Object.keys(pkg.exports)) {
      if (key === "./package.json") continue;
      expect(text).toContain(`## \`mljs-lang${key === "." ? "" : key.slice(1)}\``);
    }
    for (const name of ["load", "run", "compile", "check", "Program", "Limits", "capability", "withCapabilities", "Sandbox", "defineModule", "registry", "auditFile", "MLRuntimeError", "MLCompileError", "standaloneContext", "mljsPlugin", "loadRules"]) {
      expect(text, name).toMatch(new RegExp(`^### \`${name}\` — `, "m"));
    }
  });
});
