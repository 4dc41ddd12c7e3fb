/**
 * Help texts of the `mljs` command: `mljs --help`, `mljs help <command>`, `mljs <command> --help`,
 * and `mljs help NAME` for a builtin (`len`), a stdlib module (`datetime`), one of its functions
 * (`csv.read`) or classes (`datetime.DateTime`, `datetime.DateTime.format`) — rendered from the
 * same metadata as ML's `help()` builtin and docs/stdlib/.
 */
import { BUILTINS } from "../../compiler/index.js";
import { didYouMean } from "../../compiler/suggest.js";
import { run } from "../../host/api.js";
import * as registry from "../../stdlib/registry.js";
import { ExitCode, UsageError } from "../usage.js";
import { writeAllSync } from "../terminal.js";

const EXIT_CODES = `Exit codes:
  0  success
  1  the program raised an uncaught error (audit: a high-severity finding; fmt --check: not formatted)
  2  compile error (syntax, unknown names, bad imports)
  3  a limit was exceeded (steps, time, memory)
  64 usage error (unknown command or option, missing argument)
  66 an input file cannot be read
  70 internal error (a bug in mljs: please report it)
  73 compile: the output cannot be written`;

const RUN_OPTIONS_TEXT = `  --allow CAP[=PATTERN]   grant a capability, optionally limited to a resource pattern
                          (repeatable), e.g. --allow datetime.now --allow file.read=data/**
  --allow-all             grant every stdlib capability, unrestricted (loopback and private
                          network addresses still need an explicit pattern)
  --steps N               stop after N loop iterations and calls (LimitError)
  --timeout MS            stop after MS milliseconds of run time (LimitError)
  --recursion N           maximum call depth (default 1000)
  -I, --import-path DIR   also look for imported .ml modules in DIR (repeatable)
  --max-source-length N   refuse a source longer than N characters (default 1000000)`;

/** `mljs --help`. */
export const MAIN_HELP = `mljs — run ML programs (a small, safe scripting language) on Node.js

Usage:
  mljs [options] <file.ml> [args...]     run a program (same as mljs run)
  mljs run [options] <file.ml> [args...] run a program; arguments after the file go to it
  mljs run [options] - [args...]         run the program read from standard input
  mljs [options] -e CODE [args...]       run CODE (the last ';' may be left out)
  mljs run --watch [options] <file.ml>   run, then run again when the file or a module it
                                         imports changes
  mljs repl [options]                    interactive prompt (also plain 'mljs' on a terminal;
                                         with piped input: prints each expression's value)
  mljs compile <file.ml> [-o out.js] [--format esm|cjs] [--source-map]
                                         compile to a JavaScript program that runs under node
  mljs check <files|dirs...>             report syntax and name errors, run nothing
  mljs fmt [--check] <files|dirs...>     format ML source in the one canonical layout
  mljs audit [-I DIR]... [--json] <files...>
                                         compare declared and reachable capabilities,
                                         report broad patterns and risky constructs
  mljs init [DIR]                        create a starter project (module, host script, test)
  mljs lsp [--stdio]                     the language server for editors (LSP over stdio)
  mljs worker --redis URL --queue NAME [--concurrency N] [--memory MB] [--timeout MS]
         [--allow CAP[=PATTERN]]...      run the ML jobs of a BullMQ queue (mljs-lang/bullmq)
  mljs help [COMMAND | NAME]             help on a command, a builtin (len), a stdlib module
                                         (datetime) or member (csv.read)
  mljs --help | --version

Options of run, -e and repl (before the program; what follows it goes to the program):
${RUN_OPTIONS_TEXT}
  --sandbox               (run) run in a worker process with a heap limit; --timeout is then a
                          hard wall-clock limit (default 5000)
  --memory MB             (run) heap limit of the sandbox worker (default 128, at least 32)
  --inspect[=[HOST:]PORT] (run) let a debugger attach (Chrome DevTools, VS Code; default
                          127.0.0.1:9229, 0: any free port): it shows the .ml files
  --inspect-brk[=[HOST:]PORT]
                          (run) the same, waiting for the debugger and pausing on the first
                          ML line (docs/debugging.md)

${EXIT_CODES}

Colours are used on terminals; set NO_COLOR=1 to turn them off, FORCE_COLOR=1 to force them.
The command-line guide is docs/cli.md in the package.
`;

