import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, sep, delimiter } from "node:path";
import type { LoadOptions } from "../../src/index.js";
import { capability } from "../../src/capabilities/token.js";
import { withCapabilities } from "../../src/capabilities/context.js";
import { MLError } from "../../src/runtime/errors.js";
import * as path from "../../src/stdlib/path.js";
import { auditFile, FindingCodes } from "../../src/audit/index.js";
import { ml, mlFails, mlAt, mlFailsAt } from "./ml.js";

const roots: string[] = [];
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mljs-"));
  roots.push(dir);
});
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function inDir(names: readonly string[] = ["path.read", "path.write"]) {
  return names.map((n) => capability(n, { resources: [dir + "/**"] }));
}

const lit = (s: string) => JSON.stringify(s);

/** Runs `source` as `<dir>/main.ml` (so relative paths start at `dir`). */
const runIn = (source: string, options: LoadOptions = {}) => mlAt(join(dir, "main.ml"), source, options);
const failIn = (source: string, options: LoadOptions = {}) => mlFailsAt(join(dir, "main.ml"), source, options);

/** A small tree: t/a.txt t/b.csv t/.hidden t/sub/c.csv t/sub/deep/d.csv t/empty/ */
function tree(): void {
  const t = join(dir, "t");
  mkdirSync(join(t, "sub", "deep"), { recursive: true });
  mkdirSync(join(t, "empty"));
  writeFileSync(join(t, "a.txt"), "a");
  writeFileSync(join(t, "b.csv"), "b");
  writeFileSync(join(t, ".hidden"), "h");
  writeFileSync(join(t, "sub", "c.csv"), "c");
  writeFileSync(join(t, "sub", "deep", "d.csv"), "d");
}

describe("path: string operations (no capability)", () => {
  it("join, dirname, basename, extname, split, normalize", async () => {
    const out = await ml(`import path;
      print(path.join("a", "b", "c.txt"), path.join("/x", "../y"), path.join("a"));
      print(path.dirname("/a/b/c.txt"), path.dirname("c.txt"), path.dirname("/"));
      print(path.basename("/a/b/c.txt"), path.basename("/a/b/"), path.basename(""));
      print(repr(path.extname("x.tar.gz")), repr(path.extname("noext")), repr(path.extname(".bashrc")));
      print(path.split("/a/b/c.txt"), path.split("c.txt"));
      print(path.normalize("a//b/./c/../d"), path.normalize(""));`);
    expect(out).toBe(
      "a/b/c.txt /x/../y a\n" +
        "/a/b  /\n" +
        "c.txt  \n" +
        '".gz" "" ""\n' +
        '["/a/b", "c.txt"] ["", "c.txt"]\n' +
        "a/b/d .\n",
    );
  });

  it("isAbsolute, relative, separator and delimiter", async () => {
    const out = await ml(`import path;
      print(path.isAbsolute("/a"), path.is_absolute("a/b"));
      print(path.relative("/a/b/c", "/a/d"), path.relative("a/b", "a/b/c/d"), repr(path.relative("a", "a")));
      print(repr(path.separator()), repr(path.delimiter()), repr(path.sep), repr(path.pathsep));`);
    expect(out).toBe(`true false\n../../d c/d ""\n${JSON.stringify(sep)} ${JSON.stringify(delimiter)} ${JSON.stringify(sep)} ${JSON.stringify(delimiter)}\n`);
  });

  it("relative never depends on the host's working directory", async () => {
    expect(await mlFails('import path; path.relative("/a", "b");')).toEqual({
      type: "ValueError",
      message: "path.relative() needs two absolute or two relative paths",
    });
    expect(await mlFails('import path; path.relative("../a", "b");')).toEqual({
      type: "ValueError",
      message: "path.relative() cannot compare relative paths that start with '..'",
    });
  });

  it("type and arity errors", async () => {
    expect(await mlFails("import path; path.join(\"a\", 1);")).toEqual({ type: "TypeError", message: "path.join() argument 2 must be a string, not number" });
    expect(await mlFails("import path; path.join();")).toEqual({ type: "TypeError", message: "path.join() takes at least 1 argument but 0 were given" });
    expect(await mlFails("import path; path.basename(null);")).toEqual({ type: "TypeError", message: "path.basename() argument 1 must be a string, not null" });
  });

  it("needs no capability, from ML or from the host", async () => {
    expect(await ml('import path; print(requiredCapabilities(path.join), requiredCapabilities(path.listDir));')).toBe('[] ["path.read"]\n');
    expect(path.join("a", "b")).toBe(join("a", "b"));
  });
});

