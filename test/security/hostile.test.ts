/**
 * The hostile-program suite (HOST.md §10): every program under `programs/<category>/` tries one
 * technique to escape the ML sandbox. The runner checks the exact outcome its header states and,
 * after every program, that nothing escaped: no marker file, no changed global or intrinsic, no
 * polluted prototype, no host internals in what ML printed or raised, no error bigger than the
 * string limit, no run longer than its bound. Format: `test/security/README.md`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { capability, load, MLCompileError, MLRuntimeError, type LoadOptions } from "../../src/index.js";
import { parseProgram, programFiles, type HostileProgram } from "./header.js";
import { changes, leaks, markerFiles, snapshot } from "./guard.js";
import { cliBuilt, runIsolated } from "./isolated.js";
import { SCENARIOS, type ScenarioInput } from "./scenarios.js";

const PROGRAMS = fileURLToPath(new URL("./programs", import.meta.url));
const MODULES = fileURLToPath(new URL("./modules", import.meta.url));
const CATEGORIES = [
  "builtins", "capabilities", "exhaustion", "functions", "host-values", "implicit-calls", "imports",
  "members", "node-errors", "pollution", "stdlib-objects", "strings-arrays",
];

const programs = programFiles(PROGRAMS).map((f) => parseProgram(f));

/** What one run produced, whatever the way it ran. */
interface Outcome {
  stdout: string;
  stderr: string;
  error: { type: string; message: string } | null;
  compileError: MLCompileError | null;
  /** Anything else that was thrown: always a failure. */
  hostError: unknown;
  elapsedMs: number;
}

async function runInProcess(p: HostileProgram, tmp: string): Promise<Outcome> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const place = (pattern: string): string => pattern.replaceAll("{tmp}", tmp).replaceAll("{dir}", dirname(p.file));
  const grants = p.grants.map((g) => capability(g.name, g.resources.length > 0 ? { resources: g.resources.map(place) } : {}));
  const options: LoadOptions = {
    limits: p.limits,
    stdout: (t) => stdout.push(t),
    stderr: (t) => stderr.push(t),
    importPaths: [MODULES],
    capabilities: grants,
    args: [tmp],
    env: {},
  };
  const input: ScenarioInput = { file: p.file, options, grants, tmp, print: (line) => stdout.push(`${line}\n`) };
  const scenario = p.scenario === null ? async () => void (await load(p.file, options)) : SCENARIOS[p.scenario];
  if (scenario === undefined) throw new Error(`${p.id}: unknown scenario '${p.scenario}'`);
  const outcome: Outcome = { stdout: "", stderr: "", error: null, compileError: null, hostError: null, elapsedMs: 0 };
  const start = performance.now();
  try {
    await scenario(input);
  } catch (e) {
    if (e instanceof MLRuntimeError) outcome.error = { type: e.mlType, message: e.mlMessage };
    else if (e instanceof MLCompileError) outcome.compileError = e;
    else outcome.hostError = e;
  }
  outcome.elapsedMs = performance.now() - start;
  outcome.stdout = stdout.join("");
  outcome.stderr = stderr.join("");
  return outcome;
}

function runInChild(p: HostileProgram): Outcome {
  const start = performance.now();
  const r = runIsolated(p);
  return {
    stdout: r.stdout, stderr: "", error: r.error, compileError: null,
    hostError: r.failure === null ? null : new Error(r.failure), elapsedMs: performance.now() - start,
  };
}

function describeHostError(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
}

/** The exact outcome the header states. */
function checkOutcome(p: HostileProgram, o: Outcome): void {
  expect(o.hostError === null ? null : describeHostError(o.hostError), "a host exception escaped").toBeNull();
  if (p.compileError !== null) {
    const diagnostics = o.compileError?.diagnostics.filter((d) => d.severity === "error") ?? [];
    const found = diagnostics.some((d) => d.code === p.compileError!.code && (p.compileError!.message === null || d.message.includes(p.compileError!.message)));
    expect(found, `compile error ${p.compileError.code} ${p.compileError.message ?? ""}; got ${diagnostics.map((d) => `${d.code} ${d.message}`).join("; ") || "none"}`).toBe(true);
    return;
  }
  expect(o.compileError?.message ?? null, "unexpected compile error").toBeNull();
  expect(o.stdout.split("\n").slice(0, -1)).toEqual(p.output);
  if (p.error === null) {
    expect(o.error, "unexpected runtime error").toBeNull();
  } else {
    expect(o.error?.type, `error type (message: ${o.error?.message.slice(0, 200)})`).toBe(p.error.type);
    expect(o.error!.message.slice(0, 10_000)).toContain(p.error.message);
  }
}

/** Nothing escaped, whatever the outcome. */
function checkContained(p: HostileProgram, o: Outcome, before: ReturnType<typeof snapshot>): void {
  expect(markerFiles(), "a marker file was written").toEqual([]);
  expect(changes(before), "globals or intrinsics changed").toEqual([]);
  const message = o.error?.message ?? "";
  expect(message.length, "the error message exceeds maxStringLength").toBeLessThanOrEqual(p.limits.maxStringLength!);
  expect(leaks(o.stdout + o.stderr + message.slice(0, 100_000)), "host internals in the output").toEqual([]);
  expect(o.elapsedMs, `the run took longer than ${p.withinMs} ms`).toBeLessThanOrEqual(p.withinMs);
}

beforeAll(() => {
  for (const marker of markerFiles()) rmSync(marker); // left by an earlier, failed run
});

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe("hostile programs", () => {
  it("cover every category with at least 70 programs", () => {
    expect(programs.length).toBeGreaterThanOrEqual(70);
    expect([...new Set(programs.map((p) => p.category))].sort()).toEqual(CATEGORIES);
    // Isolated programs may be known escapes, whose failure to start would pass unnoticed.
    if (programs.some((p) => p.isolated)) expect(cliBuilt(), "run `npm run build` first (npm test does)").toBe(true);
  });

  for (const p of programs) {
    // A known escape documents a bug to fix: the test fails until it is fixed (then remove the line).
    const test = p.knownEscape === null ? it : it.fails;
    test(`${p.id}: ${p.technique}`, async () => {
      const tmp = mkdtempSync(join(tmpdir(), "mljs-sec-"));
      scratch.push(tmp);
      const before = snapshot();
      const outcome = p.isolated ? runInChild(p) : await runInProcess(p, tmp);
      checkOutcome(p, outcome);
      checkContained(p, outcome, before);
    });
  }
});
