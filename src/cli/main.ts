/**
 * The `mljs` command line: `run`, `compile`, `check`, `audit`, `--help`, `--version`.
 * Each command is imported only when used, which keeps start-up short.
 *
 * Exit codes (also in `mljs --help` and the README):
 *   0  success
 *   1  the ML program raised an uncaught runtime error; `audit`: a high-severity finding
 *   2  compile errors (syntax, unknown names, bad imports)
 *   3  a limit was exceeded (steps, time, recursion is a runtime error: 1)
 *   64 usage error (unknown command or option, missing argument)
 *   66 an input file cannot be read
 *   70 internal error (a bug in mljs: please report it)
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { UsageError, ExitCode } from "./usage.js";
import { writeAllSync } from "./terminal.js";

const HELP = `mljs — run ML programs (a small, safe scripting language) on Node.js

Usage:
  mljs run [options] <file.ml> [args...]   run a program; arguments after the file go to it
  mljs compile <file.ml> [-o out.js] [--source-map] [--mode module|function]
                                           compile to JavaScript (stdout without -o)
  mljs check <files...>                    report syntax and name errors, run nothing
  mljs audit [-I DIR]... [--json] <files...>
                                           compare declared and reachable capabilities,
                                           report broad patterns and risky constructs
  mljs --help | --version

Options for run:
  --steps N          stop after N loop iterations and calls (LimitError)
  --timeout MS       stop after MS milliseconds of run time (LimitError)
  --recursion N      maximum call depth (default 1000)
  -I, --import-path DIR   also look for imported .ml modules in DIR (repeatable)
  --allow CAP[=PATTERN]   grant a capability, optionally limited to a resource pattern
                     (repeatable), e.g. --allow datetime.now --allow file.read=data/**
  --allow-all        grant every stdlib capability, unrestricted (loopback and private
                     network addresses still need an explicit pattern)
  --sandbox          run in a worker process with a heap limit; --timeout is then a hard
                     wall-clock limit (default 5000)
  --memory MB        heap limit of the sandbox worker (default 128, at least 32; needs --sandbox)

Options for run, compile and check:
  --max-source-length N   refuse a source file longer than N characters (default 1000000;
                     with --sandbox, in the worker)

Exit codes:
  0 success · 1 runtime error (audit: a high finding) · 2 compile error · 3 limit exceeded
  64 usage error · 66 input file unreadable · 70 internal error

Colours are used on terminals; set NO_COLOR=1 to turn them off, FORCE_COLOR=1 to force them.
`;

function version(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(readFileSync(join(here, "..", "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "-h":
    case "--help":
    case "help":
      writeAllSync(1, HELP);
      return command === undefined ? ExitCode.Usage : ExitCode.Ok;
    case "-v":
    case "--version":
      writeAllSync(1, `${version()}\n`);
      return ExitCode.Ok;
    case "run":
      return (await import("./commands/run.js")).runCommand(rest);
    case "compile":
      return (await import("./commands/compile.js")).compileCommand(rest);
    case "check":
      return (await import("./commands/check.js")).checkCommand(rest);
    case "audit":
      return (await import("./commands/audit.js")).auditCommand(rest);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      writeAllSync(2, `mljs: ${e.message}\nRun 'mljs --help' for usage.\n`);
      process.exitCode = ExitCode.Usage;
    } else {
      const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
      writeAllSync(2, `mljs: internal error: ${text}\nPlease report this at the project's issue tracker.\n`);
      process.exitCode = ExitCode.Internal;
    }
  },
);
