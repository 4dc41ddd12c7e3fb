/**
 * `mljs check` reports members of imported stdlib modules that do not exist, with a suggestion
 * and a code frame (exit 2); the same mistake at run time is an AttributeError with the same
 * suggestion.
 */
import { beforeAll, describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkStdlibMembers, stdlibMemberDiagnostics, UNKNOWN_MODULE_MEMBER } from "../../src/host/check-members.js";
import { analyze } from "../../src/compiler/analyze.js";
import * as registry from "../../src/stdlib/registry.js";

// The check reads the registry synchronously (as the built CLI can); from the TypeScript
// sources the modules are loaded first.
beforeAll(async () => {
  for (const name of registry.list()) await registry.load(name);
});

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function describeAll(source: string): string[] {
  return checkStdlibMembers(source, "m.ml").map((d) => `${d.loc.start.line}:${d.loc.start.column} ${d.code} ${d.message} (${d.suggestion})`);
}

describe("checkStdlibMembers", () => {
  it("reports datetime.nwo() with 'did you mean now'", () => {
    expect(describeAll("import datetime;\nt = datetime.nwo();")).toEqual([
      "2:14 ML3004 module 'datetime' has no member 'nwo' (did you mean 'now'?)",
    ]);
    expect(UNKNOWN_MODULE_MEMBER).toBe("ML3004");
  });

  it("follows an alias and checks constants and aliases of functions", () => {
    expect(describeAll("import math as m;\nx = m.sqrt(4) + m.pi + m.sqroot(2);")).toEqual([
      "2:26 ML3004 module 'math' has no member 'sqroot' (did you mean 'sqrt'?)",
    ]);
    expect(describeAll("import path;\nx = path.is_file(\"a\") || path.isFile(\"a\");")).toEqual([]);
  });

  it("a name with nothing close points at help()", () => {
    expect(describeAll("import datetime;\ny = datetime.zzzqqq;")).toEqual([
      "2:14 ML3004 module 'datetime' has no member 'zzzqqq' (see help(datetime) for its members)",
    ]);
  });

  it("leaves alone names that are not (only) a stdlib import", () => {
    expect(describeAll("import datetime;\nfunction f(datetime) { return datetime.nwo; }\nx = f({});")).toEqual([]);
    expect(describeAll("import datetime;\ndatetime = {nwo: 1};\nx = datetime.nwo;")).toEqual([]);
    expect(describeAll("o = {};\nx = o.nwo;")).toEqual([]);
  });

  it("reports nothing for a file that does not parse (the compiler does)", () => {
    expect(describeAll("import datetime;\nx = datetime.nwo(;")).toEqual([]);
  });
});

describe("mljs check", () => {
  it("fails with exit 2 and a code frame for datetime.nwo()", () => {
    const dir = mkdtempSync(join(tmpdir(), "mljs-check-"));
    const file = join(dir, "typo.ml");
    writeFileSync(file, "import datetime;\nprint(datetime.nwo());\n");
    const r = spawnSync(process.execPath, [CLI, "check", file], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("error[ML3004]: module 'datetime' has no member 'nwo'");
    expect(r.stderr).toContain(" 2 | print(datetime.nwo());\n   |                ^^^");
    expect(r.stderr).toContain("help: did you mean 'now'?");
  });
});

describe("stdlibMemberDiagnostics (one analysis shared with the compiler's diagnostics)", () => {
  it("finds what checkStdlibMembers finds in the same analysis the compiler's check reports from", () => {
    const source = "import datetime;\nx = datetime.nwo();\ny = undefinedName;\n";
    const analysis = analyze(source, { filename: "a.ml" });
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(["ML2001"]);
    const members = stdlibMemberDiagnostics(analysis, "a.ml");
    expect(members).toEqual(checkStdlibMembers(source, "a.ml"));
    expect(members.map((d) => [d.code, d.message])).toEqual([[UNKNOWN_MODULE_MEMBER, "module 'datetime' has no member 'nwo'"]]);
  });

  it("reports nothing for a source with syntax errors or refused for its length", () => {
    expect(stdlibMemberDiagnostics(analyze("import datetime;\nx = datetime.nwo(;\n"), "a.ml")).toEqual([]);
    const long = analyze("import datetime;\nx = datetime.nwo();\n", { maxSourceLength: 10 });
    expect(long.parsed).toBeNull();
    expect(long.diagnostics.map((d) => d.code)).toEqual(["ML0001"]);
    expect(stdlibMemberDiagnostics(long, "a.ml")).toEqual([]);
  });
});
