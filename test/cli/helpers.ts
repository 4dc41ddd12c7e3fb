/** Spawning the built CLI (`node bin/mljs.js …`) from the tests of test/cli. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const bin = join(root, "bin", "mljs.js");

/** A fresh directory under test/cli/.scratch (inside the package, so `mljs-lang` resolves by self-reference). */
export function scratchDir(prefix: string): string {
  if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first (npm test does)");
  const base = join(root, "test", "cli", ".scratch");
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, prefix));
}

/** Runs `mljs args…` in `cwd` with `input` on standard input (not a terminal). */
export function mljs(cwd: string, args: string[], input?: string, env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    input: input ?? "",
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, MLJS_REPL_HISTORY: "", ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
