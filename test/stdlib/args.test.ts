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
  p.addPositional("src", "source file", true);
  p.add_positional("dst", "destination", false);
`;

describe("args: the argument vector", () => {
  it("all, script and rest", async () => {
    expect(await ml('import args; print(args.all()); print(args.rest()); print(args.script().endswith("test.ml"));', READ)).toBe(
      `${JSON.stringify([join(process.cwd(), "test.ml"), ...VECTOR]).replaceAll(",", ", ")}\n["--verbose", "in.txt", "out.txt"]\ntrue\n`,
    );
    expect(await ml("import args; print(args.all()[1:], args.rest(), args.all()[0] == args.script());", { capabilities: ["args.read"] })).toBe(
      "[] [] true\n",
    );
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
    expect(await ml('import args; a = args.all(); a.append("x"); print(len(args.all()), len(a));', READ)).toBe("4 5\n");
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
        '{"verbose": true} {"output": "out.txt"} ["a.txt"]\n' +
        "true false true true false\n",
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
       print(p.parse(["-bn", "x"]).options(), p.parse(["-n=y"]).get("n"), p.parse(["-b"]).flags());`,
    );
    expect(out).toBe('{"a": true, "b": true} {"n": "7", "level": "3"} ["-", "-5", "--not-an-option", "-a"]\n{"n": "x"} y {"b": true}\n');
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
    expect(await mlFails('import args; p = args.createParser("t"); p.addFlag("verbose", "v", ""); p.addOption("value", "-v", "", null);')).toEqual({
      type: "ValueError",
      message: "Short name -v is already used",
    });
    expect(await mlFails('import args; p = args.createParser("t"); p.add_flag("verbose", "vv", "");')).toEqual({
      type: "ValueError",
      message: "Invalid short name for verbose: 'vv' (one letter or digit, optionally after '-')",
    });
    expect(await mlFails('import args; p = args.createParser("t"); p.parse([1]);')).toEqual({
      type: "TypeError",
      message: "ArgParser.parse() argv must hold strings, found number at index 0",
    });
    expect(await mlFails('import args; p = args.createParser("t"); p.addFlag(1);')).toEqual({
      type: "TypeError",
      message: "ArgParser.addFlag() argument 1 must be a string, not number",
    });
    expect(await mlFails("import args; args.createParser(1);")).toEqual({
      type: "TypeError",
      message: "args.createParser() argument 1 must be a string, not number",
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
        '["addFlag", "addOption", "addPositional", "add_flag", "add_option", "add_positional", "description", "flags", "help", "name", "options", "parse", "positionals"]\n' +
        '["flags", "get", "getBool", "get_bool", "has", "options", "positionals"]\n' +
        'ParsedArgs(flags={}, options={"output": "out.txt"}, positionals=["a"])\n',
    );
  });

  it("help and requiredCapabilities of the module functions", async () => {
    const out = await ml("import args; print(help(args.createParser)); print(requiredCapabilities(args.all), requiredCapabilities(args.create_parser));");
    expect(out).toContain("args.createParser(name=\"\", description=\"\")");
    expect(out).toContain('["args.read"] []');
  });
});

