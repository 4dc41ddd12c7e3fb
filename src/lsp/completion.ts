/**
 * Completion: after `name.`, the members of the module `name` holds (a stdlib module's functions,
 * aliases and constants; a user module's top-level names); in an `import` statement, the stdlib
 * modules and the `.ml` files beside the document; elsewhere the names in scope at the cursor
 * (locals, enclosing functions' names, module names), the builtins and the keywords.
 */
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { CompletionItemKind, MarkupKind, type CompletionItem } from "vscode-languageserver/node";
import type { Binding, Scope } from "../compiler/resolver.js";
import { BUILTINS } from "../compiler/resolver.js";
import { KEYWORDS } from "../compiler/tokens.js";
import { lookupName, scopeAt, type Analysis } from "./analysis.js";
import { describeBinding } from "./hover.js";
import { builtinDoc, isModule, memberMarkdown, moduleMembers, moduleNames } from "./metadata.js";
import { uriToPath, type Workspace } from "./workspace.js";

const MEMBER_ACCESS = /([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*[A-Za-z0-9_]*$/;
const IMPORT_PATH = /^\s*import\s+[A-Za-z0-9_.]*$/;

/** Completion items at `offset` of the analysed document. */
export function complete(ws: Workspace, a: Analysis, offset: number): CompletionItem[] {
  const lineStart = a.text.lastIndexOf("\n", offset - 1) + 1;
  const before = a.text.slice(lineStart, offset);
  if (IMPORT_PATH.test(before)) return importCompletions(a);
  const member = MEMBER_ACCESS.exec(before);
  if (member !== null) return memberCompletions(ws, a, member[1]!, offset);
  return scopeCompletions(a, scopeAt(a, offset));
}

function memberCompletions(ws: Workspace, a: Analysis, object: string, offset: number): CompletionItem[] {
  const b = lookupName(scopeAt(a, offset), object);
  const module = b === undefined ? (isModule(object) ? { stdlib: object } : undefined) : a.modules.get(b);
  if (module === undefined) return [];
  if ("stdlib" in module) {
    return moduleMembers(module.stdlib).map((m) => ({
      label: m.name,
      kind: m.kind === "function" ? CompletionItemKind.Function : CompletionItemKind.Constant,
      detail: m.signature,
      documentation: { kind: MarkupKind.Markdown, value: memberMarkdown(m) },
    }));
  }
  const target = ws.analysis(module.uri);
  if (target === null) return [];
  return [...target.exports.values()].map((x) => bindingItem(target, x));
}

function importCompletions(a: Analysis): CompletionItem[] {
  const items: CompletionItem[] = moduleNames().map((name) => ({ label: name, kind: CompletionItemKind.Module, detail: "stdlib module" }));
  const path = uriToPath(a.uri);
  if (path === null) return items;
  let entries: string[] = [];
  try {
    entries = readdirSync(dirname(path));
  } catch {
    // no directory listing: the stdlib modules only
  }
  for (const e of entries) {
    const name = e.slice(0, -3);
    if (e.endsWith(".ml") && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && e !== path.split(/[\\/]/).pop()) {
      items.push({ label: name, kind: CompletionItemKind.Module, detail: "user module" });
    }
  }
  return items;
}

function scopeCompletions(a: Analysis, scope: Scope): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (let s: Scope | null = scope; s !== null; s = s.parent) {
    for (const b of s.bindings.values()) {
      if (seen.has(b.name)) continue;
      seen.add(b.name);
      items.push(bindingItem(a, b));
    }
  }
  for (const name of BUILTINS) {
    if (seen.has(name)) continue;
    const doc = builtinDoc(name);
    items.push({
      label: name, kind: CompletionItemKind.Function, detail: doc?.signature,
      documentation: doc === undefined ? undefined : { kind: MarkupKind.Markdown, value: memberMarkdown(doc) },
    });
  }
  for (const k of KEYWORDS) items.push({ label: k, kind: CompletionItemKind.Keyword });
  return items;
}

function bindingItem(a: Analysis, b: Binding): CompletionItem {
  const kind = b.kind === "import" ? CompletionItemKind.Module
    : b.functionDeclarations > 0 && !b.otherAssignments ? CompletionItemKind.Function
    : CompletionItemKind.Variable;
  return { label: b.name, kind, documentation: { kind: MarkupKind.Markdown, value: describeBinding(a, b) } };
}
