/**
 * `mljs lsp` against what an editor may send: huge and strange documents, positions past the
 * end, documents it never opened, renames that would change the program's meaning, and a
 * workspace too large (or cyclic) to walk whole. Each answer comes, and the server stays up.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, Hover, Location, WorkspaceEdit } from "vscode-languageserver-protocol";
import { DEFAULT_MAX_SOURCE_LENGTH } from "../../src/compiler/index.js";
import { MAX_SEARCHED_CHARACTERS, MAX_WORKSPACE_FILES, Workspace, workspaceFiles } from "../../src/lsp/workspace.js";
import { scratch, startSession, type Session } from "./client.js";

const MAIN = `total = 1;
other = 2;
function f(x) {
  y = x + total;
  return y;
}
function g() {
  total = 5;
  return total;
}
print(f(total), other, g());
`;

let s: Session;
let ws: ReturnType<typeof scratch>;

beforeAll(async () => {
  ws = scratch({ "main.ml": MAIN, "a.ml": "import b;\nv = 1;\nprint(b.w);\n", "b.ml": "import a;\nw = 2;\nprint(a.v);\n" });
  s = await startSession(ws.dir);
  s.open(ws.uri("main.ml"), MAIN);
  await s.diagnostics(ws.uri("main.ml"));
}, 30_000); // starting a server on a loaded machine can take longer than the default 10 s

afterAll(async () => {
  await s?.close();
});

const at = (uri: string, line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });
/** Asks something cheap, to show the server still answers. */
const alive = async () => expect(await s.request("textDocument/documentSymbol", { textDocument: { uri: ws.uri("main.ml") } })).not.toHaveLength(0);

