/**
 * `mljs run --inspect` / `--inspect-brk`, tested over the inspector protocol as a debugger uses
 * it: the program's scripts carry inline source maps naming the `.ml` file, a breakpoint set on
 * an ML line through the map stops there, and locals read back under their ML names through the
 * map's `names` (docs/debugging.md).
 */
import { describe, it, expect, afterAll, beforeAll } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TraceMap, eachMapping, generatedPositionFor, originalPositionFor } from "@jridgewell/trace-mapping";
import { mljs, root, scratchDir } from "./helpers.js";
import { InspectorClient, type InspectorEvent } from "./inspect-client.js";
import { exposureWarning, parseInspectAddress } from "../../src/cli/inspect.js";
import { UsageError } from "../../src/cli/usage.js";

const PROGRAM = `function total(items) {
  sum = 0;
  for (item in items) {
    class = item * 2;
    sum = sum + class;
  }
  return sum;
}
print("start");
print("total:", total([1, 2, 3]));
`;

/** The launcher the package's `mljs` command runs. */
const bin = join(root, "bin", "mljs.cjs");

let dir: string;
let file: string;

/** Every process a test starts: one a failed test leaves waiting for a debugger is killed at the end. */
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  dir = scratchDir("inspect-");
  file = join(dir, "prog.ml");
  writeFileSync(file, PROGRAM);
});

interface Started {
  child: ChildProcess;
  /** The inspector's `ws://` URL, read from standard error. */
  url: Promise<string>;
  /** Resolves when standard error has printed `text`. */
  stderrShows(text: string): Promise<void>;
  /** What standard output has printed so far. */
  stdout(): string;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** A running `mljs` whose standard error is watched. */
function start(args: string[]): Started {
  const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
  children.push(child);
  let stdout = "";
  let stderr = "";
  const watchers: { text: string; resolve(): void }[] = [];
  child.stdout!.setEncoding("utf8").on("data", (t: string) => (stdout += t));
  child.stderr!.setEncoding("utf8").on("data", (t: string) => {
    stderr += t;
    for (const w of watchers.filter((x) => stderr.includes(x.text))) w.resolve();
  });
  const stderrShows = (text: string) => new Promise<void>((resolve, reject) => {
    if (stderr.includes(text)) return resolve();
    watchers.push({ text, resolve });
    child.on("exit", () => setImmediate(() => reject(new Error(`mljs ended without printing '${text}': ${stderr}`))));
  });
  const url = stderrShows("Debugger listening on ws://").then(() => /Debugger listening on (ws:\/\/\S+)/.exec(stderr)![1]!);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, url, stderrShows, stdout: () => stdout, done };
}

type Location = { scriptId: string; lineNumber: number; columnNumber: number };
type CallFrame = { functionName: string; location: Location; functionLocation: Location; url: string; scopeChain: { type: string; object: { objectId: string } }[] };

/** The decoded inline source map of a parsed script. */
function mapOf(parsed: InspectorEvent): TraceMap {
  const url = String(parsed.params.sourceMapURL);
  expect(url).toMatch(/^data:application\/json;charset=utf-8;base64,/);
  return new TraceMap(JSON.parse(Buffer.from(url.slice(url.indexOf(",") + 1), "base64").toString("utf8")) as ConstructorParameters<typeof TraceMap>[0]);
}

/**
 * The ML names of generated identifiers, as a debugger finds them: each named mapping renames
 * the identifier written at its generated position (`class$` → `class`).
 */
function mlNames(map: TraceMap, generated: string): Map<string, string> {
  const lines = generated.split("\n");
  const names = new Map<string, string>();
  eachMapping(map, (m) => {
    if (m.name === null) return;
    const id = /^[A-Za-z_$][\w$]*/.exec(lines[m.generatedLine - 1]!.slice(m.generatedColumn))?.[0];
    if (id !== undefined) names.set(id, m.name);
  });
  return names;
}

