/**
 * A REPL session: evaluates ML inputs one after another in one program, so that variables,
 * functions and imports of earlier inputs stay visible — without running earlier inputs again.
 *
 * Each input is compiled incrementally (`CompileOptions.incremental` of the compiler,
 * docs/architecture.md "Incremental compilation"): its top-level bindings are properties of one
 * null-prototype object, {@link ReplSession.globals}, which every input's code (and every
 * function an earlier input defined) reads and writes; the names assigned so far are passed to
 * the compiler as predeclared. The session keeps one runtime and one host boundary, so each
 * input is an outermost host entry with a budget of its own: the step and time limits apply per
 * input, and a `LimitError` ends that input only.
 */
import { compile, STDLIB_ASYNC, type AsyncImports, type CompileResult } from "../../compiler/index.js";
import { createRuntime } from "../../runtime/runtime.js";
import { resolveLimits, type InputSource, type Limits, type RunState, type Sink } from "../../runtime/state.js";
import type { Runtime } from "../../runtime/abi.js";
import { unbox } from "../../runtime/settle.js";
import { HostBoundary } from "../../host/program.js";
import { allModules, evaluateModule, linkProgram, mappedModule, type ModuleRecord, type NamespaceNode } from "../../host/loader.js";
import type { MappedModule } from "../../host/stack.js";
import { readSourceMap } from "../../host/sourcemap.js";
import { MLCompileError } from "../../host/errors.js";
import { tokensFor, type CapabilitiesInput } from "../../capabilities/context.js";
import { currentFrame, type ProgramScope } from "../../capabilities/frame.js";
import type { CapabilityToken } from "../../capabilities/token.js";
import * as registry from "../../stdlib/registry.js";
import { prepareInput } from "./input.js";

/** Options of a {@link ReplSession}. */
export interface ReplSessionOptions {
  /** What every input is granted (`--allow`). */
  capabilities?: CapabilitiesInput;
  /** Limits of each input. */
  limits?: Limits;
  /** Extra directories searched for imported `.ml` modules. */
  importPaths?: readonly string[];
  /** Longest accepted input (and imported module), in UTF-16 code units. */
  maxSourceLength?: number;
  stdout: Sink;
  stderr: Sink;
  /** Lines for `input()`; none by default (the terminal belongs to the REPL). */
  stdin?: InputSource | null;
  /** The directory relative paths and imports start from (default: the working directory). */
  baseDir?: string;
}

let sessions = 0;

/** One REPL session (see the file comment). */
export class ReplSession {
  /** The top-level bindings of every input so far, by ML name. */
  readonly globals: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  private readonly rt: Runtime;
  private readonly boundary: HostBoundary;
  private readonly mapped = new Map<string, MappedModule>();
  private readonly namespaces = new Map<string, NamespaceNode>();
  /** User modules imported so far, by absolute path: each is evaluated once per session. */
  private readonly modules = new Map<string, ModuleRecord>();
  private readonly tokens: readonly CapabilityToken[];
  private readonly id = ++sessions;
  private readonly baseDir: string;
  private inputs = 0;
  /** Set once an input was asynchronous: later inputs then await calls of unknown functions. */
  private asyncSeen = false;

  constructor(private readonly options: ReplSessionOptions) {
    this.baseDir = options.baseDir ?? process.cwd();
    const state: RunState = {
      limits: resolveLimits(options.limits),
      stdout: options.stdout,
      stderr: options.stderr,
      stdin: options.stdin ?? null,
      currentEntry: () => currentFrame()?.entry,
    };
    this.rt = createRuntime(state);
    const env = new Map<string, string>();
    for (const [k, v] of Object.entries(process.env)) if (typeof v === "string") env.set(k, v);
    const scope: ProgramScope = Object.freeze({
      // The grant alone decides: declarations typed at the prompt do not narrow the session.
      manifest: null,
      baseDir: this.baseDir,
      state,
      budget: this.rt.budget,
      script: "<repl>",
      args: Object.freeze([]),
      env,
      slots: new Map<string, unknown>(),
    });
    this.boundary = new HostBoundary(this.rt, this.mapped, scope, true);
    this.tokens = tokensFor(options.capabilities);
  }

  /** The top-level names that have a value (for completion, and for the compiler). */
  names(): string[] {
    return Object.keys(this.globals).filter((k) => this.globals[k] !== undefined);
  }

