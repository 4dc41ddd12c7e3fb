/**
 * `mljs compile` output runs under `node` (ESM and CommonJS), with stdlib and user-module imports,
 * and its source maps resolve to files that exist (docs/compiling.md).
 *
 * Needs `dist/` (npm test builds it). Outputs are written inside the package, so that
 * `mljs-lang/compiled` resolves by self-reference, as it does for a project depending on mljs-lang.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "mljs.js");
const scratchRoot = join(root, "test", "cli", ".scratch");
let dir: string;

function node(args: string[], cwd = dir, input?: string) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8", input, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const mljs = (args: string[]) => node([bin, ...args]);

/** Compiles with `args`, expecting success. */
function compileOk(args: string[]): void {
  const r = mljs(["compile", ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}

const EXPECTED = "3 {\"x\": [1, 2]}\n42 hello ML\ntrue true\n";

beforeAll(() => {
  if (!existsSync(join(root, "dist", "compiled.js"))) throw new Error("run `npm run build` first (npm test does)");
  mkdirSync(scratchRoot, { recursive: true });
  dir = mkdtempSync(join(scratchRoot, "compile-"));
  mkdirSync(join(dir, "a"));
  writeFileSync(join(dir, "main.ml"), [
    "import math;",
    "import json;",
    "import datetime;",
    "import args;",
    "import utils;",
    "import a.b;",
    'print(math.floor(3.7), json.parse("{\\"x\\": [1, 2]}"));',
    'print(utils.double(21), a.b.greet("ML"));',
    "print(datetime.isLeapYear(2024), datetime.now().year() >= 2024);",
    'if (len(args.rest()) > 0 && args.rest()[0] == "fail") {',
    "  a.b.divide(1, 0);",
    "}",
    "",
  ].join("\n"));
  writeFileSync(join(dir, "utils.ml"), "function double(x) { return x * 2; }\n");
  writeFileSync(join(dir, "a", "b.ml"), [
    'function greet(name) { return "hello " + name; }',
    "function divide(x, y) {",
    "  return x // y;",
    "}",
    "",
  ].join("\n"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GRANTS = ["--allow", "datetime.now", "--allow", "args.read"];

describe("mljs compile output runs with node", () => {
  it("ESM (the default), into folders that do not exist yet", () => {
    compileOk(["main.ml", "-o", "out/esm/deep/main.js", "--source-map", ...GRANTS]);
    const r = node(["out/esm/deep/main.js"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED);
    const code = readFileSync(join(dir, "out/esm/deep/main.js"), "utf8");
    // The runtime and the stdlib come from the installed package, never copied in.
    expect(code).toContain('from "mljs-lang/compiled"');
    expect(code).not.toMatch(/require\(/);
  });

  it("CommonJS with --format cjs", () => {
    compileOk(["main.ml", "-o", "out/cjs/main.cjs", "--format", "cjs", "--source-map", ...GRANTS]);
    const code = readFileSync(join(dir, "out/cjs/main.cjs"), "utf8");
    expect(code).toContain('require("mljs-lang/compiled")');
    expect(code).not.toMatch(/^import /m);
    const r = node(["out/cjs/main.cjs"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED);
  });

  for (const [format, file] of [["esm", "out/esm/deep/main.js"], ["cjs", "out/cjs/main.cjs"]] as const) {
    it(`${format}: an uncaught error exits 1 with the ML error, mapped to the .ml files`, () => {
      const r = node([file, "fail"]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(EXPECTED);
      expect(r.stderr).toContain("a/b.ml:3:12: ZeroDivisionError: integer division or modulo by zero");
      expect(r.stderr).toContain("return x // y;");
      expect(r.stderr).toContain("at divide (a/b.ml:3:12)");
      expect(r.stderr).toContain("at <module> (main.ml:11:");
    });
  }

  it("source-map sources are relative to the map, name files that exist, and carry their contents", () => {
    for (const file of ["out/esm/deep/main.js", "out/cjs/main.cjs"]) {
      const mapFile = join(dir, `${file}.map`);
      expect(readFileSync(join(dir, file), "utf8")).toContain(`//# sourceMappingURL=${file.split("/").pop()}.map`);
      const map = JSON.parse(readFileSync(mapFile, "utf8"));
      expect(map.version).toBe(3);
      expect(map.file).toBe(file.split("/").pop());
      expect(map.sources.length).toBe(3);
      map.sources.forEach((source: string, i: number) => {
        const target = resolve(dirname(mapFile), source);
        expect(existsSync(target), `${source} from ${mapFile}`).toBe(true);
        expect(map.sourcesContent[i]).toBe(readFileSync(target, "utf8"));
      });
      expect(map.sources.map((s: string) => resolve(dirname(mapFile), s)).sort())
        .toEqual([join(dir, "a", "b.ml"), join(dir, "main.ml"), join(dir, "utils.ml")].sort());
    }
  });

  it("capabilities: none unless given at compile time; the error's hint says so", () => {
    compileOk(["main.ml", "-o", "out/nogrant.js"]);
    const r = node(["out/nogrant.js"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("3 {\"x\": [1, 2]}\n42 hello ML\n");
    expect(r.stderr).toContain("CapabilityError: datetime.now() requires capability 'datetime.now'");
    expect(r.stderr).toContain("compile it with --allow datetime.now");
    // Without --source-map there is no position, but the error is still reported.
    expect(r.stderr).not.toContain("main.ml:");
  });

  it("relative paths and patterns start at the entry's source directory, wherever node is started", () => {
    mkdirSync(join(dir, "data"), { recursive: true });
    writeFileSync(join(dir, "data", "note.txt"), "from data\n");
    writeFileSync(join(dir, "reader.ml"), 'import file;\nprint(file.read("data/note.txt").strip());\n');
    compileOk(["reader.ml", "-o", "out/reader/reader.js", "--allow", "file.read=data/**"]);
    const r = node([join(dir, "out/reader/reader.js")], scratchRoot);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("from data\n");
    expect(readFileSync(join(dir, "out/reader/reader.js"), "utf8")).toContain('grants: [{"name":"file.read","resources":["data/**"]}]');
  });

  it("limits given at compile time apply (exit 3), and input() reads stdin", () => {
    writeFileSync(join(dir, "spin.ml"), 'name = input("name? ");\nprint("hi " + name);\nwhile (true) { }\n');
    compileOk(["spin.ml", "-o", "out/spin.js", "--steps", "10000"]);
    const r = node(["out/spin.js"], dir, "Ada\n");
    expect(r.stdout).toBe("name? hi Ada\n");
    expect(r.stderr).toContain("LimitError: step limit exceeded (10000 steps)");
    expect(r.code).toBe(3);
  });

  it("a program with an asynchronous module (http) compiles async bodies and runs", () => {
    writeFileSync(join(dir, "net.ml"), "import http;\nfunction get(u) { return http.get(u); }\nready = true;\n");
    writeFileSync(join(dir, "uses-net.ml"), "import net;\nprint(net.ready);\n");
    compileOk(["uses-net.ml", "-o", "out/net.mjs"]);
    expect(readFileSync(join(dir, "out/net.mjs"), "utf8")).toContain("async function $module($ctx)");
    const r = node(["out/net.mjs"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("true\n");
    expect(r.code).toBe(0);
  });

  it("--source-map without -o inlines the map; the saved output runs and maps its errors", () => {
    const r = mljs(["compile", "main.ml", "--source-map", ...GRANTS]);
    expect(r.code).toBe(0);
    const inline = /\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,(\S+)\n$/.exec(r.stdout);
    expect(inline).not.toBeNull();
    const map = JSON.parse(Buffer.from(inline![1]!, "base64").toString("utf8"));
    // Relative to where the output is saved: the current directory.
    expect(map.sources.sort()).toEqual(["a/b.ml", "main.ml", "utils.ml"]);
    for (const source of map.sources) expect(existsSync(join(dir, source))).toBe(true);
    expect(map.sourcesContent.every((c: unknown) => typeof c === "string" && c.length > 0)).toBe(true);
    writeFileSync(join(dir, "saved.mjs"), r.stdout);
    const run = node(["saved.mjs", "fail"]);
    expect(run.stdout).toBe(EXPECTED);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("at divide (a/b.ml:3:12)");
  });

  it("is importable: run(options) takes the host's options (and no compile-time grant)", async () => {
    const mod = await import(pathToFileURL(join(dir, "out/esm/deep/main.js")).href);
    const out: string[] = [];
    const denied = await mod.default({ stdout: (t: string) => out.push(t) }).catch((e: unknown) => e);
    expect((denied as { mlType?: string }).mlType).toBe("CapabilityError");
    // Under plain node (this test runner evaluates imported files itself), the host's error
    // carries the ML stack, through the output's source map.
    const host = node(["--input-type=module", "-e",
      'import run from "./out/esm/deep/main.js"; run({}).catch((e) => console.log(String(e.mlStack[0])));']);
    expect(host.stderr).toBe("");
    expect(host.stdout).toMatch(/^<module> \(main\.ml:9:\d+\)\n$/);
    expect(out.join("")).toBe("3 {\"x\": [1, 2]}\n42 hello ML\n");
    const lines: string[] = [];
    const program = await mod.run({ capabilities: ["datetime.now", "args.read"], stdout: (t: string) => lines.push(t) });
    expect(lines.join("")).toBe(EXPECTED);
    expect(Object.keys(program.exports)).toEqual([]);
  });

  it("shares the stdlib with its host: the installed mljs-lang's modules, not copies", () => {
    writeFileSync(join(dir, "when.ml"), "import datetime;\nd = datetime.createDate(2024, 2, 29);\n");
    compileOk(["when.ml", "-o", "out/when.js"]);
    const host = [
      'import run from "./out/when.js";',
      'import { Date as MLDate } from "mljs-lang/stdlib/datetime";',
      "const p = await run();",
      "console.log(p.exports.d instanceof MLDate);",
    ].join("\n");
    const r = node(["--input-type=module", "-e", host]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("true\n");
  });

  it("is requirable from CommonJS: the module is run(options), also as .run and .default", () => {
    writeFileSync(join(dir, "lib.ml"), "function twice(x) { return x * 2; }\nprint(twice(21));\n");
    compileOk(["lib.ml", "-o", "out/lib.cjs", "--format", "cjs"]);
    const script = [
      'const run = require("./out/lib.cjs");',
      "if (run.default !== run || run.run !== run) throw new Error('exports');",
      "run({ stdout: (t) => process.stdout.write('[host] ' + t) }).then((p) => console.log(p.exports.twice(5)));",
    ].join("\n");
    const r = node(["-e", script]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("[host] 42\n10\n");
  });

  it("refuses to run under another mljs-lang version, saying to compile again", () => {
    writeFileSync(join(dir, "old.mjs"), readFileSync(join(dir, "out/lib.cjs"), "utf8")
      .replace(/version: "[^"]*"/, 'version: "0.0.0-old"')
      .replace('const { runCompiled, runMain } = require("mljs-lang/compiled");', 'import { runCompiled, runMain } from "mljs-lang/compiled";')
      .replace("__filename", "import.meta.url")
      .replace(/module\.exports[\s\S]*$/, "runMain(program);\n"));
    const r = node(["old.mjs"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("compiled by mljs-lang 0.0.0-old");
    expect(r.stderr).toContain("compile it again");
  });
});

describe("mljs compile: options and failures", () => {
  it("--mode function keeps the bare function body", () => {
    const r = mljs(["compile", "utils.ml", "--mode", "function"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('"use strict";\nconst $rt = $ctx.rt')).toBe(true);
    expect(r.stdout).not.toContain("import");
    compileOk(["utils.ml", "--mode", "function", "-o", "fn/utils.js", "--source-map"]);
    const map = JSON.parse(readFileSync(join(dir, "fn/utils.js.map"), "utf8"));
    expect(map.sources).toEqual(["../utils.ml"]);
  });

  it("--help describes the options and points at docs/compiling.md", () => {
    const r = mljs(["compile", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--format esm|cjs");
    expect(r.stdout).toContain("docs/compiling.md");
    expect(existsSync(join(root, "docs", "compiling.md"))).toBe(true);
  });

  it("usage errors exit 64", () => {
    expect(mljs(["compile", "main.ml", "--format", "umd"]).stderr).toContain("--format must be 'esm' or 'cjs'");
    expect(mljs(["compile", "main.ml", "--format", "umd"]).code).toBe(64);
    const fn = mljs(["compile", "main.ml", "--mode", "function", "--allow", "datetime.now"]);
    expect(fn.code).toBe(64);
    expect(fn.stderr).toContain("--allow applies to runnable output");
    expect(mljs(["compile", "main.ml", "--allow", "datetime.nwo"]).code).toBe(64);
  });

  it("warns when Node would load the output in the other format", () => {
    // The scratch folder is inside this package, whose package.json says "type": "module".
    const js = mljs(["compile", "utils.ml", "--format", "cjs", "-o", "out/w.js"]);
    expect(js.code).toBe(0);
    expect(js.stderr).toMatch(/warning: w\.js will be loaded as an ES module \("type": "module" in .*package\.json\): name it \.cjs/);
    expect(mljs(["compile", "utils.ml", "-o", "out/w.cjs"]).stderr).toContain("w.cjs will be loaded as CommonJS (.cjs): name it .mjs");
    expect(mljs(["compile", "utils.ml", "--format", "cjs", "-o", "out/w2.cjs"]).stderr).toBe("");
    // An ES module .js under a package.json without "type": "module": node warns at each start.
    mkdirSync(join(dir, "typeless"), { recursive: true });
    writeFileSync(join(dir, "typeless", "package.json"), "{}\n");
    expect(mljs(["compile", "utils.ml", "-o", "typeless/u.js"]).stderr)
      .toMatch(/warning: node will warn that u\.js is an ES module in a package without "type": "module" .*name it \.mjs/);
    expect(mljs(["compile", "utils.ml", "-o", "typeless/u.mjs"]).stderr).toBe("");
  });

  it("compile errors in any module exit 2 with every diagnostic; a missing file exits 66", () => {
    writeFileSync(join(dir, "broken.ml"), "function f() { return nope; }\n");
    writeFileSync(join(dir, "uses-broken.ml"), "import broken;\nimport missing_one;\n");
    const r = mljs(["compile", "uses-broken.ml", "-o", "out/never.js"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("broken.ml:1:23");
    expect(r.stderr).toContain("cannot find module 'missing_one'");
    expect(existsSync(join(dir, "out/never.js"))).toBe(false);
    const missing = mljs(["compile", "nope.ml", "-o", "out/nope.js"]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain("nope.ml");
  });

  it("an output that cannot be written is reported, not an internal error", () => {
    const r = mljs(["compile", "utils.ml", "-o", "main.ml/inside.js"]);
    expect(r.code).toBe(73);
    expect(r.stderr).toContain("mljs: cannot write 'main.ml/inside.js'");
  });
});
