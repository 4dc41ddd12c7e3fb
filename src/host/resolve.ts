/**
 * Resolution of user-module imports (docs/language/reference.md §8): `import a.b;` finds `a/b.ml` in the
 * importing file's directory, then in each configured import root. Nothing outside those roots
 * can be reached: path segments are ML identifiers (no `.`, `/` or `..` can be written), and the
 * real path of the file found (symlinks resolved) must still lie inside the root it was found in.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep, isAbsolute } from "node:path";
import type { SourceLocation } from "../compiler/ast.js";
import { DiagnosticCodes, MAX_DIAGNOSTICS, type Diagnostic } from "../compiler/diagnostics.js";
import { didYouMean } from "../compiler/suggest.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a module was found, or why not. */
export type Resolution =
  | { ok: true; path: string }
  | {
      ok: false; reason: "invalid" | "not-found" | "escapes"; tried: string[];
      /** Module names near the one asked for, or null when the load's suggestion searches are spent. */
      candidates: string[] | null;
    };

/**
 * Finds the file for an import path.
 * @param segments the dotted path, e.g. `["a", "b"]`
 * @param importerDir directory of the importing file, or null for inline source without a file name
 * @param roots the host's import roots (absolute)
 */
export function resolveUserModule(
  segments: readonly string[],
  importerDir: string | null,
  roots: readonly string[],
  lookups?: ImportLookups,
): Resolution {
  const searched = importerDir === null ? [...roots] : [importerDir, ...roots];
  if (segments.length === 0 || !segments.every((s) => IDENTIFIER.test(s))) {
    return { ok: false, reason: "invalid", tried: [], candidates: [] };
  }
  const tried: string[] = [];
  let escaped = false;
  for (const root of searched) {
    const candidate = join(root, ...segments.slice(0, -1), `${segments[segments.length - 1]}.ml`);
    tried.push(candidate);
    if (!isFile(candidate)) continue;
    if (!inside(realpathSafe(candidate), realpathSafe(root))) {
      escaped = true;
      continue;
    }
    return { ok: true, path: candidate };
  }
  // Suggestions read directories: a load lists each directory once and searches a bounded number
  // of times, so a source of thousands of unknown imports cannot make linking quadratic.
  const suggest = lookups === undefined || lookups.suggestionsLeft-- > 0;
  return {
    ok: false,
    reason: escaped ? "escapes" : "not-found",
    tried,
    candidates: suggest ? nearbyModuleNames(segments, searched, lookups?.listings) : null,
  };
}

/**
 * What one load (or audit) remembers while it resolves imports: directory listings, and how many
 * more unresolved imports may get a "did you mean" search.
 */
export interface ImportLookups {
  readonly listings: Map<string, readonly string[]>;
  suggestionsLeft: number;
}

/** Fresh lookups for one load: at most {@link MAX_DIAGNOSTICS} suggestion searches. */
export function importLookups(): ImportLookups {
  return { listings: new Map(), suggestionsLeft: MAX_DIAGNOSTICS };
}

