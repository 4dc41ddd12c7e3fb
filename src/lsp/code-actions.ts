/**
 * Quick fixes from the compiler's hints: a diagnostic whose hint is `did you mean 'NAME'?`
 * (unknown names, stdlib members, modules, permissions) offers to write NAME instead; `add
 * 'import m;' at the top of the file` offers to add the import.
 */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from "vscode-languageserver/node";
import type { Analysis } from "./analysis.js";
import type { DiagnosticData } from "./diagnostics.js";

const DID_YOU_MEAN = /did you mean '([^']+)'\?/;
const ADD_IMPORT = /add '(import [A-Za-z_][A-Za-z0-9_]*;)' at the top of the file/;

/** The quick fixes for the diagnostics the client sends (those at the cursor). */
export function codeActions(a: Analysis, uri: string, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const hint = (d.data as DiagnosticData | undefined)?.suggestion ?? (typeof d.message === "string" ? d.message : d.message.value);
    const near = DID_YOU_MEAN.exec(hint);
    if (near !== null) {
      out.push({
        title: `Change to '${near[1]}'`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
        edit: { changes: { [uri]: [{ range: d.range, newText: near[1]! }] } },
      });
      continue;
    }
    const imp = ADD_IMPORT.exec(hint);
    if (imp !== null) {
      // After the last import, or at the top.
      const last = a.imports[a.imports.length - 1];
      const line = last === undefined ? 0 : last.node.loc.end.line;
      out.push({
        title: `Add '${imp[1]}'`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
        edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${imp[1]}\n` }] } },
      });
    }
  }
  return out;
}
