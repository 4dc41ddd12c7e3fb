/**
 * Diagnostics the language server publishes: the compiler's (syntax, names, declarations), the
 * unknown members of imported stdlib modules and unresolved imports, all from the document's
 * analysis on every change; and the audit's findings about capability declarations against what
 * the code reaches, computed less often (see server.ts) because the audit reads every imported
 * module.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from "vscode-languageserver/node";
import type { SourceLocation } from "../compiler/ast.js";
import type { Diagnostic } from "../compiler/diagnostics.js";
import { auditSource, type Finding } from "../audit/index.js";
import type { Analysis } from "./analysis.js";

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = "mljs";

/** What a diagnostic carries for code actions (`Diagnostic.data`). */
export interface DiagnosticData {
  /** The compiler's hint, e.g. `did you mean 'count'?`. */
  suggestion?: string;
}

/** An LSP range (0-based lines) from an AST span (1-based lines and columns). */
export function toRange(loc: SourceLocation): Range {
  return {
    start: { line: loc.start.line - 1, character: loc.start.column - 1 },
    end: { line: loc.end.line - 1, character: loc.end.column - 1 },
  };
}

/** One compiler diagnostic for the editor: its code, range and hint. */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(d.loc),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.suggestion === undefined ? d.message : `${d.message} (${d.suggestion})`,
  };
  if (d.suggestion !== undefined) out.data = { suggestion: d.suggestion } satisfies DiagnosticData;
  return out;
}

/** The analysis's diagnostics for the editor. */
export function analysisDiagnostics(a: Analysis): LspDiagnostic[] {
  return a.diagnostics.map(toLspDiagnostic);
}

/**
 * The audit's findings in the file itself (not in the modules it imports), as warnings (`info`
 * findings as information). Nothing when the program has compile errors: those are reported
 * already. `path` is the file's path (imports resolve next to it), null for a document that is
 * not a file.
 */
export async function auditDiagnostics(text: string, path: string | null, importPaths: readonly string[]): Promise<LspDiagnostic[]> {
  const result = await auditSource(path === null ? { source: text } : { source: text, filename: path }, { importPaths });
  if (!result.ok) return [];
  return result.findings.filter((f) => f.file === result.file).map(findingDiagnostic);
}

function findingDiagnostic(f: Finding): LspDiagnostic {
  return {
    range: toRange(f.loc),
    severity: f.severity === "info" ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message: `${f.message} (${f.suggestion})`,
  };
}
