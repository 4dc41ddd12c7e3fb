import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "mljs.js");
// Inside the package, so that compiled modules can import "mljs-lang/runtime" by self-reference.
const scratchRoot = join(root, "test", "cli", ".scratch");
let dir: string;

function mljs(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: "utf8",
    input,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  mkdirSync(scratchRoot, { recursive: true });
  dir = mkdtempSync(join(scratchRoot, "cli-"));
  if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first (npm test does)");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mljs CLI", () => {
  it("--help and --version", () => {
    const help = mljs(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("mljs run");
    expect(help.stdout).toContain("Exit codes");
    const version = mljs(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  });

  it("runs the welcome example", () => {
    const r = spawnSync(process.execPath, [bin, "run", "examples/welcome.ml"], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Welcome to ML!");
    expect(r.stdout).toContain("7 // 2 = 3 and -7 // 2 = -4");
  });

  it("--allow grants capabilities (optionally with a pattern), --allow-all grants every one", () => {
    writeFileSync(join(dir, "caps.ml"), 'import math;\nprint(getCapabilities());\nprint(getCapabilityInfo("file.read"));\nx = math.random();\n');
    const denied = mljs(["run", "caps.ml"]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("CapabilityError: math.random() requires capability 'random.generate'");
    expect(denied.stderr).toContain("hint: grant it with --allow random.generate");
    const granted = mljs(["run", "--allow", "random.generate", "--allow", "file.read=data/**", "--allow=file.read=out/*", "caps.ml"]);
    expect(granted.stderr).toBe("");
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain('["file.read", "random.generate"]');
    expect(granted.stdout).toContain('"patterns": ["data/**", "out/*"]');
    const all = mljs(["run", "--allow-all", "caps.ml"]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('"network.http"');
    const typo = mljs(["run", "--allow", "random.generat", "caps.ml"]);
    expect(typo.code).toBe(64);
    expect(typo.stderr).toContain('unknown capability "random.generat" (did you mean "random.generate"?)');
  });

  it("--sandbox runs in a worker: a memory bomb and an endless loop end with exit code 3", () => {
    writeFileSync(join(dir, "bomb.ml"), 'print("start");\na = [];\nwhile (true) { a.append([0] * 100000); }\n');
    const bomb = mljs(["run", "--sandbox", "--memory", "64", "bomb.ml"]);
    expect(bomb.stdout).toBe("start\n");
    expect(bomb.stderr).toContain("memory limit of 64 MB");
    expect(bomb.code).toBe(3);
    writeFileSync(join(dir, "spin.ml"), "while (true) { }\n");
    const spin = mljs(["run", "--sandbox", "--timeout", "300", "spin.ml"]);
    expect(spin.stderr).toContain("LimitError: time limit exceeded (300 ms)");
    expect(spin.code).toBe(3);
    writeFileSync(join(dir, "ok.ml"), "import math; print(math.random() < 1, getCapabilities());\n");
    const ok = mljs(["run", "--sandbox", "--allow", "random.generate", "ok.ml"]);
    expect(ok.stdout).toBe('true ["random.generate"]\n');
    expect(ok.code).toBe(0);
    expect(mljs(["run", "--memory", "64", "ok.ml"]).code).toBe(64);
  });

  it("audit reports undeclared capabilities with exit code 1, and nothing on benign code", () => {
    writeFileSync(join(dir, "audited.ml"), 'capability Clock { allow datetime.now; }\nimport datetime;\nimport random;\nprint(datetime.now(), random.random());\n');
    const r = mljs(["audit", "audited.ml"]);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain("capability 'random.generate' is reachable");
    const json = mljs(["audit", "--json", "audited.ml"]);
    expect(json.code).toBe(1);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain("random.generate");
    writeFileSync(join(dir, "benign.ml"), 'file = "data.txt"; random = 4; function read(x) { return x; } print(read(file), random, "http.get(");\n');
    const benign = mljs(["audit", "benign.ml"]);
    expect(benign.code).toBe(0);
    expect(benign.stdout).toContain("no findings");
  });

  it("passes the arguments after the script to the program", () => {
    writeFileSync(join(dir, "argv.ml"), "import args;\nprint(args.rest());\n");
    const r = mljs(["run", "--allow", "args.read", "argv.ml", "--verbose", "in.txt"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('["--verbose", "in.txt"]\n');
  });

  it("prints a runtime error with file:line:col, a code frame and exit code 1", () => {
    writeFileSync(join(dir, "boom.ml"), 'print("before");\nitems = [1, 2];\nprint(items[7]);\n');
    const r = mljs(["run", "boom.ml"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toContain("boom.ml:3:");
    expect(r.stderr).toContain("IndexError: list index out of range");
    expect(r.stderr).toContain("^");
  });

  it("reports every syntax error with code frames and exit code 2", () => {
    writeFileSync(join(dir, "bad.ml"), "x = ;\ny = 2;\nz = (3 + ;\n");
    const r = mljs(["run", "bad.ml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.ml:1:/);
    expect(r.stderr).toMatch(/bad\.ml:3:/);
    expect(r.stderr).toContain("^");
    expect(r.stderr).not.toContain("\x1b[");
  });

  it("stops an infinite loop with --steps (exit 3) and --timeout", () => {
    writeFileSync(join(dir, "spin.ml"), "while (true) {}\n");
    const steps = mljs(["run", "--steps", "10000", "spin.ml"]);
    expect(steps.code).toBe(3);
    expect(steps.stderr).toContain("LimitError");
    const time = mljs(["run", "--timeout", "100", "spin.ml"]);
    expect(time.code).toBe(3);
    expect(time.stderr).toContain("time limit exceeded");
  });

  it("reads input() from stdin", () => {
    writeFileSync(join(dir, "ask.ml"), 'name = input("name? ");\nprint("hi " + name);\n');
    const r = mljs(["run", "ask.ml"], "Ada\n");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("name? hi Ada\n");
  });

  it("check: ok, errors and exit codes", () => {
    writeFileSync(join(dir, "good.ml"), "x = 1;\nprint(x);\n");
    writeFileSync(join(dir, "names.ml"), "count = 1;\nprint(cout);\n");
    const ok = mljs(["check", "good.ml"]);
    expect(ok.code).toBe(0);
    const bad = mljs(["check", "good.ml", "names.ml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("names.ml:2:7");
    expect(bad.stderr).toContain("did you mean 'count'");
  });

  it("compile -o with --source-map writes a runnable module and its map", async () => {
    writeFileSync(join(dir, "lib.ml"), "function twice(x) { return x * 2; }\nprint(twice(21));\n");
    const r = mljs(["compile", "lib.ml", "-o", "lib.mjs", "--source-map"]);
    expect(r.code).toBe(0);
    const code = readFileSync(join(dir, "lib.mjs"), "utf8");
    expect(code).toContain("sourceMappingURL=lib.mjs.map");
    const map = JSON.parse(readFileSync(join(dir, "lib.mjs.map"), "utf8"));
    expect(map.version).toBe(3);
    expect(map.sources).toEqual(["lib.ml"]);
    const out: string[] = [];
    const mod = await import(pathToFileURL(join(dir, "lib.mjs")).href);
    // The default export runs the program with a host's options (docs/compiling.md).
    const program = await mod.default({ stdout: (t: string) => out.push(t) });
    expect(out.join("")).toBe("42\n");
    expect(program.exports.twice(5)).toBe(10);
  });

  it("usage errors exit 64, missing files 66", () => {
    expect(mljs(["frobnicate"]).code).toBe(64);
    expect(mljs(["run"]).code).toBe(64);
    expect(mljs(["run", "--steps", "lots", "x.ml"]).code).toBe(64);
    const missing = mljs(["run", "nope.ml"]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain("nope.ml");
  });
});