describe("parseInspectAddress", () => {
  it("listens on 127.0.0.1 unless a host is given, and reads IPv6 addresses in brackets", () => {
    expect(parseInspectAddress("inspect", "")).toEqual({ host: "127.0.0.1", port: 9229 });
    expect(parseInspectAddress("inspect", "0")).toEqual({ host: "127.0.0.1", port: 0 });
    expect(parseInspectAddress("inspect-brk", "9230")).toEqual({ host: "127.0.0.1", port: 9230 });
    expect(parseInspectAddress("inspect", "localhost:9229")).toEqual({ host: "localhost", port: 9229 });
    expect(parseInspectAddress("inspect", "0.0.0.0:9229")).toEqual({ host: "0.0.0.0", port: 9229 });
    expect(parseInspectAddress("inspect", "[::1]:9229")).toEqual({ host: "::1", port: 9229 });
  });

  it("warns when the inspector would listen beyond the loopback interface", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1"]) expect(exposureWarning({ host, port: 9229 }), host).toBeNull();
    expect(exposureWarning({ host: "0.0.0.0", port: 9229 })).toContain("the debugger listens on 0.0.0.0, not only on this machine: anyone who can reach port 9229");
    expect(exposureWarning({ host: "::", port: 9230 })).toContain("listens on [::]");
    expect(exposureWarning({ host: "192.168.1.5", port: 9229 })).toContain("controls this process");
  });

  it("refuses what is not [host:]port, with a hint for an IPv6 address without brackets", () => {
    for (const bad of ["65536", "-1", "x", "host:", ":9229", "[::1]", "1.5", "127.0.0.1:9229:1"]) {
      expect(() => parseInspectAddress("inspect", bad), bad).toThrow(UsageError);
    }
    expect(() => parseInspectAddress("inspect", "::1:9229")).toThrow("write an IPv6 address in brackets: --inspect=[::1]:9229");
    expect(() => parseInspectAddress("inspect", "70000")).not.toThrow("brackets");
  });
});

