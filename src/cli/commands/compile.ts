/**
 * `mljs compile file.ml [-o out.js] [--format esm|cjs] [--source-map] [--mode module|function]
 * [--allow CAP[=PATTERN]]... [--allow-all] [--steps N] [--timeout MS] [--recursion N] [-I DIR]...`
 *
 * `--mode module` (default): the program — the file and every user module it imports — as one
 * JavaScript file that runs with `node` and can be imported (host/bundle.ts, docs/compiling.md).
 * `--mode function`: the file's generated code alone, a function body taking `$ctx`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { compile } from "../../compiler/index.js";
import { bundleProgram } from "../../host/bundle.js";
import { ExitCode, RUN_OPTIONS, UsageError, grantsFromOptions, limitsFrom, numberOption, parseOptions } from "../usage.js";
import { paint, useColor, writeAllSync } from "../terminal.js";
import { renderDiagnostics, reportRunError } from "../report.js";
import { readMlFile } from "../ml-files.js";

const OPTIONS = {
  ...RUN_OPTIONS,
  output: { type: "string", short: "o" },
  format: { type: "string" },
  "source-map": { type: "boolean" },
  mode: { type: "string" },
} as const;

/** Options that only make sense for a runnable program (`--mode module`). */
const PROGRAM_ONLY = ["format", "allow", "allow-all", "steps", "timeout", "recursion", "import-path"] as const;

/** Exit code when the output cannot be written (sysexits' EX_CANTCREAT). */
const CANT_CREATE = 73;

/** A written output: the code and, with `--source-map`, its map. */
interface Output {
  code: string;
  map: object | null;
}

export async function compileCommand(args: string[]): Promise<number> {
  const { values, positionals, help } = parseOptions(args, OPTIONS, "compile");
  if (help) {
    const { commandHelp } = await import("./help.js");
    writeAllSync(1, commandHelp("compile"));
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError("compile takes exactly one file: mljs compile <file.ml> [-o out.js]", "compile");
  const file = positionals[0]!;
  const mode = values.mode ?? "module";
  if (mode !== "module" && mode !== "function") throw new UsageError(`--mode must be 'module' or 'function', got '${mode}'`, "compile");
  const format = values.format ?? "esm";
  if (format !== "esm" && format !== "cjs") throw new UsageError(`--format must be 'esm' or 'cjs', got '${format}'`, "compile");
  if (mode === "function") {
    const given = PROGRAM_ONLY.find((name) => values[name] !== undefined);
    if (given !== undefined) throw new UsageError(`--${given} applies to runnable output; --mode function writes a bare function body`, "compile");
  }
  const sourceMap = values["source-map"] === true;
  const maxSourceLength = numberOption("max-source-length", values["max-source-length"]);
  const out = values.output;
  const outFile = resolve(out ?? "out.js");
  const color = useColor(process.stderr);
  if (mode === "module" && out !== undefined) {
    const clash = formatClash(outFile, format);
    if (clash !== null) writeAllSync(2, `${paint.yellow("warning", color)}: ${clash}\n`);
  }

  let output: Output;
  if (mode === "function") {
    const source = readMlFile(file);
    if (source === null) return ExitCode.NoInput;
    const result = compile(source, { filename: file, sourceMap, mode: "function", maxSourceLength });
    if (result.diagnostics.length > 0) writeAllSync(2, renderDiagnostics(result.diagnostics, color, new Map([[file, source]])));
    if (!result.ok) return ExitCode.CompileError;
    const map = result.map === null ? null : { ...result.map, file: basename(outFile), sources: [sourceRelativeTo(outFile, file)] };
    output = { code: result.code, map };
  } else {
    const limits = limitsFrom(values);
    const grants = grantsFromOptions(values.allow ?? [], values["allow-all"] === true)
      .map((t) => ({ name: t.name, resources: [...t.resources] }));
    let bundled: ReturnType<typeof bundleProgram>;
    try {
      bundled = bundleProgram(file, {
        format, outFile, sourceMap, grants, limits, importPaths: values["import-path"] ?? [], maxSourceLength,
      });
    } catch (e) {
      return reportRunError(e, color, (text) => writeAllSync(2, text));
    }
    if (bundled.warnings.length > 0) writeAllSync(2, renderDiagnostics(bundled.warnings, color));
    output = { code: bundled.code, map: bundled.map };
  }
  if (out === undefined) {
    writeAllSync(1, withNewline(output.code) + (output.map === null ? "" : inlineMapComment(output.map)));
    return ExitCode.Ok;
  }
  let code = withNewline(output.code);
  try {
    mkdirSync(dirname(outFile), { recursive: true });
    if (output.map !== null) {
      code += `//# sourceMappingURL=${encodeURI(basename(outFile))}.map\n`;
      writeAtomic(`${outFile}.map`, JSON.stringify(output.map));
    }
    writeAtomic(outFile, code);
  } catch (e) {
    writeAllSync(2, `mljs: cannot write '${out}': ${(e as Error).message}\n`);
    return CANT_CREATE;
  }
  return ExitCode.Ok;
}

/**
 * Why Node would load `outFile` in the other module format (or warn about it), or null: `.mjs` is
 * always an ES module, `.cjs` always CommonJS; a `.js` file is an ES module under a package.json
 * saying `"type": "module"`, and CommonJS under another package.json (an ES module there is
 * detected by its syntax, with a warning at every start).
 */
function formatClash(outFile: string, format: "esm" | "cjs"): string | null {
  const ext = extname(outFile);
  const name = basename(outFile);
  if (format === "cjs" && ext === ".mjs") return `${name} will be loaded as an ES module (.mjs): name it .cjs, or use --format esm`;
  if (format === "esm" && ext === ".cjs") return `${name} will be loaded as CommonJS (.cjs): name it .mjs, or use --format cjs`;
  if (ext !== ".js") return null;
  const pkg = nearestPackageJson(dirname(outFile));
  if (pkg === null) return null;
  const shown = relative(process.cwd(), pkg.path) || pkg.path;
  if (format === "cjs" && pkg.type === "module") {
    return `${name} will be loaded as an ES module ("type": "module" in ${shown}): name it .cjs, or use --format esm`;
  }
  if (format === "esm" && pkg.type !== "module") {
    return `node will warn that ${name} is an ES module in a package without "type": "module" (${shown}): name it .mjs, or add "type": "module"`;
  }
  return null;
}

/** The package.json Node consults for a file in `dir`, and its `type`; null when there is none (or it is unreadable). */
function nearestPackageJson(dir: string): { path: string; type: unknown } | null {
  for (let d = dir; ; d = dirname(d)) {
    const path = join(d, "package.json");
    if (existsSync(path)) {
      try {
        return { path, type: (JSON.parse(readFileSync(path, "utf8")) as { type?: unknown }).type };
      } catch {
        return null;
      }
    }
    if (dirname(d) === d) return null;
  }
}

function withNewline(code: string): string {
  return code.endsWith("\n") ? code : `${code}\n`;
}

/** `--source-map` without `-o`: the map travels inside the code, as a data URL. */
function inlineMapComment(map: object): string {
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}\n`;
}

/** A source-map `sources` entry: the ML file relative to the map's directory, `/`-separated. */
function sourceRelativeTo(outFile: string, source: string): string {
  const rel = relative(dirname(outFile), resolve(source));
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/** Writes through a temporary file and a rename, so a failure never leaves a half-written output. */
function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
