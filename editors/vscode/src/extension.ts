/**
 * The ML extension for VS Code: starts the mljs language server (`mljs lsp`) over stdio for `ml`
 * documents, and runs the current file with `mljs run` (command `mljs.runFile`).
 *
 * Which mljs: the `mljs.server.path` setting, else the `mljs-lang` package installed in a
 * workspace folder (or a directory above it), else the copy bundled in the extension.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

/** Where an mljs launcher was found. */
export interface MljsLocation {
  /** The script that node runs: a `bin/mljs.cjs` launcher or the bundled CLI. */
  path: string;
  /** Why this one: the setting, a workspace's package, or the copy in the extension. */
  source: "setting" | "workspace" | "bundled";
}

/** The launcher of an installed `mljs-lang` package, relative to the directory holding node_modules. */
const PACKAGE_LAUNCHER = join("node_modules", "mljs-lang", "bin", "mljs.cjs");
/** The CLI bundled in the .vsix (built by build.js --package). */
const BUNDLED_CLI = join("server", "dist", "cli", "mljs.cjs");

/**
 * Finds the mljs to run: `setting` (resolved against the first folder when relative), else the
 * first `node_modules/mljs-lang` found from each folder upwards, else the bundled copy.
 *
 * @param folders workspace folder paths, the most relevant first
 * @param setting the `mljs.server.path` setting ("" when unset)
 * @param extensionPath the extension's install directory
 * @returns the location, or an error message saying what to do
 */
export function findMljs(folders: readonly string[], setting: string, extensionPath: string): MljsLocation | string {
  if (setting.trim() !== "") {
    const path = isAbsolute(setting) ? setting : resolve(folders[0] ?? process.cwd(), setting);
    if (existsSync(path)) return { path, source: "setting" };
    return `mljs.server.path is ${JSON.stringify(setting)}, but ${path} does not exist: point it at bin/mljs.cjs of an installed mljs-lang package, or clear it to use the workspace's or the bundled mljs`;
  }
  for (const folder of folders) {
    for (let dir = folder; ; dir = dirname(dir)) {
      const path = join(dir, PACKAGE_LAUNCHER);
      if (existsSync(path)) return { path, source: "workspace" };
      if (dirname(dir) === dir) break;
    }
  }
  const bundled = join(extensionPath, BUNDLED_CLI);
  if (existsSync(bundled)) return { path: bundled, source: "bundled" };
  return "no mljs found: install it in the workspace (npm install mljs-lang) or set mljs.server.path to its bin/mljs.cjs";
}

/** The oldest Node.js that mljs runs on. */
const MIN_NODE = [20, 19];

/** Whether a Node.js version (`process.versions.node`) is one mljs runs on. */
export function nodeIsRecent(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > MIN_NODE[0]! || (major === MIN_NODE[0]! && minor >= MIN_NODE[1]!);
}

/**
 * The Node.js that runs mljs: the `mljs.node.path` setting, else VS Code's own runtime (run as
 * Node) when it is recent enough, else `node` from the PATH.
 */
