/**
 * `mljs run [options] <file.ml | -e CODE | -> [args...]` — also reached as `mljs file.ml`,
 * `mljs -e CODE` and `mljs [options] -e CODE`.
 *
 * Options come before the program (the file, `-e CODE` or `-` for standard input); everything
 * after it goes to the program (`args` module). An mljs option found there is passed on too, with
 * a warning saying to move it.
 */
import { readFileSync } from "node:fs";
import { load, type SourceInput } from "../../host/api.js";
import {
  ExitCode, RUN_OPTIONS, UsageError, grantsFromOptions, isOptionOf, limitsFrom, numberOption, unknownOption,
  type OptionSpec, type OptionSpecs, type OptionValues,
} from "../usage.js";
import { BufferedWriter, paint, useColor, writeAllSync } from "../terminal.js";
import { prepareInput } from "../repl/input.js";
import { readLineSync } from "../stdin.js";

const OPTIONS = {
  ...RUN_OPTIONS,
  sandbox: { type: "boolean" },
  memory: { type: "string" },
  watch: { type: "boolean" },
  inspect: { type: "string", optionalValue: true },
  "inspect-brk": { type: "string", optionalValue: true },
} as const satisfies OptionSpecs;

type RunValues = OptionValues<typeof OPTIONS>;

export { grantsFromOptions } from "../usage.js";

/** What to run. */
type Target =
  | { kind: "file"; path: string }
  | { kind: "eval"; code: string }
  | { kind: "stdin" };

/** The parsed command line of `run`. */
interface RunArgs {
  values: RunValues;
  target: Target | undefined;
  /** The program's arguments. */
  rest: string[];
  help: boolean;
}

/**
 * Splits the arguments at the program: mljs options before it (a string option takes the next
 * argument, whatever it looks like), the program's arguments after it.
 */
