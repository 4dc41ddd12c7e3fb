/**
 * Analysis without code generation: parse, resolve and the manifest's bound, for `check()`,
 * `mljs check` and other static checks that need the tree as well as the diagnostics (they then
 * parse once). Internal to the package: the tree and the resolution are not public API.
 */
import type * as AST from "./ast.js";
import { DiagnosticBag, DiagnosticCodes, limitDiagnostics, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { manifestOf, MAX_MANIFEST_ENTRIES, type Manifest } from "./manifest.js";
import { parse } from "./parser.js";
import { resolve, type Resolution } from "./resolver.js";

/**
 * Default {@link CompileOptions.maxSourceLength}: 1 M code units (1 MB of ASCII source, far more
 * than a hand-written program). Compilation takes time and memory linear in the source's length,
 * so this bounds both: about a second and 300 MB of heap for the costliest source of that length
 * (an error every character or two: every diagnostic is kept until the first ones are chosen).
 */
export const DEFAULT_MAX_SOURCE_LENGTH = 1_000_000;

/** What {@link analyze} found. */
export interface SourceAnalysis {
  /** Diagnostics of the parse, the resolution and the manifest, sorted and limited. */
  readonly diagnostics: Diagnostic[];
  /** The tree and its resolution; null when the source was refused for its length. */
  readonly parsed: { readonly program: AST.Program; readonly resolution: Resolution; readonly syntaxErrors: boolean } | null;
}

/** Parses and resolves `source`, without generating code. */
export function analyze(source: string, options: { filename?: string; maxSourceLength?: number } = {}): SourceAnalysis {
  const filename = options.filename ?? "<input>";
  const tooLong = sourceTooLong(source, filename, options.maxSourceLength);
  if (tooLong !== null) return { diagnostics: [tooLong], parsed: null };
  const { program, resolution, diagnostics, syntaxErrors } = parseAndResolve(source, filename);
  return { diagnostics: limitDiagnostics(sortDiagnostics(diagnostics)), parsed: { program, resolution, syntaxErrors } };
}

/**
 * The steps of {@link analyze} after the length check, with the diagnostics neither sorted nor
 * limited: for callers that add their own before limiting (`compile`, the language server's
 * import and member checks). `predeclared`: module names an earlier input of an incremental
 * compilation bound (`CompileOptions.incremental`).
 */
export function parseAndResolve(source: string, filename: string, predeclared?: readonly string[]): {
  program: AST.Program; resolution: Resolution; manifest: Manifest; diagnostics: Diagnostic[]; syntaxErrors: boolean;
} {
  const parsed = parse(source, filename);
  const bag = new DiagnosticBag(filename);
  const resolution = resolve(parsed.program, bag, predeclared);
  const manifest = boundedManifest(parsed.program, bag);
  return {
    program: parsed.program, resolution, manifest,
    diagnostics: [...parsed.diagnostics, ...bag.items],
    syntaxErrors: parsed.diagnostics.some((d) => d.severity === "error"),
  };
}

/** The program's manifest; ML4003 in `bag` when its declarations expand to too many entries. */
export function boundedManifest(program: AST.Program, bag: DiagnosticBag): Manifest {
  const { manifest, cutAt } = manifestOf(program);
  if (cutAt !== null) {
    bag.error(DiagnosticCodes.ManifestTooLarge,
      `capability declarations expand to more than ${MAX_MANIFEST_ENTRIES} grants (each allowed capability with each of its resource patterns)`,
      cutAt, "use fewer resource patterns, or wildcards such as data/** instead of many single paths");
  }
  return manifest;
}

/** The ML0001 diagnostic refusing a source longer than `max`, or null. */
export function sourceTooLong(source: string, file: string, max: number | undefined): Diagnostic | null {
  const limit = max ?? DEFAULT_MAX_SOURCE_LENGTH;
  if (typeof limit !== "number" || Number.isNaN(limit) || limit < 0) {
    throw new RangeError(`maxSourceLength must be a non-negative number, got ${String(limit)}`);
  }
  if (source.length <= limit) return null;
  const at = { line: 1, column: 1, offset: 0 };
  return {
    code: DiagnosticCodes.SourceTooLong, severity: "error", file, loc: { start: at, end: at },
    message: `source is too long: ${source.length} characters (maxSourceLength is ${limit})`,
    suggestion: "split the program into modules, or raise maxSourceLength",
  };
}
