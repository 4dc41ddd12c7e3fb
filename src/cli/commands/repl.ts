/**
 * `mljs repl [options]` (and plain `mljs`): the interactive prompt, or — when standard input is
 * not a terminal — one evaluation of the whole input that prints the value of each top-level
 * expression statement, one per line (`printf 'x = 2 + 3;\nx * 2\n' | mljs repl` prints `10`).
 *
 * State persists across inputs without running earlier inputs again (see repl/session.ts).
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { preview } from "../../runtime/display.js";
import { MLCompileError, MLRuntimeError } from "../../host/errors.js";
import { ExitCode, RUN_OPTIONS, UsageError, grantsFromOptions, limitsFrom, numberOption, parseOptions } from "../usage.js";
import { BufferedWriter, paint, useColor, writeAllSync } from "../terminal.js";
import { ReplSession } from "../repl/session.js";
import type { Limits } from "../../runtime/state.js";
import { prepareInput } from "../repl/input.js";
import { completeLine } from "../repl/complete.js";
import * as registry from "../../stdlib/registry.js";

/** Longest display of one value at the prompt. */
const ECHO_LENGTH = 100_000;
/** Time limit of each input at the prompt when `--timeout` is not given. */
export const PROMPT_TIMEOUT_MS = 10_000;
/** Lines of history kept. */
const HISTORY_SIZE = 1000;

const REPL_HELP = `.help         this text
.load FILE    run FILE in this session (its names stay defined)
.exit         leave (also Ctrl+D)
Ctrl+C clears the current input. Tab completes names, keywords and module members.
An input continues while a bracket is open or the statement is unfinished; the last ';' may be
left out. help(x) describes a value, a function or a module; mljs help NAME does too.
`;

/** Runs `mljs repl …` and resolves to the exit code. */
export async function replCommand(args: string[]): Promise<number> {
  const { values, positionals, help } = parseOptions(args, RUN_OPTIONS, "repl");
  if (help) {
    const { commandHelp } = await import("./help.js");
    writeAllSync(1, commandHelp("repl"));
    return ExitCode.Ok;
  }
  if (positionals.length > 0) {
    throw new UsageError(`repl takes no file ('${positionals[0]}'): run it with mljs run ${positionals[0]}, or .load it at the prompt`, "repl");
  }
  const stdout = new BufferedWriter(1);
  const color = useColor(process.stderr);
  const session = new ReplSession({
    capabilities: grantsFromOptions(values.allow ?? [], values["allow-all"] === true),
    limits: promptLimits(limitsFrom(values)),
    importPaths: values["import-path"] ?? [],
    maxSourceLength: numberOption("max-source-length", values["max-source-length"]),
    stdout: stdout.write,
    stderr: (t) => {
      stdout.flush();
      writeAllSync(2, t);
    },
  });
  try {
    return process.stdin.isTTY === true
      ? await interactive(session, stdout, color)
      : await piped(session, stdout, color);
  } finally {
    stdout.flush();
  }
}

/**
 * At the prompt, each input stops after {@link PROMPT_TIMEOUT_MS} unless `--timeout` says
 * otherwise: the terminal is in raw mode, so Ctrl+C is a key press that running ML code never
 * lets readline see, and an endless loop would otherwise hang the session.
 */
function promptLimits(limits: Limits): Limits {
  if (process.stdin.isTTY !== true || limits.timeMs !== undefined) return limits;
  return { ...limits, timeMs: PROMPT_TIMEOUT_MS };
}

/** Standard input is not a terminal: one program, each top-level expression's value printed. */
async function piped(session: ReplSession, stdout: BufferedWriter, color: boolean): Promise<number> {
  const source = readFileSync(0, "utf8");
  if (source.trim() === "") return ExitCode.Ok;
  try {
    await session.evaluate(source, (v) => {
      if (v !== null) stdout.write(`${preview(v, ECHO_LENGTH)}\n`);
    }, "<stdin>");
    return ExitCode.Ok;
  } catch (e) {
    stdout.flush();
    return report(e, color, new Map([["<stdin>", source]]));
  }
}

/** Shows an input's error; returns the exit code it stands for. */
async function report(e: unknown, color: boolean, sources: ReadonlyMap<string, string>): Promise<number> {
  const { renderDiagnostics, reportRunError } = await import("../report.js");
  if (e instanceof MLCompileError) {
    writeAllSync(2, renderDiagnostics(e.diagnostics, color, sources));
    return ExitCode.CompileError;
  }
  if (e instanceof MLRuntimeError || e instanceof Error) return reportRunError(e, color, (t) => writeAllSync(2, t), sources);
  throw e;
}

