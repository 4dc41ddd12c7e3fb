/**
 * A language-server client for the tests of test/lsp: spawns the built `mljs lsp` and speaks
 * JSON-RPC with it over the child's standard streams, as an editor does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from "vscode-languageserver-protocol";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/** A running server and the diagnostics it has published, by URI (the latest set). */
export interface Session {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  readonly initialize: InitializeResult;
  readonly dir: string;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[];
  /** Opens a document (version 1). */
  open(uri: string, text: string): void;
  /** Closes a document. */
  closeDocument(uri: string): void;
  /** Replaces a document's whole text (the next version). */
  change(uri: string, text: string): void;
  /** The latest diagnostics published for `uri` once they satisfy `until` (waits up to 10 s). */
  diagnostics(uri: string, until?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  request<R>(method: string, params: unknown): Promise<R>;
  close(): Promise<void>;
}

/** A scratch directory with `files` (name → text), and its file URIs. */
export function scratch(files: Record<string, string>): { dir: string; uri: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), "mljs-lsp-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, uri: (name) => pathToFileURL(join(dir, name)).href };
}

/** Starts `mljs lsp` with `args` and initializes it with `dir` as the workspace folder. */
export async function startSession(dir: string, args: string[] = ["--stdio"], initializationOptions: unknown = { auditDelay: 20 }): Promise<Session> {
  if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first (npm test does)");
  const child = spawn(process.execPath, [join(root, "bin", "mljs.cjs"), "lsp", ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, Diagnostic[]>();
  const log: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p.diagnostics);
    log.push(p);
    for (const w of waiters.splice(0)) w();
  });
  connection.listen();
  const rootUri = pathToFileURL(dir).href;
  const initialize = await connection.sendRequest<InitializeResult>("initialize", {
    processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: "ws" }], capabilities: {}, initializationOptions,
  });
  await connection.sendNotification("initialized", {});
  const versions = new Map<string, number>();
  return {
    connection, child, initialize, dir, published: log,
    open(uri, text) {
      versions.set(uri, 1);
      void connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "ml", version: 1, text } });
    },
    closeDocument(uri) {
      void connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    async diagnostics(uri, until = () => true) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const d = published.get(uri);
        if (d !== undefined && until(d)) return d;
        if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}: ${JSON.stringify(d)}\n${stderr}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 200);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    request: (method, params) => connection.sendRequest(method, params),
    async close() {
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
      connection.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
