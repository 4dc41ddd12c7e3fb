/**
 * `mljs check files|dirs…` — parse and resolve every file (every `.ml` file under a directory),
 * print all diagnostics, run nothing.
 */
import { analyze } from "../../compiler/analyze.js";
import type { Diagnostic } from "../../compiler/diagnostics.js";
import { ExitCode, UsageError, numberOption, parseOptions } from "../usage.js";
import { mlFilesIn, readMlFile } from "../ml-files.js";
import { paint, useColor, writeAllSync } from "../terminal.js";
import { renderDiagnostics } from "../report.js";
import { stdlibMemberDiagnostics } from "../../host/check-members.js";

export async function checkCommand(args: string[]): Promise<number> {
  const options = { "max-source-length": { type: "string" } } as const;
  const parsed = parseOptions(args, options, "check");
  const maxSourceLength = numberOption("max-source-length", parsed.values["max-source-length"]);
  if (parsed.positionals.length === 0) throw new UsageError("check needs at least one file or directory: mljs check <files|dirs...>", "check");
  const positionals = mlFilesIn(parsed.positionals);
  if (positionals.length === 0) {
    writeAllSync(2, `mljs: no .ml files in ${parsed.positionals.join(", ")}\n`);
    return ExitCode.NoInput;
  }
  const color = useColor(process.stderr);
  const progress = process.stderr.isTTY === true && positionals.length > 20;
  const all: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let unreadable = 0;
  positionals.forEach((file, i) => {
    if (progress) writeAllSync(2, `\rchecking ${i + 1}/${positionals.length}`);
    const source = readMlFile(file);
    if (source === null) {
      unreadable++;
      return;
    }
    sources.set(file, source);
    // One parse per file: the compiler's diagnostics and the stdlib member check share it.
    const analysis = analyze(source, { filename: file, maxSourceLength });
    all.push(...analysis.diagnostics, ...stdlibMemberDiagnostics(analysis, file));
  });
  if (progress) writeAllSync(2, "\r\x1b[K");
  if (all.length > 0) writeAllSync(2, renderDiagnostics(all, color, sources));
  const errors = all.some((d) => d.severity === "error");
  if (!errors && unreadable === 0) {
    const n = positionals.length;
    writeAllSync(1, `${paint.bold("ok", useColor(process.stdout))}: ${n} file${n === 1 ? "" : "s"} checked, no errors\n`);
  }
  return unreadable > 0 ? ExitCode.NoInput : errors ? ExitCode.CompileError : ExitCode.Ok;
}
