import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ignoreMatcher, parseIgnorePatterns } from "../../src/cli/fmt-ignore.js";
import { starterFiles } from "../../src/cli/templates/starter.js";
import { format } from "../../src/compiler/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "mljs.js");
let dir: string;

function mljs(args: string[], options: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? dir,
    encoding: "utf8",
    input: options.input,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const UGLY = "if(a){b( 1,2 );}\n";
const PRETTY = "if (a) {\n  b(1, 2);\n}\n";

beforeAll(() => {
  if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first (npm test does)");
  dir = mkdtempSync(join(root, "test", "cli", ".scratch-fmt-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh folder under the scratch directory with the given files. */
function project(files: Record<string, string>): string {
  const base = mkdtempSync(join(dir, "p-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(base, name, ".."), { recursive: true });
    writeFileSync(join(base, name), text);
  }
  return base;
}

describe("mljs fmt", () => {
  it("rewrites files in place, leaves formatted files untouched and says how many changed", () => {
    const p = project({ "a.ml": UGLY, "b.ml": PRETTY });
    const before = statSync(join(p, "b.ml")).mtimeMs;
    const r = mljs(["fmt", "a.ml", "b.ml"], { cwd: p });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ok: 1 file reformatted, 1 file already formatted\n");
    expect(readFileSync(join(p, "a.ml"), "utf8")).toBe(PRETTY);
    expect(statSync(join(p, "b.ml")).mtimeMs).toBe(before);
    expect(readdirSync(p).sort()).toEqual(["a.ml", "b.ml"]); // no temporary file left behind
  });

  it("--check writes nothing, lists the files that would change and exits 1", () => {
    const p = project({ "a.ml": UGLY, "b.ml": PRETTY });
    const r = mljs(["fmt", "--check", "."], { cwd: p });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("a.ml\n");
    expect(r.stderr).toContain("1 file not formatted");
    expect(readFileSync(join(p, "a.ml"), "utf8")).toBe(UGLY);
    const ok = mljs(["fmt", "--check", "b.ml"], { cwd: p });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe("ok: 1 file formatted\n");
  });

  it("reports a file that does not parse with its diagnostics, leaves it untouched and exits 2", () => {
    const p = project({ "bad.ml": "x = ;\n// keep me\n", "good.ml": UGLY });
    const r = mljs(["fmt", "."], { cwd: p });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[ML1010]");
    expect(r.stderr).toContain("bad.ml:1:5");
    expect(r.stderr).toContain("bad.ml has syntax errors; left unchanged");
    expect(readFileSync(join(p, "bad.ml"), "utf8")).toBe("x = ;\n// keep me\n");
    expect(readFileSync(join(p, "good.ml"), "utf8")).toBe(PRETTY); // the others are still formatted
  });

  it("walks directories for .ml files, skipping node_modules, dot-directories and .mljsfmtignore entries", () => {
    const p = project({
      "src/a.ml": UGLY,
      "src/deep/b.ml": UGLY,
      "src/notes.txt": UGLY,
      "node_modules/x/c.ml": UGLY,
      ".hidden/d.ml": UGLY,
      "gen/e.ml": UGLY,
      "src/deep/keep.ml": UGLY,
      ".mljsfmtignore": "# generated code\ngen/\n**/keep.ml\n",
    });
    const r = mljs(["fmt", "--check", "."], { cwd: p });
    expect(r.stdout.split("\n").filter(Boolean).sort()).toEqual(["src/a.ml", "src/deep/b.ml"]);
    // A file named explicitly is formatted even when the ignore file lists it.
    expect(mljs(["fmt", "--check", "gen/e.ml"], { cwd: p }).stdout).toBe("gen/e.ml\n");
  });

  it("formats standard input to standard output with '-'", () => {
    const r = mljs(["fmt", "-"], { input: UGLY });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(PRETTY);
    expect(mljs(["fmt", "--check", "-"], { input: PRETTY }).code).toBe(0);
    const unformatted = mljs(["fmt", "--check", "-"], { input: UGLY });
    expect(unformatted.code).toBe(1);
    expect(unformatted.stdout).toBe("");
    const broken = mljs(["fmt", "-"], { input: "x = ;" });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toContain("<stdin>:1:5");
  });

  it("keeps the file's permissions and replaces a symbolic link's target, not the link", () => {
    const p = project({ "real.ml": UGLY });
    chmodSync(join(p, "real.ml"), 0o640);
    symlinkSync("real.ml", join(p, "link.ml"));
    expect(mljs(["fmt", "link.ml"], { cwd: p }).code).toBe(0);
    expect(lstatSync(join(p, "link.ml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(p, "real.ml"), "utf8")).toBe(PRETTY);
    expect(statSync(join(p, "real.ml")).mode & 0o777).toBe(0o640);
  });

  it("usage errors, missing files and folders without .ml files", () => {
    const p = project({ "a.txt": "" });
    const none = mljs(["fmt"], { cwd: p });
    expect(none.code).toBe(64);
    expect(none.stderr).toContain("fmt needs at least one file or directory");
    const typo = mljs(["fmt", "--chek", "a.ml"], { cwd: p });
    expect(typo.code).toBe(64);
    expect(typo.stderr).toContain("did you mean '--check'?");
    expect(mljs(["fmt", "-", "a.ml"], { cwd: p }).code).toBe(64);
    const missing = mljs(["fmt", "nope.ml"], { cwd: p });
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain("cannot read 'nope.ml'");
    expect(mljs(["fmt", "."], { cwd: p }).code).toBe(66);
    const help = mljs(["fmt", "--help"], { cwd: p });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("mljs fmt [--check]");
  });
});

describe("the repository's own .ml files", () => {
  it("pass mljs fmt --check (except those listed in .mljsfmtignore)", () => {
    const r = mljs(["fmt", "--check", "."], { cwd: root });
    expect(r.stdout.endsWith("formatted\n") ? "" : r.stdout, "run `mljs fmt .` (or list the file in .mljsfmtignore)").toBe("");
    expect(r.code, r.stderr).toBe(0);
  });

  it("include the ML module of the project mljs init creates", () => {
    const modules = Object.entries(starterFiles({ name: "demo", version: "1.0.0" })).filter(([path]) => path.endsWith(".ml"));
    expect(modules.length).toBeGreaterThan(0);
    for (const [path, text] of modules) expect(format(text).text, path).toBe(text);
  });

  it("every entry of .mljsfmtignore still names a file", () => {
    const patterns = parseIgnorePatterns(readFileSync(join(root, ".mljsfmtignore"), "utf8"));
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) expect(existsSync(join(root, p)), p).toBe(true);
  });
});

describe(".mljsfmtignore patterns", () => {
  it("match files, directories and wildcards relative to the ignore file", () => {
    const base = "/w";
    const ignored = ignoreMatcher(parseIgnorePatterns("# c\n\ngen/\n/top.ml\n*.tmp.ml\nlib/**/old_*.ml\n"), base);
    expect(ignored("/w/gen/a.ml")).toBe(true);
    expect(ignored("/w/gen/deep/a.ml")).toBe(true);
    expect(ignored("/w/top.ml")).toBe(true);
    expect(ignored("/w/x.tmp.ml")).toBe(true);
    expect(ignored("/w/sub/x.tmp.ml")).toBe(false);
    expect(ignored("/w/lib/old_a.ml")).toBe(true);
    expect(ignored("/w/lib/v1/old_b.ml")).toBe(true);
    expect(ignored("/w/lib/new.ml")).toBe(false);
    expect(ignored("/w/generated.ml")).toBe(false);
    expect(ignored("/elsewhere/gen/a.ml")).toBe(false);
  });
});