function parseRunArgs(args: readonly string[]): RunArgs {
  const values: Record<string, string | boolean | string[]> = {};
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const after = (n: number): string[] => args.slice(i + n);
    if (a === "--") {
      const path = args[i + 1];
      return { values, target: path === undefined ? undefined : { kind: "file", path }, rest: after(2), help };
    }
    if (a === "-") return { values, target: { kind: "stdin" }, rest: after(1), help };
    if (a === "-e" || a === "--eval") {
      const code = args[i + 1];
      if (code === undefined) throw new UsageError(`${a} needs the code to run: mljs -e 'print(1 + 1);'`, "run");
      return { values, target: { kind: "eval", code }, rest: after(2), help };
    }
    if (a.startsWith("--eval=")) return { values, target: { kind: "eval", code: a.slice(7) }, rest: after(1), help };
    if (!a.startsWith("-")) return { values, target: { kind: "file", path: a }, rest: after(1), help };
    if (a === "--help" || a === "-h") {
      help = true;
      continue;
    }
    if (!isOptionOf(a, OPTIONS)) throw unknownOption(a, OPTIONS, "run");
    const long = a.startsWith("--");
    const eq = a.indexOf("=");
    const name = long ? (eq < 0 ? a.slice(2) : a.slice(2, eq)) : Object.entries(OPTIONS).find(([, s]) => "short" in s && s.short === a.slice(1, 2))![0];
    const spec = OPTIONS[name as keyof typeof OPTIONS] as OptionSpec;
    let value: string | undefined = long ? (eq < 0 ? undefined : a.slice(eq + 1)) : a.length > 2 ? a.slice(2) : undefined;
    if (spec.type === "boolean") {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`, "run");
      values[name] = true;
      continue;
    }
    if (value === undefined && spec.optionalValue === true) value = "";
    if (value === undefined) {
      if (i + 1 >= args.length) throw new UsageError(`--${name} needs a value`, "run");
      value = args[++i]!;
    }
    if (spec.multiple === true) ((values[name] ??= []) as string[]).push(value);
    else values[name] = value;
  }
  return { values, target: undefined, rest: [], help };
}

/** Warns about mljs options written after the program: they are the program's arguments. */
function warnLateOptions(target: Target, rest: readonly string[], color: boolean): void {
  const late = rest.filter((a) => isOptionOf(a, OPTIONS) || a === "-e" || a === "--eval");
  if (late.length === 0) return;
  const what = target.kind === "file" ? target.path : target.kind === "eval" ? "-e CODE" : "-";
  const list = late.map((a) => `'${a.includes("=") ? a.slice(0, a.indexOf("=")) : a}'`).join(", ");
  writeAllSync(2, `${paint.yellow("mljs: warning", color)}: ${list} after ${what} ${late.length === 1 ? "is" : "are"} passed to the program, not to mljs; put mljs options before ${what}\n`);
}

/** Runs `mljs run …` and resolves to the exit code. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, target, rest, help } = parseRunArgs(args);
  if (help) {
    const { commandHelp } = await import("./help.js");
    writeAllSync(1, commandHelp("run"));
    return ExitCode.Ok;
  }
  if (target === undefined) throw new UsageError("run needs a program: mljs run <file.ml>, mljs run - (standard input) or mljs -e CODE", "run");
  const color = useColor(process.stderr);
  warnLateOptions(target, rest, color);

  const limits = limitsFrom(values);
  const capabilities = grantsFromOptions(values.allow ?? [], values["allow-all"] === true);
  const memoryMb = numberOption("memory", values.memory);
  if (memoryMb !== undefined && values.sandbox !== true) throw new UsageError("--memory needs --sandbox", "run");
  const maxSourceLength = numberOption("max-source-length", values["max-source-length"]);
  const importPaths = values["import-path"] ?? [];
  const debug = await debugging(values);

  if (values.watch === true) {
    if (target.kind !== "file") throw new UsageError("--watch needs a file: mljs run --watch <file.ml>", "run");
    if (values.sandbox === true) throw new UsageError("--watch cannot be combined with --sandbox", "run");
    const { watchProgram } = await import("./watch.js");
    return watchProgram(target.path, { args: rest, capabilities, limits, importPaths, maxSourceLength, color });
  }
  if (values.sandbox === true) {
    if (target.kind !== "file") throw new UsageError("--sandbox runs a file: mljs run --sandbox <file.ml>", "run");
    const { runInSandbox } = await import("./run-sandbox.js");
    const { timeMs, ...inWorker } = limits; // --timeout becomes the sandbox's hard wall-clock limit
    return runInSandbox(target.path, {
      args: rest, capabilities, limits: inWorker, memoryMb, timeoutMs: timeMs, maxSourceLength,
      importPaths, stdout: (t) => writeAllSync(1, t), stderr: (t) => writeAllSync(2, t),
      color,
    });
  }
  let input: SourceInput;
  if (target.kind === "file") input = target.path;
  else if (target.kind === "stdin") input = { source: readFileSync(0, "utf8"), filename: "<stdin>" };
  else {
    // A one-liner may leave out its last `;` (as at the REPL prompt).
    const prepared = prepareInput(target.code);
    input = { source: prepared.kind === "complete" ? prepared.source : target.code, filename: "<eval>" };
  }
  return runProgram(input, {
    args: rest, capabilities, limits, importPaths, maxSourceLength, color, stdin: target.kind !== "stdin", ...(debug === false ? {} : { debug }),
  });
}

/**
 * `--inspect` / `--inspect-brk`: checks the combination, opens the inspector (waiting for a
 * debugger under `--inspect-brk`) and returns how to load the program; false without them.
 * No time limit while debugging: time paused at a breakpoint would count against it.
 */
async function debugging(values: RunValues): Promise<false | true | "break"> {
  const brk = values["inspect-brk"] !== undefined;
  const option = brk ? "inspect-brk" : "inspect";
  const value = values[option];
  if (value === undefined) return false;
  if (brk && values.inspect !== undefined) throw new UsageError("give either --inspect or --inspect-brk, not both", "run");
  for (const other of ["sandbox", "watch", "timeout"] as const) {
    if (values[other] === undefined) continue;
    const why = other === "timeout"
      ? "time paused in the debugger would count against it (--steps still applies)"
      : other === "sandbox" ? "the sandbox runs the program in another process" : "run it again by hand";
    throw new UsageError(`--${option} cannot be combined with --${other}: ${why}`, "run");
  }
  const { parseInspectAddress, startInspector } = await import("../inspect.js");
  startInspector(parseInspectAddress(option, value), brk, (line) => writeAllSync(2, line));
  return brk ? "break" : true;
}

/** Options of {@link runProgram}. */
export interface RunProgramOptions {
  args: readonly string[];
  capabilities: ReturnType<typeof grantsFromOptions>;
  limits: ReturnType<typeof limitsFrom>;
  importPaths: readonly string[];
  maxSourceLength: number | undefined;
  color: boolean;
  /** Whether `input()` reads standard input (not when the program itself came from it). */
  stdin?: boolean;
  /** Load for a debugger attached to this process (`LoadOptions.debug`). */
  debug?: boolean | "break";
}

/** Loads and runs a program with the process's output; resolves to the exit code. */
export async function runProgram(input: SourceInput, options: RunProgramOptions): Promise<number> {
  // Under a debugger, what the program printed shows before it pauses.
  const stdout = options.debug === undefined ? new BufferedWriter(1) : new BufferedWriter(1, 0);
  const stderr = new BufferedWriter(2, 0);
  try {
    await load(input, {
      capabilities: options.capabilities,
      args: options.args,
      limits: options.limits,
      importPaths: options.importPaths,
      maxSourceLength: options.maxSourceLength,
      ...(options.debug === undefined ? {} : { debug: options.debug }),
      // Compile warnings (ML2012…) before the program's own output, as `mljs check` shows them.
      onWarnings: async (warnings) => {
        const { renderDiagnostics } = await import("../report.js");
        const known = new Map(typeof input === "string" ? [] : [[input.filename ?? "<input>", input.source]]);
        writeAllSync(2, renderDiagnostics(warnings, options.color, known));
      },
      stdout: stdout.write,
      stderr: stderr.write,
      ...(options.stdin === false
        ? {}
        : {
            stdin: (prompt: string) => {
              stdout.write(prompt);
              stdout.flush();
              return readLineSync();
            },
          }),
    });
    return ExitCode.Ok;
  } catch (e) {
    stdout.flush();
    // Error reporting (code frames) is loaded only when there is an error to report.
    const { reportRunError } = await import("../report.js");
    // Inline source (`-e`, standard input) has no file to show a code frame from.
    const known = new Map(typeof input === "string" ? [] : [[input.filename ?? "<input>", input.source]]);
    return reportRunError(e, options.color, (text) => writeAllSync(2, text), known);
  } finally {
    stdout.flush();
    stderr.flush();
  }
}
