/**
 * `mljs lsp` over stdio: one server for the whole file, a workspace of two user modules
 * (main.ml imports util.ml) plus scratch documents, each feature asked as an editor asks it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent, SemanticTokens,
  SignatureHelp, TextEdit, WorkspaceEdit,
} from "vscode-languageserver-protocol";
import { scratch, startSession, type Session } from "./client.js";

const UTIL = `// Adds the tax to a price.
// The rate is a fraction: 0.2 for 20%.
function withTax(price, rate) {
  return price * (1 + rate);
}
LIMIT = 10;
`;

const MAIN = `import util;
import datetime;

// Doubles a number.
function double(x) {
  return x * 2;
}
total = util.withTax(double(4), 0.2);
print(len([total]), util.LIMIT, datetime.now());
`;

let s: Session;
let ws: ReturnType<typeof scratch>;
let main: string;
let util: string;

beforeAll(async () => {
  // other.ml stays closed: cross-file searches find it on disk.
  ws = scratch({ "util.ml": UTIL, "main.ml": MAIN, "other.ml": "import util as u;\nprint(u.withTax(1, 0));\n" });
  main = ws.uri("main.ml");
  util = ws.uri("util.ml");
  s = await startSession(ws.dir);
  s.open(main, MAIN);
  s.open(util, UTIL);
  await s.diagnostics(main);
}, 30_000); // starting a server on a loaded machine can take longer than the default 10 s

afterAll(async () => {
  await s?.close();
});

/** The position of the `n`th (0-based) occurrence of `needle` in `text`, plus `delta` characters. */
function pos(text: string, needle: string, delta = 0, n = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`'${needle}' not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - (before.lastIndexOf("\n") + 1) };
}

const hoverText = async (uri: string, text: string, needle: string, delta = 1): Promise<string> => {
  const h = await s.request<Hover | null>("textDocument/hover", { textDocument: { uri }, position: pos(text, needle, delta) });
  return h === null ? "" : (h.contents as MarkupContent).value;
};

describe("initialize", () => {
  it("announces the features", () => {
    const c = s.initialize.capabilities;
    expect(c.textDocumentSync).toBe(2);
    expect(c.hoverProvider).toBe(true);
    expect(c.completionProvider?.triggerCharacters).toContain(".");
    expect(c.semanticTokensProvider?.legend.tokenTypes).toContain("function");
    expect(c.renameProvider).toEqual({ prepareProvider: true });
    expect(c.documentFormattingProvider).toBe(true);
  });
});

describe("diagnostics", () => {
  it("reports nothing for a correct program", async () => {
    expect(await s.diagnostics(main)).toEqual([]);
  });

  it("reports each compile error with its code, range and hint, and updates on change", async () => {
    const uri = ws.uri("broken.ml");
    const text = "import datetime;\ncount = 1;\nprint(countr);\nt = datetime.nwo();\nx = (1 + ;\n";
    s.open(uri, text);
    const d = await s.diagnostics(uri, (list) => list.length >= 3);
    const byCode = new Map(d.map((x) => [x.code, x]));
    expect(byCode.get("ML2001")).toMatchObject({
      severity: 1, source: "mljs", range: { start: { line: 2, character: 6 }, end: { line: 2, character: 12 } },
      data: { suggestion: "did you mean 'count'?" },
    });
    expect(byCode.get("ML2001")!.message).toContain("unknown name 'countr'");
    expect(byCode.get("ML1010")).toMatchObject({ severity: 1, range: { start: { line: 4 } } });
    s.change(uri, "import datetime;\ncount = 1;\nprint(count);\nt = datetime.nwo();\n");
    const after = await s.diagnostics(uri, (list) => !list.some((x) => x.code === "ML2001"));
    expect(after.map((x) => x.code)).toEqual(["ML3004"]);
    expect(after[0]).toMatchObject({
      message: "module 'datetime' has no member 'nwo' (did you mean 'now'?)",
      range: { start: { line: 3, character: 13 }, end: { line: 3, character: 16 } },
    });
  });

  it("reports an import that cannot be found on the import's path", async () => {
    const uri = ws.uri("imports.ml");
    s.open(uri, "import utill;\nprint(1);\n");
    const [d] = await s.diagnostics(uri, (list) => list.length > 0);
    expect(d).toMatchObject({ code: "ML3001", range: { start: { line: 0, character: 7 }, end: { line: 0, character: 12 } } });
    expect(d!.message).toContain("did you mean 'util'?");
  });

  it("warns about capabilities the code reaches but does not declare (the audit)", async () => {
    const uri = ws.uri("caps.ml");
    const text = "import datetime;\ncapability Clock {\n  allow file.read \"data/*\";\n}\nt = datetime.now();\n";
    s.open(uri, text);
    const d = await s.diagnostics(uri, (list) => list.some((x) => x.code === "AUD001"));
    const undeclared = d.find((x) => x.code === "AUD001")!;
    expect(undeclared.severity).toBe(2);
    expect(undeclared.message).toContain("datetime.now");
    expect(undeclared.range.start.line).toBe(4);
    expect(d.find((x) => x.code === "AUD002")).toMatchObject({ severity: 2, range: { start: { line: 2 } } });
  });
});

describe("hover", () => {
  it("shows a builtin's signature and description", async () => {
    const v = await hoverText(main, MAIN, "len(");
    expect(v).toContain("len(v)");
    expect(v).toContain("The length of a string or array");
  });

  it("shows a stdlib member's signature, description and capabilities", async () => {
    const v = await hoverText(main, MAIN, "now()");
    expect(v).toContain("datetime.now(tz?) -> DateTime");
    expect(v).toContain("The current date and time");
    expect(v).toContain("`datetime.now`");
  });

  it("shows a user function's parameters and the comment above it", async () => {
    const v = await hoverText(main, MAIN, "double(4)");
    expect(v).toContain("function double(x)");
    expect(v).toContain("Doubles a number.");
  });

  it("follows a member of an imported user module to its declaration", async () => {
    const v = await hoverText(main, MAIN, "withTax(");
    expect(v).toContain("function withTax(price, rate)");
    expect(v).toContain("Adds the tax to a price.\nThe rate is a fraction");
  });

  it("describes a stdlib module", async () => {
    expect(await hoverText(main, MAIN, "datetime;")).toContain("module datetime");
  });
});

describe("completion", () => {
  const labels = async (uri: string, text: string, needle: string, delta: number): Promise<string[]> => {
    const items = await s.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: pos(text, needle, delta) });
    return items.map((i) => i.label);
  };

  it("offers names in scope, builtins and keywords", async () => {
    const uri = ws.uri("complete.ml");
    const text = "function scale(factor) {\n  result = fa\n}\nglobalName = 1;\n";
    s.open(uri, text);
    await s.diagnostics(uri);
    const got = await labels(uri, text, "= fa", 4);
    expect(got).toEqual(expect.arrayContaining(["factor", "result", "scale", "globalName", "len", "print", "while", "return"]));
  });

  it("offers a stdlib module's members after '.'", async () => {
    const uri = ws.uri("dt.ml");
    const text = "import datetime;\nt = datetime.\n";
    s.open(uri, text);
    await s.diagnostics(uri);
    const items = await s.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: pos(text, "datetime.", 9) });
    const now = items.find((i) => i.label === "now");
    expect(now).toMatchObject({ detail: "datetime.now(tz?)" });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["today", "parseISO", "utc"]));
    expect(items.map((i) => i.label)).not.toContain("print");
  });

  it("offers the stdlib modules and the modules beside the file after 'import'", async () => {
    const uri = ws.uri("imp.ml");
    const text = "import u\n";
    s.open(uri, text);
    await s.diagnostics(uri);
    const got = await labels(uri, text, "import u", 8);
    expect(got).toEqual(expect.arrayContaining(["util", "other", "datetime", "json"]));
    expect(got).not.toContain("imp");
    s.closeDocument(uri);
  });

  it("offers an imported user module's top-level names after '.'", async () => {
    const uri = ws.uri("um.ml");
    const text = "import util;\nx = util.w\n";
    s.open(uri, text);
    await s.diagnostics(uri);
    const got = await labels(uri, text, "util.w", 6);
    s.closeDocument(uri);
    expect(got.sort()).toEqual(["LIMIT", "withTax"]);
  });
});

describe("signature help", () => {
  const help = async (text: string, needle: string, delta: number): Promise<SignatureHelp | null> => {
    const uri = ws.uri(`sig-${Math.abs(hash(text))}.ml`);
    s.open(uri, text);
    await s.diagnostics(uri);
    const h = await s.request<SignatureHelp | null>("textDocument/signatureHelp", { textDocument: { uri }, position: pos(text, needle, delta) });
    s.closeDocument(uri);
    return h;
  };

  it("shows a user module function's parameters, the current one active", async () => {
    const h = await help("import util;\nx = util.withTax(3, );\n", "3, ", 3);
    expect(h!.signatures[0]!.label).toBe("function util.withTax(price, rate)");
    expect(h!.activeParameter).toBe(1);
    expect(h!.signatures[0]!.parameters![1]!.label).toEqual([29, 33]);
  });

  it("shows a stdlib function's and a builtin's signatures", async () => {
    const h = await help("import datetime;\nx = datetime.now(\n", "now(", 4);
    expect(h!.signatures[0]).toMatchObject({ label: "datetime.now(tz?)" });
    expect(h!.activeParameter).toBe(0);
    const r = await help("x = range(1, [2, 3], \n", "3], ", 4);
    expect(r!.signatures.map((x) => x.label)).toEqual(["range(stop)", "range(start, stop, step?)"]);
    expect(r!.activeParameter).toBe(2);
    expect(r!.activeSignature).toBe(1);
  });
});

describe("definition, references and rename across modules", () => {
  it("goes from a use in main.ml to the declaration in util.ml", async () => {
    const loc = await s.request<Location>("textDocument/definition", { textDocument: { uri: main }, position: pos(MAIN, "withTax", 2) });
    expect(loc).toEqual({ uri: util, range: { start: { line: 2, character: 9 }, end: { line: 2, character: 16 } } });
    const file = await s.request<Location>("textDocument/definition", { textDocument: { uri: main }, position: pos(MAIN, "util;", 1) });
    expect(file.uri).toBe(util);
    const local = await s.request<Location>("textDocument/definition", { textDocument: { uri: main }, position: pos(MAIN, "double(4)", 1) });
    expect(local).toMatchObject({ uri: main, range: { start: { line: 4, character: 9 } } });
  });

  it("finds the references in every file, open or not", async () => {
    const other = ws.uri("other.ml");
    const refs = await s.request<Location[]>("textDocument/references", {
      textDocument: { uri: util }, position: pos(UTIL, "withTax", 1), context: { includeDeclaration: true },
    });
    expect(refs.map((r) => [r.uri, r.range.start.line, r.range.start.character]).sort()).toEqual([
      [main, 7, 13], [util, 2, 9], [other, 1, 8],
    ].sort());
    const uses = await s.request<Location[]>("textDocument/references", {
      textDocument: { uri: util }, position: pos(UTIL, "withTax", 1), context: { includeDeclaration: false },
    });
    expect(uses.map((r) => r.uri).sort()).toEqual([main, other].sort());
  });

  it("renames a module's function in every file that names it", async () => {
    const prep = await s.request<{ placeholder: string }>("textDocument/prepareRename", { textDocument: { uri: main }, position: pos(MAIN, "withTax", 1) });
    expect(prep.placeholder).toBe("withTax");
    const edit = await s.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri: main }, position: pos(MAIN, "withTax", 1), newName: "addTax" });
    expect(Object.keys(edit.changes!).sort()).toEqual([main, util, ws.uri("other.ml")].sort());
    expect(edit.changes![util]).toEqual([{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 16 } }, newText: "addTax" }]);
    expect(edit.changes![main]).toEqual([{ range: { start: { line: 7, character: 13 }, end: { line: 7, character: 20 } }, newText: "addTax" }]);
  });

  it("renames a parameter only inside its function, and refuses builtins and bad names", async () => {
    const edit = await s.request<WorkspaceEdit>("textDocument/rename", { textDocument: { uri: util }, position: pos(UTIL, "price,", 1), newName: "amount" });
    expect(edit.changes![util]!.map((e: TextEdit) => e.range.start.line)).toEqual([2, 3]);
    await expect(s.request("textDocument/rename", { textDocument: { uri: main }, position: pos(MAIN, "len(", 1), newName: "size" })).rejects.toThrow(/belongs to the language/);
    await expect(s.request("textDocument/rename", { textDocument: { uri: main }, position: pos(MAIN, "double(4)", 1), newName: "while" })).rejects.toThrow(/not a valid ML name/);
  });
});

describe("document symbols", () => {
  it("lists functions with their nested functions, variables, imports and capability blocks", async () => {
    const uri = ws.uri("symbols.ml");
    const text = "import json;\nRATE = 2;\nfunction outer(a) {\n  function inner() {\n    return a;\n  }\n  tmp = inner();\n  return tmp;\n}\ncapability Files {\n  allow file.read \"*.txt\";\n}\n";
    s.open(uri, text);
    await s.diagnostics(uri);
    const symbols = await s.request<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((x) => [x.name, x.kind])).toEqual([["json", 2], ["RATE", 14], ["outer", 12], ["Files", 19]]);
    const outer = symbols.find((x) => x.name === "outer")!;
    expect(outer.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 8, character: 1 } });
    expect(outer.children!.map((x) => x.name)).toEqual(["inner"]);
  });
});

describe("semantic tokens", () => {
  it("classifies names: functions, parameters, builtins, modules and members", async () => {
    const { data } = await s.request<SemanticTokens>("textDocument/semanticTokens/full", { textDocument: { uri: main } });
    const legend = s.initialize.capabilities.semanticTokensProvider!.legend;
    const tokens: { line: number; char: number; text: string; type: string; mods: string[] }[] = [];
    const lines = MAIN.split("\n");
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
      const mods = legend.tokenModifiers.filter((_, bit) => (data[i + 4]! & (1 << bit)) !== 0);
      tokens.push({ line, char, text: lines[line]!.slice(char, char + data[i + 2]!), type: legend.tokenTypes[data[i + 3]!]!, mods });
    }
    const find = (text: string, l: number) => tokens.find((t) => t.text === text && t.line === l);
    expect(find("util", 0)).toMatchObject({ type: "namespace", mods: ["declaration"] });
    expect(find("double", 4)).toMatchObject({ type: "function", mods: ["declaration"] });
    expect(find("x", 4)).toMatchObject({ type: "parameter", mods: ["declaration"] });
    expect(find("x", 5)).toMatchObject({ type: "parameter", mods: [] });
    expect(find("total", 7)).toMatchObject({ type: "variable", mods: ["declaration"] });
    expect(find("len", 8)).toMatchObject({ type: "function", mods: ["defaultLibrary"] });
    expect(find("now", 8)).toMatchObject({ type: "function", mods: ["defaultLibrary"] });
    expect(find("LIMIT", 8)).toMatchObject({ type: "property" });
  });
});

describe("code actions", () => {
  it("applies the 'did you mean' of a misspelt name, and adds a missing import", async () => {
    const uri = ws.uri("fix.ml");
    const text = "count = 1;\nprint(cuont);\nx = math.sqrt(4);\n";
    s.open(uri, text);
    const diagnostics = await s.diagnostics(uri, (d) => d.length >= 2);
    const misspelt = diagnostics.filter((d: Diagnostic) => String(d.message).includes("cuont"));
    const actions = await s.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri }, range: misspelt[0]!.range, context: { diagnostics: misspelt },
    });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ title: "Change to 'count'", kind: "quickfix", isPreferred: true });
    expect(actions[0]!.edit!.changes![uri]).toEqual([{ range: misspelt[0]!.range, newText: "count" }]);
    const missing = diagnostics.filter((d: Diagnostic) => String(d.message).includes("'math'"));
    const add = await s.request<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: missing[0]!.range, context: { diagnostics: missing } });
    expect(add[0]).toMatchObject({ title: "Add 'import math;'" });
    expect(add[0]!.edit!.changes![uri]![0]!.newText).toBe("import math;\n");
  });
});

describe("formatting", () => {
  it("replaces the document with its canonical layout", async () => {
    const uri = ws.uri("fmt.ml");
    const text = "x=1;\nfunction f(a){return a+x;}\n";
    s.open(uri, text);
    await s.diagnostics(uri);
    const edits = await s.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    expect(edits).toHaveLength(1);
    expect(edits[0]!.newText).toBe("x = 1;\nfunction f(a) {\n  return a + x;\n}\n");
    expect(edits[0]!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 2, character: 0 } });
    const none = await s.request<TextEdit[]>("textDocument/formatting", { textDocument: { uri: main }, options: { tabSize: 2, insertSpaces: true } });
    expect(none).toEqual([]);
  });
});

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
