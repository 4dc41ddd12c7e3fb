/**
 * `mljs audit`'s suggested declarations work: pasted into the program, they let it run (with
 * grants that the suggestion itself names). Checked on a program reading one folder and writing
 * another, on variants that build paths, on the repository's examples, and on a program whose
 * paths the audit cannot know.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFile, FindingCodes, type AuditResult } from "../../src/audit/index.js";
import { capability, load, withCapabilities } from "../../src/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(root, "dist", "cli", "main.js");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mljs-suggest-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `files` (name → content) into a fresh directory; returns its path. */
function project(files: Record<string, string>): string {
  const at = mkdtempSync(join(dir, "p-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(at, name, ".."), { recursive: true });
    writeFileSync(join(at, name), content);
  }
  return at;
}

/** The capability block the AUD010 finding suggests. */
function suggestedBlock(r: AuditResult): string {
  const finding = r.findings.find((f) => f.code === FindingCodes.NoManifest);
  expect(finding, "an AUD010 finding with a suggestion").toBeDefined();
  const block = /capability \w+ \{[^}]*\}/.exec(finding!.suggestion);
  expect(block, finding!.suggestion).not.toBeNull();
  return block![0];
}

/** The capability names of the `allow` lines of a declaration. */
function allowed(block: string): string[] {
  return [...block.matchAll(/allow ([\w.]+)/g)].map((m) => m[1]!);
}

/** Pastes the suggested block at the top of `file`; returns the block. */
async function pasteSuggestion(file: string): Promise<string> {
  const block = suggestedBlock(await auditFile(file));
  writeFileSync(file, `${block}\n${readFileSync(file, "utf8")}`);
  return block;
}

/** `mljs run --allow CAP … file`, each capability the block allows granted without a pattern. */
function runWithGrants(file: string, block: string, cwd: string) {
  const grants = allowed(block).flatMap((c) => ["--allow", c]);
  return spawnSync(process.execPath, [CLI, "run", ...grants, file], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
}

/** After pasting, the program declares what it reaches: no high finding, nothing undeclared. */
async function expectClean(file: string): Promise<void> {
  const again = await auditFile(file);
  expect(again.undeclared).toEqual([]);
  expect(again.findings.filter((f) => f.severity === "high")).toEqual([]);
}

const CSV_REPORT = `import path;
import csv;

rows = [];
for (f in path.glob("data/*.csv")) {
  for (r in csv.read(f)) {
    rows.append(r);
  }
}
csv.write("out/report.csv", rows);
print(len(rows));
`;

describe("a program reading data/*.csv and writing out/report.csv", () => {
  it("gets a declaration naming those files, and runs with it pasted in", async () => {
    const at = project({ "report.ml": CSV_REPORT, "data/a.csv": "name,amount\na,1\nb,2\n", "data/b.csv": "name,amount\nc,3\n" });
    const file = join(at, "report.ml");
    const block = await pasteSuggestion(file);
    expect(block).toBe('capability Report { allow file.read "data/*.csv"; allow file.write "out/report.csv"; allow path.read "data"; }');
    expect(block).not.toContain("data/**/*.csv");
    const r = runWithGrants(file, block, at);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("3\n");
    expect(readFileSync(join(at, "out", "report.csv"), "utf8")).toBe("name,amount\r\na,1\r\nb,2\r\nc,3\r\n");
    await expectClean(file);
  });

  it("the declaration still denies what the program does not name", async () => {
    const at = project({ "report.ml": CSV_REPORT + 'import file;\nfile.write("data/a.csv", "overwritten");\n', "data/a.csv": "name,amount\na,1\n" });
    const file = join(at, "report.ml");
    // The extra write is reachable too, so the suggestion names it: take the block without it.
    const block = 'capability Report { allow file.read "data/*.csv"; allow file.write "out/report.csv"; allow path.read "data"; }';
    writeFileSync(file, `${block}\n${readFileSync(file, "utf8")}`);
    const r = runWithGrants(file, block, at);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("CapabilityError");
    expect(readFileSync(join(at, "data", "a.csv"), "utf8")).toBe("name,amount\na,1\n");
  });
});

describe("paths the program builds", () => {
  it("path.listDir + path.join: the folder read and the folder written", async () => {
    const source = `import path;
import file;

IN = "inbox";
for (name in path.listDir(IN)) {
  text = file.read(path.join(IN, name));
  file.write(path.join("outbox", name), text.upper());
}
print("done");
`;
    const at = project({ "copy.ml": source, "inbox/a.txt": "hello", "inbox/b.txt": "world" });
    const file = join(at, "copy.ml");
    const block = await pasteSuggestion(file);
    expect(block).toBe('capability Copy { allow file.read "inbox/*"; allow file.write "outbox/*"; allow path.read "inbox"; }');
    const r = runWithGrants(file, block, at);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readFileSync(join(at, "outbox", "b.txt"), "utf8")).toBe("WORLD");
    await expectClean(file);
  });

  it("a string prefix: everything below its folder", async () => {
    const source = `import file;
function save(name, text) {
  file.write("out/" + name + ".txt", text);
}
save("a", "1");
save("b", "2");
`;
    const at = project({ "save.ml": source });
    const file = join(at, "save.ml");
    const block = await pasteSuggestion(file);
    expect(block).toBe('capability Save { allow file.write "out/**"; }');
    const r = runWithGrants(file, block, at);
    expect(r.status).toBe(0);
    expect(existsSync(join(at, "out", "b.txt"))).toBe(true);
  });

  it("a path the audit cannot know: a pattern that runs, and a note saying where to narrow it", async () => {
    const source = `import file;
function load(p) {
  return file.read(p);
}
print(load("notes.txt"));
`;
    const at = project({ "notes.ml": source, "notes.txt": "hi" });
    const file = join(at, "notes.ml");
    const result = await auditFile(file);
    const suggestion = result.findings.find((f) => f.code === FindingCodes.NoManifest)!.suggestion;
    expect(suggestion).toContain('allow file.read "**";');
    expect(suggestion).toMatch(/the path file\.read uses at .*notes\.ml:3:10 is computed: narrow its pattern/);
    const block = await pasteSuggestion(file);
    const r = runWithGrants(file, block, at);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("hi\n");
  });

  it("the evaluation is bounded: a path doubled forty times is unknown, found quickly", async () => {
    const lines = ["import file;", 'x0 = "a";'];
    for (let i = 1; i <= 40; i++) lines.push(`x${i} = x${i - 1} + x${i - 1};`);
    lines.push("y = file.read(x40);");
    const at = project({ "bomb.ml": lines.join("\n") });
    const started = Date.now();
    const result = await auditFile(join(at, "bomb.ml"));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.reachable[0]!.sites[0]!.resources).toBeNull();
    expect(result.findings.find((f) => f.code === FindingCodes.NoManifest)!.suggestion).toContain('allow file.read "**";');
  });

  it("AUD001 suggests the allow line a declared program is missing", async () => {
    const source = 'capability Job { allow file.read "in.txt"; }\nimport file;\nfile.write("out/result.txt", file.read("in.txt"));\n';
    const at = project({ "job.ml": source, "in.txt": "data" });
    const file = join(at, "job.ml");
    const finding = (await auditFile(file)).findings.find((f) => f.code === FindingCodes.UndeclaredCapability)!;
    expect(finding.suggestion).toContain('add `allow file.write "out/result.txt";` to a capability block');
    writeFileSync(file, source.replace('allow file.read "in.txt";', 'allow file.read "in.txt"; allow file.write "out/result.txt";'));
    const r = runWithGrants(file, "allow file.read; allow file.write;", at);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readFileSync(join(at, "out", "result.txt"), "utf8")).toBe("data");
  });
});

