/**
 * `mljs lsp [--stdio] [--clientProcessId=PID]`: the ML language server, speaking the Language Server Protocol over
 * standard input and output (docs/editors.md). It runs until the client sends `exit` or closes
 * its standard input.
 */
import { spawn } from "node:child_process";
import { UsageError, ExitCode } from "../usage.js";

/**
 * V8 flags the server runs with. Each analysis of a document allocates a few megabytes (the
 * syntax tree and its tables), kept until the next edit replaces it: with V8's default young
 * generation those survive into the old generation, and every dozen edits of a large file a full
 * collection pauses the server for tens of milliseconds. With a larger young generation they die
 * young and the pauses go away (bench/lsp.js measures the difference).
 */
export const LSP_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=32"];

/** `mljs lsp`: resolves to the exit code when the client disconnects. */
export async function lspCommand(args: string[]): Promise<number> {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--stdio") continue;
    // Language clients add the editor's process id; the protocol library reads it from argv and
    // ends the server when that process is gone.
    if (/^--clientProcessId=\d+$/.test(a)) continue;
    if (a === "--clientProcessId" && /^\d+$/.test(args[i + 1] ?? "")) {
      i++;
      continue;
    }
    throw new UsageError(`lsp: unknown option '${a}' (the server speaks over standard input and output: mljs lsp [--stdio] [--clientProcessId=PID])`, "lsp");
  }
  const script = process.argv[1];
  // Under Electron's Node (an editor's own runtime) the server runs as it is started.
  const flagsSet = process.execArgv.some((f) => f.startsWith("--max-semi-space-size"));
  if (script !== undefined && !flagsSet && process.versions.electron === undefined) return relaunch(script);
  const parent = Number(process.env[PARENT_ENV]);
  if (flagsSet && Number.isInteger(parent) && parent > 0) watchParent(parent);
  const { startServer } = await import("../../lsp/server.js");
  await startServer(process.stdin, process.stdout);
  return ExitCode.Ok;
}

/** The environment variable that tells the relaunched server its parent's process id. */
const PARENT_ENV = "MLJS_LSP_PARENT_PID";

/** How often the relaunched server checks that the process that started it is alive, in ms. */
const PARENT_POLL_MS = 1000;

/**
 * Ends the relaunched server when its parent is gone (killed with SIGKILL, say): the editor
 * then starts another, and this one must not linger on the editor's still-open pipes. The
 * parent is gone when this process has been handed to another parent (POSIX) or when no
 * process has its id any more (Windows, which does not reparent).
 */
function watchParent(parent: number): void {
  const timer = setInterval(() => {
    let alive = process.ppid === parent;
    if (alive) {
      try {
        process.kill(parent, 0);
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === "EPERM";
      }
    }
    if (!alive) process.exit(ExitCode.Internal);
  }, PARENT_POLL_MS);
  timer.unref();
}

/**
 * Runs the same command in a child process with {@link LSP_NODE_FLAGS}, on the same standard
 * streams (inherited: this process reads and writes none of them while the child runs). The
 * child's exit code becomes this one's; SIGTERM and SIGINT are passed on to it, and it exits on
 * its own when this process dies without passing anything on (see {@link watchParent}).
 */
function relaunch(script: string): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...LSP_NODE_FLAGS, script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, [PARENT_ENV]: String(process.pid) },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onTerm = forward("SIGTERM");
  const onInt = forward("SIGINT");
  process.on("SIGTERM", onTerm);
  process.on("SIGINT", onInt);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
      // Stopped by the editor (through this process): a normal end.
      resolve(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? ExitCode.Ok : ExitCode.Internal));
    });
  });
}
