/**
 * Running `mljs compile` output (docs/compiling.md): a program whose modules were compiled ahead
 * of time into one JavaScript file, as a table of module bodies ({@link CompiledProgram}).
 *
 * Nothing here re-implements module semantics: the table becomes the loader's own
 * `ModuleRecord`s (with the precompiled body in place of source to compile), and
 * `startProgram` runs them exactly as `load` runs a program from source — modules evaluated once,
 * lazily, when their `import` statement runs; the same module objects, budgets, capability
 * frames and error conversion. Stdlib modules come from the registry of this installed package,
 * so a compiled program shares them with the host (one module, one instance).
 */
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, isAbsolute, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CompileResult, Manifest } from "../compiler/index.js";
import { STDLIB_ASYNC } from "../compiler/async.js";
import type { Diagnostic } from "../compiler/diagnostics.js";
import { startProgram, type LoadOptions } from "./api.js";
import type { ModuleBody, ModuleRecord } from "./loader.js";
import type { Program } from "./program.js";
import { displayPath } from "./resolve.js";
import { readSourceMap, type SourceMapReader } from "./sourcemap.js";
import type { MappedModule } from "./stack.js";

/** The version of the table layout below; output of another layout must be compiled again. */
export const COMPILED_FORMAT = 1;

/** One ML module of a compiled program. */
export interface CompiledModule {
  /** Dotted import name (`a.b`), or `<main>` for the entry. */
  readonly name: string;
  /** The ML source file, relative to {@link CompiledProgram.root} (`/`-separated). */
  readonly file: string;
  /** The module's capability manifest (its `capability` declarations). */
  readonly manifest: Manifest;
  /** Its top-level bindings, in source order. */
  readonly exports: readonly string[];
  /** Whether the body is an `async` function (it imports something asynchronous). */
  readonly async: boolean;
  /** Its user-module imports: dotted path as written → index of the module in the table. */
  readonly imports: Readonly<Record<string, number>>;
  /** Its stdlib (or extension) imports, by module name. */
  readonly stdlib: readonly string[];
  /** The compiled body: the function the loader would have compiled from the module's code. */
  readonly body: ModuleBody;
}

/** What `mljs compile` writes into its output: the modules and how the file was compiled. */
export interface CompiledProgram {
  /** {@link COMPILED_FORMAT} when compiled. */
  readonly format: number;
  /** The version of mljs-lang that compiled it (the runtime must be the same). */
  readonly version: string;
  /**
   * The compiled file itself (`import.meta.url`, or `__filename` for CommonJS): the name stack
   * frames carry, and where its source map is found.
   */
  readonly location: string;
  /**
   * The entry's source directory, relative to the compiled file's directory (`/`-separated):
   * the program's base directory, as under `mljs run` (relative paths and patterns start there).
   */
  readonly root: string;
  /** The modules, the entry first. */
  readonly modules: readonly CompiledModule[];
  /** Grants given at compile time (`--allow`); used when the file runs as the main program only. */
  readonly grants?: readonly { readonly name: string; readonly resources: readonly string[] }[];
  /** Limits given at compile time (`--steps`, `--timeout`, `--recursion`); main program only. */
  readonly limits?: LoadOptions["limits"];
}

/** Options of {@link runCompiled}: those of `load`, but for what was settled at compile time. */
export type CompiledRunOptions = Omit<LoadOptions, "importPaths" | "async" | "maxSourceLength">;

/**
 * Runs a compiled program's top level and resolves to the loaded {@link Program}, as `load` does
 * for a program from source. Capabilities and limits are the options' (default: none granted, the
 * default limits); those given at compile time apply only when the file runs as the main program.
 * Rejects with `MLRuntimeError` when the top level raises.
 */
export async function runCompiled(program: CompiledProgram, options: CompiledRunOptions = {}): Promise<Program> {
  checkProgram(program);
  const outputFile = pathOf(program.location);
  const root = resolve(dirname(outputFile), program.root);
  const records = program.modules.map((m) => recordOf(m, root, program.location));
  program.modules.forEach((m, i) => {
    for (const [dotted, index] of Object.entries(m.imports)) {
      const dep = records[index];
      if (dep === undefined) throw new Error(`mljs: compiled program is damaged: module ${index} is missing`);
      records[i]!.imports.set(dotted, dep);
    }
  });
  // Frames name the file as the module system loaded it: a file URL for an ES module, a path for
  // CommonJS (and for loaders that evaluate ES modules themselves, such as test runners).
  const view = bundleMap(outputFile);
  const mapped = new Map<string, MappedModule>([[program.location, view], [outputFile, view], [pathToFileURL(outputFile).href, view]]);
  const { async: _async, importPaths: _paths, maxSourceLength: _max, ...rest } = options as LoadOptions;
  return (await startProgram(records[0]!, mapped, rest)).program;
}

