/**
 * The host API (HOST.md §6): `load` and `run`. (`compile` and `check` come straight from the
 * compiler.)
 */
import type { Diagnostic } from "../compiler/diagnostics.js";
import { createRuntime } from "../runtime/runtime.js";
import { resolveLimits, type InputSource, type Limits, type RunState, type Sink } from "../runtime/state.js";
import { HostBoundary, hostExports, type Program } from "./program.js";
import { allModules, evaluateModule, linkProgram, mappedModule, type NamespaceNode, type SourceInput } from "./loader.js";
import type { MappedModule } from "./stack.js";

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
  return loadSync(input, options).program;
}

/** Loads and runs a program, collecting its output. */
export async function run(input: SourceInput, options: LoadOptions = {}): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const { program, warnings } = loadSync(input, {
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

function loadSync(input: SourceInput, options: LoadOptions): { program: Program; warnings: Diagnostic[] } {
  const entry = linkProgram(input, options.importPaths ?? []);
  const modules = allModules(entry);
  const state: RunState = {
    limits: resolveLimits(options.limits),
    stdout: options.stdout ?? (() => {}),
    stderr: options.stderr ?? (() => {}),
    stdin: options.stdin ?? null,
  };
  const rt = createRuntime(state);
  const mapped = new Map<string, MappedModule>(modules.map((m) => [m.generatedName, mappedModule(m)]));
  const boundary = new HostBoundary(rt, mapped);
  const namespaces = new Map<string, NamespaceNode>();
  const thunks = boundary.call(() => evaluateModule(entry, rt, namespaces));
  const program: Program = Object.freeze({
    exports: hostExports(thunks, boundary),
    manifest: entry.compiled.manifest,
    filename: entry.displayName,
  });
  const warnings = modules.flatMap((m) => m.compiled.diagnostics.filter((d: Diagnostic) => d.severity === "warning"));
  return { program, warnings };
}