describe("mljs run --inspect-brk over the inspector protocol", () => {
  it("pauses on the first ML line, stops at a breakpoint set on an ML line, shows ML names and values, then finishes", async () => {
    const run = start(["run", "--inspect-brk=0", "prog.ml"]);
    const url = await run.url;
    // Without a host the inspector listens on the loopback address only, never on every interface.
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    const client = await InspectorClient.connect(url);
    try {
      await client.send("Debugger.enable");
      await client.send("Runtime.runIfWaitingForDebugger");

      // Paused before the program's first statement, in the ML file, not inside mljs.
      const first = (await client.next("Debugger.paused")).params.callFrames as CallFrame[];
      const top = first[0]!;
      const parsed = client.events.find((e) => e.method === "Debugger.scriptParsed" && e.params.scriptId === top.location.scriptId)!;
      expect(parsed.params.url).toBe(`${pathToFileURL(file).href}.mljs-1.js`);
      const map = mapOf(parsed);
      const source = pathToFileURL(file).href;
      expect(map.sources).toEqual([source]);
      expect(map.sourcesContent).toEqual([PROGRAM]);
      expect(originalPositionFor(map, { line: top.location.lineNumber + 1, column: top.location.columnNumber })).toMatchObject({ source, line: 1, column: 0 });
      // The top level's function (the loader's wrapper) is named as in ML stack traces.
      expect(originalPositionFor(map, { line: top.functionLocation.lineNumber + 1, column: top.functionLocation.columnNumber }).name).toBe("<module>");

      // A breakpoint on ML line 5 (`sum = sum + class;`), placed through the source map.
      const gen = generatedPositionFor(map, { source, line: 5, column: 4 });
      expect(gen.line).not.toBeNull();
      const bp = await client.send<{ breakpointId: string; actualLocation: Location }>("Debugger.setBreakpoint", {
        location: { scriptId: top.location.scriptId, lineNumber: gen.line! - 1, columnNumber: gen.column! },
      });
      expect(originalPositionFor(map, { line: bp.actualLocation.lineNumber + 1, column: bp.actualLocation.columnNumber }).line).toBe(5);
      await client.send("Debugger.resume");

      const paused = (await client.next("Debugger.paused")).params;
      expect(paused.hitBreakpoints).toEqual([bp.breakpointId]);
      // What ran before the pause has printed (output is not held back while debugging).
      // (The pipe may deliver it a little later than the pause event: wait for it, up to 5 s.)
      for (const until = Date.now() + 5_000; run.stdout() === "" && Date.now() < until;) await new Promise((r) => setTimeout(r, 20));
      expect(run.stdout()).toBe("start\n");
      const frame = (paused.callFrames as CallFrame[])[0]!;
      expect(originalPositionFor(map, { line: frame.location.lineNumber + 1, column: frame.location.columnNumber })).toMatchObject({ source, line: 5 });
      // The frame is the function's unchecked twin, `total$`; the map names it `total` where V8
      // says it starts (what DevTools shows in the call stack).
      expect(frame.functionName).toBe("total$");
      expect(originalPositionFor(map, { line: frame.functionLocation.lineNumber + 1, column: frame.functionLocation.columnNumber }).name).toBe("total");

      // The function's locals, under their ML names (`class` is written `class$` in JavaScript).
      const { scriptSource } = await client.send<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId: frame.location.scriptId });
      const names = mlNames(map, scriptSource);
      const local = frame.scopeChain.find((s) => s.type === "local")!;
      const { result } = await client.send<{ result: { name: string; value?: { type: string; subtype?: string; value?: unknown } }[] }>(
        "Runtime.getProperties", { objectId: local.object.objectId, ownProperties: true },
      );
      const byML = new Map(result.map((p) => [names.get(p.name) ?? p.name, p]));
      expect(result.some((p) => p.name === "class$")).toBe(true);
      expect(byML.get("class")?.value).toMatchObject({ type: "number", value: 2 });
      expect(byML.get("sum")?.value).toMatchObject({ type: "number", value: 0 });
      expect(byML.get("item")?.value).toMatchObject({ type: "number", value: 1 });
      expect(byML.get("items")?.value).toMatchObject({ type: "object", subtype: "array" });

      // Stepping over from line 5 goes back through the loop's head (line 3) to line 4: every
      // place a step stops at is an ML line of prog.ml.
      const stepped: number[] = [];
      while (stepped[stepped.length - 1] !== 4 && stepped.length < 10) {
        await client.send("Debugger.stepOver");
        const at = ((await client.next("Debugger.paused")).params.callFrames as CallFrame[])[0]!.location;
        const pos = originalPositionFor(map, { line: at.lineNumber + 1, column: at.columnNumber });
        expect(pos.source).toBe(source);
        stepped.push(pos.line!);
      }
      expect(stepped[stepped.length - 1]).toBe(4);
      expect(stepped.every((line) => line >= 3 && line <= 5)).toBe(true);

      await client.send("Debugger.removeBreakpoint", { breakpointId: bp.breakpointId });
      await client.send("Debugger.resume");
      // As under `node --inspect-brk`, the process waits at its end until the debugger leaves.
      await run.stderrShows("Waiting for the debugger to disconnect");
      client.close();
      const end = await run.done;
      expect(end.stdout).toBe("start\ntotal: 12\n");
      expect(end.code).toBe(0);
    } finally {
      client.close();
      run.child.kill();
    }
  }, 30_000);
});

/** The script a paused frame is in, and the ML position its map gives. */
function pausedAt(client: InspectorClient, event: InspectorEvent): { map: TraceMap; scriptId: string; ml: ReturnType<typeof originalPositionFor> } {
  const at = (event.params.callFrames as CallFrame[])[0]!.location;
  const parsed = client.events.find((e) => e.method === "Debugger.scriptParsed" && e.params.scriptId === at.scriptId)!;
  const map = mapOf(parsed);
  return { map, scriptId: at.scriptId, ml: originalPositionFor(map, { line: at.lineNumber + 1, column: at.columnNumber }) };
}

/** Sets a breakpoint on ML `line` of the script `scriptId` through its map. */
async function breakOn(client: InspectorClient, scriptId: string, map: TraceMap, line: number, column = 0): Promise<void> {
  const gen = generatedPositionFor(map, { source: map.sources[0]!, line, column });
  expect(gen.line).not.toBeNull();
  await client.send("Debugger.setBreakpoint", { location: { scriptId, lineNumber: gen.line! - 1, columnNumber: gen.column! } });
}

/** Starts `args` under --inspect-brk, attaches, and returns the client paused on the first ML line. */
async function attached(args: string[], input?: string): Promise<{ run: Started; client: InspectorClient; first: InspectorEvent }> {
  const run = start(args);
  if (input !== undefined) run.child.stdin!.end(input);
  const client = await InspectorClient.connect(await run.url);
  await client.send("Debugger.enable");
  await client.send("Runtime.runIfWaitingForDebugger");
  return { run, client, first: await client.next("Debugger.paused") };
}

