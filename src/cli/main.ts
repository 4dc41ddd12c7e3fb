/**
 * The `mljs` command line: `run` (also `mljs file.ml`, `mljs -e CODE`, `mljs run -`), `repl`
 * (also plain `mljs`), `compile`, `check`, `fmt`, `audit`, `init`, `lsp`, `worker`, `help`, `--version`.
 * Each command is imported only when used, which keeps start-up short.
 *
 * Exit codes (also in `mljs --help`, docs/cli.md and the README):
 *   0  success
 *   1  the ML program raised an uncaught runtime error; `audit`: a high-severity finding;
 *      `fmt --check`: a file not formatted
 *   2  compile errors (syntax, unknown names, bad imports)
 *   3  a limit was exceeded (steps, time, memory; recursion is a runtime error: 1)
 *   64 usage error (unknown command or option, missing argument)
 *   66 an input file cannot be read
 *   70 internal error (a bug in mljs: please report it)
 *   73 `compile`: the output cannot be written
 */
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { UsageError, ExitCode, RUN_OPTIONS, isOptionOf } from "./usage.js";
import { writeAllSync } from "./terminal.js";
import { didYouMean } from "../compiler/suggest.js";

/** Commands reached by name. */
const COMMANDS = ["run", "repl", "compile", "check", "fmt", "audit", "init", "help", "lsp", "worker"] as const;

function version(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(readFileSync(join(here, "..", "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/** `mljs app.ml`: the first argument names an ML file (by extension, or because it is a file). */
function isProgramFile(arg: string): boolean {
  if (arg.endsWith(".ml")) return true;
  try {
    return statSync(arg).isFile();
  } catch {
    return false;
  }
}

/** `mljs <command> --help` for commands whose own parser does not handle it. */
async function wantsHelp(command: string, rest: readonly string[]): Promise<boolean> {
  if (!rest.includes("--help") && !rest.includes("-h")) return false;
  const { commandHelp } = await import("./commands/help.js");
  writeAllSync(1, commandHelp(command));
  return true;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      // A terminal gets the prompt; piped input is evaluated as `mljs repl` evaluates it.
      return (await import("./commands/repl.js")).replCommand([]);
    case "-h":
    case "--help":
      writeAllSync(1, (await import("./commands/help.js")).MAIN_HELP);
      return ExitCode.Ok;
    case "help":
      return (await import("./commands/help.js")).helpCommand(rest);
    case "-v":
    case "--version":
      writeAllSync(1, `${version()}\n`);
      return ExitCode.Ok;
    case "run":
      return (await import("./commands/run.js")).runCommand(rest);
    case "repl":
      return (await import("./commands/repl.js")).replCommand(rest);
    case "compile":
      if (await wantsHelp(command, rest)) return ExitCode.Ok;
      return (await import("./commands/compile.js")).compileCommand(rest);
    case "check":
      if (await wantsHelp(command, rest)) return ExitCode.Ok;
      return (await import("./commands/check.js")).checkCommand(rest);
    case "fmt":
      if (await wantsHelp(command, rest)) return ExitCode.Ok;
      return (await import("./commands/fmt.js")).fmtCommand(rest);
    case "audit":
      if (await wantsHelp(command, rest)) return ExitCode.Ok;
      return (await import("./commands/audit.js")).auditCommand(rest);
    case "init":
      if (await wantsHelp(command, rest)) return ExitCode.Ok;
      return (await import("./commands/init.js")).initCommand(rest);
    case "lsp":
      if (await wantsHelp(command, rest)) return ExitCode.Ok;
      return (await import("./commands/lsp.js")).lspCommand(rest);
    case "worker":
      return (await import("./commands/worker.js")).workerCommand(rest);
    default:
      break;
  }
  // `mljs -e CODE`, `mljs --allow x app.ml`, `mljs app.ml`: run.
  if (command === "-e" || command === "--eval" || command.startsWith("--eval=") || command === "-" || isOptionOf(command, RUN_OPTIONS)
    || command === "--watch" || command === "--sandbox" || command.startsWith("--memory") || command.startsWith("--inspect")) {
    return (await import("./commands/run.js")).runCommand(argv);
  }
  if (!command.startsWith("-") && isProgramFile(command)) return (await import("./commands/run.js")).runCommand(argv);
  if (command.startsWith("-")) throw new UsageError(`unknown option '${command}'`);
  const near = didYouMean(command, COMMANDS);
  throw new UsageError(`unknown command '${command}'${near === undefined ? "" : ` (did you mean '${near}'?)`}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      const more = e.command === undefined ? "mljs --help" : `mljs help ${e.command}`;
      writeAllSync(2, `mljs: ${e.message}\nRun '${more}' for usage.\n`);
      process.exitCode = ExitCode.Usage;
    } else {
      const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
      writeAllSync(2, `mljs: internal error: ${text}\nPlease report this at the project's issue tracker.\n`);
      process.exitCode = ExitCode.Internal;
    }
  },
);
