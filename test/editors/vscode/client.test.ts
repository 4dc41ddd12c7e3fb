/**
 * The extension's client wiring without VS Code: the bundled extension is activated against a
 * fake `vscode` module (test/editors/vscode/fake-vscode.ts) and starts the real `mljs lsp` of a
 * workspace's installed package over stdio. Diagnostics of an open document reach the client's
 * diagnostic collection, ML: Run ML File runs the file, deactivate() stops the server.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import childProcess from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeVscode, FakeTextDocument, type FakeState } from "./fake-vscode.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const require = createRequire(import.meta.url);

/** The extension module's exports (see editors/vscode/src/extension.ts). */
interface Extension {
  activate(context: { subscriptions: { dispose(): unknown }[]; extensionPath: string }): Promise<void>;
  deactivate(): Promise<void>;
  findMljs(folders: readonly string[], setting: string, extensionPath: string): { path: string; source: string } | string;
  nodeIsRecent(version: string): boolean;
}

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: ModuleLoad };

let dir: string;
let ext: Extension;
let state: FakeState;
const children: ChildProcess[] = [];
const originalLoad = moduleWithLoad._load;
const originalSpawn = childProcess.spawn;

/** Polls `probe` until it returns a value (or fails after 20 s, saying `what`). */
async function waitFor<T>(what: () => string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mljs-vscode-"));
  // The extension, bundled as build.js bundles it, into the scratch directory.
  const build = require(join(ROOT, "editors/vscode/build.js")) as { bundleExtension(esbuild: unknown, outfile: string): Promise<void> };
  await build.bundleExtension(require("esbuild"), join(dir, "extension", "dist", "extension.js"));
  // A workspace with mljs-lang installed (this repository) and two ML files.
  const workspace = join(dir, "workspace");
  mkdirSync(join(workspace, "node_modules"), { recursive: true });
  symlinkSync(ROOT, join(workspace, "node_modules", "mljs-lang"), "dir");
  writeFileSync(join(workspace, "bad.ml"), "x = 1;\ny = x +;\n");
  writeFileSync(join(workspace, "hello.ml"), 'print("hello", 7 // 2); // seven halves\n');
  writeFileSync(join(workspace, "fails.ml"), "x = [1][5];\n");
  writeFileSync(join(workspace, "ask.ml"), 'name = input("name? ");\nprint("hello", name);\n');

  const fake = createFakeVscode();
  state = fake.state;
  state.folders = [workspace];
  moduleWithLoad._load = function (request, parent, isMain) {
    return request === "vscode" ? fake.vscode : originalLoad.call(this, request, parent, isMain);
  };
  // Record the processes the extension starts (the language server, mljs run).
  (childProcess as { spawn: unknown }).spawn = (...args: Parameters<typeof spawn>) => {
    const child = originalSpawn(...args);
    children.push(child);
    return child;
  };
  ext = require(join(dir, "extension", "dist", "extension.js")) as Extension;
}, 30_000); // bundling on a loaded machine can take longer than the default 10 s

