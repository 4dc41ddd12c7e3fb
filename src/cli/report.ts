/**
 * How the CLI shows errors: diagnostics with code frames, runtime errors with the ML stack and
 * a code frame at the innermost ML frame.
 */
import { readFileSync } from "node:fs";
import { formatCodeFrame, formatDiagnostic } from "../compiler/codeframe.js";
import type { Diagnostic } from "../compiler/diagnostics.js";
import { collapseFrames, MLCompileError, MLRuntimeError } from "../host/errors.js";
import { ExitCode } from "./usage.js";
import { paint } from "./terminal.js";

/** Reads a source file for a code frame; null when it cannot be read (the frame is then omitted). */
function sourceOf(file: string, known: ReadonlyMap<string, string>): string | null {
  const cached = known.get(file);
  if (cached !== undefined) return cached;
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** Renders diagnostics (errors and warnings) followed by a one-line summary. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], color: boolean, known: ReadonlyMap<string, string> = new Map()): string {
  const parts: string[] = [];
  for (const d of diagnostics) {
    const src = sourceOf(d.file, known);
    parts.push(
      src === null
        ? `${d.file}:${d.loc.start.line}:${d.loc.start.column}: ${d.severity}[${d.code}]: ${d.message}\n`
        : `${formatDiagnostic(d, src, { color })}\n`,
    );
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (errors > 0 || warnings > 0) {
    const summary = [errors && `${errors} error${errors === 1 ? "" : "s"}`, warnings && `${warnings} warning${warnings === 1 ? "" : "s"}`]
      .filter(Boolean)
      .join(", ");
    parts.push(errors > 0 ? paint.red(summary, color) + "\n" : paint.yellow(summary, color) + "\n");
  }
  return parts.join("\n");
}

/**
 * Renders an uncaught ML runtime error: `file:line:col: Type: message`, a code frame, the ML stack.
 * `known`: sources that are not files (`<eval>`, `<stdin>`, REPL inputs), for the code frame.
 */
export function renderRuntimeError(e: MLRuntimeError, color: boolean, known: ReadonlyMap<string, string> = new Map()): string {
  const top = e.mlStack[0];
  const note = e.note === undefined ? "" : ` (${e.note})`;
  const head = `${paint.red(paint.bold(e.mlType, color), color)}: ${e.mlMessage}${note}`;
  if (top === undefined) return `${head}\n`;
  const lines = [`${top.file}:${top.line}:${top.column}: ${head}`];
  const src = sourceOf(top.file, known);
  if (src !== null) {
    const loc = {
      start: { line: top.line, column: top.column, offset: 0 },
      end: { line: top.line, column: top.column + 1, offset: 0 },
    };
    lines.push(formatCodeFrame(src, loc, { color }));
  }
  for (const line of collapseFrames(e.mlStack)) lines.push(paint.dim(`    ${line}`, color));
  const hint = hintFor(e);
  if (hint !== null) lines.push(`${paint.bold("hint", color)}: ${hint}`);
  return lines.join("\n") + "\n";
}

/** A suggestion for errors the command line can fix: a missing capability. */
function hintFor(e: MLRuntimeError): string | null {
  if (e.mlType !== "CapabilityError") return null;
  const missing = /requires capability '([\w.]+)': (this run was not granted it|the grant)/.exec(e.mlMessage);
  return missing === null ? null : `grant it with --allow ${missing[1]} (or --allow ${missing[1]}=PATTERN to limit it)`;
}

/**
 * Reports how a run ended with `e` and returns the exit code: 2 for a compile error, 3 for a
 * limit, 1 for another runtime error, 66 for an unreadable entry file. Anything else (a bug, a
 * bad option) is rethrown.
 */
export function reportRunError(
  e: unknown, color: boolean, write: (text: string) => void, known: ReadonlyMap<string, string> = new Map(),
): number {
  if (e instanceof MLCompileError) {
    write(renderDiagnostics(e.diagnostics, color, known));
    return ExitCode.CompileError;
  }
  if (e instanceof MLRuntimeError) {
    write(renderRuntimeError(e, color, known));
    return e.mlType === "LimitError" ? ExitCode.LimitExceeded : ExitCode.RuntimeError;
  }
  if (e instanceof Error && /^cannot read ML file/.test(e.message)) {
    write(`mljs: ${e.message}\n`);
    return ExitCode.NoInput;
  }
  throw e;
}