/** Usage of each command (`mljs help <command>`, `mljs <command> --help`). */
const COMMANDS: Readonly<Record<string, string>> = {
  run: `Usage: mljs run [options] <file.ml | - | -e CODE> [args...]
       mljs [options] <file.ml> [args...]
       mljs [options] -e CODE [args...]

Runs an ML program: a file, standard input (-), or CODE given with -e. Options go before the
program; every argument after it is the program's (the args module). An mljs option written
after the program is passed to it as well, with a warning.

Options:
${RUN_OPTIONS_TEXT}
  --watch                 run again whenever the file or a user module it imports changes
  --sandbox               run in a worker process with a heap limit; --timeout is then a hard
                          wall-clock limit (default 5000)
  --memory MB             heap limit of the sandbox worker (default 128, at least 32)
  --inspect[=[HOST:]PORT] let a debugger (Chrome DevTools, VS Code) attach on HOST:PORT
                          (default 127.0.0.1:9229, 0: any free port); it shows the .ml files,
                          stops at their breakpoints and shows ML names; no --timeout then
  --inspect-brk[=[HOST:]PORT]
                          the same, but wait for the debugger and pause on the first ML line

Examples:
  mljs run --allow file.read=data/** report.ml data/sales.csv
  echo 'print(3);' | mljs run -
  mljs -e 'print(1 + 1)'
  mljs run --inspect-brk app.ml       then open chrome://inspect, or attach VS Code

${EXIT_CODES}
`,
  repl: `Usage: mljs repl [options]
       mljs            (on a terminal)

An interactive prompt. Inputs are evaluated one after another in one session: variables,
functions and imports stay. An input continues on the next line while a bracket or brace is
open or the statement is unfinished; the last ';' may be left out. The value of an expression
statement is shown as '=> value' (repr; null is not shown). Limits apply to each input; at the
prompt, an input stops after 10 seconds unless --timeout says otherwise.

Commands: .help  .load FILE  .exit  (Ctrl+C clears the input, Ctrl+D exits)
Tab completes names in scope, builtins, keywords and module members after '.'.
History is kept in ~/.mljs_repl_history (MLJS_REPL_HISTORY=path to move it, '' to disable).

When standard input is not a terminal, the whole input is run as one program and the value of
each top-level expression statement is printed, one per line:
  printf 'x = 2 + 3;\\nx * 2\\n' | mljs repl      prints 10

Options:
${RUN_OPTIONS_TEXT}
`,
  "-e": `Usage: mljs [options] -e CODE [args...]
       mljs run [options] -e CODE [args...]

Runs CODE as a program (file name <eval>). Options of run go before -e; arguments after CODE go
to the program. The last ';' may be left out.

Options:
${RUN_OPTIONS_TEXT}
`,
  compile: `Usage: mljs compile <file.ml> [-o out.js] [--format esm|cjs] [--source-map] [--mode module|function]

Compiles a program — the file and the user modules it imports — into one JavaScript file that
runs with node (\`node out.js [args]\`) and that a host can import (default export run(options)).
The runtime and the stdlib are imported from the installed mljs-lang. See docs/compiling.md.

Options:
  -o, --output FILE       write FILE (missing folders are created) and, with --source-map,
                          FILE.map; without -o the code goes to standard output
  --format esm|cjs        an ES module (default) or a CommonJS module
  --source-map            a source map: sources relative to it, with their contents (inlined
                          as a data URL without -o)
  --mode module|function  module (default): the runnable program; function: the file's bare
                          generated function body
  --allow CAP[=PATTERN], --allow-all, --steps N, --timeout MS, --recursion N
                          the capabilities and limits of the program when run with node
                          (written into the output; none granted without --allow)
  -I, --import-path DIR   also look for imported .ml modules in DIR (repeatable)
  --max-source-length N   refuse a source file longer than N characters
`,
  check: `Usage: mljs check [--max-source-length N] <files|dirs...>

Parses and resolves every file, reports every syntax and name error with a code frame, and runs
nothing. A directory means every .ml file under it (node_modules and dot-directories skipped).
Exit code 2 when there is an error, 66 when a file cannot be read.
`,
  fmt: `Usage: mljs fmt [--check] <files|dirs...>

Formats ML source in place in one canonical layout, keeping comments. With --check, changes
nothing and lists the files that are not formatted (exit code 1 if there is one). A file that
does not parse is reported and left untouched (exit code 2). A directory means every .ml file
under it, minus those listed in .mljsfmtignore; '-' formats standard input to standard output.
`,
  audit: `Usage: mljs audit [-I DIR]... [--json] <files...>

For each program: its capability declarations, the capabilities its code can reach, the
difference, over-broad declarations and risky constructs (docs/audit.md). Runs nothing.
Exit code 1 when a finding is high.
`,
  init: `Usage: mljs init [DIR]

Creates a starter project in DIR (default: the current directory): package.json depending on
mljs-lang, an ML module (rules/pricing.ml), a host script loading it with capabilities
(index.js), a test for Node's test runner (test/pricing.test.js), README.md and .gitignore.
Refuses to overwrite an existing file. Then: npm install && npm test.
`,
  lsp: `Usage: mljs lsp [--stdio]

Runs the ML language server: the Language Server Protocol over standard input and output, for
editors (diagnostics, hover, completion, signature help, go to definition, references, rename,
symbols, semantic tokens, quick fixes, formatting). Editors start it themselves; see
docs/editors.md for their configuration. --stdio is accepted and changes nothing;
--clientProcessId=PID (added by language clients) ends the server when that process is gone.
`,
  worker: `Usage: mljs worker --redis URL --queue NAME [options]

Runs the ML jobs of a BullMQ queue (added with MLQueue from mljs-lang/bullmq): fetches each
program once from Redis, keeps it loaded in a sandbox worker process, and runs each job there
with the job's own limits. Needs the bullmq and ioredis packages. SIGTERM or SIGINT: takes no
new job, lets the jobs in progress finish, exits 0 (a second signal exits at once; the jobs it
had are taken over by other workers). See docs/bullmq.md.

Options:
  --redis URL             the Redis server, redis://[user:password@]host:port[/db]
                          (rediss:// for TLS)
  --queue NAME            the queue to take jobs from
  --concurrency N         jobs run at once (default 4)
  --memory MB             heap limit of the sandbox processes (default 128, at least 32)
  --timeout MS            hard wall-clock limit of each job (default 5000)
  --pool N                sandbox processes (default: the number of CPUs); one program
                          runs in one of them, different programs spread over them
  --allow CAP[=PATTERN]   the policy (repeatable): a job is granted the capabilities of this
                          list that it asks for, with these patterns; a job asking for one
                          not listed fails with CapabilityError before it runs
  --prefix PREFIX         BullMQ's key prefix (default bull), as the producers use it

Example:
  mljs worker --redis redis://redis.internal:6379 --queue rules --allow datetime.now \\
    --allow file.read=/srv/data/**
`,
  help: `Usage: mljs help [COMMAND | NAME]

Without an argument, the overview. With a command (run, repl, compile, check, fmt, audit, init,
lsp, worker, help, -e), its usage. Otherwise help from the metadata on:
  a builtin                  mljs help len
  a stdlib module            mljs help datetime
  a module function          mljs help csv.read
  a class or its member      mljs help datetime.DateTime, mljs help datetime.DateTime.format
`,
};

