/**
 * `mljs audit`: reachable capabilities through the call graph, every finding kind, no false
 * positives on ordinary names and strings, the repository's examples, and the command itself
 * (text and JSON output, exit codes).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFile, auditSource, FindingCodes, type AuditResult } from "../../src/audit/index.js";
import { isBroadPattern } from "../../src/audit/declarations.js";
import { auditCommand } from "../../src/cli/commands/audit.js";
import { UsageError } from "../../src/cli/usage.js";
import { defineModule, StdlibObject } from "../../src/stdlib/define.js";
import { registry } from "../../src/stdlib/registry.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

// An extension module whose class has a capability-requiring method (no stdlib class has one
// unconditionally), to exercise method metadata.
class Gauge extends StdlibObject {}
const probe = defineModule("auditprobe", "Audit test module.");
probe.class(Gauge, {
  name: "Gauge",
  description: "A probe object.",
  members: [
    probe.method({ name: "sample", aliases: ["take_sample"], params: "", returns: "number", description: "Needs random.generate.", requires: ["random.generate"] }, () => 1),
    probe.method({ name: "label", params: "", returns: "string", description: "Needs nothing." }, () => "g"),
  ],
});
probe.function({ name: "gauge", params: "", returns: "Gauge", description: "A gauge." }, () => new Gauge());
if (!registry.has("auditprobe")) registry.register("auditprobe", { definition: probe.done() });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mljs-audit-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `files` (name → source) into a fresh directory; returns its path. */
function project(files: Record<string, string>): string {
  const at = mkdtempSync(join(dir, "p-"));
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(join(at, name, ".."), { recursive: true });
    writeFileSync(join(at, name), source);
  }
  return at;
}

async function audit(source: string): Promise<AuditResult> {
  const r = await auditSource({ source, filename: "main.ml" });
  expect(r.diagnostics).toEqual([]);
  expect(r.ok).toBe(true);
  return r;
}

const reachable = (r: AuditResult): string[] => r.reachable.map((c) => c.capability);
const only = (r: AuditResult, code: string) => r.findings.filter((f) => f.code === code);