describe("the repository's examples", () => {
  it("analytics-fastify: the declaration lets sample() read the event log", async () => {
    const at = mkdtempSync(join(dir, "analytics-"));
    cpSync(join(root, "examples", "analytics-fastify"), at, { recursive: true });
    const file = join(at, "analytics.ml");
    const block = await pasteSuggestion(file);
    expect(block).toContain('allow file.read "data/events.json";');
    await expectClean(file);
    expect(runWithGrants(file, block, at).status).toBe(0);
    const grants = allowed(block).map((c) => capability(c));
    const program = await load({ source: readFileSync(file, "utf8"), filename: file }, { capabilities: grants });
    const sample = program.exports.sample as (request: unknown) => { count: number; stored: number };
    const result = await withCapabilities(grants, () => sample({ query: { n: "2" } }));
    expect(result.count).toBe(2);
    expect(result.stored).toBeGreaterThan(2);
  });

  it("pricing-express: the declaration lets priceList() read the price list", async () => {
    const at = mkdtempSync(join(dir, "pricing-"));
    cpSync(join(root, "examples", "pricing-express"), at, { recursive: true });
    const file = join(at, "pricing.ml");
    const block = await pasteSuggestion(file);
    expect(block).toContain('allow file.read "data/price-list.csv";');
    await expectClean(file);
    expect(runWithGrants(file, block, at).status).toBe(0);
    const grants = allowed(block).map((c) => capability(c));
    const program = await load({ source: readFileSync(file, "utf8"), filename: file }, { capabilities: grants });
    const priceList = program.exports.priceList as (request: unknown) => { count: number };
    expect((await withCapabilities(grants, () => priceList({ query: {} }))).count).toBeGreaterThan(0);
  });

  it("welcome.ml needs nothing and gets no suggestion", async () => {
    const r = await auditFile(join(root, "examples", "welcome.ml"));
    expect(r.reachable).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});
