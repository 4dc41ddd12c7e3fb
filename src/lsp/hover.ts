/**
 * Hover: the signature and description of what the name under the cursor refers to — a builtin
 * or a stdlib member (from the registry's metadata, as `help()` shows them), a stdlib module, a
 * user function (its parameters and the comment lines just above its declaration), a variable or
 * parameter, a member of an imported user module.
 */
import { MarkupKind, type Hover } from "vscode-languageserver/node";
import type * as AST from "../compiler/ast.js";
import type { Binding } from "../compiler/resolver.js";
import { occurrenceAt, type Analysis, type Occurrence } from "./analysis.js";
import { toRange } from "./diagnostics.js";
import { builtinDoc, memberMarkdown, moduleInfo, moduleMarkdown, moduleMember } from "./metadata.js";
import type { Workspace } from "./workspace.js";

/** The hover at `offset` of the analysed document, or null. */
export function hover(ws: Workspace, a: Analysis, offset: number): Hover | null {
  const o = occurrenceAt(a, offset);
  if (o === undefined) return null;
  const value = describe(ws, a, o);
  return value === null ? null : { contents: { kind: MarkupKind.Markdown, value }, range: toRange(o.loc) };
}

/** Markdown describing an occurrence's symbol, or null when nothing is known about it. */
export function describe(ws: Workspace, a: Analysis, o: Occurrence): string | null {
  if (o.module !== undefined && (o.kind === "namespace" || o.kind === "module-path")) {
    if ("stdlib" in o.module) {
      const info = moduleInfo(o.module.stdlib);
      return info === null ? null : moduleMarkdown(info);
    }
    const target = ws.analysis(o.module.uri);
    const names = target === null ? [] : [...target.exports.keys()];
    return `\`\`\`ml\nmodule ${o.name}\n\`\`\`\n\nA user module (${o.module.uri.split("/").pop()}).` +
      (names.length > 0 ? ` Members: ${names.map((n) => `\`${n}\``).join(", ")}.` : "");
  }
  switch (o.kind) {
    case "builtin": {
      const doc = builtinDoc(o.name);
      return doc === undefined ? null : memberMarkdown(doc);
    }
    case "stdlib-member": {
      const doc = o.module !== undefined && "stdlib" in o.module ? moduleMember(o.module.stdlib, o.name) : undefined;
      return doc === undefined ? null : memberMarkdown(doc);
    }
    case "user-member": {
      if (o.module === undefined || !("uri" in o.module)) return null;
      const target = ws.analysis(o.module.uri);
      const b = target?.exports.get(o.name);
      return target === null || b === undefined ? null : describeBinding(target, b);
    }
    case "property":
      return null;
    default:
      return o.binding === undefined ? null : describeBinding(a, o.binding);
  }
}

/** A user binding: a function's signature and comment, or what kind of variable it is. */
export function describeBinding(a: Analysis, b: Binding): string {
  const fn = a.functions.get(b);
  if (fn !== undefined && b.functionDeclarations > 0 && !b.otherAssignments) {
    const comment = leadingComment(a.text, fn.type === "FunctionDeclaration" ? fn.loc.start.offset : lineStartOffset(a.text, fn.loc.start.offset));
    return `\`\`\`ml\n${functionSignature(b.name, fn)}\n\`\`\`${comment === "" ? "" : `\n\n${comment}`}`;
  }
  const what = b.kind === "parameter" ? "parameter" : b.kind === "import" ? "module" : b.scope?.kind === "module" ? "module variable" : "local variable";
  return `\`\`\`ml\n(${what}) ${b.name}\n\`\`\``;
}

/** `function name(a, b)`. */
export function functionSignature(name: string, fn: AST.FunctionDeclaration | AST.ArrowFunction): string {
  return `function ${name}(${fn.params.map((p) => p.name.name).join(", ")})`;
}

function lineStartOffset(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The `//` comment lines right above the line containing `offset`, without their markers. */
export function leadingComment(text: string, offset: number): string {
  const lines: string[] = [];
  let end = lineStartOffset(text, offset) - 1; // the newline ending the previous line
  while (end > 0 && lines.length < 50) {
    const start = lineStartOffset(text, end);
    const line = text.slice(start, end).trim();
    if (!line.startsWith("//")) break;
    lines.unshift(line.replace(/^\/\/\s?/, ""));
    end = start - 1;
  }
  return lines.join("\n");
}
