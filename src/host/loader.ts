/**
 * The module loader: compiles an entry file and every user module it imports (statically, before
 * anything runs, so unresolvable imports and cycles are compile errors), then evaluates modules
 * lazily, once each, when their `import` statement runs.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { compile, STDLIB_ASYNC, type AsyncImports, type CompileResult } from "../compiler/index.js";
import { limitDiagnostics, type Diagnostic } from "../compiler/diagnostics.js";
import type { ExportThunks, ProgramContext, Runtime } from "../runtime/abi.js";
import type { MLMember } from "../runtime/objects.js";
import { box, unbox } from "../runtime/settle.js";
import { MLCompileError } from "./errors.js";
import { displayPath, importLookups, locateImport, readImportedModule, readSource, type ImportContext } from "./resolve.js";
import { createModuleObject, createNamespaceObject, type ModuleObject } from "./modules.js";
import { MODULE_FUNCTION_NAME, type MappedModule } from "./stack.js";
import { readSourceMap, wrappedSourceMap, type SourceMapReader } from "./sourcemap.js";
import * as registry from "../stdlib/registry.js";

/** The host's description of the entry point: a path, or inline source. */
export type SourceInput = string | { source: string; filename?: string };

/**
 * How a program is prepared for a JavaScript debugger (`LoadOptions.debug`): `true`, every module
 * is evaluated with an inline source map; `"break"`, the entry module also pauses an attached
 * debugger before its first statement.
 */
export type DebugMode = boolean | "break";

/** One compiled ML module of a program. */
export interface ModuleRecord {
  /** Dotted import name (`a.b`), or `<main>` for the entry. */
  readonly name: string;
  /** Absolute path, or null for inline source without a file name. */
  readonly path: string | null;
  /** The file name shown in diagnostics and stack frames. */
  readonly displayName: string;
  readonly source: string;
  /** The compiled module (compiled again when it turns out to import an asynchronous user module). */
  compiled: CompileResult;
  /** What the compiler was told about asynchronous imports (reused for source maps). */
  asyncImports: AsyncImports;
  /** Whether calls of function values are awaited (`LoadOptions.async`). */
  readonly asyncValues: boolean;
  /** Resolved imports: dotted path → module. */
  readonly imports: Map<string, ModuleRecord>;
  /** Imports resolved to stdlib or registered extension modules (by module name). */
  readonly stdlib: Set<string>;
  /** Generated-code file name V8 reports in stack frames. */
  readonly generatedName: string;
  state: "compiled" | "running" | "done";
  thunks: ExportThunks | null;
  /** The evaluation of an asynchronous module, while it runs. */
  /** While an asynchronous body runs: fulfils with its thunks boxed (runtime/settle.ts). */
  pending: Promise<unknown> | null;
  object: ModuleObject | null;
  /** The body, already compiled to a function (`mljs compile` output, host/compiled.ts); else made from `compiled.code`. */
  readonly body?: ModuleBody;
  /**
   * Compiled for a debugger (`LoadOptions.debug`): `compiled.map` is kept and evaluated inline
   * with the body; `debugBreak` is set for the entry under `"break"`.
   */
  readonly debug?: { readonly debugBreak: boolean };
}

let loadCounter = 0;

/** Lines the evaluation wrapper adds in front of the generated body. */
const WRAPPER_LINES = 1;

/** Reads, compiles and links a program's modules; throws {@link MLCompileError} on any error. */
export function linkProgram(
  input: SourceInput, importPaths: readonly string[], asyncValues = false, maxSourceLength?: number, debug: DebugMode = false,
): ModuleRecord {
  const roots = importPaths.map((p) => resolve(p));
  const loadId = ++loadCounter;
  const byPath = new Map<string, ModuleRecord>();
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();

  const entry =
    typeof input === "string"
      ? { path: resolve(input), displayName: displayPath(input), source: readSource(input) }
      : {
          path: input.filename === undefined ? null : resolve(input.filename),
          displayName: input.filename ?? "<input>",
          source: input.source,
        };

  const visiting: string[] = [];
  const lookups = importLookups();

  const baseAsync: AsyncImports = new Map([...STDLIB_ASYNC, ...registry.extensionAsyncImports()]);
  const visit = (name: string, path: string | null, displayName: string, source: string): ModuleRecord => {
    const debugInfo = debug === false ? undefined : { debugBreak: debug === "break" && name === "<main>" };
    const compiled = compile(source, {
      filename: displayName, mode: "function", asyncImports: baseAsync, asyncValues, maxSourceLength, ...debugOptions(debugInfo),
    });
    sources.set(displayName, source);
    diagnostics.push(...compiled.diagnostics);
    const record: ModuleRecord = {
      name,
      path,
      displayName,
      source,
      compiled,
      asyncImports: baseAsync,
      asyncValues,
      imports: new Map(),
      stdlib: new Set(),
      generatedName: debugInfo !== undefined && path !== null
        ? `${pathToFileURL(path).href}.mljs-${loadId}.js` // a file URL beside the source: see debugComment
        : `mljs-load-${loadId}:${displayName}`,
      state: "compiled",
      thunks: null,
      pending: null,
      object: null,
      ...(debugInfo === undefined ? {} : { debug: debugInfo }),
    };
    if (path !== null) byPath.set(path, record);
    visiting.push(path ?? "<input>");
    const from: ImportContext = {
      file: displayName, path, roots, visiting, isStdlib: registry.has, stdlibNames: registry.list(), rootsOption: "importPaths", lookups,
    };
    for (const req of compiled.imports) {
      const dotted = req.path.join(".");
      if (record.imports.has(dotted) || record.stdlib.has(dotted)) continue;
      const step = locateImport(req.path, req.loc, from);
      if (step.kind === "stdlib") record.stdlib.add(dotted);
      else if (step.kind === "error") diagnostics.push(step.diagnostic);
      else {
        const existing = byPath.get(step.path);
        if (existing !== undefined) {
          record.imports.set(dotted, existing);
          continue;
        }
        const text = readImportedModule(step.path, dotted, req.loc, displayName);
        if (typeof text !== "string") diagnostics.push(text);
        else record.imports.set(dotted, visit(dotted, step.path, displayPath(step.path), text));
      }
    }
    visiting.pop();
    return record;
  };

  const root = visit("<main>", entry.path, entry.displayName, entry.source);
  if (diagnostics.some((d) => d.severity === "error")) {
    throw new MLCompileError(limitPerFile(diagnostics), sources);
  }
  markAsyncModules(root, baseAsync);
  // Under a debugger, every module's script exists before anything runs: its .ml file can be
  // opened and given breakpoints before its `import` statement runs.
  if (debug !== false) for (const m of allModules(root)) precompiled.set(m, compileBody(m));
  return root;
}