describe("args: mlpy's call forms", () => {
  it("create_parser() without a name, add_flag(name, short, help), add_option(name, short, help, default)", async () => {
    const out = await ml(`import args;
      p = args.create_parser();
      p.add_flag("verbose", "v", "talk more");
      p.addFlag("quiet", "-q", "talk less");
      p.add_flag("dry", "", "no changes");
      p.add_option("output", "o", "where to write", "out.txt");
      p.addOption("level", null, "how much", "1");
      p.add_positional("src", "source");
      r = p.parse(["-v", "-o", "x.txt", "--quiet", "a"]);
      print(r.get("verbose"), r.get("quiet"), r.get("dry"), r.get("output"), r.get("level"), r.get("src"));
      print(p.parse(["-vq", "-ofile"]).flags(), p.parse([]).get("src"));
      print(p.help());`);
    expect(out).toBe(
      "true true false x.txt 1 a\n" +
        '{"verbose": true, "quiet": true} null\n' +
        [
          "usage: [--verbose] [--quiet] [--dry] [--output OUTPUT] [--level LEVEL] [src]",
          "",
          "positional arguments:",
          "  src  source",
          "",
          "options:",
          "  -v, --verbose        talk more",
          "  -q, --quiet          talk less",
          "  --dry                no changes",
          '  -o, --output OUTPUT  where to write (default: "out.txt")',
          '  --level LEVEL        how much (default: "1")',
          "",
          "",
        ].join("\n"),
    );
  });

  it("add_positional is optional by default; required=true makes it required", async () => {
    expect(await ml('import args; p = args.createParser("t"); p.addPositional("a"); p.add_positional("b", "", true); print(p.parse(["x", "y"]).get("b"));')).toBe(
      "y\n",
    );
    expect(await ml('import args; p = args.createParser(); p.add_positional("f", "file"); r = p.parse([]); print(r.get("f"), r.has("f"));')).toBe(
      "null false\n",
    );
    expect(await mlFails('import args; p = args.createParser(); p.add_positional("f", "file", true); p.parse([]);')).toEqual({
      type: "ValueError",
      message: "Required positional argument missing: f",
    });
  });

  it("ArgParser attributes name, description, flags, options, positionals", async () => {
    const out = await ml(`import args;
      p = args.create_parser("prog", "Does things.");
      p.add_flag("verbose", "v", "talk");
      p.add_option("out", "o", "dest", "x");
      p.add_positional("src", "source", true);
      print(p.name, p.description);
      print(p.flags, p.options);
      print(p.positionals);`);
    expect(out).toBe(
      "prog Does things.\n" +
        '{"verbose": {"short": "v", "help": "talk"}} {"out": {"short": "o", "help": "dest", "default": "x"}}\n' +
        '[{"name": "src", "help": "source", "required": true}]\n',
    );
  });

  it("ParsedArgs.has is true for options filled from defaults; flags()/options() as mlpy", async () => {
    const out = await ml(`import args;
      p = args.createParser("t"); p.add_flag("v", "", ""); p.add_flag("w", "", ""); p.add_option("o", "", "", "d"); p.add_option("n", "", "", null);
      r = p.parse(["-w"]);
      print(r.has("o"), r.has("n"), r.has("v"), r.has("w"));
      print(r.flags(), r.options());`);
    expect(out).toBe('true false false true\n{"w": true} {"o": "d"}\n');
  });

  it("-h / --help set an automatic help flag unless the program declares its own", async () => {
    const out = await ml(`import args;
      p = args.create_parser("t"); p.add_flag("verbose", "v", "");
      print(p.parse(["--help"]).get("help"), p.parse(["-vh"]).flags(), p.parse([]).has("help"));
      q = args.create_parser("u"); q.add_option("host", "h", "host name", null);
      print(q.parse(["-h", "x"]).get("host"));`);
    expect(out).toBe('true {"verbose": true, "help": true} false\nx\n');
  });

  it("all() is the script's path followed by the arguments, rest() the arguments (sys.argv and sys.argv[1:])", async () => {
    const out = await ml('import args; a = args.all(); print(a[0] == args.script(), a[1:], args.rest());', READ);
    expect(out).toBe('true ["--verbose", "in.txt", "out.txt"] ["--verbose", "in.txt", "out.txt"]\n');
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
        { name: "verbose", short: "", help: "talk more" },
        { name: "q", short: "", help: "" },
      ],
      options: [
        { name: "output", short: "", help: "where to write", default: "out.txt" },
        { name: "n", short: "", help: "", default: null },
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
    expect(withCapabilities(["args.read"], () => args.all())).toEqual([""]);
    expect(withCapabilities(["args.read"], () => args.rest())).toEqual([]);
    const p = args.createParser("h");
    expect(() => (p as ArgParser).parse()).toThrow(MLError);
    expect((p as ArgParser).addFlag("v").parse(["-v"]).get("v")).toBe(true);
  });
});
