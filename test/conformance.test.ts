/**
 * The ML conformance suite: every case of every `test/conformance/*.ml` topic file is
 * compiled and run on its own through the host API, and its output, runtime error or compile
 * diagnostics are checked against its `// expect…` lines (format: test/conformance/README.md).
 */
import { describe, it, expect } from "vitest";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { run, MLCompileError, MLRuntimeError } from "../src/index.js";
import type { Diagnostic, Limits } from "../src/index.js";
import { loadCases, type ConformanceCase, type ExpectedDiagnostic } from "./conformance/cases.js";

const dir = join(fileURLToPath(new URL(".", import.meta.url)), "conformance");
const cases = loadCases(dir);
const MINIMUM_EXPECTATIONS = 400;

/**
 * A safety net so that a runaway loop in a broken implementation fails its case instead of
 * hanging the suite; a case's own `// limits:` line overrides it.
 */
const RUNNER_LIMITS: Limits = { timeMs: 20_000 };

function describeDiagnostics(list: readonly Diagnostic[]): string {
  return list.map((d) => `${d.loc.start.line}:${d.loc.start.column} ${d.severity}[${d.code}] ${d.message}${d.suggestion ? ` (${d.suggestion})` : ""}`).join("\n");
}

function matches(d: Diagnostic, expected: ExpectedDiagnostic): boolean {
  if (!expected.codes.includes(d.code)) return false;
  if (expected.line !== null && d.loc.start.line !== expected.line) return false;
  if (expected.substring === null) return true;
  return d.message.includes(expected.substring) || (d.suggestion ?? "").includes(expected.substring);
}

function outputLines(chunks: string[]): string[] {
  const text = chunks.join("");
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

async function check(c: ConformanceCase): Promise<void> {
  const out: string[] = [];
  let failure: unknown = null;
  let warnings: Diagnostic[] = [];
  try {
    const result = await run(
      { source: c.source, filename: c.file },
      { limits: { ...RUNNER_LIMITS, ...c.limits }, stdout: (text) => out.push(text) },
    );
    warnings = result.warnings ?? [];
  } catch (e) {
    failure = e;
  }

  if (c.compileError) {
    if (!(failure instanceof MLCompileError)) {
      throw new Error(`expected compile error ${c.compileError.codes.join("|")}, got ${failure === null ? "a successful run" : String(failure)}`);
    }
    const errors = failure.diagnostics.filter((d) => d.severity === "error");
    const expected = c.compileError;
    expect(errors.some((d) => matches(d, expected)), `diagnostics:\n${describeDiagnostics(failure.diagnostics)}`).toBe(true);
    return;
  }
  if (failure instanceof MLCompileError) {
    throw new Error(`unexpected compile error:\n${failure.message}`);
  }
  if (failure !== null && !(failure instanceof MLRuntimeError)) {
    // Anything other than the two documented error classes is an implementation bug.
    throw failure;
  }

  expect(outputLines(out)).toEqual(c.output);
  const actualError = failure === null ? null : `${failure.mlType}: ${failure.mlMessage}`;
  expect(actualError).toBe(c.error);
  if (failure !== null && c.errorLine !== null) {
    // The statement the directive follows must be on the error's ML stack (§11).
    const lines = failure.mlStack.filter((f) => f.file.endsWith(c.topic)).map((f) => f.line);
    expect(lines, `ML stack: ${failure.mlStack.map((f) => `${f.file}:${f.line}:${f.column}`).join(" <- ")}`).toContain(c.errorLine);
  }
  for (const w of c.warnings) {
    expect(warnings.some((d) => d.severity === "warning" && matches(d, w)), `warnings:\n${describeDiagnostics(warnings)}`).toBe(true);
  }
}

describe("ML conformance suite", () => {
  const total = cases.reduce((n, c) => n + c.expectations, 0);

  it(`has at least ${MINIMUM_EXPECTATIONS} expectations (found ${total} in ${cases.length} cases)`, () => {
    expect(total).toBeGreaterThanOrEqual(MINIMUM_EXPECTATIONS);
    for (const c of cases) {
      expect(c.expectations, `${c.topic} › ${c.title} (line ${c.line}) has no expectation`).toBeGreaterThan(0);
    }
  });

  for (const c of cases) {
    it(`${c.topic} › ${c.title} (line ${c.line})`, () => check(c));
  }
});