function nodeRuntime(): { command: string; env: NodeJS.ProcessEnv } {
  const configured = vscode.workspace.getConfiguration("mljs").get<string>("node.path", "").trim();
  if (configured !== "") return { command: configured, env: process.env };
  if (!nodeIsRecent(process.versions.node)) return { command: "node", env: process.env };
  return { command: process.execPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" } };
}

/** The workspace folder paths, the one holding `uri` first. */
function folderPaths(uri?: vscode.Uri): string[] {
  const all = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const own = uri === undefined ? undefined : vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  return own === undefined ? all : [own, ...all.filter((f) => f !== own)];
}

function locate(context: vscode.ExtensionContext, uri?: vscode.Uri): MljsLocation | string {
  const setting = vscode.workspace.getConfiguration("mljs").get<string>("server.path", "");
  return findMljs(folderPaths(uri), setting, context.extensionPath);
}

let client: LanguageClient | undefined;
let runOutput: vscode.OutputChannel | undefined;

/** Starts the language server for the current settings; shows an error when there is no mljs. */
async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const found = locate(context);
  if (typeof found === "string") {
    void vscode.window.showErrorMessage(`ML: ${found}`);
    return;
  }
  const runtime = nodeRuntime();
  const cwd = folderPaths()[0] ?? dirname(found.path);
  // An executable rather than a node module, so that the Node.js chosen above runs it. The
  // server ends when the editor's process is gone (the initialize request's processId).
  const run = { command: runtime.command, args: [found.path, "lsp"], transport: TransportKind.stdio, options: { cwd, env: runtime.env } };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "ml" },
      { scheme: "untitled", language: "ml" },
    ],
    outputChannelName: "ML Language Server",
  };
  client = new LanguageClient("mljs", "ML Language Server", serverOptions, clientOptions);
  client.info(`mljs: ${found.path} (${found.source})`);
  await client.start();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c !== undefined && c.needsStop()) await c.stop();
}

/**
 * Runs an ML file with `mljs run`, its output in the "ML" output channel, or in a terminal of its
 * own with `mljs.run.inTerminal`; saves it first.
 *
 * @returns the exit code (output channel), or undefined when it runs in a terminal or there was
 * nothing to run
 */
async function runFile(context: vscode.ExtensionContext, target?: vscode.Uri): Promise<number | undefined> {
  const document = target !== undefined
    ? await vscode.workspace.openTextDocument(target)
    : vscode.window.activeTextEditor?.document;
  if (document === undefined || document.languageId !== "ml" || document.uri.scheme !== "file") {
    void vscode.window.showErrorMessage("ML: open a saved .ml file to run it");
    return undefined;
  }
  if (document.isDirty && !(await document.save())) return undefined;
  const found = locate(context, document.uri);
  if (typeof found === "string") {
    void vscode.window.showErrorMessage(`ML: ${found}`);
    return undefined;
  }
  const file = document.uri.fsPath;
  const config = vscode.workspace.getConfiguration("mljs", document.uri);
  const options = config.get<string[]>("run.arguments", []);
  const cwd = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? dirname(file);
  const runtime = nodeRuntime();
  const args = [found.path, "run", ...options, file];
  if (config.get<boolean>("run.inTerminal", false)) {
    // The program is the terminal's process (no shell, so nothing to quote); it can read input.
    const terminal = vscode.window.createTerminal({ name: `ML: ${basename(file)}`, shellPath: runtime.command, shellArgs: args, cwd, env: runtime.env });
    terminal.show();
    return undefined;
  }
  const output = (runOutput ??= vscode.window.createOutputChannel("ML"));
  output.clear();
  output.show(true);
  output.appendLine(`> mljs run ${[...options, file].join(" ")}`);
  return new Promise<number>((done) => {
    const child = spawn(runtime.command, args, { cwd, env: runtime.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.setEncoding("utf8").on("data", (text: string) => output.append(text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => output.append(text));
    child.on("error", (error) => {
      output.appendLine(`could not start ${runtime.command}: ${error.message} (set mljs.node.path to a Node.js executable)`);
      done(-1);
    });
    child.on("close", (code, signal) => {
      output.appendLine(signal === null ? `[exit code ${code}]` : `[ended by ${signal}]`);
      done(code ?? -1);
    });
  });
}

/** Called by VS Code when an ML document is opened or an ML command is run. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("mljs.runFile", (uri?: vscode.Uri) => runFile(context, uri)),
    vscode.commands.registerCommand("mljs.restartServer", async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("mljs.server.path") || e.affectsConfiguration("mljs.node.path")) {
        await stopClient();
        await startClient(context);
      }
    }),
    { dispose: () => runOutput?.dispose() },
  );
  await startClient(context);
}

/** Called by VS Code on shutdown: stops the language server. */
export async function deactivate(): Promise<void> {
  await stopClient();
}
