/**
 * `mljs run [options] file.ml [args...]`
 */
import { readSync } from "node:fs";
import { parseArgs } from "node:util";
import { load } from "../../host/api.js";
import type { Limits } from "../../runtime/state.js";
import { capability, type CapabilityToken } from "../../capabilities/token.js";
import { CAPABILITY_NAMES } from "../../capabilities/names.js";
import { ExitCode, UsageError, numberOption, guardUsage, splitAtScript } from "../usage.js";
import { BufferedWriter, useColor, writeAllSync } from "../terminal.js";

const OPTIONS = {
  steps: { type: "string" },
  timeout: { type: "string" },
  recursion: { type: "string" },
  "import-path": { type: "string", short: "I", multiple: true },
  allow: { type: "string", multiple: true },
  "allow-all": { type: "boolean" },
  sandbox: { type: "boolean" },
  memory: { type: "string" },
  "max-source-length": { type: "string" },
} as const;

export async function runCommand(args: string[]): Promise<number> {
  const { own, script, rest } = splitAtScript(args, OPTIONS);
  const { values, positionals } = guardUsage(() => parseArgs({ args: own, options: OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (script === undefined) throw new UsageError("run needs a file: mljs run <file.ml>");

  const limits: Limits = {};
  const steps = numberOption("steps", values.steps);
  const timeMs = numberOption("timeout", values.timeout);
  const recursion = numberOption("recursion", values.recursion);
  if (steps !== undefined) limits.steps = steps;
  if (timeMs !== undefined) limits.timeMs = timeMs;
  if (recursion !== undefined) limits.recursion = recursion;

  const color = useColor(process.stderr);
  const capabilities = grantsFromOptions(values.allow ?? [], values["allow-all"] === true);
  const memoryMb = numberOption("memory", values.memory);
  if (memoryMb !== undefined && values.sandbox !== true) throw new UsageError("--memory needs --sandbox");
  const maxSourceLength = numberOption("max-source-length", values["max-source-length"]);
  if (values.sandbox === true) {
    const { runInSandbox } = await import("./run-sandbox.js");
    const { timeMs, ...inWorker } = limits; // --timeout becomes the sandbox's hard wall-clock limit
    return runInSandbox(script, {
      args: rest, capabilities, limits: inWorker, memoryMb, timeoutMs: timeMs, maxSourceLength,
      importPaths: values["import-path"] ?? [], stdout: (t) => writeAllSync(1, t), stderr: (t) => writeAllSync(2, t),
      color,
    });
  }
  const stdout = new BufferedWriter(1);
  const stderr = new BufferedWriter(2, 0);
  try {
    await load(script, {
      capabilities,
      args: rest,
      limits,
      importPaths: values["import-path"] ?? [],
      maxSourceLength,
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
    const { reportRunError } = await import("../report.js");
    return reportRunError(e, color, (text) => writeAllSync(2, text));
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

/**
 * `--allow CAP[=PATTERN]` (repeatable; patterns of one capability are merged into one grant,
 * relative patterns start at the script's directory) and `--allow-all` (every stdlib capability,
 * unrestricted).
 */
function grantsFromOptions(allow: readonly string[], all: boolean): CapabilityToken[] {
  const patterns = new Map<string, string[]>();
  for (const name of all ? CAPABILITY_NAMES : []) patterns.set(name, []);
  for (const item of allow) {
    const eq = item.indexOf("=");
    const name = eq < 0 ? item : item.slice(0, eq);
    const pattern = eq < 0 ? null : item.slice(eq + 1);
    if (pattern === "") throw new UsageError(`--allow ${item}: the pattern after '=' is empty`);
    const list = patterns.get(name);
    if (list === undefined) patterns.set(name, pattern === null ? [] : [pattern]);
    else if (pattern === null) list.length = 0; // an unrestricted grant covers every pattern
    else if (list.length > 0) list.push(pattern); // an empty list already means unrestricted
  }
  try {
    return [...patterns].map(([name, resources]) => capability(name, { resources }));
  } catch (e) {
    throw new UsageError(`--allow: ${(e as Error).message}`);
  }
}
