/**
 * `mljs compile file.ml [-o out.js] [--source-map] [--mode module|function]`
 */
import { parseArgs } from "node:util";
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { basename } from "node:path";
import { compile } from "../../compiler/index.js";
import { ExitCode, UsageError, guardUsage, numberOption } from "../usage.js";
import { useColor, writeAllSync } from "../terminal.js";
import { renderDiagnostics } from "../report.js";

const OPTIONS = {
  output: { type: "string", short: "o" },
  "source-map": { type: "boolean" },
  mode: { type: "string" },
  "max-source-length": { type: "string" },
} as const;

export async function compileCommand(args: string[]): Promise<number> {
  const { values, positionals } = guardUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length !== 1) throw new UsageError("compile takes exactly one file: mljs compile <file.ml> [-o out.js]");
  const file = positionals[0]!;
  const mode = values.mode ?? "module";
  if (mode !== "module" && mode !== "function") throw new UsageError(`--mode must be 'module' or 'function', got '${mode}'`);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (e) {
    writeAllSync(2, `mljs: cannot read '${file}': ${(e as Error).message}\n`);
    return ExitCode.NoInput;
  }
  const sourceMap = values["source-map"] === true;
  const maxSourceLength = numberOption("max-source-length", values["max-source-length"]);
  const result = compile(source, { filename: file, sourceMap, mode, maxSourceLength });
  const color = useColor(process.stderr);
  if (result.diagnostics.length > 0) writeAllSync(2, renderDiagnostics(result.diagnostics, color, new Map([[file, source]])));
  if (!result.ok) return ExitCode.CompileError;

  const out = values.output;
  if (out === undefined) {
    writeAllSync(1, result.code.endsWith("\n") ? result.code : `${result.code}\n`);
    return ExitCode.Ok;
  }
  let code = result.code;
  if (sourceMap && result.map) {
    code += `\n//# sourceMappingURL=${basename(out)}.map\n`;
    writeAtomic(`${out}.map`, JSON.stringify({ ...result.map, file: basename(out) }));
  }
  writeAtomic(out, code);
  return ExitCode.Ok;
}

/** Writes through a temporary file and a rename, so a failure never leaves a half-written output. */
function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
