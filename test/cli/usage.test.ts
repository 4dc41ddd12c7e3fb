import { describe, it, expect } from "vitest";
import { isOptionOf, numberOption, parseOptions, RUN_OPTIONS, UsageError } from "../../src/cli/usage.js";

describe("parseOptions", () => {
  it("reads --name value, --name=value, -Xvalue, booleans, repeats and --", () => {
    const r = parseOptions(["--steps", "5", "--allow=a", "-Ilib", "-I", "more", "--allow-all", "x.ml", "--", "--steps"], RUN_OPTIONS, "run");
    expect(r.values).toEqual({ steps: "5", allow: ["a"], "import-path": ["lib", "more"], "allow-all": true });
    expect(r.positionals).toEqual(["x.ml", "--steps"]);
    expect(r.help).toBe(false);
    expect(parseOptions(["-h"], RUN_OPTIONS, "run").help).toBe(true);
  });

  it("gives a string option the next argument whatever it looks like", () => {
    expect(parseOptions(["--steps", "-5"], RUN_OPTIONS, "run").values.steps).toBe("-5");
    expect(() => numberOption("steps", "-5")).toThrow("--steps expects a non-negative number, got '-5'");
  });

  it("reports mistakes in its own words, with a suggestion", () => {
    expect(() => parseOptions(["--stesp", "5"], RUN_OPTIONS, "run")).toThrow("unknown option '--stesp' for 'mljs run' (did you mean '--steps'?)");
    expect(() => parseOptions(["--steps"], RUN_OPTIONS, "run")).toThrow("--steps needs a value");
    expect(() => parseOptions(["--allow-all=yes"], RUN_OPTIONS, "run")).toThrow("--allow-all takes no value");
    const e = (() => {
      try {
        parseOptions(["-z"], RUN_OPTIONS, "repl");
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).command).toBe("repl");
  });

  it("isOptionOf recognises long, inline and short forms", () => {
    expect(isOptionOf("--allow", RUN_OPTIONS)).toBe(true);
    expect(isOptionOf("--steps=3", RUN_OPTIONS)).toBe(true);
    expect(isOptionOf("-Idir", RUN_OPTIONS)).toBe(true);
    expect(isOptionOf("--verbose", RUN_OPTIONS)).toBe(false);
    expect(isOptionOf("-", RUN_OPTIONS)).toBe(false);
  });
});


