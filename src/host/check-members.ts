/**
 * A static check for `mljs check`: members of imported stdlib modules that do not exist
 * (`datetime.nwo()` → "module 'datetime' has no member 'nwo'", suggestion "did you mean 'now'?"),
 * read from the registry's metadata — the same names the module object gives ML at run time.
 *
 * At run time the same mistake is an `AttributeError` with the same suggestion (the language
 * makes a missing member a runtime error, so `load`/`run` do not refuse such a program: a branch
 * that never runs may name anything).
 */
import type * as AST from "../compiler/ast.js";
import type { SourceLocation } from "../compiler/ast.js";
import { analyze, type SourceAnalysis } from "../compiler/analyze.js";
import type { Diagnostic } from "../compiler/diagnostics.js";
import type { Binding } from "../compiler/resolver.js";
import { didYouMean } from "../compiler/suggest.js";
import * as registry from "../stdlib/registry.js";

/** Diagnostic code of an unknown member of an imported stdlib module (imports are ML3xxx). */
export const UNKNOWN_MODULE_MEMBER = "ML3004";

/** Nodes visited at most per file: the walk is bounded whatever the input. */
const MAX_NODES = 1_000_000;

/**
 * Diagnostics (errors) for every `m.name` where `m` is bound only by `import m;` (or
 * `import m as alias;`) of a stdlib module and `name` is none of its functions, aliases or
 * constants. Returns nothing for a file that does not parse (the compiler reports that).
 */
export function checkStdlibMembers(source: string, filename = "<input>", options: { maxSourceLength?: number } = {}): Diagnostic[] {
  return stdlibMemberDiagnostics(analyze(source, { filename, maxSourceLength: options.maxSourceLength }), filename);
}

/**
 * {@link checkStdlibMembers} of a source already analysed (`mljs check` parses each file once):
 * nothing when it was refused for its length or has syntax errors.
 */
export function stdlibMemberDiagnostics(analysis: SourceAnalysis, filename: string): Diagnostic[] {
  const parsed = analysis.parsed;
  if (parsed === null || parsed.syntaxErrors) return [];
  const { program, resolution } = parsed;
  const modules = new Map<Binding, string>();
  for (const node of program.body) {
    if (node.type !== "ImportDeclaration" || node.path.length !== 1) continue;
    const name = node.path[0]!.name;
    if (!registry.has(name)) continue;
    const binding = resolution.module.bindings.get((node.alias ?? node.path[0]!).name);
    // A name assigned anything else too may hold another value where it is read.
    if (binding !== undefined && !binding.otherAssignments && binding.functionDeclarations === 0) modules.set(binding, name);
  }
  if (modules.size === 0) return [];
  const reads = new Map<AST.Identifier, Binding>();
  resolution.reads.forEach((id, i) => reads.set(id, resolution.readBindings[i]!));

  const out: Diagnostic[] = [];
  const members = new Map<string, ReadonlySet<string>>();
  walk(program, (node) => {
    if (node.type !== "MemberExpression") return;
    const e = node as AST.MemberExpression;
    if (e.object.type !== "Identifier") return;
    const binding = reads.get(e.object);
    const module = binding === undefined ? undefined : modules.get(binding);
    if (module === undefined) return;
    let names = members.get(module);
    if (names === undefined) {
      names = memberNames(module);
      members.set(module, names);
    }
    const name = e.property.name;
    if (names.has(name)) return;
    out.push(unknownMemberDiagnostic(filename, e.property.loc, module, name, e.object.name, names));
  });
  return out.sort((a, b) => a.loc.start.offset - b.loc.start.offset);
}

/**
 * The ML3004 diagnostic for `alias.name` where `alias` holds stdlib module `module` and `name` is
 * none of `members`: "module 'datetime' has no member 'nwo'", with the closest member as a hint.
 * Shared with the language server, which finds the members its own way.
 */
export function unknownMemberDiagnostic(
  file: string, loc: SourceLocation, module: string, name: string, alias: string, members: Iterable<string>,
): Diagnostic {
  const close = didYouMean(name, members);
  return {
    code: UNKNOWN_MODULE_MEMBER, severity: "error", file, loc,
    message: `module '${module}' has no member '${name}'`,
    suggestion: close !== undefined ? `did you mean '${close}'?` : `see help(${alias}) for its members`,
  };
}

/** What `import name;` gives ML: the module's functions (aliases included) and constants. */
function memberNames(module: string): ReadonlySet<string> {
  const def = registry.definition(module);
  return new Set([...def.functions.keys(), ...def.constants.map((c) => c.name)]);
}

/** Visits every AST node under `root` (iteratively: nesting depth costs heap, not stack). */
function walk(root: AST.Program, visit: (node: { type: string }) => void): void {
  const stack: unknown[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    if (typeof v !== "object" || v === null || typeof (v as { type?: unknown }).type !== "string") continue;
    visited++;
    visit(v as { type: string });
    for (const [key, child] of Object.entries(v)) {
      if (key === "loc" || typeof child !== "object" || child === null) continue;
      stack.push(child);
    }
  }
}