function checkProgram(program: CompiledProgram): void {
  if (typeof program !== "object" || program === null || !Array.isArray(program.modules) || program.modules.length === 0) {
    throw new TypeError("runCompiled expects the program table that `mljs compile` writes");
  }
  const installed = installedVersion();
  if (program.format !== COMPILED_FORMAT || program.version !== installed) {
    throw new Error(
      `mljs: this program was compiled by mljs-lang ${String(program.version)}, but mljs-lang ${installed} is installed: ` +
        "compile it again with the installed version (mljs compile)",
    );
  }
}

let version: string | null = null;

function installedVersion(): string {
  version ??= (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
  return version;
}

/** A file URL or a path → a path. */
function pathOf(location: string): string {
  return location.startsWith("file:") ? fileURLToPath(location) : resolve(location);
}

/** The loader's record for a compiled module: its body stands in for code to compile. */
function recordOf(m: CompiledModule, root: string, location: string): ModuleRecord {
  const path = resolve(root, m.file);
  const compiled: CompileResult = {
    ok: true, code: "", map: null, diagnostics: [] as Diagnostic[], manifest: m.manifest, imports: [], exports: [...m.exports], async: m.async,
  };
  return {
    name: m.name,
    path,
    displayName: displayPath(path),
    source: "",
    compiled,
    asyncImports: STDLIB_ASYNC,
    asyncValues: false,
    imports: new Map(),
    stdlib: new Set(m.stdlib),
    generatedName: location,
    state: "compiled",
    thunks: null,
    pending: null,
    object: null,
    body: m.body,
  };
}

/**
 * Stack frames in the compiled file map to ML files through its source map, read only when an
 * error escapes: the `sourceMappingURL` comment's file or inline data. Without a map, frames carry
 * no ML position (compile with `--source-map` to have them).
 */
function bundleMap(outputFile: string): MappedModule {
  let reader: SourceMapReader | null = null;
  let mapDir = dirname(outputFile);
  return {
    file: displayPath(outputFile),
    lineOffset: 0,
    map() {
      if (reader === null) {
        const found = readMapOf(outputFile);
        if (found !== null) mapDir = found.dir;
        reader = readSourceMap(found?.map ?? { version: 3, sources: [], names: [], mappings: "" });
      }
      return reader;
    },
    fileOf(source: string): string {
      if (source.startsWith("file:")) return displayPath(fileURLToPath(source));
      return displayPath(isAbsolute(source) ? source : resolve(mapDir, source));
    },
  };
}

const MAP_COMMENT = /\/\/[#@] sourceMappingURL=(\S+)\s*$/;

/** The source map the compiled file names, with the directory its sources are relative to; null when none can be read. */
function readMapOf(file: string): { map: object; dir: string } | null {
  try {
    const text = readFileSync(file, "utf8").trimEnd();
    const url = MAP_COMMENT.exec(text.slice(text.lastIndexOf("\n") + 1))?.[1];
    if (url === undefined) return null;
    if (url.startsWith("data:")) {
      const comma = url.indexOf(",");
      const meta = url.slice(5, comma);
      const payload = url.slice(comma + 1);
      const json = meta.endsWith(";base64") ? Buffer.from(payload, "base64").toString("utf8") : decodeURIComponent(payload);
      return { map: JSON.parse(json) as object, dir: dirname(file) };
    }
    const mapFile = url.startsWith("file:") ? fileURLToPath(url) : resolve(dirname(file), decodeURIComponent(url));
    return { map: JSON.parse(readFileSync(mapFile, "utf8")) as object, dir: dirname(mapFile) };
  } catch {
    return null;
  }
}

/**
 * Whether the compiled ES module at `url` is the program Node was started with (`node out.js`).
 * CommonJS output asks `require.main === module` instead.
 */
export function isMainModule(url: string): boolean {
  const main = process.argv[1];
  if (main === undefined) return false;
  let self: string;
  try {
    self = realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
  for (const candidate of [main, main + extname(self)]) {
    try {
      if (realpathSync(candidate) === self) return true;
    } catch {
      // not this one
    }
  }
  return false;
}