/** Bodies compiled at link time (`LoadOptions.debug`), used when the module is evaluated. */
const precompiled = new WeakMap<ModuleRecord, ModuleBody>();

/**
 * A user module that imports something asynchronous is itself asynchronous for its importers
 * (docs/architecture.md, "Async planning"): compiles again, with that knowledge, every module importing one.
 */
function markAsyncModules(root: ModuleRecord, baseAsync: AsyncImports): void {
  const modules = allModules(root);
  const isAsync = new Set(modules.filter((m) => m.compiled.async));
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of modules) {
      if (isAsync.has(m)) continue;
      if ([...m.imports.values()].some((dep) => isAsync.has(dep))) {
        isAsync.add(m);
        changed = true;
      }
    }
  }
  for (const m of modules) {
    const asyncDeps = [...m.imports].filter(([, dep]) => isAsync.has(dep));
    if (asyncDeps.length === 0) continue;
    m.asyncImports = new Map([...baseAsync, ...asyncDeps.map(([dotted]) => [dotted, "all"] as const)]);
    // Compiled once already, under the host's maxSourceLength: not checked again.
    m.compiled = compile(m.source, {
      filename: m.displayName, mode: "function", asyncImports: m.asyncImports, asyncValues: m.asyncValues,
      maxSourceLength: Infinity, ...debugOptions(m.debug),
    });
  }
}

/** The compile options a module's debug mode adds: a source map always, and the pause when asked. */
function debugOptions(debug: ModuleRecord["debug"]): { sourceMap: boolean; debugBreak?: boolean } {
  if (debug === undefined) return { sourceMap: false };
  return debug.debugBreak ? { sourceMap: true, debugBreak: true } : { sourceMap: true };
}

/** A source-map view of a module, compiled again with maps only when an error needs them. */
export function mappedModule(record: ModuleRecord): MappedModule {
  let map: SourceMapReader | null = null;
  return {
    file: record.displayName,
    lineOffset: WRAPPER_LINES,
    map() {
      if (map === null && record.debug !== undefined && record.compiled.map !== null) map = readSourceMap(record.compiled.map);
      if (map === null) {
        // The source compiled once already, under the host's maxSourceLength: not checked again.
        const withMap = compile(record.source, {
          filename: record.displayName, sourceMap: true, mode: "function", asyncImports: record.asyncImports,
          asyncValues: record.asyncValues, maxSourceLength: Infinity,
        });
        map = readSourceMap(withMap.map as object);
      }
      return map;
    },
  };
}

/** Every module of a linked program, entry first. */
export function allModules(root: ModuleRecord): ModuleRecord[] {
  const seen = new Set<ModuleRecord>();
  const walk = (m: ModuleRecord): void => {
    if (seen.has(m)) return;
    seen.add(m);
    for (const dep of m.imports.values()) walk(dep);
  };
  walk(root);
  return [...seen];
}

/**
 * Evaluates `record` (once) with the program's runtime and returns its export thunks.
 * Dependencies are evaluated when the module's `import` statements run. `incremental`: the
 * `globals` and `echo` of a module compiled incrementally (the REPL's inputs).
 */