describe("documents an editor may send", () => {
  it("answers a document longer than the compiler accepts with ML0001 at once, without analysing it", async () => {
    const uri = ws.uri("huge.ml");
    const started = Date.now();
    s.open(uri, "x = 1;\n".repeat(Math.ceil(DEFAULT_MAX_SOURCE_LENGTH / 7) * 5)); // about 5 MB
    const d = await s.diagnostics(uri);
    expect(d.map((x) => x.code)).toEqual(["ML0001"]);
    expect(d[0]!.message).toMatch(/source is too long/);
    expect(await s.request("textDocument/hover", at(uri, 3, 0))).toBeNull();
    expect(await s.request("textDocument/semanticTokens/full", { textDocument: { uri } })).toMatchObject({ data: [] });
    expect(Date.now() - started).toBeLessThan(5000); // parsing 5 MB took about 4 s on its own
    s.closeDocument(uri);
  });

  it("publishes a large document's diagnostics once after a burst of edits, not once per edit", async () => {
    const uri = ws.uri("large.ml");
    const text = "x = 1;\n".repeat(120_000); // 840 000 characters: accepted, slow to analyse
    s.open(uri, text);
    await s.diagnostics(uri);
    const from = s.published.length;
    // Small incremental changes, as editors send them while you type (versions 2 to 9).
    for (let i = 0; i < 8; i++) {
      const range = { start: { line: 120_000, character: i }, end: { line: 120_000, character: i } };
      void s.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 + i }, contentChanges: [{ range, text: "print(nope);"[i] }] });
    }
    const d = await s.diagnostics(uri, (list) => list.length > 0);
    expect(d.map((x) => x.code)).toEqual(["ML2001", "ML1010"]); // `print(n` so far: an unknown name, an unclosed call
    // Versions 2 to 8 were replaced before a pause in the edits: none was published (version 1's
    // audit may still arrive after the burst began).
    expect(s.published.slice(from).filter((p) => p.uri === uri && p.version !== 1).map((p) => p.version)).toEqual([9]);
    expect(await s.request("textDocument/hover", at(uri, 0, 0))).not.toBeNull();
    s.closeDocument(uri);
  });

  it("reports at most 100 diagnostics, then one counting the rest", async () => {
    const uri = ws.uri("many.ml");
    s.open(uri, "x = " + "[".repeat(3000) + "1" + "]".repeat(3000) + ";\n" + "a b\n".repeat(300));
    const d = await s.diagnostics(uri);
    expect(d).toHaveLength(101);
    expect(d[100]!.code).toBe("ML0002");
    s.closeDocument(uri);
  });

  it("survives NUL bytes, lone surrogates and positions past the end", async () => {
    const uri = ws.uri("odd.ml");
    s.open(uri, 'x = 1;\0\0 y = "\ud800";\n\udc00 print(x);\n');
    const d = await s.diagnostics(uri, (list) => list.length > 0);
    expect(d.every((x) => typeof x.code === "string")).toBe(true);
    expect(await s.request("textDocument/hover", at(uri, 100, 100))).toBeNull();
    expect(await s.request("textDocument/completion", at(uri, 100, 100))).not.toHaveLength(0);
    expect(await s.request("textDocument/definition", at(uri, 0, 10_000))).toBeNull();
    await expect(s.request("textDocument/rename", { ...at(uri, 100, 0), newName: "z" })).rejects.toThrow(/no name to rename/);
    s.closeDocument(uri);
    await alive();
  });

  it("answers requests about documents it never opened with nothing", async () => {
    expect(await s.request("textDocument/hover", at("file:///nowhere/x.ml", 0, 0))).toBeNull();
    expect(await s.request("textDocument/references", { ...at("untitled:Untitled-1", 0, 0), context: { includeDeclaration: true } })).toEqual([]);
    expect(await s.request("textDocument/formatting", { textDocument: { uri: ws.uri("a.ml") }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  it("counts positions in UTF-16 code units: an emoji before an error moves it by two", async () => {
    const uri = ws.uri("emoji.ml");
    s.open(uri, 's = "😀😀"; print(nope);\n');
    const [d] = await s.diagnostics(uri, (list) => list.length > 0);
    expect((d as Diagnostic).range).toEqual({ start: { line: 0, character: 18 }, end: { line: 0, character: 22 } });
    const h = await s.request<Hover>("textDocument/hover", at(uri, 0, 13));
    expect(JSON.stringify(h.contents)).toContain("print");
    s.closeDocument(uri);
  });
});

describe("rename", () => {
  const main = () => ws.uri("main.ml");

  it("refuses a keyword, a non-name, a builtin, and a name the symbol's uses already see", async () => {
    for (const [newName, why] of [["if", /not a valid ML name/], ["1x", /not a valid ML name/], ["", /not a valid ML name/], ["print", /is a builtin/],
      ["other", /already a name/], ["x", /already a name/], ["y", /already a name/]] as const) {
      await expect(s.request("textDocument/rename", { ...at(main(), 0, 1), newName }), newName).rejects.toThrow(why);
    }
    // y is f's local: renaming it to total would make f's read of the module's total its own.
    await expect(s.request("textDocument/rename", { ...at(main(), 3, 3), newName: "total" })).rejects.toThrow(/already a name/);
  });

  it("renames a module variable, not g's local of the same name, and x to a name free where x is used", async () => {
    const edit = await s.request<WorkspaceEdit>("textDocument/rename", { ...at(main(), 0, 1), newName: "amount" });
    expect(edit.changes![main()]!.map((e) => e.range.start.line).sort((p, q) => p - q)).toEqual([0, 3, 10]);
    const local = await s.request<WorkspaceEdit>("textDocument/rename", { ...at(main(), 7, 3), newName: "t" });
    expect(local.changes![main()]!.map((e) => e.range.start.line)).toEqual([7, 8]);
    const param = await s.request<WorkspaceEdit>("textDocument/rename", { ...at(main(), 2, 11), newName: "other" });
    expect(param.changes![main()]!.map((e) => e.range.start.line)).toEqual([2, 3]);
  });

  it("renames a variable with the inner function that declares it nonlocal, and not a module variable of the same name", async () => {
    const uri = ws.uri("counter.ml");
    const text = "n = 10;\nfunction outer() {\n  n = 0;\n  function inc() {\n    nonlocal n;\n    n = n + 1;\n  }\n  inc();\n  return n;\n}\nprint(outer(), n);\n";
    s.open(uri, text);
    await s.diagnostics(uri);
    const edit = await s.request<WorkspaceEdit>("textDocument/rename", { ...at(uri, 5, 5), newName: "count" });
    expect(edit.changes![uri]!.map((e) => `${e.range.start.line}:${e.range.start.character}`)).toEqual(["2:2", "4:13", "5:4", "5:8", "8:9"]);
    const outerN = await s.request<WorkspaceEdit>("textDocument/rename", { ...at(uri, 0, 0), newName: "total" });
    expect(outerN.changes![uri]!.map((e) => e.range.start.line)).toEqual([0, 10]);
    s.closeDocument(uri);
  });

  it("follows imports that form a cycle once each", async () => {
    s.open(ws.uri("a.ml"), "import b;\nv = 1;\nprint(b.w);\n");
    const refs = await s.request<Location[]>("textDocument/references", { ...at(ws.uri("a.ml"), 1, 0), context: { includeDeclaration: true } });
    expect(refs.map((r) => r.uri.split("/").pop()).sort()).toEqual(["a.ml", "b.ml"]);
  });
});

describe("the workspace walk", () => {
  it("stops after MAX_WORKSPACE_FILES files, and does not follow a symbolic link back up", () => {
    const w = scratch({});
    mkdirSync(join(w.dir, "sub"));
    for (let i = 0; i < MAX_WORKSPACE_FILES + 50; i++) writeFileSync(join(w.dir, "sub", `m${i}.ml`), "");
    mkdirSync(join(w.dir, "loop"));
    symlinkSync(w.dir, join(w.dir, "loop", "back"));
    writeFileSync(join(w.dir, "loop", "top.ml"), "");
    const files = workspaceFiles(w.dir);
    expect(files).toHaveLength(MAX_WORKSPACE_FILES);
    expect(files[0]).toBe(join(w.dir, "loop", "top.ml")); // breadth first, in name order
    expect(files.some((f) => f.includes("back"))).toBe(false);
    rmSync(w.dir, { recursive: true, force: true });
  });

  it("stops a cross-file search after about MAX_SEARCHED_CHARACTERS characters read", () => {
    const w = scratch({});
    const big = "x = 1;\n".repeat(Math.floor(MAX_SEARCHED_CHARACTERS / 8 / 7)); // just under an eighth of the budget each
    for (let i = 0; i < 12; i++) writeFileSync(join(w.dir, `big${String(i).padStart(2, "0")}.ml`), big);
    const workspace = new Workspace();
    workspace.configure([w.dir], []);
    expect(workspace.allAnalyses()).toHaveLength(9); // eight stay within the budget, the ninth passes it
    rmSync(w.dir, { recursive: true, force: true });
  });
});