describe("mljs run --inspect-brk: modules, asynchronous code, errors, -e and standard input", () => {
  it("stops at a breakpoint in an imported module, steps across an await back to the caller, and reports an ML error as usual", async () => {
    writeFileSync(join(dir, "helper.ml"), "import http;\nfunction double(n) {\n  m = n * 2;\n  return m;\n}\n");
    // `import http` makes both modules asynchronous: the call of `f` below is awaited.
    writeFileSync(join(dir, "main.ml"), "import helper;\nimport http;\nf = helper.double;\nx = f(21);\ny = x + 1;\nprint(y);\nz = [][3];\n");
    const { run, client } = await attached(["run", "--inspect-brk=0", "main.ml"]);
    try {
      // Every module's script exists at the first pause: the imported one gets a breakpoint.
      const helperURL = pathToFileURL(join(dir, "helper.ml")).href;
      const helper = client.events.find((e) => e.method === "Debugger.scriptParsed" && String(e.params.url).startsWith(`${helperURL}.mljs-`))!;
      await breakOn(client, String(helper.params.scriptId), mapOf(helper), 3, 2);
      // "Pause on uncaught exceptions" does not stop on an ML error: mljs catches it to report it.
      await client.send("Debugger.setPauseOnExceptions", { state: "uncaught" });
      await client.send("Debugger.resume");
      expect(pausedAt(client, await client.next("Debugger.paused")).ml).toMatchObject({ source: helperURL, line: 3 });

      const lines: string[] = [];
      while (lines[lines.length - 1] !== "main.ml:5" && lines.length < 10) {
        await client.send("Debugger.stepOver");
        const { ml } = pausedAt(client, await client.next("Debugger.paused"));
        lines.push(`${ml.source!.slice(ml.source!.lastIndexOf("/") + 1)}:${ml.line}`);
      }
      // Out of `double` and across the await of its call, to the next line of main.ml.
      expect(lines[0]).toBe("helper.ml:4");
      expect(lines[lines.length - 1]).toBe("main.ml:5");
      expect(lines.every((l) => /^(helper\.ml:4|main\.ml:[45])$/.test(l))).toBe(true);
      await client.send("Debugger.resume");
      await run.stderrShows("Waiting for the debugger to disconnect");
    } finally {
      client.close();
    }
    const end = await run.done;
    expect(end.code).toBe(1);
    expect(end.stdout).toBe("43\n");
    expect(end.stderr).toMatch(/IndexError: list index out of range[^]*at <module> \(main\.ml:7:5\)/);
  }, 30_000);

  for (const [what, args, input, name] of [
    ["-e CODE", ["--inspect-brk=0", "-e", "a = 1;\nb = a + 1;\nprint(b)"], undefined, "<eval>"],
    ["a program on standard input", ["run", "--inspect-brk=0", "-"], "a = 1;\nb = a + 1;\nprint(b);\n", "<stdin>"],
  ] as const) {
    it(`debugs ${what}, shown as ${name} in the current directory`, async () => {
      const { run, client, first } = await attached([...args], input);
      try {
        const { map, scriptId, ml } = pausedAt(client, first);
        expect(ml).toMatchObject({ source: pathToFileURL(join(dir, name)).href, line: 1 });
        expect(map.sourcesContent?.[0]).toContain("b = a + 1;");
        await breakOn(client, scriptId, map, 3);
        await client.send("Debugger.resume");
        expect(pausedAt(client, await client.next("Debugger.paused")).ml.line).toBe(3);
        expect(run.stdout()).toBe("");
        await client.send("Debugger.resume");
        await run.stderrShows("Waiting for the debugger to disconnect");
      } finally {
        client.close();
      }
      expect(await run.done).toMatchObject({ code: 0, stdout: "2\n" });
    }, 30_000);
  }
});

