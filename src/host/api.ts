/**
 * The host API (docs/api.md): `load` and `run`. (`compile` and `check` come straight from the
 * compiler.)
 */
import type { Diagnostic } from "../compiler/diagnostics.js";
import { unionOfManifests } from "../compiler/manifest.js";
import { createRuntime } from "../runtime/runtime.js";
import { resolveLimits, type InputSource, type Limits, type RunState, type Sink } from "../runtime/state.js";
import { HostBoundary, hostExports, type Program } from "./program.js";
import { allModules, evaluateModule, linkProgram, mappedModule, type NamespaceNode, type SourceInput } from "./loader.js";
import type { MappedModule } from "./stack.js";
import * as registry from "../stdlib/registry.js";
import { dirname } from "node:path";
import { tokensFor, type CapabilitiesInput } from "../capabilities/context.js";
import { currentFrame, type DeclaredCapability, type ProgramScope } from "../capabilities/frame.js";
import type { ModuleRecord } from "./loader.js";
import type { Budget, ExportThunks } from "../runtime/abi.js";
import { unbox } from "../runtime/settle.js";

export type { SourceInput } from "./loader.js";
export type { Program } from "./program.js";

/** Options of {@link load} and {@link run}. */
export interface LoadOptions {
  /** Limits for each run (the top level, and each later host call into an export). */
  limits?: Limits;
  /** Extra directories searched for user modules after the importing file's own directory. */
  importPaths?: readonly string[];
  /** Receives everything the program prints. Default: discarded (`run` also collects it). */
  stdout?: Sink;
  /** Receives error output. Default: discarded (`run` also collects it). */
  stderr?: Sink;
  /** Source of lines for `input()`. Without one, `input()` raises `CapabilityError`. */
  stdin?: InputSource;
  /**
   * Capabilities of the top-level run: names, tokens from `capability()`, or a
   * `CapabilityContext`. Later calls of exported functions run under whatever context is
   * current at call time. Default: the context current when `load` is called (none: nothing).
   */
  capabilities?: CapabilitiesInput;
  /** The argument vector the `args` module reads (the CLI passes what follows the script). */
  args?: readonly string[];
  /**
   * The program's view of the environment (the `env` module; reading needs `env.read`).
   * Default: a copy of `process.env`, taken when the program first uses its environment (a
   * given `env` is copied at load). `env.set` changes only this view.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Host functions passed in may be asynchronous: ML code calling a function value awaits its
   * result, and every exported function that may do so returns a promise. Default false (a
   * promise returned to synchronous ML code is a `TypeError` naming this option).
   */
  async?: boolean;
  /**
   * Longest source of each module, in UTF-16 code units: a longer one is a compile error
   * (ML0001) before it is lexed. Default 1 000 000 (`DEFAULT_MAX_SOURCE_LENGTH` of
   * `mljs-lang/compiler`); `Infinity` for none.
   */
  maxSourceLength?: number;
  /**
   * Prepares the program for a JavaScript debugger attached to this process (`node --inspect`,
   * Chrome DevTools, VS Code): each module is evaluated with an inline source map naming its
   * `.ml` file, so the debugger shows ML sources, lines and variable names and stops at
   * breakpoints set in them. `"break"` also pauses before the entry module's first statement
   * (a `debugger` statement: nothing happens when no debugger is attached). Default false (no
   * source map is built). A time limit keeps counting while the debugger is paused.
   */
  debug?: boolean | "break";
  /**
   * Called once with the compiler warnings of every module (ML2012, a local read before its
   * function assigns it…) when there are any, after the program compiled and before its top
   * level runs (awaited when it returns a promise): `mljs run` prints them there. `run()` also
   * returns them.
   */
  onWarnings?: (warnings: readonly Diagnostic[]) => void | PromiseLike<void>;
}

/** What {@link run} resolves to. */
export interface RunResult {
  /** The program's top-level bindings, as in {@link Program.exports}. */
  exports: Readonly<Record<string, unknown>>;
  /** Everything printed to standard output during the top-level run. */
  stdout: string;
  /** Everything written to standard error during the top-level run. */
  stderr: string;
  /** Compiler warnings of every module of the program. */
  warnings: Diagnostic[];
}

/**
 * Compiles a program (and the user modules it imports), runs its top-level code once and
 * resolves to the loaded {@link Program}.
 *
 * A string is always a file path; inline source is passed as `{ source, filename }`.
 * Rejects with `MLCompileError` (every diagnostic of every module) or `MLRuntimeError`.
 */
export async function load(input: SourceInput, options: LoadOptions = {}): Promise<Program> {
  return (await loadProgram(input, options)).program;
}

