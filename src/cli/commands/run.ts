/**
 * `mljs run [options] file.ml [args...]`
 */
import { readSync } from "node:fs";
import { parseArgs } from "node:util";
import { MLCompileError, MLRuntimeError } from "../../host/errors.js";
import { load } from "../../host/api.js";
import type { Limits } from "../../runtime/state.js";
import { ExitCode, UsageError, numberOption, guardUsage, splitAtScript } from "../usage.js";
import { BufferedWriter, useColor, writeAllSync } from "../terminal.js";

const OPTIONS = {
  steps: { type: "string" },
  timeout: { type: "string" },
  recursion: { type: "string" },
  "import-path": { type: "string", short: "I", multiple: true },
} as const;

export async function runCommand(args: string[]): Promise<number> {
  const { own, script, rest } = splitAtScript(args, OPTIONS);
  const { values, positionals } = guardUsage(() => parseArgs({ args: own, options: OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (script === undefined) throw new UsageError("run needs a file: mljs run <file.ml>");
  void rest; // the argument vector reaches ML through the `args` stdlib module (HOST.md §9)

  const limits: Limits = {};
  const steps = numberOption("steps", values.steps);
  const timeMs = numberOption("timeout", values.timeout);
  const recursion = numberOption("recursion", values.recursion);
  if (steps !== undefined) limits.steps = steps;
  if (timeMs !== undefined) limits.timeMs = timeMs;
  if (recursion !== undefined) limits.recursion = recursion;

  const stdout = new BufferedWriter(1);
  const stderr = new BufferedWriter(2, 0);
  const color = useColor(process.stderr);
  try {
    await load(script, {
      limits,
      importPaths: values["import-path"] ?? [],
      stdout: stdout.write,
      stderr: stderr.write,
      stdin: (prompt) => {
        stdout.write(prompt);
        stdout.flush();
        return readLineSync();
      },
    });
    return ExitCode.Ok;
  } catch (e) {
    stdout.flush();
    // Error reporting (code frames) is loaded only when there is an error to report.
    const { renderDiagnostics, renderRuntimeError } = await import("../report.js");
    if (e instanceof MLCompileError) {
      writeAllSync(2, renderDiagnostics(e.diagnostics, color));
      return ExitCode.CompileError;
    }
    if (e instanceof MLRuntimeError) {
      writeAllSync(2, renderRuntimeError(e, color));
      return e.mlType === "LimitError" ? ExitCode.LimitExceeded : ExitCode.RuntimeError;
    }
    if (e instanceof Error && /^cannot read ML file/.test(e.message)) {
      writeAllSync(2, `mljs: ${e.message}\n`);
      return ExitCode.NoInput;
    }
    throw e;
  } finally {
    stdout.flush();
    stderr.flush();
  }
}

/** Reads one line from standard input, synchronously (ML's `input()` is a plain call). */
function readLineSync(): string | null {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, one, 0, 1, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((e as NodeJS.ErrnoException).code === "EOF") n = 0;
      else throw e;
    }
    if (n === 0) return bytes.length === 0 ? null : Buffer.from(bytes).toString("utf8");
    if (one[0] === 0x0a) return Buffer.from(bytes).toString("utf8").replace(/\r$/, "");
    bytes.push(one[0]!);
  }
}
