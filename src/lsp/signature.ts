/**
 * Signature help: inside the parentheses of a call, the callee's signature with the argument
 * under the cursor highlighted. The call is found in the text (the code being typed rarely
 * parses), the callee by name: a builtin, a stdlib member, a user function of this file or a
 * member of an imported user module.
 */
import type { SignatureHelp, SignatureInformation } from "vscode-languageserver/node";
import { lookupName, scopeAt, type Analysis } from "./analysis.js";
import { functionSignature } from "./hover.js";
import { builtinDoc, isModule, moduleMember, signatureParams } from "./metadata.js";
import type { Workspace } from "./workspace.js";

/** How far back the search for the call's `(` looks, in characters. */
const MAX_SCAN = 4000;

const CALLEE = /([A-Za-z_][A-Za-z0-9_]*)(?:\s*\.\s*([A-Za-z_][A-Za-z0-9_]*))?\s*$/;

/** Signature help at `offset`, or null outside a call. */
export function signatureHelp(ws: Workspace, a: Analysis, offset: number): SignatureHelp | null {
  const call = enclosingCall(a.text, offset);
  if (call === null) return null;
  const m = CALLEE.exec(a.text.slice(Math.max(0, call.open - 200), call.open));
  if (m === null) return null;
  const signatures = calleeSignatures(ws, a, offset, m[1]!, m[2]);
  if (signatures.length === 0) return null;
  const active = signatures.findIndex((s) => (s.parameters?.length ?? 0) > call.commas || s.label.includes("..."));
  return { signatures, activeSignature: Math.max(0, active), activeParameter: call.commas };
}

/** The `(` of the innermost call containing `offset` and the commas between it and `offset`. */
export function enclosingCall(text: string, offset: number): { open: number; commas: number } | null {
  let depth = 0;
  let commas = 0;
  const stop = Math.max(0, offset - MAX_SCAN);
  for (let i = offset - 1; i >= stop; i--) {
    const c = text[i]!;
    if (c === "\"" || c === "'") {
      // Skip back over a string on this line.
      const j = text.lastIndexOf(c, i - 1);
      const nl = text.lastIndexOf("\n", i - 1);
      if (j > nl) i = j;
      continue;
    }
    if (c === ")" || c === "]" || c === "}") depth++;
    else if (c === "(" || c === "[" || c === "{") {
      if (depth === 0) return c === "(" ? { open: i, commas } : null;
      depth--;
    } else if (c === "," && depth === 0) commas++;
    else if (c === ";" && depth === 0) return null;
  }
  return null;
}

function calleeSignatures(ws: Workspace, a: Analysis, offset: number, head: string, member: string | undefined): SignatureInformation[] {
  const scope = scopeAt(a, offset);
  const b = lookupName(scope, head);
  if (member === undefined) {
    const fn = b === undefined ? undefined : a.functions.get(b);
    if (fn !== undefined) return [signatureOf(functionSignature(head, fn), fn.params.map((p) => p.name.name))];
    const doc = b === undefined || b.kind === "builtin" ? builtinDoc(head) : undefined;
    if (doc === undefined) return [];
    // `range(stop) / range(start, stop, step?)`: one signature per form.
    return doc.signature.split(" / ").map((form) => signatureOf(form, signatureParams(form), doc.description));
  }
  const module = b === undefined ? (isModule(head) ? { stdlib: head } : undefined) : a.modules.get(b);
  if (module === undefined) return [];
  if ("stdlib" in module) {
    const doc = moduleMember(module.stdlib, member);
    if (doc === undefined || doc.kind !== "function") return [];
    return [signatureOf(doc.signature, signatureParams(doc.signature), doc.description)];
  }
  const target = ws.analysis(module.uri);
  const exported = target?.exports.get(member);
  const fn = exported === undefined ? undefined : target!.functions.get(exported);
  return fn === undefined ? [] : [signatureOf(functionSignature(`${head}.${member}`, fn), fn.params.map((p) => p.name.name))];
}

/** A signature whose parameters are given as label offsets into `label`. */
function signatureOf(label: string, params: readonly string[], documentation?: string): SignatureInformation {
  const parameters: { label: [number, number] }[] = [];
  let from = label.indexOf("(") + 1;
  for (const p of params) {
    const at = label.indexOf(p, from);
    if (at < 0) break;
    parameters.push({ label: [at, at + p.length] });
    from = at + p.length;
  }
  return documentation === undefined ? { label, parameters } : { label, parameters, documentation };
}
