/**
 * Document symbols: the file's functions (with the functions declared inside them), its
 * module-level variables, imports and capability declarations, as an outline.
 */
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver/node";
import type * as AST from "../compiler/ast.js";
import type { Analysis, Occurrence } from "./analysis.js";
import { toRange } from "./diagnostics.js";

/** The outline of the analysed document. */
export function documentSymbols(a: Analysis): DocumentSymbol[] {
  // Declarations grouped by the node of the scope that owns them (the program or a function).
  const byScope = new Map<AST.Node, Occurrence[]>();
  for (const o of a.occurrences) {
    const scope = o.binding?.scope;
    if (!o.declaration || scope == null || o.binding!.kind === "parameter") continue;
    if (scope.kind === "function" && o.kind !== "function") continue;
    const list = byScope.get(scope.node) ?? [];
    if (!list.some((x) => x.binding === o.binding)) list.push(o);
    byScope.set(scope.node, list);
  }
  const symbolsOf = (node: AST.Node): DocumentSymbol[] => (byScope.get(node) ?? []).map((o) => {
    const fn = o.kind === "function" ? a.functions.get(o.binding!) : undefined;
    const range = toRange(fn?.loc ?? o.loc);
    return {
      name: o.name,
      kind: fn !== undefined ? SymbolKind.Function : o.kind === "namespace" ? SymbolKind.Module
        : /^[A-Z][A-Z0-9_]*$/.test(o.name) ? SymbolKind.Constant : SymbolKind.Variable,
      range, selectionRange: toRange(o.loc),
      ...(fn !== undefined ? { detail: `(${fn.params.map((p) => p.name.name).join(", ")})`, children: symbolsOf(fn) } : {}),
    };
  });
  const out = symbolsOf(a.program);
  for (const s of a.program.body) {
    if (s.type === "CapabilityDeclaration") {
      out.push({ name: s.name.name, detail: "capability", kind: SymbolKind.Object, range: toRange(s.loc), selectionRange: toRange(s.name.loc) });
    }
  }
  return out.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
}
