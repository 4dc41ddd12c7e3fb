/**
 * `mljs compile`'s output (docs/compiling.md): a program — its entry and every user module it
 * imports — compiled into one JavaScript file that runs with `node` and can be imported.
 *
 * The file holds the table host/compiled.ts runs ({@link CompiledProgram}): each module's body is
 * the code the loader compiles for it (`linkProgram`, the same compilation and async planning),
 * spliced in as a function. The runtime and the stdlib are imported from the installed
 * `mljs-lang`, never copied, so a compiled program shares them with its host.
 */
import { createRequire } from "node:module";
import { dirname, relative, resolve, sep } from "node:path";
import type * as GenMappingLib from "@jridgewell/gen-mapping";
import type * as TraceMappingLib from "@jridgewell/trace-mapping";
import { compile, type SourceMapV3 } from "../compiler/index.js";
import type { Diagnostic } from "../compiler/diagnostics.js";
import type { Limits } from "../runtime/state.js";
import { allModules, linkProgram, type ModuleRecord } from "./loader.js";
import { COMPILED_FORMAT } from "./compiled.js";
import { MODULE_FUNCTION_NAME } from "./stack.js";

/** Options of {@link bundleProgram}. */
export interface BundleOptions {
  /** `"esm"` (default): an ES module; `"cjs"`: a CommonJS module (`require`, on Node ≥ 20.19). */
  format?: "esm" | "cjs";
  /**
   * Where the output will be written. Source-map `sources` and the program's base directory are
   * relative to it. Default: a file in the current directory.
   */
  outFile?: string;
  /** Produce a source map (default false). */
  sourceMap?: boolean;
  /** Grants the file uses when it runs as the main program (`node out.js`). Default: none. */
  grants?: readonly { readonly name: string; readonly resources: readonly string[] }[];
  /** Limits the file uses when it runs as the main program. Default: those of `mljs run`. */
  limits?: Limits;
  /** Extra directories searched for user modules (as `load`'s `importPaths`). */
  importPaths?: readonly string[];
  /** Longest source of each module (as `load`'s `maxSourceLength`). */
  maxSourceLength?: number;
}

/** What {@link bundleProgram} produces. */
export interface BundleResult {
  /** The JavaScript, without a `sourceMappingURL` comment (the caller knows where the map goes). */
  code: string;
  /** The source map (`sources` relative to the output's directory, `sourcesContent` included), or null. */
  map: BundleSourceMap | null;
  /** Warnings of every module. */
  warnings: Diagnostic[];
}

/** A Source Map v3 with several sources: one per module of the bundle. */
export type BundleSourceMap = SourceMapV3;

/**
 * Compiles `entry` and the user modules it imports into one file. Throws `MLCompileError` (every
 * diagnostic of every module) as `load` does, and `cannot read ML file '…'` for a missing entry.
 */
