/**
 * `mljs lsp [--stdio]`: the ML language server, speaking the Language Server Protocol over
 * standard input and output (docs/editors.md). It runs until the client sends `exit`.
 */
import { UsageError, ExitCode } from "../usage.js";

/** `mljs lsp`: resolves to the exit code when the client disconnects. */
export async function lspCommand(args: string[]): Promise<number> {
  for (const a of args) {
    if (a !== "--stdio") throw new UsageError(`lsp: unknown option '${a}' (the server speaks over standard input and output: mljs lsp [--stdio])`, "lsp");
  }
  const { startServer } = await import("../../lsp/server.js");
  await startServer(process.stdin, process.stdout);
  return ExitCode.Ok;
}