describe("reachable capabilities", () => {
  it("follows direct calls, module and function aliases, and `import as`", async () => {
    expect(reachable(await audit("import math;\nx = math.random();"))).toEqual(["random.generate"]);
    expect(reachable(await audit("import math;\nm = math;\nfunction f() { return m.random(); }"))).toEqual(["random.generate"]);
    expect(reachable(await audit("import datetime;\nfunction f() { g = datetime.now; return g(); }"))).toEqual(["datetime.now"]);
    expect(reachable(await audit("import datetime as d;\nprint(d.today());"))).toEqual(["datetime.now"]);
    expect(reachable(await audit("import random;\nprint(random.random_int(1, 6));"))).toEqual(["random.generate"]);
    expect(reachable(await audit("import math;\nprint(call(math.random));"))).toEqual(["random.generate"]);
    expect(reachable(await audit('import math;\nprint(getattr(math, "random")());'))).toEqual(["random.generate"]);
  });

  it("records where and how each capability is used", async () => {
    const r = await audit('import file;\nimport csv;\nfunction load() {\n  return file.read("a.txt") + str(csv.read("b.csv"));\n}');
    expect(r.reachable).toEqual([{
      capability: "file.read",
      sites: [
        { file: "main.ml", loc: expect.objectContaining({ start: expect.objectContaining({ line: 4, column: 10 }) }), via: "file.read()", resources: ["a.txt"] },
        { file: "main.ml", loc: expect.objectContaining({ start: expect.objectContaining({ line: 4, column: 35 }) }), via: "csv.read()", resources: ["b.csv"] },
      ],
    }]);
  });

  it("does not count referring to a function without calling or passing it", async () => {
    const r = await audit("import file;\nimport math;\nprint(requiredCapabilities(file.read), help(math.random), typeof(math));\nfile.read;");
    expect(reachable(r)).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it("counts a stdlib function passed to other code, returned or stored", async () => {
    expect(reachable(await audit("import functional;\nimport math;\nxs = functional.map(fn(x) => x, [math.random]);"))).toEqual(["random.generate"]);
    expect(reachable(await audit("import datetime;\nfunction clock() { return datetime.now; }"))).toEqual(["datetime.now"]);
    expect(reachable(await audit('import datetime;\no = {};\no["f"] = datetime.now;'))).toEqual(["datetime.now"]);
    // The audited file's exports: ML functions are roots (the host may call them); stdlib values
    // are the host's to use as it could anyway.
    expect(reachable(await audit("import datetime;\nclock = fn() => datetime.now();"))).toEqual(["datetime.now"]);
    expect(reachable(await audit("import datetime;\nimport file;\nclock = datetime.now;\nf = file;\nprint(f.exists(\"x\"));"))).toEqual(["file.read"]);
  });

  it("resolves methods of stdlib objects from the metadata, through chains and variables", async () => {
    expect(reachable(await audit("import auditprobe;\nprint(auditprobe.gauge().sample());"))).toEqual(["random.generate"]);
    expect(reachable(await audit("import auditprobe;\ng = auditprobe.gauge();\nfunction f() { return g.take_sample(); }"))).toEqual(["random.generate"]);
    expect(reachable(await audit("import auditprobe;\nprint(auditprobe.gauge().label());"))).toEqual([]);
  });

  it("applies conditional requirements: ArgParser.parse() without argv, calculateAge without a date", async () => {
    expect(reachable(await audit('import args;\nprint(args.createParser("tool").addFlag("v").parse());'))).toEqual(["args.read"]);
    expect(reachable(await audit('import args;\nprint(args.createParser("tool").parse(null));'))).toEqual(["args.read"]);
    expect(reachable(await audit('import args;\nprint(args.createParser("tool").parse(["-v"]));'))).toEqual([]);
    const age = await audit('import datetime;\nb = datetime.createDate(1990, 1, 2);\nprint(datetime.calculateAge(b));');
    expect(age.reachable[0]!.sites[0]!.via).toBe("datetime.calculateAge() without its optional argument");
    expect(reachable(await audit("import datetime;\nb = datetime.createDate(1990, 1, 2);\nprint(datetime.calculate_age(b, b));"))).toEqual([]);
  });

  it("counts a method call on a value of unknown class when an imported module's class has that method", async () => {
    const r = await audit("import auditprobe;\nfunction f(x) { return x.sample(); }");
    expect(reachable(r)).toEqual(["random.generate"]);
    expect(r.reachable[0]!.sites[0]!.via).toBe(".sample() on a value of unknown type (may be a auditprobe.Gauge)");
    // Without the module, no class has such a method; a known module resolves exactly.
    expect(reachable(await audit("function f(x) { return x.sample(); }"))).toEqual([]);
    expect(reachable(await audit('import json;\nimport args;\nfunction f(s) { return json.parse(s); }'))).toEqual([]);
    expect(reachable(await audit("import args;\nfunction f(x) { return x.parse(); }"))).toEqual(["args.read"]);
  });

  it("counts every capability of a stdlib module used as a value, and reports it", async () => {
    const r = await audit("import file;\nfunction use(m) { return m; }\nuse(file);");
    expect(reachable(r)).toEqual(["file.append", "file.delete", "file.read", "file.write"]);
    expect(only(r, FindingCodes.ModuleEscapes)).toMatchObject([{ severity: "info", loc: { start: { line: 3, column: 5 } } }]);
    // A module without capabilities can be passed around freely.
    expect((await audit("import json;\nfunction use(m) { return m; }\nuse(json);")).findings).toEqual([]);
  });

  it("follows values assigned through nonlocal", async () => {
    const r = await audit("import math;\nfunction outer() {\n  m = null;\n  function set() { nonlocal m; m = math; }\n  set();\n  return m.random();\n}");
    expect(reachable(r)).toEqual(["random.generate"]);
  });

  it("does not count code that can never run", async () => {
    const r = await audit("import file;\nfunction outer() {\n  function never() { return file.read(\"x\"); }\n  return 1;\n}");
    expect(reachable(r)).toEqual([]);
  });
});

describe("the call graph across user modules", () => {
  it("counts what imported modules run and what the program calls, not their unused functions", async () => {
    const at = project({
      "main.ml": "import helpers;\nprint(helpers.stamp());",
      "helpers.ml": 'import datetime;\nimport file;\nimport random;\nseed = random.random();\nfunction stamp() { return datetime.now(); }\nfunction unused() { return file.read(input("path? ")); }',
    });
    const r = await auditFile(join(at, "main.ml"));
    expect(r.modules).toHaveLength(2);
    expect(reachable(r)).toEqual(["datetime.now", "random.generate"]);
    expect(only(r, FindingCodes.InputUse)).toEqual([]);
    expect(r.reachable[0]!.sites[0]!.file).toMatch(/helpers\.ml$/);
  });

  it("follows functions through variables of the imported module and dotted imports", async () => {
    const at = project({
      "main.ml": "import util.clock;\nimport util.clock as c;\nprint(util.clock.now(), c.alias());",
      "util/clock.ml": "import datetime;\nimport math;\nnow = fn() => datetime.now();\nfunction base() { return math.random(); }\nalias = base;",
    });
    expect(reachable(await auditFile(join(at, "main.ml")))).toEqual(["datetime.now", "random.generate"]);
  });

  it("counts every export of a user module that escapes, and a stdlib module re-exported by one", async () => {
    const at = project({
      "main.ml": "import lib;\nimport other;\nfunction f(x) { return x; }\nf(lib);\nprint(other.m.random());",
      "lib.ml": 'import file;\nfunction a() { return file.read("x"); }',
      "other.ml": "import math;\nm = math;",
    });
    expect(reachable(await auditFile(join(at, "main.ml")))).toEqual(["file.read", "random.generate"]);
  });

  it("takes declarations of every module into account (the host uses their union)", async () => {
    const at = project({
      "main.ml": "import lib;\nprint(lib.go());",
      "lib.ml": "capability Lib { allow datetime.now; }\nimport datetime;\nfunction go() { return datetime.now(); }",
    });
    const r = await auditFile(join(at, "main.ml"));
    expect(r.manifest.declared).toBe(false);
    expect(r.declared).toEqual([{ capability: "datetime.now", patterns: [] }]);
    expect(r.undeclared).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it("reports unresolved imports as compile errors", async () => {
    const at = project({ "main.ml": "import nothere;\nprint(1);" });
    const r = await auditFile(join(at, "main.ml"));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["ML3001"]);
  });

  it("suggests a stdlib module for a misspelt import, as load does", async () => {
    const at = project({ "main.ml": "import maths;\nprint(1);" });
    const r = await auditFile(join(at, "main.ml"));
    expect(r.diagnostics.map((d) => [d.code, d.suggestion])).toEqual([["ML3001", "did you mean 'math'?"]]);
  });
});

describe("findings", () => {
  it("AUD001: a reachable capability the manifest does not declare", async () => {
    const r = await audit('capability App { allow file.read "data/**"; }\nimport file;\nimport math;\nx = file.read("data/a");\ny = math.random();');
    expect(r.undeclared).toEqual(["random.generate"]);
    expect(only(r, FindingCodes.UndeclaredCapability)).toMatchObject([
      { severity: "high", file: "main.ml", loc: { start: { line: 5, column: 5 } }, suggestion: expect.stringContaining("allow random.generate;") },
    ]);
  });

  it("AUD002: a declared capability nothing reaches; AUD012: a coarse permission partly used", async () => {
    const r = await audit('capability App { allow datetime.now; allow write "out/**"; }\nimport file;\nfile.write("out/a", "x");');
    expect(r.unused).toEqual(["datetime.now", "file.append", "file.delete", "path.write"]);
    expect(only(r, FindingCodes.UnusedCapability)).toMatchObject([{ severity: "low", message: expect.stringContaining("allow datetime.now") }]);
    expect(only(r, FindingCodes.CoarsePermission)).toMatchObject([{ severity: "info", suggestion: "declare just what is used: 'allow file.write \"out/**\";'" }]);
  });

  it("AUD003: broad patterns in targets and resource lines, graded by what they grant", async () => {
    const r = await audit([
      'capability A { allow read "**"; allow write "/"; allow network "https://*"; allow env.read "*"; }',
      'capability B { resource "/**"; allow file.delete; }',
      'capability C { allow read "data/**"; allow network "api.example.com"; }',
    ].join("\n"));
    expect(only(r, FindingCodes.BroadPattern).map((f) => [f.loc.start.line, f.loc.start.column, f.severity])).toEqual([
      [1, 45, "high"], [1, 64, "high"], [2, 25, "high"], [1, 27, "medium"], [1, 92, "medium"],
    ]);
  });

  it("AUD004: scoped capabilities without any pattern; AUD006: allow system wholesale", async () => {
    const r = await audit("capability A { allow write; allow read; allow system; allow datetime.now; }\ncapability B { resource \"APP_*\"; allow system; }");
    expect(only(r, FindingCodes.UnrestrictedGrant).map((f) => [f.severity, f.message])).toEqual([
      ["high", "'allow write' has no pattern: it covers every file (file.write, file.append, file.delete, path.write)"],
      ["medium", "'allow read' has no pattern: it covers every file (file.read, path.read)"],
    ]);
    expect(only(r, FindingCodes.SystemWholesale)).toMatchObject([{ severity: "medium", loc: { start: { line: 1, column: 41 } } }]);
  });

  it("AUD005: allow execute", async () => {
    const r = await audit("capability A { allow execute; }\nprint(1);");
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([[FindingCodes.ExecutePermission, "low"]]);
  });

  it("AUD007: getattr with a computed name on a stdlib module", async () => {
    const r = await audit("import math;\nimport json;\nfunction pick(name) { return getattr(math, name)(2); }\nfunction other(n) { return call(getattr(json, n), 1); }");
    expect(reachable(r)).toEqual(["random.generate"]);
    expect(only(r, FindingCodes.DynamicAccess).map((f) => [f.severity, f.loc.start.line])).toEqual([["medium", 3], ["info", 4]]);
  });

  it("AUD008: input(), also through an alias, but not a user function of that name", async () => {
    expect(only(await audit('name = input("name? ");'), FindingCodes.InputUse)).toMatchObject([{ severity: "low" }]);
    expect(only(await audit('function ask() { f = input; return f("?"); }'), FindingCodes.InputUse)).toHaveLength(1);
    expect((await audit('function input(p) { return p; }\nprint(input("?"));')).findings).toEqual([]);
  });

  it("AUD008: input() through mlpy's builtin namespace, which holds every builtin", async () => {
    expect(only(await audit('name = builtin.input("name? ");'), FindingCodes.InputUse)).toHaveLength(1);
    expect(only(await audit('f = getattr(builtin, "input");\nprint(f("?"));'), FindingCodes.InputUse)).toHaveLength(1);
    expect((await audit("print(builtin.len([1]), builtin.abs(-1));")).findings).toEqual([]);
  });

  it("AUD010: no declarations although capabilities are reachable", async () => {
    const r = await audit("import datetime;\nprint(datetime.now());");
    expect(r.declared).toBeNull();
    expect(r.findings).toMatchObject([{
      code: FindingCodes.NoManifest, severity: "info", loc: { start: { line: 1, column: 1 } },
      suggestion: "declare what it needs: capability Main { allow datetime.now; }",
    }]);
  });

  it("AUD011: capability names nothing requires", async () => {
    const r = await audit("capability A { allow file.raed; allow math.compute; }\nprint(1);");
    expect(only(r, FindingCodes.UnknownCapability).map((f) => [f.severity, f.message])).toEqual([
      ["low", "no function requires a capability named 'file.raed': this line grants nothing"],
      ["info", "'math.compute' is a legacy capability name that nothing requires"],
    ]);
  });

  it("isBroadPattern per resource kind", () => {
    for (const p of ["*", "**", "**/*.txt", "/", "/**", "/*/**", "C:\\**", " /** "]) expect(isBroadPattern("path", p)).toBe(true);
    for (const p of ["data/**", "/srv/app/**", "./*.csv", "~/notes.txt"]) expect(isBroadPattern("path", p)).toBe(false);
    for (const p of ["*", "https://*", "http://*:8080/x", "*.com", "*.*", "**"]) expect(isBroadPattern("url", p)).toBe(true);
    for (const p of ["api.example.com", "*.example.com", "https://api.example.com/v1/**", "localhost:3000"]) expect(isBroadPattern("url", p)).toBe(false);
    for (const p of ["*", "**", "?*"]) expect(isBroadPattern("env", p)).toBe(true);
    for (const p of ["APP_*", "HOME"]) expect(isBroadPattern("env", p)).toBe(false);
  });
});

describe("no false positives", () => {
  it("ordinary names and strings that look like capabilities produce nothing", async () => {
    const r = await audit([
      'file = "report.txt";',
      "random = 4;",
      "now = 12;",
      'http = {"get": fn(u) => u};',
      'print(http.get("http.get(x)"), "open(" + file + ")", "file.read(\'/etc/passwd\')");',
      "function read(path) { return path; }",
      "function write(path, data) { return [path, data]; }",
      'print(read("x"), write("y", 1), random + now);',
      'o = {"file": {"read": fn(p) => p}, "network": 1, "execute": true};',
      'print(o.file.read("z"), o["execute"]);',
      "function parse(x) { return x.parse(); }",
      'text = "capability X { allow write \\"/\\"; }";',
      "print(text, getattr(o, \"network\"));",
    ].join("\n"));
    expect(r.reachable).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it("a precise manifest matching what the code uses produces nothing", async () => {
    const r = await audit([
      'capability Report { allow file.read "data/*.csv"; allow datetime.now; }',
      "import csv;",
      "import datetime;",
      "import json;",
      'function report() { return json.stringify({"rows": csv.read("data/sales.csv"), "at": str(datetime.now())}); }',
    ].join("\n"));
    expect(reachable(r)).toEqual(["datetime.now", "file.read"]);
    expect(r.findings).toEqual([]);
  });

  it("the repository's examples have no high finding", async () => {
    const examples = (readdirSync(join(root, "examples"), { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ml") && !f.includes("node_modules"))
      .map((f) => join(root, "examples", f));
    expect(examples.length).toBeGreaterThan(0);
    for (const file of examples) {
      const r = await auditFile(file);
      expect(r.ok, relative(root, file)).toBe(true);
      expect(r.findings.filter((f) => f.severity === "high"), relative(root, file)).toEqual([]);
    }
  });
});

describe("auditCommand", () => {
  async function command(args: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await auditCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false, interactive: false });
    return { code, stdout, stderr };
  }

  it("prints findings grouped per file with code frames; exit 1 on a high finding", async () => {
    const at = project({
      "bad.ml": 'capability App { allow write; }\nimport file;\nfile.write("out.txt", "x");',
      "good.ml": "print(1 + 2);",
    });
    const r = await command([join(at, "bad.ml"), join(at, "good.ml")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`== ${join(at, "bad.ml")}`);
    expect(r.stdout).toContain("declared:   file.write (unrestricted), file.append (unrestricted)");
    expect(r.stdout).toMatch(/reachable:\n {2}file\.write {2}\S+bad\.ml:3:1 {2}file\.write\(\)/);
    expect(r.stdout).toContain("high[AUD004]: 'allow write' has no pattern");
    expect(r.stdout).toContain(` 1 | capability App { allow write; }\n   |                  ^~~~~~~~~~~~`);
    expect(r.stdout).toContain("  = help: restrict it");
    expect(r.stdout).toContain(`${join(at, "good.ml")}: no findings`);
    expect(r.stdout).toContain("total: 2 files, 1 high, 0 medium, 0 low, 1 info");
  });

  it("exit 0 when nothing is high", async () => {
    const at = project({ "ok.ml": "import datetime;\nprint(datetime.now());" });
    const r = await command([join(at, "ok.ml")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("info[AUD010]");
  });

  it("--json prints one document of the documented shape", async () => {
    const at = project({ "app.ml": 'capability App { allow read "**"; }\nimport file;\nprint(file.read("a.txt"));' });
    const r = await command(["--json", join(at, "app.ml")]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({
      version: 1,
      files: [{
        file: join(at, "app.ml"),
        ok: true,
        modules: [join(at, "app.ml")],
        diagnostics: [],
        manifest: {
          declared: true,
          blocks: [{ name: "App", line: 1, column: 1, grants: [{ capability: "file.read", patterns: ["**"] }, { capability: "path.read", patterns: ["**"] }] }],
          capabilities: [{ capability: "file.read", patterns: ["**"] }, { capability: "path.read", patterns: ["**"] }],
        },
        declared: [{ capability: "file.read", patterns: ["**"] }, { capability: "path.read", patterns: ["**"] }],
        reachable: [{ capability: "file.read", sites: [{ file: join(at, "app.ml"), line: 3, column: 7, via: "file.read()", resources: ["a.txt"] }] }],
        undeclared: [],
        unused: ["path.read"],
        findings: [
          expect.objectContaining({ code: "AUD003", severity: "medium", line: 1, column: 29, endLine: 1, endColumn: 33 }),
          expect.objectContaining({ code: "AUD012", severity: "info", suggestion: "declare just what is used: 'allow file.read \"**\";'" }),
        ],
        summary: { high: 0, medium: 1, low: 0, info: 1 },
      }],
      summary: { files: 1, failed: 0, high: 0, medium: 1, low: 0, info: 1 },
    });
    expect(Object.keys(doc.files[0].findings[0])).toEqual(["code", "severity", "message", "file", "line", "column", "endLine", "endColumn", "suggestion"]);
  });

  it("compile errors: diagnostics with a code frame on stderr, exit 2 (also with --json)", async () => {
    const at = project({ "broken.ml": "x = ;\nprint(y);" });
    const text = await command([join(at, "broken.ml")]);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe("");
    expect(text.stderr).toContain("error[ML1010]");
    expect(text.stderr).toContain(" 1 | x = ;");
    const json = await command(["--json", join(at, "broken.ml")]);
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.stdout);
    expect(doc.summary.failed).toBe(1);
    expect(doc.files[0].ok).toBe(false);
    expect(doc.files[0].diagnostics.map((d: { code: string }) => d.code)).toContain("ML2001");
  });

  it("an unreadable file: exit 66", async () => {
    const r = await command([join(dir, "missing.ml")]);
    expect(r.code).toBe(66);
    expect(r.stderr).toContain("cannot read ML file");
  });

  it("-I adds import roots", async () => {
    const at = project({ "app/main.ml": "import shared;\nprint(shared.f());", "lib/shared.ml": "import math;\nfunction f() { return math.random(); }" });
    const r = await command(["--json", "-I", join(at, "lib"), join(at, "app", "main.ml")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].reachable[0].capability).toBe("random.generate");
  });

  it("usage errors are thrown as UsageError (exit 64 through the CLI)", async () => {
    await expect(command([])).rejects.toBeInstanceOf(UsageError);
    await expect(command(["--nope", "x.ml"])).rejects.toBeInstanceOf(UsageError);
  });
});

describe("bounded input", () => {
  it("refuses a source longer than the compiler accepts (ML0001) without parsing it", async () => {
    // Every line a syntax error: had it been parsed, those would be reported too.
    const source = "x = ;\n".repeat(200_000);
    const r = await auditSource({ source, filename: "huge.ml" });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["ML0001"]);
  });
});