  /**
   * Compiles and runs one complete input. `echo` receives the value of each top-level
   * expression statement. Rejects with `MLCompileError` or `MLRuntimeError`; the session stays
   * usable either way (whatever the input assigned before a runtime error is kept).
   *
   * @param filename the name shown in diagnostics and stack frames (default `<repl:N>`)
   */
  async evaluate(source: string, echo: (value: unknown) => void, filename?: string): Promise<void> {
    const n = ++this.inputs;
    const displayName = filename ?? `<repl:${n}>`;
    const prepared = prepareInput(source);
    const text = prepared.kind === "incomplete" ? source : prepared.source;
    const names = this.names();
    const asyncValues = this.asyncSeen;
    const baseAsync: AsyncImports = new Map([...STDLIB_ASYNC, ...registry.extensionAsyncImports()]);
    let asyncImports = baseAsync;
    let compiled = this.compileInput(text, displayName, names, asyncImports, asyncValues);
    if (!compiled.ok) throw new MLCompileError(compiled.diagnostics, new Map([[displayName, text]]));

    const linked = this.link(text, compiled, displayName, asyncValues);
    const asyncDeps = [...linked.imports].filter(([, dep]) => dep.compiled.async).map(([dotted]) => [dotted, "all"] as const);
    if (asyncDeps.length > 0) {
      asyncImports = new Map([...baseAsync, ...asyncDeps]);
      compiled = this.compileInput(text, displayName, names, asyncImports, asyncValues);
    }
    const stdlib = new Set(allModules(linked).flatMap((m) => [...m.stdlib]));
    await Promise.all([...stdlib].map((name) => registry.load(name)));
    if (compiled.async) this.asyncSeen = true;

    const record: ModuleRecord = {
      name: "<main>", path: null, displayName, source: text, compiled, asyncImports, asyncValues,
      // One generated name per input (the same file may be loaded twice): stack frames map through it.
      imports: linked.imports, stdlib: linked.stdlib, generatedName: `mljs-repl-${this.id}-${n}:${displayName}`,
      state: "compiled", thunks: null, pending: null, object: null,
    };
    this.mapped.set(record.generatedName, this.mappedInput(record, names));
    const globals = this.globals;
    const result = this.boundary.call(() => evaluateModule(record, this.rt, this.namespaces, { globals, echo }), this.tokens);
    if (result instanceof Promise) unbox(await result);
  }

  private compileInput(
    source: string, filename: string, names: readonly string[], asyncImports: AsyncImports, asyncValues: boolean,
  ): CompileResult {
    return compile(source, {
      filename, mode: "function", incremental: { names }, asyncImports, asyncValues,
      maxSourceLength: this.options.maxSourceLength,
    });
  }

  /**
   * Links the input's imports with the host loader: a copy of the input where everything but
   * its `import` statements is blanked out (so positions in import errors stay right). User
   * modules imported by an earlier input are reused, not evaluated again.
   */
  private link(source: string, compiled: CompileResult, displayName: string, asyncValues: boolean): ModuleRecord {
    const chars = source.replace(/[^\n]/g, " ").split("");
    for (const req of compiled.imports) {
      for (let i = req.loc.start.offset; i < req.loc.end.offset; i++) chars[i] = source[i]!;
    }
    // Imports are looked for next to `displayName` (the working directory for `<repl:N>`).
    const linked = linkProgram({ source: chars.join(""), filename: displayName }, this.options.importPaths ?? [], asyncValues, this.options.maxSourceLength);
    for (const [dotted, dep] of linked.imports) {
      const known = dep.path === null ? undefined : this.modules.get(dep.path);
      if (known !== undefined) {
        linked.imports.set(dotted, known);
        continue;
      }
      for (const m of allModules(dep)) {
        if (m.path !== null && !this.modules.has(m.path)) this.modules.set(m.path, m);
        this.mapped.set(m.generatedName, mappedModule(m));
      }
    }
    return linked;
  }

  /** The stack mapping of an input: its source map is built (compiling again) only when an error needs it. */
  private mappedInput(record: ModuleRecord, names: readonly string[]): MappedModule {
    let map: ReturnType<typeof readSourceMap> | null = null;
    return {
      file: record.displayName,
      lineOffset: 1,
      map: () => {
        if (map === null) {
          const withMap = compile(record.source, {
            filename: record.displayName, sourceMap: true, mode: "function", incremental: { names },
            asyncImports: record.asyncImports, asyncValues: record.asyncValues, maxSourceLength: Infinity,
          });
          map = readSourceMap(withMap.map as object);
        }
        return map;
      },
    };
  }
}
