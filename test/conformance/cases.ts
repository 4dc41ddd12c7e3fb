/**
 * Reads the conformance topic files (`test/conformance/*.ml`) and splits them into cases.
 * The format is documented in `test/conformance/README.md`; the runner is
 * `test/conformance.test.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Limits } from "../../src/runtime/state.js";

/** A compile-time diagnostic a case expects (an error or a warning). */
export interface ExpectedDiagnostic {
  /** Any one of these codes is accepted (written `ML1010|ML3003`). */
  codes: string[];
  /** Must occur in the diagnostic's message or suggestion, when given. */
  substring: string | null;
  /**
   * The line the diagnostic must start on: the directive's own line when it follows code on
   * that line, else null (any line).
   */
  line: number | null;
}

/** One independently compiled and run piece of a topic file. */
export interface ConformanceCase {
  /** Topic file name, e.g. `arithmetic.ml`. */
  topic: string;
  /** Absolute path of the topic file (the file name the case is compiled under). */
  file: string;
  /** The text after `// ---`. */
  title: string;
  /** 1-based line of the `// ---` header in the topic file. */
  line: number;
  /** The case's source, padded with blank lines so that line numbers match the topic file. */
  source: string;
  /** Printed lines, in order; the output must consist of exactly these lines. */
  output: string[];
  /** `Type: message` of the runtime error the case must end with, or null. */
  error: string | null;
  /**
   * A line the runtime error's ML stack must pass through: the directive's own line when it
   * follows code on that line, else null (any line).
   */
  errorLine: number | null;
  /** The compile error the case must fail with, or null. */
  compileError: ExpectedDiagnostic | null;
  /** Warnings the compiler must report (the program still runs). */
  warnings: ExpectedDiagnostic[];
  /** Limits from a `// limits:` line. */
  limits: Limits;
  /** Number of `// expect…` lines of the case. */
  expectations: number;
}

const HEADER = /^\/\/ ---(.*)$/;
const EXPECT_OUTPUT = /\/\/ expect:(?: (.*))?$/;
const EXPECT_ERROR = /\/\/ expect error: (.+)$/;
const EXPECT_DIAGNOSTIC = /\/\/ expect (compile error|warning): (ML\d{4}(?:\|ML\d{4})*)(?:: (.+))?$/;
const LIMITS = /\/\/ limits: (.+)$/;
/** Anything that looks like a directive; a line matching this but no exact form is a typo. */
const ANY_DIRECTIVE = /\/\/ (expect\b|limits:)/;
const LIMIT_KEYS = new Set(["steps", "recursion", "timeMs", "maxStringLength", "maxArrayLength"]);

/** Every topic file directly inside `dir`, sorted by name (files under `lib/` are modules). */
export function topicFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ml"))
    .map((e) => join(dir, e.name))
    .sort();
}

/**
 * Splits one topic file into cases.
 * @throws Error on a malformed directive, so that a typo never silently drops an expectation.
 */
export function parseTopic(file: string, text: string, topic: string): ConformanceCase[] {
  const lines = text.split(/\r?\n/);
  const cases: ConformanceCase[] = [];
  let current: ConformanceCase | null = null;
  let body: string[] = [];
  const finish = (): void => {
    if (current === null) return;
    current.source = body.join("\n");
    cases.push(current);
  };
  lines.forEach((raw, index) => {
    const where = `${topic}:${index + 1}`;
    const header = HEADER.exec(raw);
    if (header) {
      finish();
      current = {
        topic,
        file,
        title: header[1]!.trim() || "(untitled)",
        line: index + 1,
        source: "",
        output: [],
        error: null,
        errorLine: null,
        compileError: null,
        warnings: [],
        limits: {},
        expectations: 0,
      };
      // Blank lines before the header keep every position equal to the topic file's.
      body = new Array<string>(index).fill("");
      body.push(raw);
      return;
    }
    if (current === null) {
      // The preamble may only hold comments describing the topic.
      if (raw.trim() !== "" && !raw.trimStart().startsWith("//")) {
        throw new Error(`${where}: code before the first '// ---' case header`);
      }
      if (ANY_DIRECTIVE.test(raw)) {
        throw new Error(`${where}: directive before the first '// ---' case header`);
      }
      return;
    }
    body.push(raw);
    applyDirective(current, raw, where, index + 1);
  });
  finish();
  return cases;
}

function applyDirective(c: ConformanceCase, raw: string, where: string, lineNumber: number): void {
  const limits = LIMITS.exec(raw);
  if (limits) {
    c.limits = { ...c.limits, ...parseLimits(limits[1]!, where) };
    return;
  }
  if (!ANY_DIRECTIVE.test(raw)) return;
  const diagnostic = EXPECT_DIAGNOSTIC.exec(raw);
  if (diagnostic) {
    const onCodeLine = !raw.trimStart().startsWith("//");
    const expected: ExpectedDiagnostic = {
      codes: diagnostic[2]!.split("|"),
      substring: diagnostic[3] ?? null,
      line: onCodeLine ? lineNumber : null,
    };
    if (diagnostic[1] === "warning") {
      c.warnings.push(expected);
    } else {
      if (c.compileError) throw new Error(`${where}: a case expects at most one compile error`);
      c.compileError = expected;
    }
    c.expectations++;
    return;
  }
  const error = EXPECT_ERROR.exec(raw);
  if (error) {
    if (c.error !== null) throw new Error(`${where}: a case ends with at most one runtime error`);
    c.error = error[1]!;
    c.errorLine = raw.trimStart().startsWith("//") ? null : lineNumber;
    c.expectations++;
    return;
  }
  const output = EXPECT_OUTPUT.exec(raw);
  if (output) {
    if (c.error !== null) throw new Error(`${where}: output expected after the expected error`);
    c.output.push(output[1] ?? "");
    c.expectations++;
    return;
  }
  throw new Error(`${where}: malformed '// expect' directive: ${raw.trim()}`);
}

function parseLimits(text: string, where: string): Limits {
  const limits: Record<string, number> = {};
  for (const part of text.trim().split(/\s+/)) {
    const m = /^(\w+)=(\d+(?:\.\d+)?|Infinity)$/.exec(part);
    if (!m || !LIMIT_KEYS.has(m[1]!)) throw new Error(`${where}: bad limit '${part}'`);
    limits[m[1]!] = Number(m[2]);
  }
  return limits as Limits;
}

/** Reads and splits every topic file of `dir`. */
export function loadCases(dir: string): ConformanceCase[] {
  return topicFiles(dir).flatMap((file) => {
    const topic = file.slice(dir.length + 1);
    return parseTopic(file, readFileSync(file, "utf8"), topic);
  });
}