/** The command names `mljs help` knows. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** The usage text of `command` (`run`, `repl`, …). */
export function commandHelp(command: string): string {
  const text = COMMANDS[command];
  if (text === undefined) throw new Error(`no help text for command '${command}'`);
  return text;
}

/** `mljs help [NAME]`: resolves to the exit code. */
export async function helpCommand(args: string[]): Promise<number> {
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h") {
    writeAllSync(1, MAIN_HELP);
    return ExitCode.Ok;
  }
  if (args.length > 1) throw new UsageError("help takes one name: mljs help NAME (e.g. mljs help csv.read)", "help");
  const name = args[0]!;
  const command = name === "eval" ? "-e" : name;
  if (COMMANDS[command] !== undefined) {
    writeAllSync(1, COMMANDS[command]);
    return ExitCode.Ok;
  }
  writeAllSync(1, await nameHelp(name));
  return ExitCode.Ok;
}

/** Help on a builtin, module, function, class or class member, from the metadata. */
async function nameHelp(name: string): Promise<string> {
  const parts = name.split(".");
  if (parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) throw notFound(name);
  const [head, member, classMember] = parts;
  if (parts.length === 1 && BUILTINS.includes(head!)) return mlHelp(`print(help(${head}));`);
  // mlpy's namespace of the builtins: `mljs help builtin`, `mljs help builtin.len`.
  if (head === "builtin" && (parts.length === 1 || (parts.length === 2 && BUILTINS.includes(member!)))) {
    return mlHelp(`print(help(${name}));`);
  }
  if (!registry.has(head!)) throw notFound(name);
  await registry.load(head!);
  const info = registry.info(head!);
  if (parts.length === 1) return moduleHelp(info);
  const fn = info.functions.find((f) => f.name === member || f.aliases.includes(member!));
  if (fn !== undefined && parts.length === 2) return mlHelp(`import ${head};\nprint(help(${head}.${fn.name}));`);
  const cls = info.classes.find((c) => c.name === member);
  if (cls !== undefined) {
    if (parts.length === 2) {
      const lines = [`${head}.${cls.name}`, cls.description, "", "Members:"];
      for (const m of cls.members) lines.push(`  ${m.signature}${m.returns ? ` -> ${m.returns}` : ""}`, `      ${m.description}`);
      return `${lines.join("\n")}\n`;
    }
    const m = parts.length === 3 ? cls.members.find((x) => x.name === classMember || x.aliases.includes(classMember!)) : undefined;
    if (m !== undefined) {
      const caps = m.capabilities.length > 0 ? `Requires: ${m.capabilities.join(", ")}` : "Capabilities: none required";
      return `${m.signature}${m.returns ? ` -> ${m.returns}` : ""}\n${m.description}\n${caps}\n`;
    }
  }
  const known = [
    ...info.functions.flatMap((f) => [f.name, ...f.aliases]),
    ...info.classes.map((c) => c.name),
    ...info.constants.map((c) => c.name),
  ];
  const constant = info.constants.find((c) => c.name === member);
  if (constant !== undefined && parts.length === 2) return `${head}.${constant.name}\n${constant.description}\n`;
  const near = parts.length === 2 ? didYouMean(member!, known) : undefined;
  throw new UsageError(`module '${head}' has no member '${parts.slice(1).join(".")}'${near === undefined ? "" : ` (did you mean '${head}.${near}'?)`}; mljs help ${head} lists them`, "help");
}

