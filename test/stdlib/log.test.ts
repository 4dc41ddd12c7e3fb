import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mlFails } from "./ml.js";
import { capability, CapabilityContext, load, run, withCapabilities } from "../../src/index.js";
import { MLRuntimeError } from "../../src/host/errors.js";
import { MLError } from "../../src/runtime/errors.js";
import * as log from "../../src/stdlib/log.js";

/** Runs `body` after `import log;` and returns both output streams. */
async function output(body: string, options = {}): Promise<{ stdout: string; stderr: string }> {
  const r = await run({ source: `import log;\n${body}`, filename: "test.ml" }, options);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** Standard output of `body` (where log lines go, as in mlpy), with timestamps turned off first. */
async function plain(body: string, options = {}): Promise<string> {
  return (await output(`log.setTimestamp(false);\n${body}`, options)).stdout;
}

const fails = (body: string, options = {}) => mlFails(`import log;\n${body}`, options);

const dir = mkdtempSync(join(tmpdir(), "mljs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("log: text lines", () => {
  it("writes to standard output (as mlpy) with a local timestamp by default", async () => {
    const before = new Date();
    const { stdout, stderr } = await output(`log.info("server started", {"port": 8080});`);
    expect(stderr).toBe("");
    const m = /^\[(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\] INFO: server started \| port=8080\n$/.exec(stdout);
    expect(m).not.toBeNull();
    const [, y, mo, d, h, mi, s] = m!.map(Number);
    const logged = new Date(y!, mo! - 1, d!, h!, mi!, s!);
    expect(Math.abs(logged.getTime() - before.getTime())).toBeLessThan(5000);
  });

  it("every level, with WARNING for warn", async () => {
    expect(await plain(`log.setLevel("DEBUG"); log.debug("d"); log.info("i"); log.warn("w"); log.error("e"); log.critical("c");`))
      .toBe("DEBUG: d\nINFO: i\nWARNING: w\nERROR: e\nCRITICAL: c\n");
  });

  it("data is shown as k=v pairs separated by ', ' (as mlpy) with str() values", async () => {
    expect(await plain(`log.warn("slow", {"ms": 1.5, "path": "/a b", "tags": ["x", 1], "ok": true, "none": null});`))
      .toBe('WARNING: slow | ms=1.5, path=/a b, tags=["x", 1], ok=true, none=null\n');
    expect(await plain(`log.info("empty", {}); log.info("null data", null);`)).toBe("INFO: empty\nINFO: null data\n");
  });

  it("the message may be any value, shown with str()", async () => {
    expect(await plain(`log.info([1, "a"]); log.info(42); try { x = {}["k"]; } except (e) { log.error(e); }`))
      .toBe('INFO: [1, "a"]\nINFO: 42\nERROR: k\n');
  });

  it("prints nothing on standard error, and interleaves with print in program order", async () => {
    expect((await output(`log.error("x");`)).stderr).toBe("");
    expect(await plain(`print("a"); log.info("b"); print("c");`)).toBe("a\nINFO: b\nc\n");
  });
});

describe("log: levels", () => {
  it("INFO by default: debug messages are dropped", async () => {
    expect(await plain(`log.debug("hidden"); print(log.isDebug()); log.info("shown");`)).toBe("false\nINFO: shown\n");
    expect((await output(`print(log.isDebug(), log.is_debug());`)).stdout).toBe("false false\n");
  });

  it("setLevel / set_level, case-insensitive, WARN for WARNING", async () => {
    expect(await plain(`log.setLevel("warn"); log.info("no"); log.warn("yes"); log.set_level("Error"); log.warn("no"); log.error("yes");`))
      .toBe("WARNING: yes\nERROR: yes\n");
    expect(await plain(`log.setLevel("critical"); log.error("no"); log.critical("yes");`)).toBe("CRITICAL: yes\n");
    expect((await output(`log.setLevel("debug"); print(log.isDebug());`)).stdout).toBe("true\n");
  });

  it("an invalid level is a ValueError, a non-string a TypeError", async () => {
    expect(await fails(`log.setLevel("verbose");`)).toEqual({
      type: "ValueError", message: "Invalid log level 'verbose': use DEBUG, INFO, WARNING, ERROR or CRITICAL",
    });
    expect(await fails(`log.setLevel(10);`)).toEqual({ type: "TypeError", message: "log.setLevel() argument 1 must be a string, not number" });
  });

  it("data must be an object, checked even when the level drops the message", async () => {
    expect(await fails(`log.info("x", 5);`)).toEqual({ type: "TypeError", message: "log.info() argument 2 must be an object, not number" });
    expect(await fails(`log.debug("x", [1]);`)).toEqual({ type: "TypeError", message: "log.debug() argument 2 must be an object, not array" });
  });
});

describe("log: JSON lines", () => {
  it("one object per line with message, level, logger, timestamp, data", async () => {
    const { stdout } = await output(`log.setFormat("json"); log.info("hi", {"n": 1, "list": [1, "a"]}); log.error("bad");`);
    const lines = stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0])).toEqual(["message", "level", "logger", "timestamp", "data"]);
    expect(lines[0]).toMatchObject({ message: "hi", level: "INFO", logger: "default", data: { n: 1, list: [1, "a"] } });
    expect(new Date(lines[0].timestamp).toISOString()).toBe(lines[0].timestamp);
    expect(lines[1]).toMatchObject({ message: "bad", level: "ERROR", data: null });
  });

  it("mlpy's record: level WARN, logger default, no timestamp when off; set_format is case-insensitive", async () => {
    expect(await plain(`log.set_format("JSON"); log.warn("w"); log.critical("c");`))
      .toBe('{"message":"w","level":"WARN","logger":"default","data":null}\n{"message":"c","level":"CRITICAL","logger":"default","data":null}\n');
  });

  it("message is the str() of the value; functions in data become their display form", async () => {
    expect(await plain(`log.setFormat("json"); log.info([1], {"f": len});`))
      .toBe('{"message":"[1]","level":"INFO","logger":"default","data":{"f":"<function len>"}}\n');
  });

  it("data that contains itself is a ValueError", async () => {
    expect(await fails(`log.setFormat("json"); o = {}; o["self"] = o; log.info("x", o);`)).toEqual({
      type: "ValueError", message: "log.info(): data cannot be written as JSON (it contains itself)",
    });
    // Text lines show it as str() does.
    expect(await plain(`o = {}; o["self"] = o; log.info("x", o);`)).toBe('INFO: x | self={"self": {...}}\n');
  });

  it("large or widely shared data meets the run's limits in text and JSON lines", async () => {
    const shared = `a = ["x"]; for (i in range(30)) { a = [a, a]; }`;
    for (const [body, limits, message] of [
      [`log.setFormat("json"); ${shared} log.info("m", {"a": a});`, { timeMs: 200 }, "string length limit exceeded (max 100000000)"],
      [`log.setFormat("json"); log.info("m", {"a": [range(3000)] * 3000});`, { steps: 100_000 }, "step limit exceeded (100000 steps)"],
      [`log.info("m", {"a": [range(3000)] * 3000});`, { steps: 100_000 }, "step limit exceeded (100000 steps)"],
      [`log.info([range(3000)] * 3000);`, { steps: 100_000 }, "step limit exceeded (100000 steps)"],
    ] as const) {
      const start = performance.now();
      expect(await fails(body, { limits })).toEqual({ type: "LimitError", message });
      expect(performance.now() - start).toBeLessThan(3_000);
    }
  });

  it("setFormat back to text; invalid formats are a ValueError", async () => {
    expect(await plain(`log.setFormat("json"); log.setFormat("text"); log.info("t");`)).toBe("INFO: t\n");
    expect(await fails(`log.setFormat("xml");`)).toEqual({ type: "ValueError", message: `Invalid log format 'xml': use "text" or "json"` });
    expect(await fails(`log.setTimestamp("no");`)).toEqual({ type: "TypeError", message: "log.setTimestamp() argument 1 must be a boolean, not string" });
  });

  it("set_timestamp turns the bracket part on and off", async () => {
    const { stdout } = await output(`log.set_timestamp(false); log.info("a"); log.set_timestamp(true); log.info("b");`);
    expect(stdout).toMatch(/^INFO: a\n\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] INFO: b\n$/);
  });
});