/** Dotted names of `.ml` modules next to where the import was looked for (for suggestions). */
function nearbyModuleNames(segments: readonly string[], roots: readonly string[], listings?: Map<string, readonly string[]>): string[] {
  const prefix = segments.slice(0, -1);
  const names = new Set<string>();
  for (const root of roots) {
    const dir = join(root, ...prefix);
    let entries = listings?.get(dir);
    if (entries === undefined) {
      try {
        entries = readdirSync(dir);
      } catch {
        entries = [];
      }
      listings?.set(dir, entries);
    }
    for (const entry of entries) {
      if (entry.endsWith(".ml")) {
        const base = entry.slice(0, -3);
        if (IDENTIFIER.test(base)) names.add([...prefix, base].join("."));
      }
    }
  }
  return [...names];
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

function realpathSafe(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/** The directory imports of `file` are resolved from. */
export function importerDirectory(file: string | null): string | null {
  return file === null ? null : dirname(resolve(file));
}

/** Where one `import` statement leads, as the loader and the audit both follow it. */
export type ImportStep =
  | { kind: "stdlib" }
  | { kind: "module"; path: string }
  | { kind: "error"; diagnostic: Diagnostic };

/** The module being read and what imports from it resolve against. */
export interface ImportContext {
  /** Display name of the importing file (diagnostics name it). */
  readonly file: string;
  /** Its absolute path, or null for inline source. */
  readonly path: string | null;
  /** Absolute import roots. */
  readonly roots: readonly string[];
  /** Paths of the modules being read, outermost first (an import of one of them is a cycle). */
  readonly visiting: readonly string[];
  /** Whether a one-segment name is a stdlib (or extension) module; such names come first. */
  readonly isStdlib: (name: string) => boolean;
  /** Stdlib names offered as suggestions for an unknown module. */
  readonly stdlibNames: readonly string[];
  /** How the help text names the import roots (`importPaths`, `-I DIR`). */
  readonly rootsOption: string;
  /** Shared by every module of one load: listings read and suggestion searches left. */
  readonly lookups?: ImportLookups;
}

/** Resolves one import (docs/language/reference.md §8): a stdlib module, a user module's file, or why not. */
export function locateImport(segments: readonly string[], loc: SourceLocation, from: ImportContext): ImportStep {
  const dotted = segments.join(".");
  if (segments.length === 1 && from.isStdlib(dotted)) return { kind: "stdlib" };
  const found = resolveUserModule(segments, importerDirectory(from.path), from.roots, from.lookups);
  if (!found.ok) {
    return { kind: "error", diagnostic: unresolved(from, dotted, loc, found.reason, found.candidates) };
  }
  const target = resolve(found.path);
  if (from.visiting.includes(target)) {
    const cycle = [...from.visiting.slice(from.visiting.indexOf(target)), target].map(displayPath).join(" → ");
    return {
      kind: "error",
      diagnostic: importError(from.file, DiagnosticCodes.ImportCycle, `circular import: ${cycle}`, loc,
        "move the shared code into a third module that both import"),
    };
  }
  return { kind: "module", path: target };
}

/** The source of an imported module, or the diagnostic saying why it cannot be read. */
export function readImportedModule(path: string, dotted: string, loc: SourceLocation, importer: string): string | Diagnostic {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    return importError(importer, DiagnosticCodes.UnresolvedImport, `cannot read module '${dotted}': ${(e as Error).message}`, loc);
  }
}

/** The source of an entry file; `cannot read ML file '…'` (which the CLI reports) when it cannot be read. */
export function readSource(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const what = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.message;
    throw new Error(`cannot read ML file '${path}': ${what}`, { cause: e });
  }
}

/** A path relative to the working directory when it lies inside it, else absolute. */
export function displayPath(path: string): string {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : abs;
}

function importError(file: string, code: string, message: string, loc: SourceLocation, suggestion?: string): Diagnostic {
  const d: Diagnostic = { code, severity: "error", message, file, loc };
  if (suggestion !== undefined) d.suggestion = suggestion;
  return d;
}

function unresolved(from: ImportContext, dotted: string, loc: SourceLocation, reason: string, candidates: string[] | null): Diagnostic {
  if (reason === "escapes") {
    return importError(from.file, DiagnosticCodes.InvalidImportPath,
      `module '${dotted}' resolves outside the import roots (through a symbolic link)`, loc);
  }
  if (reason === "invalid") {
    return importError(from.file, DiagnosticCodes.InvalidImportPath, `'${dotted}' is not a valid module name`, loc);
  }
  const near = candidates === null ? undefined : didYouMean(dotted, [...candidates, ...from.stdlibNames]);
  return importError(from.file, DiagnosticCodes.UnresolvedImport, `cannot find module '${dotted}'`, loc,
    near !== undefined ? `did you mean '${near}'?` :
      `user modules are '.ml' files next to the importing file or in an import root (${from.rootsOption})`);
}
