import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mljs, scratchDir } from "./helpers.js";

let dir: string;
beforeAll(() => {
  dir = scratchDir("commands-");
  writeFileSync(join(dir, "hello.ml"), 'print("hello");\n');
  writeFileSync(join(dir, "argv.ml"), "import args;\nprint(args.rest());\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ways to run a program", () => {
  it("mljs -e CODE runs CODE; the last ';' may be left out", () => {
    const r = mljs(dir, ["-e", "print(1 + 1);"]);
    expect(r.stdout).toBe("2\n");
    expect(r.code).toBe(0);
    expect(mljs(dir, ["-e", "print(1 + 1)"]).stdout).toBe("2\n");
    expect(mljs(dir, ["run", "-e", "print(3)"]).stdout).toBe("3\n");
  });

  it("-e takes run's options before it, and gives the arguments after CODE to the program", () => {
    const r = mljs(dir, ["--allow", "args.read", "-e", "import args; print(args.rest())", "a", "--b"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('["a", "--b"]\n');
    const steps = mljs(dir, ["--steps", "100", "-e", "while (true) {}"]);
    expect(steps.code).toBe(3);
    const error = mljs(dir, ["-e", "x = [1];\nprint(x[3])"]);
    expect(error.code).toBe(1);
    expect(error.stderr).toContain("<eval>:2:7: IndexError");
    expect(error.stderr).toContain("2 | print(x[3])");
    const missing = mljs(dir, ["-e"]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain("-e needs the code to run");
  });

  it("mljs run - reads the program from standard input", () => {
    const r = mljs(dir, ["run", "-"], "print(3);\n");
    expect(r.stdout).toBe("3\n");
    expect(r.code).toBe(0);
    const bad = mljs(dir, ["run", "-"], "x = ;\n");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("<stdin>:1:5");
  });

  it("mljs FILE.ml runs the file, options and arguments as for run", () => {
    expect(mljs(dir, ["hello.ml"]).stdout).toBe("hello\n");
    const r = mljs(dir, ["--allow", "args.read", "argv.ml", "x"]);
    expect(r.stdout).toBe('["x"]\n');
    const missing = mljs(dir, ["nope.ml"]);
    expect(missing.code).toBe(66);
  });

  it("warns when mljs options come after the file: they go to the program", () => {
    const r = mljs(dir, ["run", "--allow", "args.read", "argv.ml", "--allow", "x", "--steps=5", "--verbose"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('["--allow", "x", "--steps=5", "--verbose"]\n');
    expect(r.stderr).toContain("warning");
    expect(r.stderr).toContain("'--allow', '--steps' after argv.ml are passed to the program");
    expect(r.stderr).toContain("put mljs options before argv.ml");
    expect(r.stderr).not.toContain("--verbose");
    const quiet = mljs(dir, ["run", "--allow", "args.read", "argv.ml", "--verbose"]);
    expect(quiet.stderr).toBe("");
  });
});

describe("usage errors are the CLI's own", () => {
  const noNodeText = (s: string) => {
    expect(s).not.toContain("parseArgs");
    expect(s).not.toContain("ERR_PARSE_ARGS");
    expect(s).not.toContain("To specify a positional argument");
    expect(s).not.toContain("argument is ambiguous");
  };

  it("mljs run --help shows run's usage", () => {
    const r = mljs(dir, ["run", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: mljs run");
    expect(r.stdout).toContain("--watch");
    noNodeText(r.stdout + r.stderr);
  });

  it("every command answers --help", () => {
    for (const command of ["compile", "check", "fmt", "audit", "init", "repl", "help"]) {
      const r = mljs(dir, [command, "--help"]);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain(`mljs ${command}`);
    }
  });

  it("mljs run prints compile warnings on standard error and runs the program", () => {
    writeFileSync(join(dir, "warns.ml"), 'count = 0;\nfunction bump() {\n  count = count + 1;\n}\nprint("ran");\n');
    const r = mljs(dir, ["run", "warns.ml"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ran\n");
    expect(r.stderr).toContain("warning[ML2012]: 'count' is read before this function assigns it");
    expect(r.stderr).toContain("warns.ml:3:11");
    expect(r.stderr).toContain("add 'nonlocal count;'");
  });

  it("mljs audit's unknown options get a suggestion, as every command's do", () => {
    const r = mljs(dir, ["audit", "--jsn", "hello.ml"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("unknown option '--jsn' for 'mljs audit' (did you mean '--json'?)");
    expect(r.stderr).toContain("mljs help audit");
    noNodeText(r.stderr);
  });

  it("--steps -5 is a number error, not a parser message", () => {
    const r = mljs(dir, ["run", "--steps", "-5", "hello.ml"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("--steps expects a non-negative number, got '-5'");
    noNodeText(r.stderr);
    const missing = mljs(dir, ["run", "hello.ml", "--steps"]);
    expect(missing.code).toBe(0); // after the file: the program's argument (with a warning)
    const end = mljs(dir, ["run", "--steps"]);
    expect(end.code).toBe(64);
    expect(end.stderr).toContain("--steps needs a value");
  });

  it("unknown commands and options get a suggestion", () => {
    const r = mljs(dir, ["runn", "hello.ml"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("unknown command 'runn' (did you mean 'run'?)");
    const opt = mljs(dir, ["run", "--stesp", "5", "hello.ml"]);
    expect(opt.code).toBe(64);
    expect(opt.stderr).toContain("unknown option '--stesp' for 'mljs run' (did you mean '--steps'?)");
    expect(opt.stderr).toContain("mljs help run");
    const check = mljs(dir, ["check", "--json", "hello.ml"]);
    expect(check.code).toBe(64);
    expect(check.stderr).toContain("unknown option '--json' for 'mljs check'");
    noNodeText(check.stderr);
  });
});

describe("mljs --help and mljs help", () => {
  it("--help lists every command and the exit codes", () => {
    const r = mljs(dir, ["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["mljs run", "mljs repl", "-e CODE", "mljs compile", "mljs check", "mljs fmt", "mljs audit", "mljs help", "mljs init", "run -"]) {
      expect(r.stdout, c).toContain(c);
    }
    for (const code of ["0  success", "1  ", "2  compile error", "3  a limit", "64 usage", "66 ", "70 internal"]) expect(r.stdout, code).toContain(code);
    expect(mljs(dir, ["help"]).stdout).toBe(r.stdout);
  });

  it("help COMMAND shows the command's usage", () => {
    expect(mljs(dir, ["help", "run"]).stdout).toContain("Usage: mljs run");
    expect(mljs(dir, ["help", "repl"]).stdout).toContain(".load FILE");
    expect(mljs(dir, ["help", "-e"]).stdout).toContain("Usage: mljs [options] -e CODE");
  });

  it("help NAME renders builtins, modules and members from the metadata", () => {
    const read = mljs(dir, ["help", "csv.read"]);
    expect(read.code).toBe(0);
    expect(read.stdout).toContain("csv.read(path");
    expect(read.stdout).toContain("Requires: file.read");
    const len = mljs(dir, ["help", "len"]);
    expect(len.stdout).toContain("len(v)");
    expect(len.stdout).toContain("The length of a string or array");
    expect(mljs(dir, ["help", "builtin.len"]).stdout).toBe(len.stdout); // mlpy's builtin namespace
    expect(mljs(dir, ["help", "builtin"]).stdout).toContain("<module builtin>\nMembers: abs, all");
    const module = mljs(dir, ["help", "datetime"]);
    expect(module.stdout).toContain("module datetime");
    expect(module.stdout).toContain("datetime.now(tz?)");
    expect(module.stdout).toContain("Classes:");
    const cls = mljs(dir, ["help", "datetime.DateTime"]);
    expect(cls.stdout).toContain("Members:");
    expect(mljs(dir, ["help", "datetime.DateTime.format"]).stdout).toContain(`format(fmt="%Y-%m-%d %H:%M:%S")`);
    expect(mljs(dir, ["help", "math.pi"]).stdout).toContain("math.pi");
  });

  it("help on an unknown name suggests a near one", () => {
    const r = mljs(dir, ["help", "lne"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("did you mean 'len'?");
    const member = mljs(dir, ["help", "csv.raed"]);
    expect(member.code).toBe(64);
    expect(member.stderr).toContain("module 'csv' has no member 'raed' (did you mean 'csv.read'?)");
  });
});

describe("mljs check DIR", () => {
  it("checks every .ml file under a directory, skipping node_modules and dot-directories; files and directories mix", () => {
    const project = join(dir, "project");
    mkdirSync(join(project, "src", "deep"), { recursive: true });
    mkdirSync(join(project, "node_modules", "dep"), { recursive: true });
    mkdirSync(join(project, ".cache"), { recursive: true });
    writeFileSync(join(project, "src", "a.ml"), "x = 1;\n");
    writeFileSync(join(project, "src", "deep", "b.ml"), "y = 2;\n");
    writeFileSync(join(project, "src", "notes.txt"), "not ML\n");
    writeFileSync(join(project, "node_modules", "dep", "bad.ml"), "x = ;\n");
    writeFileSync(join(project, ".cache", "bad.ml"), "x = ;\n");
    const ok = mljs(dir, ["check", "project"]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("2 files checked");
    writeFileSync(join(project, "src", "deep", "c.ml"), "print(cout);\n");
    const bad = mljs(dir, ["check", "project", "hello.ml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("c.ml:1:7");
    expect(bad.stderr).not.toContain("node_modules");
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const none = mljs(dir, ["check", "empty"]);
    expect(none.code).toBe(66);
    expect(none.stderr).toContain("no .ml files");
  });
});
