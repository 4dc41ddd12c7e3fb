/**
 * The playground's browser code (page, worker, shims) type-checks against the DOM library: the
 * project's own type-check covers only what Node tests import.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("playground sources", () => {
  it("type-check (playground/tsconfig.json)", () => {
    const r = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "playground/tsconfig.json"], { cwd: root, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});
