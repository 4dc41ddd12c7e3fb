import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/index.js";
import { withCapabilities } from "../../src/capabilities/context.js";
import { MLError } from "../../src/runtime/errors.js";
import * as args from "../../src/stdlib/args.js";
import { ArgParser, ParsedArgs } from "../../src/stdlib/args.js";
import { ml, mlFails } from "./ml.js";

const VECTOR = ["--verbose", "in.txt", "out.txt"];
const READ = { capabilities: ["args.read"], args: VECTOR };

/** An ML parser declaration used by several tests. */
const PARSER = `import args;
  p = args.createParser("prog", "Copies files.");
  p.addFlag("verbose", "talk more");
  p.add_flag("q");
  p.addOption("output", "where to write", "out.txt");
  p.add_option("n");
  p.addPositional("src", "source file");
  p.add_positional("dst", "destination", false);
`;

describe("args: the argument vector", () => {
  it("all, script and rest", async () => {
    expect(await ml('import args; print(args.all()); print(args.rest()); print(args.script().endswith("test.ml"));', READ)).toBe(
      '["--verbose", "in.txt", "out.txt"]\n["in.txt", "out.txt"]\ntrue\n',
    );
    expect(await ml("import args; print(args.all(), args.rest());", { capabilities: ["args.read"] })).toBe("[] []\n");
  });

  it("script is the entry script's path when run from a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mljs-"));
    try {
      const script = join(dir, "main.ml");
      writeFileSync(script, "import args; print(args.script());");
      expect((await run(script, { capabilities: ["args.read"] })).stdout).toBe(`${script}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("all returns a copy the program may change", async () => {
    expect(await ml('import args; a = args.all(); a.append("x"); print(len(args.all()), len(a));', READ)).toBe("3 4\n");
  });

  for (const fn of ["all", "script", "rest"]) {
    it(`${fn} needs args.read`, async () => {
      expect(await mlFails(`import args; args.${fn}();`, { args: VECTOR })).toEqual({
        type: "CapabilityError",
        message: `args.${fn}() requires capability 'args.read': this run was not granted it`,
      });
    });
  }
});

describe("args: ArgParser", () => {
  it("parses flags, options and positionals from the program's arguments", async () => {
    const out = await ml(
      `${PARSER}
       r = p.parse();
       print(r.get("verbose"), r.get("q"), r.get("output"), r.get("n"), r.get("src"), r.get("dst"));
       print(r.flags(), r.options(), r.positionals());
       print(r.has("verbose"), r.has("q"), r.has("output"), r.has("src"), r.has("dst"));`,
      { capabilities: ["args.read"], args: ["--verbose", "a.txt"] },
    );
    expect(out).toBe(
      "true false out.txt null a.txt null\n" +
        '{"verbose": true, "q": false} {"output": "out.txt", "n": null} ["a.txt"]\n' +
        "true false false true false\n",
    );
  });

  it("parses an explicit argv without any capability", async () => {
    const out = await ml(
      `${PARSER}
       r = p.parse(["-q", "--output=o.csv", "-n", "5", "a", "b", "extra"]);
       print(r.getBool("q"), r.get("output"), r.get("n"), r.get("src"), r.get("dst"), r.positionals());`,
    );
    expect(out).toBe('true o.csv 5 a b ["a", "b", "extra"]\n');
  });

  it("--opt value, -n value, -nVALUE, combined short flags, '--', '-' and negative numbers", async () => {
    const out = await ml(
      `import args;
       p = args.createParser("t");
       p.addFlag("a"); p.addFlag("b"); p.addOption("n"); p.addOption("level");
       r = p.parse(["-ab", "-n7", "--level", "3", "-", "-5", "--", "--not-an-option", "-a"]);
       print(r.flags(), r.options(), r.positionals());
       print(p.parse(["-bn", "x"]).options(), p.parse(["-n=y"]).get("n"));`,
    );
    expect(out).toBe('{"a": true, "b": true} {"n": "7", "level": "3"} ["-", "-5", "--not-an-option", "-a"]\n{"n": "x", "level": null} y\n');
  });

  it("the last occurrence of an option wins", async () => {
    expect(await ml('import args; p = args.createParser("t"); p.addOption("xy"); print(p.parse(["--xy", "1", "--xy=2"]).get("xy"));')).toBe("2\n");
  });

  it("errors: unknown option, missing value, missing positional", async () => {
    expect(await mlFails(`${PARSER} p.parse(["--x", "a"]);`)).toEqual({ type: "ValueError", message: "Unknown option: --x" });
    expect(await mlFails(`${PARSER} p.parse(["--x=1", "a"]);`)).toEqual({ type: "ValueError", message: "Unknown option: --x" });
    expect(await mlFails(`${PARSER} p.parse(["-z", "a"]);`)).toEqual({ type: "ValueError", message: "Unknown option: -z" });
    expect(await mlFails(`${PARSER} p.parse(["a", "--output"]);`)).toEqual({ type: "ValueError", message: "Option --output requires a value" });
    expect(await mlFails(`${PARSER} p.parse(["--output", "--verbose", "a"]);`)).toEqual({
      type: "ValueError",
      message: "Option --output requires a value",
    });
    expect(await mlFails(`${PARSER} p.parse(["a", "-n"]);`)).toEqual({ type: "ValueError", message: "Option -n requires a value" });
    expect(await mlFails(`${PARSER} p.parse(["--verbose"]);`)).toEqual({ type: "ValueError", message: "Required positional argument missing: src" });
    expect(await mlFails(`${PARSER} p.parse(["--verbose=yes", "a"]);`)).toEqual({ type: "ValueError", message: "Flag --verbose does not take a value" });
  });

  it("errors are catchable", async () => {
    expect(await ml(`${PARSER} try { p.parse([]); } except (e) { print(e.type + ": " + e.message); }`)).toBe(
      "ValueError: Required positional argument missing: src\n",
    );
  });

  it("declaration errors", async () => {
    expect(await mlFails('import args; p = args.createParser("t"); p.addFlag("v"); p.addOption("v");')).toEqual({
      type: "ValueError",
      message: "Argument v is already defined",
    });
    expect(await mlFails('import args; p = args.createParser("t"); p.addFlag("--");')).toEqual({
      type: "ValueError",
      message: "Invalid flag name: '--' (a letter, then letters, digits, '_' or '-', optionally after '-' or '--')",
    });
    expect(await mlFails('import args; p = args.createParser("t"); p.addPositional("-x");')).toMatchObject({ type: "ValueError" });
    expect(await mlFails('import args; p = args.createParser("t"); p.addPositional("a", "", false); p.addPositional("b");')).toEqual({
      type: "ValueError",
      message: "Required positional argument b cannot follow an optional one",
    });
    expect(await mlFails('import args; p = args.createParser("t"); p.parse([1]);')).toEqual({
      type: "TypeError",
      message: "ArgParser.parse() argv must hold strings, found number at index 0",
    });
    expect(await mlFails('import args; p = args.createParser("t"); p.addFlag(1);')).toEqual({
      type: "TypeError",
      message: "ArgParser.addFlag() argument 1 must be a string, not number",
    });
    expect(await mlFails("import args; args.createParser();")).toEqual({
      type: "TypeError",
      message: "args.createParser() takes from 1 to 2 arguments but 0 were given",
    });
  });

  it("add* methods return the parser, so they chain", async () => {
    const out = await ml('import args; p = args.create_parser("t").addFlag("v").addOption("o").addPositional("f"); print(p.parse(["-v", "x"]).get("f"));');
    expect(out).toBe("x\n");
  });

  it("getBool reads flags and yes/no option values", async () => {
    const out = await ml(
      `import args; p = args.createParser("t"); p.addFlag("f"); p.addOption("color"); p.addOption("d", "", true);
       r = p.parse(["--color", "NO"]);
       print(r.getBool("f"), r.get_bool("color"), r.getBool("d"), r.getBool("missing"), r.getBool("missing", true));
       print(p.parse(["--color=on"]).getBool("color"));`,
    );
    expect(out).toBe("false false true false true\ntrue\n");
    expect(await mlFails('import args; p = args.createParser("t"); p.addOption("c"); p.parse(["-c", "blue"]).getBool("c");')).toEqual({
      type: "ValueError",
      message: "Argument c is not a valid boolean: 'blue'",
    });
  });

  it("get with a default", async () => {
    const out = await ml('import args; p = args.createParser("t"); p.addOption("o"); r = p.parse([]); print(r.get("o", "d"), r.get("undeclared", 1), r.get("undeclared"));');
    expect(out).toBe("d 1 null\n");
  });

  it("help() is argparse-style usage text", async () => {
    const out = await ml(`${PARSER} print(p.help());`);
    expect(out).toBe(
      [
        "usage: prog [--verbose] [-q] [--output OUTPUT] [-n N] src [dst]",
        "",
        "Copies files.",
        "",
        "positional arguments:",
        "  src  source file",
        "  dst  destination",
        "",
        "options:",
        "  --verbose        talk more",
        "  -q",
        '  --output OUTPUT  where to write (default: "out.txt")',
        "  -n N",
        "",
        "",
      ].join("\n"),
    );
  });

  it("parse() without argv needs args.read; with argv it does not", async () => {
    expect(await mlFails(`${PARSER} p.parse();`, { args: VECTOR })).toEqual({
      type: "CapabilityError",
      message: "args.parse() requires capability 'args.read': this run was not granted it",
    });
    expect(await ml(`${PARSER} print(p.parse(["a"]).get("src"));`)).toBe("a\n");
  });

  it("display, typeof and methods", async () => {
    const out = await ml(`${PARSER} r = p.parse(["a"]); print(p); print(typeof(p), typeof(r)); print(methods(p)); print(methods(r)); print(r);`);
    expect(out).toBe(
      "<ArgParser prog>\n" +
        "ArgParser ParsedArgs\n" +
        '["addFlag", "addOption", "addPositional", "add_flag", "add_option", "add_positional", "help", "parse"]\n' +
        '["flags", "get", "getBool", "get_bool", "has", "options", "positionals"]\n' +
        'ParsedArgs(flags={"verbose": false, "q": false}, options={"output": "out.txt", "n": null}, positionals=["a"])\n',
    );
  });

  it("help and requiredCapabilities of the module functions", async () => {
    const out = await ml("import args; print(help(args.createParser)); print(requiredCapabilities(args.all), requiredCapabilities(args.create_parser));");
    expect(out).toContain("args.createParser(name, description=\"\")");
    expect(out).toContain('["args.read"] []');
  });
});

describe("args: host side", () => {
  it("instances are exported classes with JSON forms", async () => {
    const r = await run({ source: `${PARSER} parser = p; parsed = p.parse(["-q", "a"]);`, filename: "t.ml" });
    const parser = r.exports.parser;
    const parsed = r.exports.parsed;
    expect(parser).toBeInstanceOf(ArgParser);
    expect(parsed).toBeInstanceOf(ParsedArgs);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual({
      flags: { verbose: false, q: true },
      options: { output: "out.txt", n: null },
      positionals: ["a"],
    });
    expect(JSON.parse(JSON.stringify(parser))).toEqual({
      name: "prog",
      description: "Copies files.",
      flags: [
        { name: "verbose", help: "talk more" },
        { name: "q", help: "" },
      ],
      options: [
        { name: "output", help: "where to write", default: "out.txt" },
        { name: "n", help: "", default: null },
      ],
      positionals: [
        { name: "src", help: "source file", required: true },
        { name: "dst", help: "destination", required: false },
      ],
    });
    expect(Object.isFrozen(parsed)).toBe(true);
  });

  it("host calls of args.read functions are denied outside a context", () => {
    expect(() => args.all()).toThrow(MLError);
    expect(withCapabilities(["args.read"], () => args.all())).toEqual([]);
    const p = args.createParser("h");
    expect(() => (p as ArgParser).parse()).toThrow(MLError);
    expect((p as ArgParser).addFlag("v").parse(["-v"]).get("v")).toBe(true);
  });
});