describe("log: loggers", () => {
  it("createLogger / create_logger: a named logger with its own level", async () => {
    const { stdout } = await output(`
      log.setTimestamp(false);
      db = log.createLogger("db");
      db.setLevel("DEBUG");
      db.debug("query", {"ms": 3});
      log.debug("root stays at INFO");
      print(db.isDebug(), db.is_debug(), log.isDebug());
      print(db, typeof(db), db.name, log.create_logger("db") == db, log.createLogger("other") == db);
    `);
    expect(stdout).toBe("DEBUG: query | ms=3\ntrue true false\n<Logger db (DEBUG)> Logger db true false\n");
  });

  it("a logger follows the module's settings it has not set itself", async () => {
    const { stdout } = await output(`
      api = log.createLogger("api");
      log.setTimestamp(false);
      log.setLevel("ERROR");
      api.warn("dropped");
      api.error("kept");
      api.setLevel("info");
      api.set_timestamp(false);
      api.set_format("json");
      api.info("mine");
      log.info("root dropped");
      log.error("root text");
    `);
    expect(stdout).toBe(
      "ERROR: kept\n" +
      '{"message":"mine","level":"INFO","logger":"api","data":null}\n' +
      "ERROR: root text\n",
    );
  });

  it("methods check their arguments like the module functions", async () => {
    expect(await fails(`l = log.createLogger("x"); l.setLevel("loud");`)).toMatchObject({ type: "ValueError" });
    expect(await fails(`l = log.createLogger("x"); l.info("m", "d");`)).toEqual({
      type: "TypeError", message: "Logger.info() argument 2 must be an object, not string",
    });
    expect(await fails(`l = log.createLogger("x"); l.info();`)).toMatchObject({ type: "TypeError" });
    expect(await fails(`log.createLogger(1);`)).toEqual({ type: "TypeError", message: "log.createLogger() argument 1 must be a string, not number" });
  });

  it("methods() lists the members ML may use", async () => {
    const { stdout } = await output(`print(methods(log.createLogger("x")));`);
    expect(stdout).toBe(
      '["addFile", "add_file", "critical", "debug", "error", "formatType", "format_type", "includeTimestamp", "include_timestamp", "info", "isDebug", "is_debug", "name", "setFormat", "setLevel", "setTimestamp", "set_format", "set_level", "set_timestamp", "warn"]\n',
    );
  });

  it("format_type / include_timestamp (mlpy's attributes; also formatType / includeTimestamp) follow the logger's settings", async () => {
    const { stdout } = await output(`
      l = log.createLogger("x");
      print(l.format_type, l.include_timestamp, l.formatType, l.includeTimestamp);
      log.setFormat("json");
      l.set_timestamp(false);
      print(l.format_type, l.include_timestamp);
      l.setFormat("text");
      print(l.formatType, log.createLogger("y").format_type);
    `);
    expect(stdout).toBe("text true text true\njson false\ntext json\n");
  });

  it("a Logger returned to the host is an instance with a JSON form", async () => {
    const r = await run({ source: `import log; l = log.createLogger("svc"); l.setLevel("warning");`, filename: "test.ml" });
    const logger = r.exports.l;
    expect(logger).toBeInstanceOf(log.Logger);
    expect(JSON.stringify(logger)).toBe('{"name":"svc","level":"WARNING"}');
    expect(String(logger)).toBe("<Logger svc (WARNING)>");
    expect(Object.isFrozen(logger)).toBe(true);
  });
});