/** A module's description, functions, classes and constants. */
function moduleHelp(info: registry.ModuleInfo): string {
  const lines = [`module ${info.name}`, info.description, ""];
  if (info.capabilities.length > 0) lines.push(`Capabilities used: ${info.capabilities.join(", ")}`, "");
  if (info.functions.length > 0) {
    lines.push("Functions:");
    for (const f of info.functions) {
      const caps = f.capabilities.length > 0 ? `  [${f.capabilities.join(", ")}]` : "";
      lines.push(`  ${f.signature}${caps}`, `      ${f.description}`);
    }
    lines.push("");
  }
  if (info.classes.length > 0) {
    lines.push(`Classes: ${info.classes.map((c) => c.name).join(", ")}  (mljs help ${info.name}.${info.classes[0]!.name})`, "");
  }
  if (info.constants.length > 0) {
    lines.push("Constants:");
    for (const c of info.constants) lines.push(`  ${info.name}.${c.name}  ${c.description}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** Runs ML's own `help()` (no capability is needed: help only reads metadata). */
async function mlHelp(source: string): Promise<string> {
  return (await run({ source, filename: "<help>" })).stdout;
}

function notFound(name: string): UsageError {
  const candidates = [...Object.keys(COMMANDS), ...BUILTINS, ...registry.list()];
  const near = didYouMean(name, candidates);
  return new UsageError(
    `no help for '${name}': not a command, builtin or stdlib module${near === undefined ? "" : ` (did you mean '${near}'?)`}`,
    "help",
  );
}
