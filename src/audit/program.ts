/**
 * The modules of a program as the audit reads them: every user module the entry imports,
 * found the way the host loader finds them (stdlib names first, then `a/b.ml` next to the
 * importing file and in the import roots, never outside them), each parsed and resolved.
 * Nothing is compiled to JavaScript and nothing runs.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve as resolvePath } from "node:path";
import type * as AST from "../compiler/ast.js";
import { DiagnosticBag, DiagnosticCodes, sortDiagnostics, type Diagnostic } from "../compiler/diagnostics.js";
import { buildManifest, type Manifest } from "../compiler/manifest.js";
import { parse } from "../compiler/parser.js";
import { resolve, type Binding, type Resolution } from "../compiler/resolver.js";
import { didYouMean } from "../compiler/suggest.js";
import { importerDirectory, resolveUserModule } from "../host/resolve.js";

/** One parsed and resolved module of the audited program. */
export interface AuditModule {
  /** Position in {@link LinkedProgram.modules} (the entry is 0). */
  readonly index: number;
  /** Absolute path, or null for inline source without a file name. */
  readonly path: string | null;
  /** The name shown in findings (relative to the working directory when inside it). */
  readonly file: string;
  readonly source: string;
  readonly program: AST.Program;
  readonly resolution: Resolution;
  /** The binding every resolved identifier read refers to. */
  readonly reads: ReadonlyMap<AST.Identifier, Binding>;
  /** The module's own capability declarations (what `compile(source).manifest` reports). */
  readonly manifest: Manifest;
  /** Stdlib modules imported by name. */
  readonly stdlibImports: ReadonlySet<string>;
  /** User modules imported: dotted path → module. */
  readonly userImports: ReadonlyMap<string, AuditModule>;
}

/** The entry module and everything it imports. */
export interface LinkedProgram {
  /** Every module, the entry first. */
  readonly modules: readonly AuditModule[];
  /** Syntax, name and import errors (and warnings) of every module. */
  readonly diagnostics: readonly Diagnostic[];
  /** Display name → source, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
}

/** What to audit: inline source, or the contents of a file already read. */
export interface AuditInput {
  source: string;
  /** The file's path (imports are resolved next to it); omitted for inline source. */
  filename?: string;
}

/**
 * Parses and resolves the entry and, transitively, its user-module imports.
 * @param isStdlib whether a one-segment import names a stdlib (or extension) module
 * @param importPaths extra import roots, as for `load`
 */
export function readProgram(input: AuditInput, importPaths: readonly string[], isStdlib: (name: string) => boolean): LinkedProgram {
  const roots = importPaths.map((p) => resolvePath(p));
  const modules: AuditModule[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const byPath = new Map<string, AuditModule>();
  const visiting: string[] = [];

  const visit = (path: string | null, file: string, source: string): AuditModule => {
    const parsed = parse(source, file);
    const bag = new DiagnosticBag(file);
    const resolution = resolve(parsed.program, bag);
    diagnostics.push(...sortDiagnostics([...parsed.diagnostics, ...bag.items]));
    sources.set(file, source);
    const reads = new Map<AST.Identifier, Binding>();
    resolution.reads.forEach((id, i) => reads.set(id, resolution.readBindings[i]!));
    const stdlibImports = new Set<string>();
    const userImports = new Map<string, AuditModule>();
    const module: AuditModule = {
      index: modules.length, path, file, source, program: parsed.program, resolution, reads,
      manifest: buildManifest(parsed.program), stdlibImports, userImports,
    };
    modules.push(module);
    if (path !== null) byPath.set(path, module);
    visiting.push(path ?? "<input>");
    for (const node of parsed.program.body) {
      if (node.type !== "ImportDeclaration") continue;
      const segments = node.path.map((p) => p.name);
      const dotted = segments.join(".");
      if (segments.some((s) => s === "") || userImports.has(dotted) || stdlibImports.has(dotted)) continue;
      // A standard-library (or registered extension) name comes first (LANGUAGE.md §8).
      if (segments.length === 1 && isStdlib(dotted)) {
        stdlibImports.add(dotted);
        continue;
      }
      const found = resolveUserModule(segments, importerDirectory(path), roots);
      if (!found.ok) {
        diagnostics.push(unresolved(file, dotted, node.loc, found.reason, found.candidates));
        continue;
      }
      const target = resolvePath(found.path);
      if (visiting.includes(target)) {
        const cycle = [...visiting.slice(visiting.indexOf(target)), target].map(displayPath).join(" → ");
        diagnostics.push(error(file, DiagnosticCodes.ImportCycle, `circular import: ${cycle}`, node.loc,
          "move the shared code into a third module that both import"));
        continue;
      }
      const existing = byPath.get(target);
      if (existing !== undefined) {
        userImports.set(dotted, existing);
        continue;
      }
      let text: string;
      try {
        text = readFileSync(target, "utf8");
      } catch (e) {
        diagnostics.push(error(file, DiagnosticCodes.UnresolvedImport, `cannot read module '${dotted}': ${(e as Error).message}`, node.loc));
        continue;
      }
      userImports.set(dotted, visit(target, displayPath(target), text));
    }
    visiting.pop();
    return module;
  };

  const entryPath = input.filename === undefined ? null : resolvePath(input.filename);
  visit(entryPath, input.filename ?? "<input>", input.source);
  return { modules, diagnostics, sources };
}

/** A path relative to the working directory when it lies inside it, else absolute. */
export function displayPath(path: string): string {
  const abs = resolvePath(path);
  const rel = relative(process.cwd(), abs);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : abs;
}

function error(file: string, code: string, message: string, loc: AST.SourceLocation, suggestion?: string): Diagnostic {
  const d: Diagnostic = { code, severity: "error", message, file, loc };
  if (suggestion !== undefined) d.suggestion = suggestion;
  return d;
}

function unresolved(file: string, dotted: string, loc: AST.SourceLocation, reason: string, candidates: string[]): Diagnostic {
  if (reason === "escapes") {
    return error(file, DiagnosticCodes.InvalidImportPath, `module '${dotted}' resolves outside the import roots (through a symbolic link)`, loc);
  }
  if (reason === "invalid") return error(file, DiagnosticCodes.InvalidImportPath, `'${dotted}' is not a valid module name`, loc);
  const near = didYouMean(dotted, candidates);
  return error(file, DiagnosticCodes.UnresolvedImport, `cannot find module '${dotted}'`, loc,
    near !== undefined ? `did you mean '${near}'?` : "user modules are '.ml' files next to the importing file or in an import root (-I DIR)");
}
