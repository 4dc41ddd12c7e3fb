import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "mljs.js");
const scratchRoot = join(root, "test", "cli", ".scratch");
let dir: string;

function mljs(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  mkdirSync(scratchRoot, { recursive: true });
  dir = mkdtempSync(join(scratchRoot, "source-length-"));
  if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first (npm test does)");
  writeFileSync(join(dir, "hello.ml"), 'print("hello");\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--max-source-length", () => {
  it("refuses a longer file in run, check and compile (exit 2, ML0001)", () => {
    for (const command of [["run"], ["check"], ["compile"]]) {
      const r = mljs([...command, "--max-source-length", "10", "hello.ml"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("error[ML0001]: source is too long: 16 characters (maxSourceLength is 10)");
    }
  });

  it("accepts a file within the limit", () => {
    expect(mljs(["run", "--max-source-length", "16", "hello.ml"])).toMatchObject({ code: 0, stdout: "hello\n" });
    expect(mljs(["check", "--max-source-length", "16", "hello.ml"]).code).toBe(0);
  });

  it("is in the help, which does not say --sandbox refuses it", () => {
    const help = mljs(["--help"]);
    expect(help.stdout).toContain("--max-source-length N");
    expect(help.stdout).not.toContain("not with --sandbox");
  });

  it("is a usage error when it is not a number", () => {
    expect(mljs(["run", "--max-source-length", "many", "hello.ml"])).toMatchObject({ code: 64 });
  });

  it("applies in the sandbox's worker too", () => {
    expect(mljs(["run", "--sandbox", "--max-source-length", "16", "hello.ml"])).toMatchObject({ code: 0, stdout: "hello\n" });
    const r = mljs(["run", "--sandbox", "--max-source-length", "10", "hello.ml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[ML0001]: source is too long: 16 characters (maxSourceLength is 10)");
  });
});
