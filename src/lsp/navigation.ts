/**
 * Go to definition, find references and rename, within a file and across user modules: a
 * module-level name of `util.ml` and `util.name` in a file that imports `util` are one symbol
 * (see analysis.ts), so the search covers the open documents and the workspace's `.ml` files.
 */
import { ResponseError, ErrorCodes, type Location, type Range, type TextEdit, type WorkspaceEdit } from "vscode-languageserver/node";
import { BUILTINS, type Scope } from "../compiler/resolver.js";
import { isKeyword } from "../compiler/tokens.js";
import { lookupName, occurrenceAt, scopeAt, type Analysis, type Occurrence } from "./analysis.js";
import { toRange } from "./diagnostics.js";
import type { Workspace } from "./workspace.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The URI of the file that declares a binding key (`uri#name`, `uri#offset:name`), or null. */
function declaringUri(key: string): string | null {
  const hash = key.lastIndexOf("#");
  return hash <= 0 || key.startsWith("builtin:") || key.startsWith("stdlib:") || key.startsWith("module:") ? null : key.slice(0, hash);
}

/** True for keys private to one file (a function's locals). */
function isLocalKey(key: string): boolean {
  return key.slice(key.lastIndexOf("#") + 1).includes(":");
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Where the symbol at `offset` is declared: its first declaration (a module for an import path). */
export function definition(ws: Workspace, a: Analysis, offset: number): Location | null {
  const o = occurrenceAt(a, offset);
  if (o === undefined) return null;
  if (o.module !== undefined && "uri" in o.module && (o.kind === "module-path" || (o.kind === "namespace" && o.declaration))) {
    return { uri: o.module.uri, range: FILE_START };
  }
  if (o.key === null) return null;
  const uri = declaringUri(o.key);
  if (uri === null) return null;
  const target = uri === a.uri ? a : ws.analysis(uri);
  const decl = target?.occurrences.find((x) => x.key === o.key && x.declaration);
  return decl === undefined ? null : { uri, range: toRange(decl.loc) };
}

/** Every occurrence of the symbol at `offset`, in every file searched, with their files' URIs. */
function occurrencesOf(ws: Workspace, a: Analysis, o: Occurrence): { uri: string; occurrence: Occurrence }[] {
  const key = o.key!;
  const files = isLocalKey(key) ? [a] : [a, ...ws.allAnalyses().filter((f) => f.uri !== a.uri)];
  const out: { uri: string; occurrence: Occurrence }[] = [];
  for (const f of files) {
    for (const x of f.occurrences) if (x.key === key) out.push({ uri: f.uri, occurrence: x });
  }
  return out;
}

/** References of the symbol at `offset` (its declarations too when `includeDeclaration`). */
export function references(ws: Workspace, a: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const o = occurrenceAt(a, offset);
  if (o === undefined || o.key === null) return [];
  return occurrencesOf(ws, a, o)
    .filter((r) => includeDeclaration || !r.occurrence.declaration)
    .map((r) => ({ uri: r.uri, range: toRange(r.occurrence.loc) }));
}

/** Why the symbol at `offset` cannot be renamed, or null when it can. */
function renameRefusal(a: Analysis, o: Occurrence | undefined): string | null {
  if (o === undefined || o.key === null || o.kind === "property") return "there is no name to rename here";
  if (o.kind === "builtin" || o.kind === "stdlib-member") return `'${o.name}' belongs to the language, not to this program`;
  if (o.kind === "module-path") return "a module is renamed by renaming its file";
  if (o.binding !== undefined && o.binding.imported) {
    // `import util;`: the name is the module's; `import util as u;`: the alias can be renamed.
    const aliased = a.imports.some((i) => i.node.alias !== null && i.node.alias.name === o.name);
    if (!aliased) return "a module is renamed by renaming its file (or import it with 'as NAME')";
  }
  return null;
}

/**
 * True when, at occurrence `r` of the symbol being renamed, `newName` already names something
 * that the rename would mix up with it: a name of the symbol's own scope or of a function inside
 * it that the occurrence sees (both would be one name, or the occurrence would read the other),
 * an outer name that the symbol's function reads (the symbol would hide it), or another member
 * of the module the symbol belongs to.
 */
function clashes(ws: Workspace, a: Analysis, r: { uri: string; occurrence: Occurrence }, o: Occurrence, newName: string): boolean {
  const x = r.occurrence;
  if (x.kind === "user-member") return x.module !== undefined && "uri" in x.module && (ws.analysis(x.module.uri)?.exports.has(newName) ?? false);
  const file = r.uri === a.uri ? a : ws.analysis(r.uri);
  if (file === null) return false;
  // A declaration is looked up from its binding's scope (a function's name is inside its node).
  const scope = x.declaration && x.binding?.scope ? x.binding.scope : scopeAt(file, x.loc.start.offset);
  const other = lookupName(scope, newName);
  if (other === undefined || other.kind === "builtin" || other === o.binding) return false;
  const own = o.binding?.scope ?? null;
  if (own === null || own.kind === "module") return true;
  for (let t: Scope | null = other.scope; t !== null; t = t.parent) if (t === own) return true;
  const span = own.node.loc;
  return file.occurrences.some((y) => y.binding === other && y.loc.start.offset >= span.start.offset && y.loc.end.offset <= span.end.offset);
}

/** The range of the name to rename at `offset`; a ResponseError when it cannot be renamed. */
export function prepareRename(a: Analysis, offset: number): { range: Range; placeholder: string } {
  const o = occurrenceAt(a, offset);
  const refusal = renameRefusal(a, o);
  if (refusal !== null) throw new ResponseError(ErrorCodes.InvalidRequest, refusal);
  return { range: toRange(o!.loc), placeholder: o!.name };
}

/** The edits renaming the symbol at `offset` to `newName` in every file that names it. */
export function rename(ws: Workspace, a: Analysis, offset: number, newName: string): WorkspaceEdit {
  const o = occurrenceAt(a, offset);
  const refusal = renameRefusal(a, o);
  if (refusal !== null) throw new ResponseError(ErrorCodes.InvalidRequest, refusal);
  if (!IDENTIFIER.test(newName) || isKeyword(newName)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid ML name`);
  }
  if (BUILTINS.includes(newName)) throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is a builtin: renaming to it would hide the builtin`);
  const found = occurrencesOf(ws, a, o!);
  const clash = found.find((r) => clashes(ws, a, r, o!, newName));
  if (clash !== undefined) {
    const line = clash.occurrence.loc.start.line;
    throw new ResponseError(ErrorCodes.InvalidParams,
      `'${newName}' is already a name where '${o!.name}' is used (line ${line}${clash.uri === a.uri ? "" : ` of ${clash.uri}`}): the rename would change what the program means`);
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const r of found) {
    (changes[r.uri] ??= []).push({ range: toRange(r.occurrence.loc), newText: newName });
  }
  return { changes };
}
