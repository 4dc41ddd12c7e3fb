/**
 * The stdlib reference in docs/stdlib/ is generated from the metadata; this fails when the
 * checked-in files are stale (run `npm run docs:stdlib`).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { renderReference } from "../../src/stdlib/reference.js";
import { load, STDLIB_MODULES } from "../../src/stdlib/registry.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "stdlib");

beforeAll(async () => {
  await Promise.all(STDLIB_MODULES.map((n) => load(n)));
});

describe("docs/stdlib", () => {
  it("is up to date with the metadata (npm run docs:stdlib)", () => {
    const files = renderReference();
    expect(readdirSync(dir).filter((f) => f.endsWith(".md")).sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(readFileSync(join(dir, name), "utf8"), name).toBe(text);
  });
});
