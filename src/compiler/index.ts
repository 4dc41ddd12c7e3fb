/**
 * `mljs-lang/compiler`: ML source → JavaScript, source map, diagnostics, capability manifest.
 *
 * ```ts
 * import { compile } from "mljs-lang/compiler";
 * const r = compile("print(1 + 2);", { filename: "main.ml", sourceMap: true });
 * if (r.ok) new Function("$ctx", r.code)(ctx);
 * ```
 *
 * Pure: no Node APIs, so it also runs in a browser.
 * @packageDocumentation
 */
import type * as AST from "./ast.js";
import type { SourceLocation } from "./ast.js";
import { DiagnosticCodes, limitDiagnostics, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { isExported } from "./resolver.js";
import { NestingTooDeep, generate, type SourceMapV3 } from "./codegen.js";
import { buildManifest, type Manifest } from "./manifest.js";
import { analyze, parseAndResolve, sourceTooLong } from "./analyze.js";

export { DEFAULT_MAX_SOURCE_LENGTH } from "./analyze.js";
import { planAsync, STDLIB_ASYNC, type AsyncImports } from "./async.js";

export { STDLIB_ASYNC, type AsyncImports } from "./async.js";

export { parse, type ParseResult } from "./parser.js";
export { DiagnosticCodes, MAX_DIAGNOSTICS, type Diagnostic, type DiagnosticCode, type Severity } from "./diagnostics.js";
export { formatDiagnostic, formatCodeFrame, type CodeFrameOptions } from "./codeframe.js";
export type * from "./ast.js";
export type { Manifest, ManifestBlock, CapabilityGrant } from "./manifest.js";
export type { SourceMapV3 } from "./codegen.js";
export { mangle, demangle } from "./mangle.js";
export { format, FormatterError, DEFAULT_FORMAT_WIDTH, type FormatOptions, type FormatResult } from "./format.js";
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
   * Modules whose members may return promises (docs/architecture.md, "Async planning"): dotted import path → the names of
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
  /**
   * Longest source accepted, in UTF-16 code units ({@link DEFAULT_MAX_SOURCE_LENGTH} by default;
   * `Infinity` for none). A longer source is refused with an ML0001 diagnostic before lexing.
   */
  maxSourceLength?: number;
  /**
   * Compile one input of an incremental session (the REPL, docs/architecture.md, "Incremental
   * compilation"): every top-level binding is a property of the object `$ctx.globals` instead of
   * a local of the body, so it outlives the input and later inputs read and write the same
   * variable (functions of earlier inputs included) without running earlier inputs again; the
   * value of each top-level expression statement is passed to `$ctx.echo`. `names` are the
   * top-level names earlier inputs assigned: they resolve, and count as assigned. Only for
   * `mode: "function"`; the host supplies `globals` (a null-prototype object) and `echo`.
   */
  incremental?: { names: readonly string[] };
  /**
   * Emit a `debugger;` statement before the first top-level statement, mapped to it: a
   * JavaScript debugger attached to the process pauses there, on the program's first ML line
   * (`mljs run --inspect-brk`); without a debugger the statement does nothing. Default false.
   */
  debugBreak?: boolean;
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
  /**
   * Errors and warnings, sorted by position: the first {@link MAX_DIAGNOSTICS}, then one ML0002
   * diagnostic counting the rest when there are more.
   */
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
 * diagnostics (every one, up to {@link MAX_DIAGNOSTICS}, not just the first). Time and memory
 * are linear in the source's length, which is at most `maxSourceLength`.
 */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const filename = options.filename ?? "<input>";
  if (options.incremental !== undefined && options.mode === "module") throw new RangeError("incremental compilation needs mode \"function\"");
  const tooLong = sourceTooLong(source, filename, options.maxSourceLength);
  if (tooLong !== null) {
    const empty: AST.Program = { type: "Program", body: [], loc: tooLong.loc };
    return { ok: false, code: "", map: null, diagnostics: [tooLong], manifest: buildManifest(empty), imports: [], exports: [], async: false };
  }
  const { program, resolution, manifest, diagnostics: found } = parseAndResolve(source, filename, options.incremental?.names);
  const all = sortDiagnostics(found);
  const ok = !all.some((d) => d.severity === "error");
  const diagnostics = limitDiagnostics(all);

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
        incremental: options.incremental !== undefined,
        debugBreak: options.debugBreak === true,
      });
      code = generated.code;
      map = generated.map;
    } catch (e) {
      if (!(e instanceof NestingTooDeep)) throw e;
      all.push({
        code: DiagnosticCodes.UnexpectedToken, severity: "error", file: filename, loc: e.loc,
        message: "this statement is nested too deeply to compile", suggestion: "split it into smaller statements or functions",
      });
      return { ok: false, code: "", map: null, diagnostics: limitDiagnostics(sortDiagnostics(all)), manifest, imports, exports, async: false };
    }
  }
  return { ok, code, map, diagnostics, manifest, imports, exports, async: isAsync };
}

/**
 * Parses and resolves `source` (no code generation) and returns its diagnostics, sorted (at most
 * {@link MAX_DIAGNOSTICS}, then one counting the rest).
 */
export function check(source: string, options: { filename?: string; maxSourceLength?: number } = {}): Diagnostic[] {
  return analyze(source, options).diagnostics;
}