describe("path: file-system queries", () => {
  it("exists, isFile, isDirectory", async () => {
    tree();
    const out = await runIn(`import path;
      print(path.exists("t/a.txt"), path.exists("t/sub"), path.exists("t/none"));
      print(path.isFile("t/a.txt"), path.is_file("t/sub"), path.isFile("t/none"));
      print(path.isDirectory("t/sub"), path.is_directory("t/a.txt"), path.isDirectory("t/none"));`, { capabilities: inDir() });
    expect(out).toBe("true true false\ntrue false false\ntrue false false\n");
  });

  it("absolute resolves from the program's directory", async () => {
    const out = await runIn('import path; print(path.absolute("x/y.txt")); print(path.absolute("."));', { capabilities: inDir() });
    expect(out).toBe(`${join(dir, "x/y.txt")}\n${dir}\n`);
  });

  it("listDir lists sorted names; list_dir defaults to the program's directory", async () => {
    tree();
    const out = await runIn('import path; print(path.listDir("t")); print(path.list_dir("t/empty")); print(path.listDir());', { capabilities: inDir() });
    expect(out).toBe('[".hidden", "a.txt", "b.csv", "empty", "sub"]\n[]\n["main.ml", "t"]\n');
  });

  it("listDir of a missing directory or a file is a ValueError", async () => {
    tree();
    expect(await failIn('import path; path.listDir("none");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Directory not found: none" });
    expect(await failIn('import path; path.listDir("t/a.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "Not a directory: t/a.txt",
    });
  });

  it("glob matches recursively, relative to the root, sorted", async () => {
    tree();
    const out = await runIn(`import path;
      print(path.glob("t/*.csv"));
      print(path.glob("t/**/*.csv"));
      print(path.glob("**/*.csv", "t"));
      print(path.glob("*", "t"));
      print(path.glob(".*", "t"));
      print(path.glob("t/a.txt"), path.glob("t/none.txt"), path.glob("none/*.txt"), path.glob(""));
      print(path.glob("t/{a,b}.*"), path.glob("t/?.txt"));`, { capabilities: inDir() });
    expect(out).toBe(
      '["t/b.csv"]\n' +
        '["t/b.csv", "t/sub/c.csv", "t/sub/deep/d.csv"]\n' +
        '["b.csv", "sub/c.csv", "sub/deep/d.csv"]\n' +
        '["a.txt", "b.csv", "empty", "sub"]\n' +
        '[".hidden"]\n' +
        '["t/a.txt"] [] [] []\n' +
        '["t/a.txt", "t/b.csv"] ["t/a.txt"]\n',
    );
  });

  it("glob with an absolute pattern returns absolute paths", async () => {
    tree();
    const out = await runIn(`import path; print(path.glob(${lit(join(dir, "t", "*.txt"))}));`, { capabilities: inDir() });
    expect(out).toBe(`[${lit(join(dir, "t", "a.txt"))}]\n`);
  });

  it("glob never follows symlinks out of the walked directory", async () => {
    tree();
    const other = mkdtempSync(join(tmpdir(), "mljs-other-"));
    roots.push(other);
    writeFileSync(join(other, "secret.csv"), "s");
    mkdirSync(join(other, "nested"));
    writeFileSync(join(other, "nested", "more.csv"), "m");
    symlinkSync(join(other, "secret.csv"), join(dir, "t", "out.csv"));
    symlinkSync(other, join(dir, "t", "outdir"));
    symlinkSync(join(dir, "t", "b.csv"), join(dir, "t", "inside.csv"));
    const out = await runIn('import path; print(path.glob("t/**/*.csv")); print(path.glob("t/*"));', { capabilities: inDir() });
    expect(out).toBe(
      '["t/b.csv", "t/inside.csv", "t/sub/c.csv", "t/sub/deep/d.csv"]\n' + '["t/a.txt", "t/b.csv", "t/empty", "t/inside.csv", "t/sub"]\n',
    );
  });

  it("walkTree works like os.walk, with maxDepth", async () => {
    tree();
    const out = await runIn('import path; for (e in path.walkTree("t")) { print(e); } print(path.walk_tree("t", 0)); print(len(path.walkTree("t", 1)));', {
      capabilities: inDir(),
    });
    expect(out).toBe(
      '{"path": "t", "dirs": ["empty", "sub"], "files": [".hidden", "a.txt", "b.csv"]}\n' +
        '{"path": "t/empty", "dirs": [], "files": []}\n' +
        '{"path": "t/sub", "dirs": ["deep"], "files": ["c.csv"]}\n' +
        '{"path": "t/sub/deep", "dirs": [], "files": ["d.csv"]}\n' +
        '[{"path": "t", "dirs": ["empty", "sub"], "files": [".hidden", "a.txt", "b.csv"]}]\n' +
        "3\n",
    );
  });

  it("walkTree lists symlinks among files and never enters them", async () => {
    tree();
    const other = mkdtempSync(join(tmpdir(), "mljs-other-"));
    roots.push(other);
    writeFileSync(join(other, "secret.txt"), "s");
    symlinkSync(other, join(dir, "t", "sub", "link"));
    const out = await runIn('import path; w = path.walkTree("t/sub"); print(w[0]["files"], len(w)); print(path.walk("t/sub"));', { capabilities: inDir() });
    expect(out).toBe('["c.csv", "link"] 2\n["c.csv", "deep/d.csv"]\n');
  });

  it("walk is mlpy's: sorted relative file paths, maxDepth -1 for no limit", async () => {
    tree();
    const out = await runIn('import path; print(path.walk("t")); print(path.walk("t", -1) == path.walk("t"), path.walk("t", 0), path.walk("t", 1));', {
      capabilities: inDir(),
    });
    expect(out).toBe(
      '[".hidden", "a.txt", "b.csv", "sub/c.csv", "sub/deep/d.csv"]\n' +
        'true [".hidden", "a.txt", "b.csv"] [".hidden", "a.txt", "b.csv", "sub/c.csv"]\n',
    );
  });

  it("walk errors", async () => {
    tree();
    expect(await failIn('import path; path.walk("none");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Directory not found: none" });
    expect(await failIn('import path; path.walkTree("t", -1);', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "path.walkTree() maxDepth must be a non-negative integer",
    });
    expect(await failIn('import path; path.walk("t", 1.5);', { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "path.walk() argument 2 must be an integer, not float",
    });
  });

  it("cwd is the program's directory; home and tempDir need a grant covering them", async () => {
    expect(await runIn("import path; print(path.cwd());", { capabilities: inDir() })).toBe(`${dir}\n`);
    const tmp = realpathSync(tmpdir());
    const grants = [capability("path.read", { resources: [tmp + "/**", tmp, homedir(), homedir() + "/**"] })];
    expect(await runIn("import path; print(path.tempDir(), path.temp_dir() == path.tempDir(), path.home());", { capabilities: grants })).toBe(
      `${tmpdir()} true ${homedir()}\n`,
    );
    const e = await failIn("import path; path.home();", { capabilities: inDir() });
    expect(e.type).toBe("CapabilityError");
  });
});

describe("path: mutations", () => {
  it("createDir creates parents, reports whether it created, refuses files", async () => {
    writeFileSync(join(dir, "f"), "x");
    const out = await runIn('import path; print(path.createDir("a/b/c")); print(path.create_dir("a/b/c")); print(path.isDirectory("a/b/c"));', {
      capabilities: inDir(),
    });
    expect(out).toBe("true\nfalse\ntrue\n");
    expect(await failIn('import path; path.createDir("f");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "File exists: f" });
    expect(await failIn('import path; path.createDir("x/y", false);', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "Parent directory not found: x/y",
    });
    expect(await runIn('import path; print(path.createDir("x", false));', { capabilities: inDir() })).toBe("true\n");
  });

  it("removeDir removes empty directories only", async () => {
    mkdirSync(join(dir, "e"));
    mkdirSync(join(dir, "full"));
    writeFileSync(join(dir, "full", "x"), "x");
    writeFileSync(join(dir, "f"), "x");
    expect(await runIn('import path; print(path.removeDir("e"));', { capabilities: inDir() })).toBe("true\n");
    expect(await failIn('import path; path.remove_dir("e");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Directory not found: e" });
    expect(existsSync(join(dir, "e"))).toBe(false);
    expect(await failIn('import path; path.removeDir("full");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Directory not empty: full" });
    expect(await failIn('import path; path.removeDir("f");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Not a directory: f" });
  });

  it("removeDirRecursive removes a tree without following links", async () => {
    tree();
    const other = mkdtempSync(join(tmpdir(), "mljs-other-"));
    roots.push(other);
    writeFileSync(join(other, "keep.txt"), "k");
    symlinkSync(other, join(dir, "t", "sub", "link"));
    expect(await runIn('import path; print(path.removeDirRecursive("t"));', { capabilities: inDir() })).toBe("true\n");
    expect(await failIn('import path; path.remove_dir_recursive("t");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "Directory not found: t",
    });
    expect(existsSync(join(dir, "t"))).toBe(false);
    expect(existsSync(join(other, "keep.txt"))).toBe(true);
  });
});

describe("path: capabilities", () => {
  const reads: [string, string][] = [
    ["absolute", 'path.absolute("x")'],
    ["exists", 'path.exists("x")'],
    ["isFile", 'path.isFile("x")'],
    ["isDirectory", 'path.isDirectory("x")'],
    ["listDir", 'path.listDir(".")'],
    ["glob", 'path.glob("*")'],
    ["walk", 'path.walk(".")'],
    ["walkTree", 'path.walkTree(".")'],
    ["cwd", "path.cwd()"],
    ["home", "path.home()"],
    ["tempDir", "path.tempDir()"],
  ];
  for (const [name, call] of reads) {
    it(`${name} needs path.read`, async () => {
      const e = await failIn(`import path; ${call};`);
      expect(e).toEqual({ type: "CapabilityError", message: `path.${name}() requires capability 'path.read': this run was not granted it` });
      await expect(runIn(`import path; ${call};`, { capabilities: ["path.read"] })).resolves.toBe("");
    });
  }
  const writes: [string, string][] = [
    ["createDir", 'path.createDir("nd")'],
    ["removeDir", 'path.removeDir("nd")'],
    ["removeDirRecursive", 'path.removeDirRecursive("nd")'],
  ];
  for (const [name, call] of writes) {
    it(`${name} needs path.write`, async () => {
      const e = await failIn(`import path; ${call};`, { capabilities: inDir(["path.read"]) });
      expect(e).toEqual({ type: "CapabilityError", message: `path.${name}() requires capability 'path.write': this run was not granted it` });
      mkdirSync(join(dir, "nd"), { recursive: true });
      await expect(runIn(`import path; ${call};`, { capabilities: inDir() })).resolves.toBe("");
    });
  }

  it("paths outside the grant, '..', NUL bytes and escaping symlinks are denied", async () => {
    tree();
    const other = mkdtempSync(join(tmpdir(), "mljs-other-"));
    roots.push(other);
    symlinkSync(other, join(dir, "t", "escape"));
    const grant = [capability("path.read", { resources: [join(dir, "t") + "/**"] }), capability("path.write", { resources: [join(dir, "t") + "/**"] })];
    for (const call of [
      "path.listDir(\".\")",
      `path.listDir(${lit(other)})`,
      'path.listDir("t/sub/..")',
      'path.exists("t/a.txt\\0")',
      'path.listDir("t/escape")',
      'path.glob("*", "t/escape")',
      'path.walk("t/escape")',
      'path.walkTree("t/escape")',
      'path.createDir("t/escape/new")',
      'path.removeDirRecursive("t/escape")',
    ]) {
      const e = await failIn(`import path; ${call};`, { capabilities: grant });
      expect(e.type, call).toBe("CapabilityError");
    }
    expect(existsSync(join(other, "new"))).toBe(false);
    expect(existsSync(other)).toBe(true);
    expect(await runIn('import path; print(path.listDir("t/sub"));', { capabilities: grant })).toBe('["c.csv", "deep"]\n');
  });

  it("help describes the functions", async () => {
    const out = await ml("import path; print(help(path.glob)); print(help(path.removeDirRecursive));");
    expect(out).toContain('path.glob(pattern, root=".")');
    expect(out).toContain("Requires: path.read");
    expect(out).toContain("Requires: path.write");
  });

  it("host calls are denied outside a context and allowed inside one", () => {
    tree();
    expect(() => path.listDir(join(dir, "t"))).toThrow(MLError);
    expect(withCapabilities(inDir(), () => path.listDir(join(dir, "t", "sub")))).toEqual(["c.csv", "deep"]);
    expect(withCapabilities(inDir(), () => path.isFile(join(dir, "t", "a.txt")))).toBe(true);
  });
});

describe("path: mlpy's forms (Python's os.path)", () => {
  it("separator() and delimiter() are functions; path.sep and path.pathsep the constants", async () => {
    expect(await ml("import path; print(path.separator() == path.sep, path.delimiter() == path.pathsep, typeof(path.separator));")).toBe(
      "true true function\n",
    );
  });

  it("join restarts at an absolute part and does not normalize", async () => {
    const out = await ml(`import path;
      print(path.join("a", "/b"), path.join("a/", "b"), path.join("a", "../b"), path.join("a", ""), path.join("", "b"), path.join("/", "x"));`);
    expect(out).toBe("/b a/b a/../b a/ b /x\n");
  });

  it("dirname, basename, split and normalize on edge inputs", async () => {
    const out = await ml(`import path;
      print(repr(path.dirname("f")), path.dirname("a/b/"), path.dirname("//x"), path.dirname("a//b"));
      print(repr(path.basename("a/b/")), path.basename("a/b"), path.split("a/b/"), path.split("/"));
      print(path.normalize("a/b/"), path.normalize("/"), path.normalize("./"), path.normalize("a/.."), path.normalize("../x/"));`);
    expect(out).toBe('"" a/b // a\n"" b ["a/b", ""] ["/", ""]\na/b / . . ../x\n');
  });
});

describe("path.join in mljs audit", () => {
  it("a part starting with '/' starts the suggested path again, as path.join does", async () => {
    const file = join(dir, "j.ml");
    writeFileSync(file, 'import path; import file;\nprint(file.read(path.join("data", "/srv/in.txt")), file.read(path.join("data", "a.txt")));\n');
    const finding = (await auditFile(file)).findings.find((f) => f.code === FindingCodes.NoManifest);
    expect(finding?.suggestion).toContain('allow file.read "/srv/in.txt"');
    expect(finding?.suggestion).toContain('allow file.read "data/a.txt"');
    expect(finding?.suggestion).not.toContain("data//srv");
  });
});
