import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mljs, root, scratchDir } from "./helpers.js";

let dir: string;
beforeAll(() => {
  dir = scratchDir("init-");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mljs init", () => {
  it("writes a starter project whose own test passes with mljs-lang installed", () => {
    const r = mljs(dir, ["init", "demo"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("npm install");
    const project = join(dir, "demo");
    for (const f of ["package.json", "rules/pricing.ml", "rules/prices.json", "index.js", "test/pricing.test.js", "README.md", ".gitignore"]) {
      expect(existsSync(join(project, f)), f).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
    expect(pkg).toMatchObject({ name: "demo", type: "module", scripts: { test: "node --test" }, dependencies: { "mljs-lang": `^${version}` } });

    // As `npm install` would: mljs-lang in the project's node_modules (here, this repository).
    mkdirSync(join(project, "node_modules"));
    symlinkSync(root, join(project, "node_modules", "mljs-lang"), "dir");
    const test = spawnSync(process.execPath, ["--test"], { cwd: project, encoding: "utf8", timeout: 60_000 });
    expect(test.stdout).toContain("# fail 0");
    expect(test.stdout).toMatch(/# pass [1-9]/);
    expect(test.status).toBe(0);
    const start = spawnSync(process.execPath, ["index.js"], { cwd: project, encoding: "utf8", timeout: 60_000 });
    expect(start.stderr).toBe("");
    expect(start.stdout).toContain("order total: 52.5");
    // The ML module passes mljs check.
    expect(mljs(project, ["check", "rules"]).code).toBe(0);
  });

  it("refuses to overwrite existing files and writes nothing then", () => {
    const project = join(dir, "taken");
    mkdirSync(project);
    writeFileSync(join(project, "README.md"), "mine\n");
    const r = mljs(dir, ["init", "taken"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("not overwriting existing file in taken: README.md");
    expect(readFileSync(join(project, "README.md"), "utf8")).toBe("mine\n");
    expect(existsSync(join(project, "package.json"))).toBe(false);
  });

  it("initialises the current directory without an argument", () => {
    const here = join(dir, "here");
    mkdirSync(here);
    const r = mljs(here, ["init"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(here, "package.json"), "utf8")).name).toBe("here");
    expect(mljs(here, ["init", "a", "b"]).code).toBe(64);
  });
});