describe("log: per-run state", () => {
  it("a second run starts from the default level, format and timestamps", async () => {
    const first = await output(`log.setLevel("DEBUG"); log.setFormat("json"); log.setTimestamp(false); l = log.createLogger("a"); l.setLevel("ERROR"); log.debug("one");`);
    expect(first.stdout).toBe('{"message":"one","level":"DEBUG","logger":"default","data":null}\n');
    const second = await output(`log.debug("hidden"); log.info("two"); l = log.createLogger("a"); l.warn("three"); print(log.isDebug());`);
    expect(second.stdout).toMatch(/^\[[^\]]+\] INFO: two\n\[[^\]]+\] WARNING: three\nfalse\n$/);
  });

  it("two programs loaded at once keep separate settings", async () => {
    const a = await load({ source: `import log; function go() { log.info("from a"); } log.setLevel("ERROR");`, filename: "a.ml" });
    const bErr: string[] = [];
    const b = await load(
      { source: `import log; function go() { log.info("from b"); } log.setTimestamp(false);`, filename: "b.ml" },
      { stdout: (t) => void bErr.push(t) },
    );
    (b.exports.go as () => void)();
    (a.exports.go as () => void)();
    expect(bErr.join("")).toBe("INFO: from b\n");
  });

  it("the message length is checked against the string limit", async () => {
    expect(await fails(`log.info("x" * 50);`, { limits: { maxStringLength: 40 } })).toMatchObject({ type: "LimitError" });
  });
});

