/**
 * `LoadOptions.debug`, which `mljs run --inspect` uses, seen through this process's own
 * inspector: each module's script carries an inline source map naming its `.ml` file (with the
 * text), `"break"` adds a `debugger` statement to the entry module only, errors still map to ML
 * lines, and without the option nothing of this is added.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { Session } from "node:inspector";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { load } from "../../src/host/api.js";
import { MLRuntimeError } from "../../src/host/errors.js";
import { scratchDir } from "./helpers.js";

interface Parsed {
  scriptId: string;
  url: string;
  sourceMapURL: string;
}

let session: Session;
const parsed: Parsed[] = [];
let dir: string;

const post = <T>(method: string, params: object = {}): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))));

beforeAll(async () => {
  dir = scratchDir("inspect-host-");
  writeFileSync(join(dir, "helper.ml"), "function double(n) {\n  return n * 2;\n}\n");
  writeFileSync(join(dir, "main.ml"), "import helper;\n\nx = helper.double(21);\nprint(x);\n");
  writeFileSync(join(dir, "fails.ml"), "a = 1;\nb = [a];\nc = b[3];\n");
  writeFileSync(join(dir, "late.ml"), "a = [][1];\nimport helper;\n");
  session = new Session();
  session.connect();
  session.on("Debugger.scriptParsed", (m) => parsed.push(m.params as Parsed));
  await post("Debugger.enable");
  // Nothing may pause this process (it is the one running the tests): `debugger` is skipped.
  await post("Debugger.setSkipAllPauses", { skip: true });
});

afterAll(async () => {
  await post("Debugger.disable");
  session.disconnect();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** The scripts parsed while `fn` ran. */
async function scriptsOf(fn: () => Promise<unknown>): Promise<Parsed[]> {
  const before = parsed.length;
  await fn();
  await new Promise((r) => setImmediate(r));
  return parsed.slice(before).filter((p) => p.url.includes("mljs"));
}

function inlineMap(p: Parsed): { sources: string[]; sourcesContent: string[]; map: TraceMap } {
  const prefix = "data:application/json;charset=utf-8;base64,";
  expect(p.sourceMapURL.startsWith(prefix)).toBe(true);
  const json = JSON.parse(Buffer.from(p.sourceMapURL.slice(prefix.length), "base64").toString("utf8")) as { sources: string[]; sourcesContent: string[] };
  return { ...json, map: new TraceMap(json as unknown as ConstructorParameters<typeof TraceMap>[0]) };
}

describe("LoadOptions.debug", () => {
  it("evaluates every module with an inline source map naming its .ml file", async () => {
    const out: string[] = [];
    const scripts = await scriptsOf(() => load(join(dir, "main.ml"), { debug: true, stdout: (t) => out.push(t) }));
    expect(out.join("")).toBe("42\n");
    const byFile = new Map(scripts.map((s) => [inlineMap(s).sources[0], s]));
    for (const name of ["main.ml", "helper.ml"]) {
      const url = pathToFileURL(join(dir, name)).href;
      const script = byFile.get(url)!;
      expect(script.url).toMatch(new RegExp(`^${url.replace(/[.]/g, "\\.")}\\.mljs-\\d+\\.js$`));
      expect(inlineMap(script).sourcesContent).toEqual([`${name === "main.ml" ? "import helper;\n\nx = helper.double(21);\nprint(x);\n" : "function double(n) {\n  return n * 2;\n}\n"}`]);
    }
    // The map accounts for the line the loader wraps around the body: `x = …` is generated line 4
    // or later (wrapper, "use strict", the helpers, the declarations), and maps to ML line 3.
    const main = byFile.get(pathToFileURL(join(dir, "main.ml")).href)!;
    const { scriptSource } = await post<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId: main.scriptId });
    const lines = scriptSource.split("\n");
    const at = lines.findIndex((l) => l.startsWith("x = "));
    expect(at).toBeGreaterThanOrEqual(3);
    expect(originalPositionFor(inlineMap(main).map, { line: at + 1, column: 0 }).line).toBe(3);
    expect(scriptSource).not.toContain("debugger;");
  });

  it('"break" puts a debugger statement in the entry module only', async () => {
    const scripts = await scriptsOf(() => load(join(dir, "main.ml"), { debug: "break" }));
    const sources = await Promise.all(scripts.map(async (s) => ({
      file: inlineMap(s).sources[0]!,
      text: (await post<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId: s.scriptId })).scriptSource,
    })));
    expect(sources.find((s) => s.file.endsWith("/main.ml"))!.text).toContain("\ndebugger;\n");
    expect(sources.find((s) => s.file.endsWith("/helper.ml"))!.text).not.toContain("debugger");
  });

  it("still maps errors to ML lines", async () => {
    const e = await load(join(dir, "fails.ml"), { debug: true }).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(MLRuntimeError);
    expect((e as MLRuntimeError).mlStack[0]).toMatchObject({ file: expect.stringMatching(/fails\.ml$/), line: 3 });
  });

  it("creates every module's script before the program runs (its file can be opened and given breakpoints)", async () => {
    const failing = (debug: boolean) => scriptsOf(() => load(join(dir, "late.ml"), { debug }).catch((e: unknown) => e));
    const helper = pathToFileURL(join(dir, "helper.ml")).href;
    expect((await failing(true)).map((s) => inlineMap(s).sources[0])).toContain(helper);
    // Without the option a module's script is made when its import runs, and this one never does.
    expect((await failing(false)).map((s) => s.url).filter((u) => u.endsWith("helper.ml"))).toEqual([]);
  });

  it("gives the program nothing new: capabilities are still checked and JavaScript globals unknown", async () => {
    writeFileSync(join(dir, "reach.ml"), 'import file;\nprint(file.read("/etc/hostname"));\n');
    const denied = await load(join(dir, "reach.ml"), { debug: "break" }).then(() => null, (err: unknown) => err);
    expect(denied).toBeInstanceOf(MLRuntimeError);
    expect((denied as MLRuntimeError).mlType).toBe("CapabilityError");
    writeFileSync(join(dir, "global.ml"), "print(process);\n");
    await expect(load(join(dir, "global.ml"), { debug: true })).rejects.toThrow("unknown name 'process'");
  });

  it("adds nothing without the option", async () => {
    const scripts = await scriptsOf(() => load(join(dir, "main.ml")));
    expect(scripts.length).toBe(2);
    for (const s of scripts) {
      expect(s.url).toMatch(/^mljs-load-\d+:/);
      expect(s.sourceMapURL).toBe("");
    }
  });
});