export function bundleProgram(entry: string, options: BundleOptions = {}): BundleResult {
  const format = options.format ?? "esm";
  const outFile = resolve(options.outFile ?? "out.js");
  const outDir = dirname(outFile);
  const root = linkProgram(entry, options.importPaths ?? [], false, options.maxSourceLength);
  const modules = allModules(root);
  const index = new Map(modules.map((m, i) => [m, i]));
  const rootDir = dirname(root.path!);

  const lines: string[] = [];
  let counted = 0;
  let lineTotal = 0;
  /** Lines of `lines` so far, counting the line breaks inside its items (each item counted once). */
  const lineCount = (): number => {
    for (; counted < lines.length; counted++) lineTotal += 1 + (lines[counted]!.match(/\n/g)?.length ?? 0);
    return lineTotal;
  };
  const placed: { record: ModuleRecord; line: number }[] = [];
  const version = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
  lines.push(
    `// Compiled by mljs-lang ${version} from ${slashes(relative(outDir, root.path!))}: run it with node, or import it and call run(options).`,
    "// Needs the same version of mljs-lang installed (docs/compiling.md).",
    format === "esm"
      ? `import { runCompiled, runMain, isMainModule } from "mljs-lang/compiled";`
      : `"use strict";\nconst { runCompiled, runMain } = require("mljs-lang/compiled");`,
    "",
    "const program = {",
    `  format: ${COMPILED_FORMAT},`,
    `  version: ${JSON.stringify(version)},`,
    `  location: ${format === "esm" ? "import.meta.url" : "__filename"},`,
    `  root: ${JSON.stringify(slashes(relative(outDir, rootDir)) || ".")},`,
    `  grants: ${JSON.stringify(options.grants ?? [])},`,
    `  limits: ${JSON.stringify(bakedLimits(options.limits ?? {}))},`,
    "  modules: [",
  );
  for (const m of modules) {
    const imports = Object.fromEntries([...m.imports].map(([dotted, dep]) => [dotted, index.get(dep)!]));
    lines.push(
      "    {",
      `      name: ${JSON.stringify(m.name)},`,
      `      file: ${JSON.stringify(slashes(relative(rootDir, m.path!)))},`,
      `      manifest: ${JSON.stringify(m.compiled.manifest)},`,
      `      exports: ${JSON.stringify(m.compiled.exports)},`,
      `      async: ${m.compiled.async},`,
      `      imports: ${JSON.stringify(imports)},`,
      `      stdlib: ${JSON.stringify([...m.stdlib])},`,
      `      body: ${m.compiled.async ? "async " : ""}function ${MODULE_FUNCTION_NAME}($ctx) {`,
    );
    placed.push({ record: m, line: lineCount() });
    lines.push(m.compiled.code.endsWith("\n") ? m.compiled.code.slice(0, -1) : m.compiled.code);
    lines.push("      },", "    },");
  }
  lines.push("  ],", "};", "");
  if (format === "esm") {
    lines.push(
      "/** Runs the program with the host's options (those of mljs-lang's load); resolves to the loaded program. */",
      "export default function run(options) {",
      "  return runCompiled(program, options);",
      "}",
      "export { run };",
      "",
      "if (isMainModule(import.meta.url)) runMain(program);",
    );
  } else {
    lines.push(
      "/** Runs the program with the host's options (those of mljs-lang's load); resolves to the loaded program. */",
      "function run(options) {",
      "  return runCompiled(program, options);",
      "}",
      "module.exports = run;",
      "run.run = run;",
      "run.default = run;",
      "",
      "if (require.main === module) runMain(program);",
    );
  }
  const map = options.sourceMap === true ? bundleMap(placed, outFile) : null;
  const warnings = modules.flatMap((m) => m.compiled.diagnostics.filter((d) => d.severity === "warning"));
  return { code: `${lines.join("\n")}\n`, map, warnings };
}

/** Limits worth writing down: the finite ones (JSON has no `Infinity`; absent means the default). */
function bakedLimits(limits: Limits): Limits {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(limits)) if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  return out as Limits;
}

/**
 * The map of the whole file: each module compiled again with a map (the same options the loader
 * compiled it with), its lines shifted to where its body starts in the file.
 */
function bundleMap(placed: readonly { record: ModuleRecord; line: number }[], outFile: string): BundleSourceMap {
  const require = createRequire(import.meta.url);
  const gen = require("@jridgewell/gen-mapping") as typeof GenMappingLib;
  const trace = require("@jridgewell/trace-mapping") as typeof TraceMappingLib;
  const out = new gen.GenMapping({ file: outFile.slice(outFile.lastIndexOf(sep) + 1) });
  for (const { record, line } of placed) {
    const source = slashes(relative(dirname(outFile), record.path!));
    // Compiled once already, under the host's maxSourceLength: not checked again.
    const withMap = compile(record.source, {
      filename: record.displayName, sourceMap: true, mode: "function", asyncImports: record.asyncImports,
      asyncValues: record.asyncValues, maxSourceLength: Infinity,
    });
    if (withMap.code !== record.compiled.code || withMap.map === null) {
      throw new Error(`mljs: module ${record.name} compiled differently with a source map`);
    }
    gen.setSourceContent(out, source, record.source);
    const decoded = trace.decodedMappings(new trace.TraceMap(withMap.map as unknown as TraceMappingLib.EncodedSourceMap));
    const names = withMap.map.names;
    decoded.forEach((segments, genLine) => {
      for (const s of segments) {
        if (s.length === 1) continue;
        const name = s.length === 5 ? names[s[4]] : undefined;
        if (name !== undefined) gen.addSegment(out, line + genLine, s[0], source, s[2], s[3], name);
        else gen.addSegment(out, line + genLine, s[0], source, s[2], s[3]);
      }
    });
  }
  const encoded = gen.toEncodedMap(out);
  return {
    version: 3,
    file: encoded.file ?? "",
    sources: encoded.sources as string[],
    sourcesContent: (encoded.sourcesContent ?? []) as (string | null)[],
    names: [...encoded.names],
    mappings: encoded.mappings,
  };
}

/** A relative path with `/` separators (source maps and the program table are platform-neutral). */
function slashes(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