describe("mljs run --inspect-brk in a process whose inspector is already open", () => {
  it("uses that inspector (as under a VS Code launch configuration) and pauses on the first ML line", async () => {
    // `node --inspect-brk`: the debugger attaches before the CLI runs, as VS Code's does.
    const child = spawn(process.execPath, ["--inspect-brk=0", bin, "run", "--inspect-brk", "prog.ml"], { cwd: dir });
    children.push(child);
    let stderr = "";
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
    const url = await new Promise<string>((resolve) => child.stderr.setEncoding("utf8").on("data", (t: string) => {
      stderr += t;
      const m = /Debugger listening on (ws:\/\/\S+)/.exec(stderr);
      if (m !== null) resolve(m[1]!);
    }));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    const client = await InspectorClient.connect(url);
    try {
      await client.send("Debugger.enable");
      await client.send("Runtime.runIfWaitingForDebugger");
      const atNodeStart = ((await client.next("Debugger.paused")).params.callFrames as CallFrame[])[0]!;
      const launcher = client.events.find((e) => e.method === "Debugger.scriptParsed" && e.params.scriptId === atNodeStart.location.scriptId)!;
      expect(launcher.params.url).toMatch(/bin\/mljs\.(c?js)$/); // node's own pause, in the launcher
      await client.send("Debugger.resume");
      const first = ((await client.next("Debugger.paused")).params.callFrames as CallFrame[])[0]!;
      const parsed = client.events.find((e) => e.method === "Debugger.scriptParsed" && e.params.scriptId === first.location.scriptId)!;
      expect(originalPositionFor(mapOf(parsed), { line: first.location.lineNumber + 1, column: first.location.columnNumber }))
        .toMatchObject({ source: pathToFileURL(file).href, line: 1 });
      expect(stderr).toContain("inspector of this process is already open");
      await client.send("Debugger.resume");
      await new Promise<void>((resolve) => {
        const check = (): void => void (stderr.includes("Waiting for the debugger to disconnect") ? resolve() : setTimeout(check, 20));
        check();
      });
    } finally {
      client.close();
    }
    expect(await closed).toBe(0);
    expect(stdout).toBe("start\ntotal: 12\n");
  }, 30_000);
});

describe("mljs run --inspect", () => {
  it("listens, runs the program to the end without waiting, and reports errors at ML lines", async () => {
    const ok = start(["run", "--inspect=127.0.0.1:0", "prog.ml"]);
    expect(await ok.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    const end = await ok.done;
    expect(end).toMatchObject({ code: 0, stdout: "start\ntotal: 12\n" });

    // `mljs --inspect file.ml`, without `run`, as for every option of run.
    expect(mljs(dir, ["--inspect=0", "prog.ml"])).toMatchObject({ code: 0, stdout: "start\ntotal: 12\n" });

    writeFileSync(join(dir, "bad.ml"), "x = 1;\ny = [x];\nprint(y[5]);\n");
    const bad = mljs(dir, ["run", "--inspect=0", "bad.ml"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Debugger listening on ws://");
    expect(bad.stderr).toMatch(/IndexError[^]*bad\.ml:3/);
  }, 30_000);

  it("validates the option and what it is combined with (usage errors, exit 64)", async () => {
    for (const [args, message] of [
      [["--inspect=70000"], "--inspect expects [host:]port with a port from 0 to 65535"],
      [["--inspect-brk=localhost:x"], "--inspect-brk expects [host:]port"],
      [["--inspect=-1"], "--inspect expects [host:]port"],
      [["--inspect", "--timeout", "100"], "--inspect cannot be combined with --timeout"],
      [["--inspect-brk", "--sandbox"], "--inspect-brk cannot be combined with --sandbox"],
      [["--inspect", "--watch"], "--inspect cannot be combined with --watch"],
      [["--inspect", "--inspect-brk=0"], "either --inspect or --inspect-brk"],
    ] as const) {
      const r = mljs(dir, ["run", ...args, "prog.ml"]);
      expect(r.stderr).toContain(message);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe("");
    }
    // A port already taken: Node's own message, then the CLI's advice.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = mljs(dir, ["run", `--inspect=127.0.0.1:${port}`, "prog.ml"]);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain(`could not listen on 127.0.0.1:${port}`);
      expect(r.stdout).toBe("");
    } finally {
      server.close();
    }
  }, 30_000);

  it("is in the help of run", () => {
    const r = mljs(dir, ["help", "run"]);
    expect(r.stdout).toContain("--inspect[=[HOST:]PORT]");
    expect(r.stdout).toContain("--inspect-brk[=[HOST:]PORT]");
  });
});
