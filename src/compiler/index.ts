/**
 * `mljs/compiler`: ML source → JavaScript, source map, diagnostics, capability manifest.
 *
 * ```ts
 * import { compile } from "mljs/compiler";
 * const r = compile("print(1 + 2);", { filename: "main.ml", sourceMap: true });
 * if (r.ok) new Function("$ctx", r.code)(ctx);
 * ```
 *
 * Pure: no Node APIs, so it also runs in a browser.
 * @packageDocumentation
 */
import type { SourceLocation } from "./ast.js";
import { DiagnosticBag, DiagnosticCodes, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { parse } from "./parser.js";
import { isExported, resolve } from "./resolver.js";
import { NestingTooDeep, generate, type SourceMapV3 } from "./codegen.js";
import { buildManifest, type Manifest } from "./manifest.js";
import { planAsync, STDLIB_ASYNC, type AsyncImports } from "./async.js";

export { STDLIB_ASYNC, type AsyncImports } from "./async.js";

export { parse, type ParseResult } from "./parser.js";
export { DiagnosticCodes, type Diagnostic, type DiagnosticCode, type Severity } from "./diagnostics.js";
export { formatDiagnostic, formatCodeFrame, type CodeFrameOptions } from "./codeframe.js";
export type * from "./ast.js";
export type { Manifest, ManifestBlock, CapabilityGrant } from "./manifest.js";
export type { SourceMapV3 } from "./codegen.js";
export { mangle, demangle } from "./mangle.js";
export { BUILTINS } from "./resolver.js";

/** Options of {@link compile}. */
export interface CompileOptions {
  /** The file name used in diagnostics and the source map (default `<input>`). */
  filename?: string;
  /** Also produce a Source Map v3 (default false). */
  sourceMap?: boolean;
  /**
   * `"function"` (default): a function body the host compiles with one parameter `$ctx`;
   * `"module"`: an ES module whose default export `run($ctx = standaloneContext())` runs it.
   */
  mode?: "function" | "module";
  /**
   * Modules whose members may return promises (HOST.md §5): dotted import path → the names of
   * the asynchronous members, or `"all"`. Default: the stdlib's asynchronous functions
   * (`http` requests). The host loader adds user modules that are themselves asynchronous.
   */
  asyncImports?: AsyncImports;
  /**
   * Function values of unknown origin (parameters, object members) may be asynchronous host
   * functions: calls through them are awaited and the functions making them are async.
   * Default false.
   */
  asyncValues?: boolean;
}

/** An `import` statement, for the host loader to resolve. */
export interface ImportRequest {
  /** The dotted path, e.g. `["a", "b"]` for `import a.b;`. */
  path: string[];
  /** The `as` name, or null. */
  alias: string | null;
  loc: SourceLocation;
}

/** What {@link compile} returns. */
export interface CompileResult {
  /** True when there is no error diagnostic. */
  ok: boolean;
  /** The generated JavaScript; `""` when `!ok`. */
  code: string;
  /** The source map, when asked for and `ok`. */
  map: SourceMapV3 | null;
  /** Errors and warnings, sorted by position. */
  diagnostics: Diagnostic[];
  /** The capability manifest from the program's declarations. */
  manifest: Manifest;
  /** Import statements in source order. */
  imports: ImportRequest[];
  /** Names of the top-level bindings (the module's exports), in source order; imports excluded. */
  exports: string[];
  /**
   * True when the module imports something asynchronous: its body (a function of `$ctx`) must be
   * compiled as an `async` function and returns a promise of its exports.
   */
  async: boolean;
}

/**
 * Compiles ML source to JavaScript. Never throws for bad input: problems come back as
 * diagnostics (all of them, not just the first).
 */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const filename = options.filename ?? "<input>";
  const parsed = parse(source, filename);
  const bag = new DiagnosticBag(filename);
  const resolution = resolve(parsed.program, bag);
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...bag.items]);
  const ok = !diagnostics.some((d) => d.severity === "error");
  const program = parsed.program;

  const imports: ImportRequest[] = [];
  for (const node of program.body) {
    if (node.type === "ImportDeclaration") {
      imports.push({ path: node.path.map((p) => p.name), alias: node.alias?.name ?? null, loc: node.loc });
    }
  }
  const exports: string[] = [];
  for (const b of resolution.module.locals) {
    if (isExported(b)) exports.push(b.name);
  }

  let code = "";
  let map: SourceMapV3 | null = null;
  const asyncPlan = ok ? planAsync(program, resolution, options.asyncImports ?? STDLIB_ASYNC, options.asyncValues === true) : null;
  const isAsync = asyncPlan !== null;
  if (ok) {
    try {
      const generated = generate(program, resolution, {
        filename,
        source,
        sourceMap: options.sourceMap === true,
        mode: options.mode ?? "function",
        asyncPlan,
      });
      code = generated.code;
      map = generated.map;
    } catch (e) {
      if (!(e instanceof NestingTooDeep)) throw e;
      diagnostics.push({
        code: DiagnosticCodes.UnexpectedToken, severity: "error", file: filename, loc: e.loc,
        message: "this statement is nested too deeply to compile", suggestion: "split it into smaller statements or functions",
      });
      return { ok: false, code: "", map: null, diagnostics: sortDiagnostics(diagnostics), manifest: buildManifest(program), imports, exports, async: false };
    }
  }
  return { ok, code, map, diagnostics, manifest: buildManifest(program), imports, exports, async: isAsync };
}

/** Parses and resolves `source` (no code generation) and returns every diagnostic, sorted. */
export function check(source: string, options: { filename?: string } = {}): Diagnostic[] {
  const filename = options.filename ?? "<input>";
  const parsed = parse(source, filename);
  const bag = new DiagnosticBag(filename);
  resolve(parsed.program, bag);
  return sortDiagnostics([...parsed.diagnostics, ...bag.items]);
}