afterAll(async () => {
  moduleWithLoad._load = originalLoad;
  (childProcess as { spawn: unknown }).spawn = originalSpawn;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe("the VS Code client", () => {
  it("finds mljs: the setting, a workspace's package (from a folder below it), the bundled copy", () => {
    const workspace = join(dir, "workspace");
    const sub = join(workspace, "rules", "nested");
    mkdirSync(sub, { recursive: true });
    const installed = join(workspace, "node_modules", "mljs-lang", "bin", "mljs.cjs");
    expect(ext.findMljs([sub], "", join(dir, "extension"))).toEqual({ path: installed, source: "workspace" });
    expect(ext.findMljs([sub], "../../node_modules/mljs-lang/bin/mljs.cjs", join(dir, "extension"))).toEqual({ path: installed, source: "setting" });
    expect(ext.findMljs([sub], "missing.cjs", join(dir, "extension"))).toMatch(/mljs\.server\.path is "missing\.cjs", but .* does not exist/);
    expect(ext.findMljs([dir], "", join(dir, "extension"))).toMatch(/^no mljs found: install it in the workspace \(npm install mljs-lang\)/);
    const bundled = join(dir, "extension", "server", "dist", "cli", "mljs.cjs");
    mkdirSync(join(bundled, ".."), { recursive: true });
    writeFileSync(bundled, "");
    expect(ext.findMljs([dir], "", join(dir, "extension"))).toEqual({ path: bundled, source: "bundled" });
  });

  it("runs mljs with VS Code's own Node.js only when it is 20.19 or later", () => {
    expect(["20.19.0", "20.20.2", "22.15.1", "24.0.0"].map(ext.nodeIsRecent)).toEqual([true, true, true, true]);
    expect(["20.18.3", "20.9.0", "18.20.0"].map(ext.nodeIsRecent)).toEqual([false, false, false]);
  });

  it("starts mljs lsp, and an open document's errors reach the diagnostics", async () => {
    const bad = new FakeTextDocument(join(dir, "workspace", "bad.ml"));
    state.documents.push(bad);
    const subscriptions: { dispose(): unknown }[] = [];
    const serverLog = (): string => state.channels.find((c) => c.name === "ML Language Server")?.text ?? "";
    await ext.activate({ subscriptions, extensionPath: join(dir, "extension") }).catch((e: unknown) => {
      throw new Error(`activate failed: ${String(e)}\nserver log:\n${serverLog()}`);
    });
    expect(state.messages).toEqual([]);
    expect([...state.commands.keys()]).toEqual(expect.arrayContaining(["mljs.runFile", "mljs.restartServer"]));
    const server = children.find((c) => c.spawnargs.includes("lsp"));
    expect(server?.spawnargs.slice(-3)).toEqual([join(dir, "workspace", "node_modules", "mljs-lang", "bin", "mljs.cjs"), "lsp", "--stdio"]);
    expect(serverLog()).toContain("(workspace)");
    // The client creates its collection (named after its id) with the first diagnostics.
    const diagnostics = await waitFor(() => `the diagnostics of bad.ml; server log:\n${serverLog()}`, () => {
      const d = state.collections.find((c) => c.name === "mljs")?.get(bad.uri);
      return d !== undefined && d.length > 0 ? d : undefined;
    });
    expect(diagnostics[0]!.severity).toBe(0); // vscode.DiagnosticSeverity.Error
    expect(diagnostics[0]!.message).toMatch(/expected|unexpected/i);
    expect((diagnostics[0] as unknown as { range: { start: { line: number } } }).range.start.line).toBe(1);
  });

  it("runs the active file with mljs run, output in the ML channel", async () => {
    state.activeDocument = new FakeTextDocument(join(dir, "workspace", "hello.ml"));
    const code = await state.commands.get("mljs.runFile")!();
    expect(code).toBe(0);
    const channel = state.channels.find((c) => c.name === "ML")!;
    expect(channel.text).toBe(`> mljs run ${join(dir, "workspace", "hello.ml")}\nhello 3\n[exit code 0]\n`);
    state.settings["mljs.run.arguments"] = ["--timeout", "5000"];
    const failing = new FakeTextDocument(join(dir, "workspace", "fails.ml"));
    expect(await state.commands.get("mljs.runFile")!(failing.uri)).toBe(1);
    expect(channel.text).toContain("> mljs run --timeout 5000 ");
    expect(channel.text).toMatch(/IndexError: list index out of range[\s\S]*\[exit code 1\]\n$/);
    // In a terminal of its own: the program is the terminal's process and can read input.
    state.settings["mljs.run.inTerminal"] = true;
    state.activeDocument = new FakeTextDocument(join(dir, "workspace", "ask.ml"));
    expect(await state.commands.get("mljs.runFile")!()).toBeUndefined();
    const [terminal] = state.terminals;
    expect(terminal?.shown).toBe(true);
    expect(terminal?.options.name).toBe("ML: ask.ml");
    expect(terminal?.options.cwd).toBe(join(dir, "workspace"));
    expect(terminal?.options.shellArgs.slice(1)).toEqual(["run", "--timeout", "5000", join(dir, "workspace", "ask.ml")]);
    const asked = spawnSync(terminal!.options.shellPath, terminal!.options.shellArgs, { cwd: terminal!.options.cwd, env: terminal!.options.env, input: "Ada\n", encoding: "utf8" });
    expect(asked.stdout).toBe("name? hello Ada\n");
    delete state.settings["mljs.run.inTerminal"];
    state.activeDocument = new FakeTextDocument(join(dir, "workspace", "notes.txt"), "plaintext", "");
    expect(await state.commands.get("mljs.runFile")!()).toBeUndefined();
    expect(state.messages.pop()).toBe("error: ML: open a saved .ml file to run it");
  });

  it("ML: Restart Language Server stops the server and starts another", async () => {
    const servers = (): ChildProcess[] => children.filter((c) => c.spawnargs.includes("lsp"));
    const first = servers()[0]!;
    const exited = new Promise<number | null>((done) => first.once("exit", (code) => done(code)));
    await state.commands.get("mljs.restartServer")!();
    expect(await exited).toBe(0);
    expect(servers()).toHaveLength(2);
    expect(servers()[1]!.exitCode).toBeNull();
    // The new client opens the documents again and gets their diagnostics in its own collection.
    const bad = state.documents[0]!;
    const again = await waitFor(() => "the diagnostics of bad.ml from the restarted server", () => {
      const collections = state.collections.filter((c) => c.name === "mljs");
      const d = collections.length === 2 ? collections[1]!.get(bad.uri) : undefined;
      return d !== undefined && d.length > 0 ? d : undefined;
    });
    expect(again[0]!.severity).toBe(0);
  });

  it("deactivate() stops the language server", async () => {
    const server = children.filter((c) => c.spawnargs.includes("lsp")).at(-1)!;
    expect(server.exitCode).toBeNull();
    const exited = new Promise<number | null>((done) => server.once("exit", (code) => done(code)));
    await ext.deactivate();
    expect(await exited).toBe(0);
  });
});