/** Where history is kept: MLJS_REPL_HISTORY (empty: nowhere), else ~/.mljs_repl_history. */
function historyFile(): string | null {
  const set = process.env.MLJS_REPL_HISTORY;
  if (set !== undefined) return set.trim() === "" ? null : set;
  return join(homedir(), ".mljs_repl_history");
}

function readHistory(file: string | null): string[] {
  if (file === null) return [];
  try {
    return readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/** The prompt on a terminal. */
async function interactive(session: ReplSession, stdout: BufferedWriter, color: boolean): Promise<number> {
  const file = historyFile();
  const history = readHistory(file);
  if (file !== null && history.length >= HISTORY_SIZE) {
    try {
      writeFileSync(file, `${[...history].reverse().join("\n")}\n`); // keep the file short
    } catch {
      // history is a convenience: an unwritable file only disables saving it
    }
  }
  // Module members are completed from the registry's metadata, which each module carries.
  void Promise.all(registry.list().map((m) => registry.load(m))).catch(() => {});
  const rl: Interface = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    history,
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string) => completeLine(line, session.globals, session.names()),
  });
  const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  writeAllSync(1, `mljs ${version} — type .help for help, .exit or Ctrl+D to leave\n`);
  const mainPrompt = paint.bold("ml> ", color);
  const morePrompt = paint.dim("... ", color);
  let buffer: string[] = [];
  let inputs = 0;

  const save = (line: string): void => {
    if (file === null || line.trim() === "") return;
    try {
      appendFileSync(file, `${line.replace(/\n/g, " ")}\n`);
    } catch {
      // see above
    }
  };

  const evaluate = async (source: string, filename?: string): Promise<void> => {
    inputs++;
    const name = filename ?? `<repl:${inputs}>`;
    try {
      await session.evaluate(source, (v) => {
        if (v !== null) stdout.write(`${paint.dim("=>", color)} ${preview(v, ECHO_LENGTH)}\n`);
      }, name);
    } catch (e) {
      stdout.flush();
      await report(e, color, new Map([[name, source]]));
    }
    stdout.flush();
  };

  const command = async (line: string): Promise<boolean> => {
    const [word, ...more] = line.trim().split(/\s+/);
    const arg = more.join(" ");
    switch (word) {
      case ".exit":
        return false;
      case ".help":
        writeAllSync(1, REPL_HELP);
        return true;
      case ".load": {
        if (arg === "") {
          writeAllSync(2, ".load needs a file: .load path/to/file.ml\n");
          return true;
        }
        let text: string;
        try {
          text = readFileSync(arg, "utf8");
        } catch (e) {
          writeAllSync(2, `mljs: cannot read '${arg}': ${(e as Error).message}\n`);
          return true;
        }
        await evaluate(text, arg);
        return true;
      }
      default:
        writeAllSync(2, `unknown REPL command '${word}'; .help lists them\n`);
        return true;
    }
  };

  return new Promise<number>((resolve) => {
    let busy = Promise.resolve();
    const prompt = (): void => {
      rl.setPrompt(buffer.length === 0 ? mainPrompt : morePrompt);
      rl.prompt();
    };
    rl.on("line", (line) => {
      busy = busy.then(async () => {
        if (buffer.length === 0 && line.trim().startsWith(".") && /^\s*\.[a-z]/.test(line)) {
          save(line);
          if (!(await command(line))) {
            rl.close();
            return;
          }
          prompt();
          return;
        }
        buffer.push(line);
        const source = buffer.join("\n");
        if (source.trim() === "") {
          buffer = [];
          prompt();
          return;
        }
        if (prepareInput(source).kind === "incomplete") {
          prompt();
          return;
        }
        buffer = [];
        save(source);
        rl.pause();
        await evaluate(source);
        rl.resume();
        prompt();
      });
    });
    rl.on("SIGINT", () => {
      if (buffer.length > 0 || rl.line.length > 0) {
        buffer = [];
        writeAllSync(1, "\n");
        rl.write(null, { ctrl: true, name: "u" });
        prompt();
      } else {
        writeAllSync(1, "\n(press Ctrl+D or type .exit to leave)\n");
        prompt();
      }
    });
    rl.on("close", () => {
      void busy.then(() => {
        writeAllSync(1, "\n");
        resolve(ExitCode.Ok);
      });
    });
    prompt();
  });
}
