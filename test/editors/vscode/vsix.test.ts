/**
 * `node editors/vscode/build.js --package` (what `npm run vscode:package` runs after the build):
 * the .vsix holds the extension, its grammar and language configuration, and a language server
 * that works on its own, outside this repository's node_modules.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const EXTENSION = join(ROOT, "editors", "vscode");

/** The files of a zip archive (stored or deflated entries), by name. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1) throw new Error("not a zip archive");
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory");
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLength);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLength + extra;
  }
  return files;
}

/** One LSP message framed for stdio. */
function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: "2.0", ...message });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** The complete LSP messages in `text` (stdio framing; the server's output is ASCII JSON). */
function messages(text: string): { id?: number }[] {
  const out: { id?: number }[] = [];
  for (let at = 0; ;) {
    const header = /^Content-Length: (\d+)\r\n\r\n/.exec(text.slice(at));
    if (header === null) return out;
    const start = at + header[0].length;
    const length = Number(header[1]);
    if (text.length < start + length) return out;
    out.push(JSON.parse(text.slice(start, start + length)) as { id?: number });
    at = start + length;
  }
}

let files: Map<string, Buffer>;
let unpacked: string;

beforeAll(() => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION, "package.json"), "utf8")) as { version: string };
  // Built away from editors/vscode, so that another build running at the same time (npm run
  // vscode:package, or these tests run twice at once) cannot replace its files under it.
  const out = mkdtempSync(join(tmpdir(), "mljs-vsix-out-"));
  const r = spawnSync(process.execPath, [join(EXTENSION, "build.js"), "--package", "--out", out], { encoding: "utf8", cwd: ROOT });
  expect(r.status, r.stderr + r.stdout).toBe(0);
  files = readZip(readFileSync(join(out, `mljs-${manifest.version}.vsix`)));
  rmSync(out, { recursive: true, force: true });
  // Unpacked away from this repository, so that nothing resolves to its node_modules.
  unpacked = mkdtempSync(join(tmpdir(), "mljs-vsix-"));
  for (const [name, data] of files) {
    if (!name.startsWith("extension/")) continue;
    mkdirSync(dirname(join(unpacked, name)), { recursive: true });
    writeFileSync(join(unpacked, name), data);
  }
}, 60_000);

afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

describe("the .vsix", () => {
  it("holds the extension, the grammar, the language configuration and the server, and no sources", () => {
    const names = [...files.keys()];
    for (const name of [
      "extension.vsixmanifest", "extension/package.json", "extension/readme.md", "extension/LICENSE.txt",
      "extension/dist/extension.js", "extension/syntaxes/ml.tmLanguage.json", "extension/language-configuration.json",
      "extension/server/dist/cli/mljs.cjs", "extension/server/package.json",
      "extension/server/node_modules/@jridgewell/trace-mapping/package.json",
    ]) expect(names).toContain(name);
    expect(names.filter((n) => /\.ts$|\/src\/|tsconfig|build\.js$|\.map$/.test(n))).toEqual([]);
  });

  it("has a manifest whose contributions point at files it holds", () => {
    const manifest = JSON.parse(files.get("extension/package.json")!.toString()) as {
      name: string; publisher: string; main: string;
      contributes: { languages: { id: string; extensions: string[]; configuration: string }[]; grammars: { language: string; scopeName: string; path: string }[]; commands: { command: string }[] };
    };
    expect(`${manifest.publisher}.${manifest.name}`).toBe("mljs-lang.mljs");
    const at = (p: string): string => `extension/${p.replace(/^\.\//, "")}`;
    expect(files.has(at(manifest.main))).toBe(true);
    expect(manifest.contributes.languages).toEqual([expect.objectContaining({ id: "ml", extensions: [".ml"] })]);
    expect(files.has(at(manifest.contributes.languages[0]!.configuration))).toBe(true);
    expect(manifest.contributes.grammars).toEqual([{ language: "ml", scopeName: "source.ml", path: "./syntaxes/ml.tmLanguage.json" }]);
    expect(files.has(at(manifest.contributes.grammars[0]!.path))).toBe(true);
    expect(manifest.contributes.commands.map((c) => c.command)).toContain("mljs.runFile");
  });

  it("ships an mljs that runs programs on its own, in its sandbox too, errors mapped to ML lines", () => {
    const cli = join(unpacked, "extension", "server", "dist", "cli", "mljs.cjs");
    writeFileSync(join(unpacked, "ok.ml"), 'print("sum", 1 + 2, 7 // 2);\n');
    writeFileSync(join(unpacked, "fails.ml"), "function f(a) {\n  return a[3];\n}\nf([]);\n");
    const ok = spawnSync(process.execPath, [cli, "run", join(unpacked, "ok.ml")], { encoding: "utf8", cwd: unpacked });
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toBe("sum 3 3\n");
    const sandboxed = spawnSync(process.execPath, [cli, "run", "--sandbox", join(unpacked, "ok.ml")], { encoding: "utf8", cwd: unpacked });
    expect(sandboxed.stderr).toBe("");
    expect(sandboxed.stdout).toBe("sum 3 3\n");
    const fails = spawnSync(process.execPath, [cli, "run", join(unpacked, "fails.ml")], { encoding: "utf8", cwd: unpacked });
    expect(fails.status).toBe(1);
    expect(fails.stderr).toMatch(/fails\.ml:2:\d+: IndexError/);
    expect(fails.stderr).toContain("at f (fails.ml:2:");
  });

  it("ships a language server that answers over stdio", async () => {
    const cli = join(unpacked, "extension", "server", "dist", "cli", "mljs.cjs");
    const server = spawn(process.execPath, [cli, "lsp", "--stdio"], { cwd: unpacked });
    try {
      let out = "";
      server.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
      server.stdin.write(frame({ id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } }));
      type Reply = { id?: number; result: { capabilities: { textDocumentSync: number }; serverInfo: { name: string } } };
      const deadline = Date.now() + 15_000;
      let body: Reply | undefined;
      while (body === undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        body = messages(out).find((m) => m.id === 1) as Reply | undefined;
      }
      expect(body, out).toBeDefined();
      expect(body!.result.serverInfo.name).toBe("mljs");
      expect(body!.result.capabilities.textDocumentSync).toBeGreaterThan(0);
      const exited = new Promise<number | null>((done) => server.once("exit", done));
      server.stdin.write(frame({ id: 2, method: "shutdown" }) + frame({ method: "exit" }));
      expect(await exited).toBe(0);
    } finally {
      // A failed check must not leave the server running (SIGTERM is passed on to its child).
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
    }
  });
});
