/**
 * The modules of a program as the audit reads them: every user module the entry imports,
 * found the way the host loader finds them (stdlib names first, then `a/b.ml` next to the
 * importing file and in the import roots, never outside them), each parsed and resolved.
 * Nothing is compiled to JavaScript and nothing runs.
 */
import { resolve as resolvePath } from "node:path";
import type * as AST from "../compiler/ast.js";
import { sortDiagnostics, type Diagnostic } from "../compiler/diagnostics.js";
import { parseAndResolve, sourceTooLong } from "../compiler/analyze.js";
import { buildManifest, type Manifest } from "../compiler/manifest.js";
import type { Binding, Resolution } from "../compiler/resolver.js";
import { displayPath, importLookups, locateImport, readImportedModule, type ImportContext } from "../host/resolve.js";

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
 * @param importPaths extra import roots, as for `load`
 * @param isStdlib whether a one-segment import names a stdlib (or extension) module
 * @param stdlibNames the stdlib module names (suggested for an unknown import)
 */
export function readProgram(
  input: AuditInput,
  importPaths: readonly string[],
  isStdlib: (name: string) => boolean,
  stdlibNames: readonly string[],
): LinkedProgram {
  const roots = importPaths.map((p) => resolvePath(p));
  const modules: AuditModule[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const byPath = new Map<string, AuditModule>();
  const visiting: string[] = [];
  const lookups = importLookups();

  const visit = (path: string | null, file: string, source: string): AuditModule => {
    // A source the compiler would refuse (ML0001) is not parsed: its length bounds the work.
    const tooLong = sourceTooLong(source, file, undefined);
    if (tooLong !== null) diagnostics.push(tooLong);
    const parsed = parseAndResolve(tooLong === null ? source : "", file);
    const resolution = parsed.resolution;
    diagnostics.push(...sortDiagnostics(parsed.diagnostics));
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
    const from: ImportContext = { file, path, roots, visiting, isStdlib, stdlibNames, rootsOption: "-I DIR", lookups };
    for (const node of parsed.program.body) {
      if (node.type !== "ImportDeclaration") continue;
      const segments = node.path.map((p) => p.name);
      const dotted = segments.join(".");
      if (segments.some((s) => s === "") || userImports.has(dotted) || stdlibImports.has(dotted)) continue;
      const step = locateImport(segments, node.loc, from);
      if (step.kind === "stdlib") stdlibImports.add(dotted);
      else if (step.kind === "error") diagnostics.push(step.diagnostic);
      else {
        const existing = byPath.get(step.path);
        if (existing !== undefined) {
          userImports.set(dotted, existing);
          continue;
        }
        const text = readImportedModule(step.path, dotted, node.loc, file);
        if (typeof text !== "string") diagnostics.push(text);
        else userImports.set(dotted, visit(step.path, displayPath(step.path), text));
      }
    }
    visiting.pop();
    return module;
  };

  const entryPath = input.filename === undefined ? null : resolvePath(input.filename);
  visit(entryPath, input.filename ?? "<input>", input.source);
  return { modules, diagnostics, sources };
}