export function evaluateModule(
  record: ModuleRecord, rt: Runtime, namespaces: Map<string, NamespaceNode>,
  incremental?: Pick<ProgramContext, "globals" | "echo">,
): ExportThunks | Promise<unknown> {
  if (record.thunks !== null) return record.thunks;
  if (record.pending !== null) return record.pending;
  if (record.state === "running") {
    // Cycles are rejected when linking; reaching this means a module imported itself at run time.
    throw new Error(`mljs: module ${record.name} re-entered while it was being evaluated`);
  }
  record.state = "running";
  const body = record.body ?? precompiled.get(record) ?? compileBody(record);
  const ctx: ProgramContext = Object.freeze({
    ...incremental,
    rt,
    import(path: readonly string[], alias: boolean): unknown {
      const dotted = path.join(".");
      if (record.stdlib.has(dotted)) return registry.mlModule(dotted);
      const dep = record.imports.get(dotted);
      if (dep === undefined) throw new Error(`mljs: import '${dotted}' was not linked`);
      const bind = (thunks: ExportThunks): unknown => {
        dep.object ??= createModuleObject(dep.name, thunks);
        return alias ? dep.object : namespaceFor(path, dep.object, namespaces);
      };
      const thunks = evaluateModule(dep, rt, namespaces);
      // An asynchronous module's importer is asynchronous too and awaits this. What travels
      // through the promise stays boxed (runtime/settle.ts): the module object is never a thenable.
      return thunks instanceof Promise ? thunks.then((t) => box(bind(unbox(t) as ExportThunks))) : bind(thunks);
    },
  });
  const result = body(ctx);
  if (result instanceof Promise) {
    // The body fulfils with its thunks boxed; they stay boxed through the promise chain.
    record.pending = result.then((boxed: unknown) => {
      record.thunks = unbox(boxed) as ExportThunks;
      record.state = "done";
      return boxed;
    });
    return record.pending;
  }
  record.thunks = result;
  record.state = "done";
  return record.thunks;
}

/** A node of the namespace tree built by `import a.b.c;` statements. */
export interface NamespaceNode {
  object: ModuleObject;
  children: Map<string, MLMember>;
}

/** Binds `a` for `import a.b.c;`: namespace `a` → `b` → the module `a.b.c`. */
function namespaceFor(path: readonly string[], module: ModuleObject, namespaces: Map<string, NamespaceNode>): unknown {
  if (path.length === 1) return module;
  let parent: NamespaceNode | null = null;
  let first: NamespaceNode | null = null;
  for (let i = 0; i < path.length - 1; i++) {
    const prefix = path.slice(0, i + 1).join(".");
    let node = namespaces.get(prefix);
    if (node === undefined) {
      const children = new Map<string, MLMember>();
      node = { object: createNamespaceObject(prefix, children), children };
      namespaces.set(prefix, node);
    }
    if (parent !== null) {
      const obj = node.object;
      parent.children.set(path[i]!, { kind: "property", get: () => obj });
    }
    first ??= node;
    parent = node;
  }
  parent!.children.set(path[path.length - 1]!, { kind: "property", get: () => module });
  return first!.object;
}

/** A module's compiled body: runs its top level with `ctx`, returns (or fulfils with, boxed) its export thunks. */
export type ModuleBody = (ctx: ProgramContext) => ExportThunks | Promise<unknown>;

function compileBody(record: ModuleRecord): ModuleBody {
  const prefix = record.compiled.async ? "async " : "";
  const open = `(${prefix}function ${MODULE_FUNCTION_NAME}`;
  const source = `${open}($ctx) {\n${record.compiled.code}\n})${debugComment(record, open.length)}`;
  const script = new vm.Script(source, { filename: record.generatedName });
  return script.runInThisContext() as ModuleBody;
}

/**
 * For a module compiled for a debugger: the `sourceMappingURL` comment that makes the inspector
 * (Chrome DevTools, VS Code) show the ML file: an inline map, shifted by the wrapper's line,
 * whose source is the ML file's URL (with its text in `sourcesContent`). The script itself is
 * named by its `vm.Script` file name (a file URL beside the ML file, so VS Code's default
 * `resolveSourceMapLocations`, the workspace folder, covers it). The wrapper's function, whose
 * `(` is at `start`, is named `<module>` (as in ML stack traces). Empty when not debugging.
 */
function debugComment(record: ModuleRecord, start: number): string {
  const map = record.compiled.map;
  if (record.debug === undefined || map === null) return "";
  const source = record.path === null ? record.displayName : pathToFileURL(record.path).href;
  const inline = wrappedSourceMap({ ...map, file: record.generatedName, sources: [source] }, WRAPPER_LINES, { column: start, name: "<module>" });
  return `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(inline)).toString("base64")}`;
}

function sortByFile(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) =>
    a.file === b.file ? a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column : 0);
}

/**
 * The diagnostics of a failed link, sorted, at most 100 per file (then one
 * ML0002): a module's import errors come on top of its compile diagnostics, which the compiler
 * has already limited.
 */
function limitPerFile(list: Diagnostic[]): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortByFile(list)) {
    let group = byFile.get(d.file);
    if (group === undefined) byFile.set(d.file, (group = []));
    group.push(d);
  }
  return [...byFile.values()].flatMap((group) => limitDiagnostics(group));
}