describe("log: addFile", () => {
  const grant = (patterns: string[]) => ({ capabilities: [capability("file.write", { resources: patterns })] });

  it("is denied without file.write", async () => {
    const path = join(dir, "denied.log");
    expect(await fails(`log.addFile(${JSON.stringify(path)});`)).toMatchObject({
      type: "CapabilityError",
      message: expect.stringContaining("log.addFile() requires capability 'file.write'"),
    });
    expect(existsSync(path)).toBe(false);
  });

  it("is denied for a path outside the granted patterns", async () => {
    const allowed = join(dir, "allowed");
    mkdirSync(allowed, { recursive: true });
    const outside = join(dir, "outside.log");
    const e = await fails(`log.add_file(${JSON.stringify(outside)});`, grant([allowed + "/**"]));
    expect(e.type).toBe("CapabilityError");
    expect(e.message).toContain(`'${outside}' matches none of the granted patterns`);
    expect(existsSync(outside)).toBe(false);
  });

  it("appends every later line to the file, creating parent directories", async () => {
    const path = join(dir, "logs", "nested", "app.log");
    const { stdout } = await output(
      `log.setTimestamp(false); log.info("before"); log.addFile(${JSON.stringify(path)}); log.info("after", {"k": 1}); ` +
      `w = log.createLogger("worker"); w.error("from logger"); log.debug("dropped");`,
      grant([dir + "/**"]),
    );
    expect(stdout).toBe("INFO: before\nINFO: after | k=1\nERROR: from logger\n");
    expect(readFileSync(path, "utf8")).toBe("INFO: after | k=1\nERROR: from logger\n");
  });

  it("appends to an existing file, once even if added twice, in the current format", async () => {
    const path = join(dir, "existing.log");
    writeFileSync(path, "old line\n");
    await output(
      `log.setTimestamp(false); log.setFormat("json"); log.add_file(${JSON.stringify(path)}); log.addFile(${JSON.stringify(path)}); log.warn("new");`,
      grant([dir + "/**"]),
    );
    expect(readFileSync(path, "utf8")).toBe('old line\n{"message":"new","level":"WARN","logger":"default","data":null}\n');
  });

  it("a log file swapped for a symbolic link after addFile is not written through the link", async () => {
    const path = join(dir, "swapped.log");
    const target = join(dir, "target-outside.txt");
    writeFileSync(target, "untouched\n");
    const p = await load(
      { source: `import log;\nfunction start(p) { log.setTimestamp(false); log.addFile(p); }\nfunction write() { log.info("line"); }`, filename: "swap.ml" },
      { ...grant([dir + "/**"]), stdout: () => undefined },
    );
    const { start, write } = p.exports as Record<string, (...a: unknown[]) => unknown>;
    withCapabilities(grant([dir + "/**"]).capabilities, () => start!(path));
    rmSync(path);
    symlinkSync(target, path);
    expect(() => withCapabilities(grant([dir + "/**"]).capabilities, () => write!())).toThrow(/swapped\.log/);
    expect(readFileSync(target, "utf8")).toBe("untouched\n");
  });

  it("Logger.add_file / addFile: that logger's later lines (and only them) go to the file", async () => {
    const path = join(dir, "logger", "db.log");
    const both = join(dir, "logger", "both.log");
    const { stdout } = await output(
      `log.setTimestamp(false); db = log.createLogger("db"); db.info("before"); db.add_file(${JSON.stringify(path)}); ` +
      `db.warn("slow", {"ms": 9}); log.info("root line"); log.createLogger("other").error("other line"); ` +
      `db.addFile(${JSON.stringify(path)}); log.addFile(${JSON.stringify(both)}); db.addFile(${JSON.stringify(both)}); db.error("twice added");`,
      grant([dir + "/**"]),
    );
    expect(stdout).toBe("INFO: before\nWARNING: slow | ms=9\nINFO: root line\nERROR: other line\nERROR: twice added\n");
    expect(readFileSync(path, "utf8")).toBe("WARNING: slow | ms=9\nERROR: twice added\n");
    expect(readFileSync(both, "utf8")).toBe("ERROR: twice added\n");
  });

  it("Logger.addFile needs file.write for the path, when added and at each line", async () => {
    const path = join(dir, "logger-denied.log");
    expect(await fails(`log.createLogger("a").addFile(${JSON.stringify(path)});`)).toMatchObject({
      type: "CapabilityError",
      message: expect.stringContaining("addFile() requires capability 'file.write'"),
    });
    expect(existsSync(path)).toBe(false);
    const program = await load(
      { source: `import log;\nl = log.createLogger("a");\nl.setTimestamp(false);\nl.add_file(${JSON.stringify(path)});\nfunction note(m) { l.info(m); }`, filename: "test.ml" },
      { ...grant([dir + "/**"]), stdout: () => undefined },
    );
    const note = program.exports.note as (m: string) => unknown;
    expect(() => new CapabilityContext({ isolated: true }).run(() => note("leak"))).toThrow("requires capability 'file.write'");
    withCapabilities(grant([dir + "/**"]).capabilities, () => note("granted"));
    expect(readFileSync(path, "utf8")).toBe("INFO: granted\n");
  });

  it("files belong to the run that added them", async () => {
    const path = join(dir, "run1.log");
    await output(`log.setTimestamp(false); log.addFile(${JSON.stringify(path)}); log.info("one");`, grant([dir + "/**"]));
    await output(`log.info("two");`, grant([dir + "/**"]));
    expect(readFileSync(path, "utf8")).toBe("INFO: one\n");
  });

  it("a path that cannot be written is an ML error naming the path as written", async () => {
    const sub = join(dir, "is-a-dir");
    mkdirSync(sub, { recursive: true });
    expect(await fails(`log.addFile(${JSON.stringify(sub)});`, grant([dir + "/**"]))).toEqual({
      type: "ValueError", message: `Is a directory: ${sub}`,
    });
  });

  it("a later write failure is an ML error too", async () => {
    const gone = join(dir, "gone");
    const path = join(gone, "app.log");
    const program = await load(
      { source: `import log; log.addFile(${JSON.stringify(path)}); function note() { log.info("x"); }`, filename: "test.ml" },
      grant([dir + "/**"]),
    );
    rmSync(gone, { recursive: true });
    expect(() => withCapabilities(grant([dir + "/**"]).capabilities, () => (program.exports.note as () => void)())).toThrow(
      `File not found: ${path}`,
    );
  });

  describe("every line written to a file is checked under the capabilities current then", () => {
    /** Loads a program that adds `path` at its top level (under `tokens`) and exports `note(message)`. */
    async function loaded(path: string, tokens: ReturnType<typeof capability>[]) {
      const lines: string[] = [];
      const program = await load(
        { source: `import log;\nlog.setTimestamp(false);\nlog.addFile(${JSON.stringify(path)});\nfunction note(m) { log.info(m); }\nfunction quiet(m) { log.debug(m); }`, filename: "test.ml" },
        { capabilities: tokens, stdout: (t) => void lines.push(t) },
      );
      const { note, quiet } = program.exports as Record<string, (m: string) => unknown>;
      return { note: note!, quiet: quiet!, lines };
    }
    const errorOf = (f: () => unknown): { type: string; message: string } => {
      try {
        f();
      } catch (e) {
        if (e instanceof MLRuntimeError) return { type: e.mlType, message: e.mlMessage };
        throw e;
      }
      throw new Error("no error");
    };

    it("a later call under an isolated, empty context writes nothing, anywhere", async () => {
      const path = join(dir, "isolated.log");
      const { note, lines } = await loaded(path, grant([dir + "/**"]).capabilities);
      const empty = new CapabilityContext({ name: "request", isolated: true });
      expect(errorOf(() => empty.run(() => note("leak")))).toEqual({
        type: "CapabilityError",
        message: "log.info() requires capability 'file.write': this run was not granted it",
      });
      expect(readFileSync(path, "utf8")).toBe("");
      expect(lines).toEqual([]);
      // Under a grant for the file, the same call writes.
      withCapabilities(grant([dir + "/**"]).capabilities, () => note("granted"));
      expect(readFileSync(path, "utf8")).toBe("INFO: granted\n");
    });

    it("a grant for other paths does not cover the file added earlier", async () => {
      const path = join(dir, "other.log");
      const { note } = await loaded(path, grant([dir + "/**"]).capabilities);
      const elsewhere = grant([join(dir, "elsewhere") + "/**"]).capabilities;
      expect(errorOf(() => withCapabilities(elsewhere, () => note("x")))).toEqual({
        type: "CapabilityError",
        message: `log.info() requires capability 'file.write': '${path}' matches none of the granted patterns (${join(dir, "elsewhere")}/**)`,
      });
      expect(readFileSync(path, "utf8")).toBe("");
    });

    it("each line counts one use of the grant, and maxUses ends the writes", async () => {
      const path = join(dir, "uses.log");
      const token = capability("file.write", { resources: [dir + "/**"], maxUses: 3 });
      const { note } = await loaded(path, [token]); // addFile: one use
      withCapabilities([token], () => note("one"));
      withCapabilities([token], () => note("two"));
      expect(errorOf(() => withCapabilities([token], () => note("three")))).toEqual({
        type: "CapabilityError",
        message: "log.info() requires capability 'file.write': the grant's 3 uses are spent",
      });
      expect(readFileSync(path, "utf8")).toBe("INFO: one\nINFO: two\n");
    });

    it("an expired grant ends the writes", async () => {
      const path = join(dir, "expiry.log");
      const token = capability("file.write", { resources: [dir + "/**"], expiresIn: 100 });
      const { note } = await loaded(path, [token]);
      withCapabilities([token], () => note("before"));
      await new Promise((r) => setTimeout(r, 150));
      expect(errorOf(() => withCapabilities([token], () => note("after")))).toMatchObject({
        type: "CapabilityError",
        message: expect.stringMatching(/^log\.info\(\) requires capability 'file\.write': the grant expired at /),
      });
      expect(readFileSync(path, "utf8")).toBe("INFO: before\n");
    });

    it("a line the level drops writes nothing and needs nothing", async () => {
      const path = join(dir, "dropped.log");
      const { quiet, lines } = await loaded(path, grant([dir + "/**"]).capabilities);
      new CapabilityContext({ isolated: true }).run(() => quiet("dropped"));
      expect(lines).toEqual([]);
      expect(readFileSync(path, "utf8")).toBe("");
    });
  });

  it("host calls are denied outside a capability context and allowed inside one", () => {
    const path = join(dir, "host.log");
    expect(() => log.addFile(path)).toThrow(MLError);
    expect(() => log.addFile(path)).toThrow("requires capability 'file.write'");
    withCapabilities([capability("file.write", { resources: [dir + "/**"] })], () => log.addFile(path));
    expect(existsSync(path)).toBe(true);
  });

  it("requires file.write, as help and requiredCapabilities say", async () => {
    const { stdout } = await output(`print(requiredCapabilities(log.addFile), requiredCapabilities(log.info)); print(help(log.setLevel));`);
    expect(stdout).toBe(
      '["file.write"] []\n' +
      "log.setLevel(level)\nSets the lowest level logged: DEBUG, INFO, WARNING (or WARN), ERROR or CRITICAL, in any case.\nCapabilities: none required\n",
    );
  });
});