/** Loads and runs a program, collecting its output. */
export async function run(input: SourceInput, options: LoadOptions = {}): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const { program, warnings } = await loadProgram(input, {
    ...options,
    stdout: (t) => {
      out.push(t);
      options.stdout?.(t);
    },
    stderr: (t) => {
      err.push(t);
      options.stderr?.(t);
    },
  });
  return { exports: program.exports, stdout: out.join(""), stderr: err.join(""), warnings };
}

async function loadProgram(input: SourceInput, options: LoadOptions): Promise<{ program: Program; warnings: Diagnostic[] }> {
  const entry = linkProgram(input, options.importPaths ?? [], options.async === true, options.maxSourceLength, options.debug ?? false);
  const mapped = new Map<string, MappedModule>(allModules(entry).map((m) => [m.generatedName, mappedModule(m)]));
  return startProgram(entry, mapped, options);
}

/**
 * Runs the top level of a linked program (the loader's, or `mljs compile` output's:
 * host/compiled.ts) and resolves to the loaded program. `mapped`: how stack frames in generated
 * code map back to ML files, keyed by the generated code's file name.
 */
export async function startProgram(
  entry: ModuleRecord, mapped: ReadonlyMap<string, MappedModule>, options: LoadOptions,
): Promise<{ program: Program; warnings: Diagnostic[] }> {
  const modules = allModules(entry);
  const warnings = modules.flatMap((m) => m.compiled.diagnostics.filter((d: Diagnostic) => d.severity === "warning"));
  if (warnings.length > 0 && options.onWarnings !== undefined) await options.onWarnings(warnings);
  // Stdlib modules come through Node's module system (registry.ts), loaded before anything runs.
  await Promise.all([...new Set(modules.flatMap((m) => [...m.stdlib]))].map((name) => registry.load(name)));
  const state: RunState = {
    limits: resolveLimits(options.limits),
    stdout: options.stdout ?? (() => {}),
    stderr: options.stderr ?? (() => {}),
    stdin: options.stdin ?? null,
    currentEntry: () => currentFrame()?.entry,
  };
  const rt = createRuntime(state);
  const scope = programScope(entry, modules, state, rt.budget, options);
  // Calls may skip AsyncLocalStorage when nothing the program reaches can start asynchronous
  // work (host/program.ts): no stdlib module, no sink or input source of the host's.
  const directCalls = modules.every((m) => m.stdlib.size === 0) &&
    options.stdout === undefined && options.stderr === undefined && options.stdin === undefined;
  const boundary = new HostBoundary(rt, mapped, scope, modules.some((m) => m.compiled.async), directCalls);
  const namespaces = new Map<string, NamespaceNode>();
  const tokens = tokensFor(options.capabilities);
  const evaluated = boundary.call(() => evaluateModule(entry, rt, namespaces), tokens);
  // Never `await` the thunks themselves: a top-level binding named `then` would be called.
  const thunks = evaluated instanceof Promise ? (unbox(await evaluated) as ExportThunks) : evaluated;
  const program: Program = Object.freeze({
    exports: hostExports(thunks, boundary),
    manifest: entry.compiled.manifest,
    filename: entry.displayName,
  });
  return { program, warnings };
}

/** The stdlib's view of the program: manifest, base directory, sinks, arguments, environment. */
function programScope(
  entry: ModuleRecord, modules: readonly ModuleRecord[], state: RunState, budget: Budget, options: LoadOptions,
): ProgramScope {
  if (options.args !== undefined && (!Array.isArray(options.args) || options.args.some((a) => typeof a !== "string"))) {
    throw new TypeError("options.args must be an array of strings");
  }
  // The host's `env` is copied now; `process.env` (slow to list) when the program first reads it.
  let env = options.env === undefined ? null : envMap(options.env);
  return Object.freeze({
    manifest: programManifest(modules),
    baseDir: entry.path === null ? process.cwd() : dirname(entry.path),
    state,
    budget,
    script: entry.path ?? entry.displayName,
    args: Object.freeze([...(options.args ?? [])]),
    get env(): Map<string, string> {
      return (env ??= envMap(process.env));
    },
    slots: new Map<string, unknown>(),
  });
}

/** The string-valued entries of an environment record, as a Map. */
function envMap(source: Readonly<Record<string, string | undefined>>): Map<string, string> {
  const env = new Map<string, string>();
  for (const [k, v] of Object.entries(source)) if (typeof v === "string") env.set(k, v);
  return env;
}

/**
 * The program's declared authority (docs/language/reference.md §9): the union of the declarations of every
 * module, or null when no module declares anything (the host's grant alone then decides).
 */
function programManifest(modules: readonly ModuleRecord[]): DeclaredCapability[] | null {
  const union = unionOfManifests(modules.map((m) => m.compiled.manifest));
  return union === null ? null : union.map(({ capability, patterns }) => Object.freeze({ capability, patterns: Object.freeze(patterns) }));
}
