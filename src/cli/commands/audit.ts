/**
 * `mljs audit [-I DIR]... [--json] files…` — for each program: its capability declarations,
 * the capabilities its code can reach, the difference, over-broad declarations and risky
 * constructs (docs/audit.md). Runs nothing.
 *
 * Exit codes: 0 no high finding · 1 some high finding · 2 compile errors (printed with code
 * frames) · 66 a file cannot be read · 64 usage error (thrown as {@link UsageError}).
 */
import { auditFile, type AuditResult } from "../../audit/index.js";
import { auditToJSON, renderAuditText } from "../../audit/report.js";
import { renderDiagnostics } from "../report.js";
import { ExitCode, UsageError, parseOptions } from "../usage.js";
import { useColor, writeAllSync } from "../terminal.js";

/** Exit code when some finding is high (the code `run` uses for a runtime error). */
const HIGH_FINDINGS = 1;

const OPTIONS = {
  json: { type: "boolean" },
  "import-path": { type: "string", short: "I", multiple: true },
} as const;

/** Where the command writes; the process's stdout and stderr by default (tests pass sinks). */
export interface AuditIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colours in text output; default: decided from the terminal (NO_COLOR, FORCE_COLOR). */
  color?: boolean;
  /** Whether stderr is a terminal (progress is shown there for many files); default: detected. */
  interactive?: boolean;
}

const processIO: AuditIO = {
  stdout: (text) => writeAllSync(1, text),
  stderr: (text) => writeAllSync(2, text),
};

/** Runs `mljs audit` with the arguments after `audit`; resolves to the exit code. */
export async function auditCommand(args: string[], io: AuditIO = processIO): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS, "audit");
  if (positionals.length === 0) throw new UsageError("audit needs at least one file: mljs audit [-I DIR]... [--json] <files...>", "audit");
  const json = values.json === true;
  const color = io.color ?? useColor(process.stdout);
  const errColor = io.color ?? useColor(process.stderr);
  const progress = (io.interactive ?? process.stderr.isTTY === true) && positionals.length > 20;
  const importPaths = values["import-path"] ?? [];

  const results: AuditResult[] = [];
  let unreadable = 0;
  for (const [i, file] of positionals.entries()) {
    if (progress) io.stderr(`\rauditing ${i + 1}/${positionals.length}`);
    try {
      results.push(await auditFile(file, { importPaths }));
    } catch (e) {
      if (!(e instanceof Error && e.message.startsWith("cannot read ML file"))) throw e;
      unreadable++;
      io.stderr(`${progress ? "\r\x1b[K" : ""}mljs: ${e.message}\n`);
    }
  }
  if (progress) io.stderr("\r\x1b[K");

  const failed = results.filter((r) => !r.ok);
  for (const r of failed) io.stderr(renderDiagnostics(r.diagnostics, errColor, r.sources));
  if (json) io.stdout(`${JSON.stringify(auditToJSON(results), null, 2)}\n`);
  else if (results.length > failed.length) io.stdout(renderAuditText(results, color));

  if (unreadable > 0) return ExitCode.NoInput;
  if (failed.length > 0) return ExitCode.CompileError;
  return results.some((r) => r.findings.some((f) => f.severity === "high")) ? HIGH_FINDINGS : ExitCode.Ok;
}
