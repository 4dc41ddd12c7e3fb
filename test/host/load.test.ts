import { describe, it, expect } from "vitest";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { load, run, compile, check, MLCompileError, MLRuntimeError } from "../../src/index.js";

const fixtures = join(fileURLToPath(new URL(".", import.meta.url)), "fixtures");

describe("load().exports", () => {
  it("holds top-level values and callable functions", async () => {
    const program = await load({ source: "rate = 0.2;\nfunction price(x) { return x * (1 + rate); }\nnames = [\"a\", \"b\"];", filename: "rules.ml" });
    expect(program.exports.rate).toBe(0.2);
    expect(program.exports.names).toEqual(["a", "b"]);
    const price = program.exports.price as (x: number) => number;
    expect(price(100)).toBe(120);
    expect(program.exports.price).toBe(program.exports.price);
    expect(Object.keys(program.exports).sort()).toEqual(["names", "price", "rate"]);
  });

  it("reads exports live and turns host undefined into null", async () => {
    const program = await load({ source: "n = 0;\nfunction inc() { nonlocal n; n = n + 1; return n; }\nfunction kind(v) { return typeof(v); }", filename: "live.ml" });
    const inc = program.exports.inc as () => number;
    inc();
    inc();
    expect(program.exports.n).toBe(2);
    expect((program.exports.kind as (v: unknown) => string)(undefined)).toBe("null");
  });

  it("raises MLRuntimeError with type, message and ML stack from an exported call", async () => {
    const program = await load({ source: "function first(xs) {\n  return xs[0];\n}", filename: "calc.ml" });
    const first = program.exports.first as (xs: unknown[]) => unknown;
    let caught: unknown;
    try {
      first([]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MLRuntimeError);
    const err = caught as MLRuntimeError;
    expect(err.mlType).toBe("IndexError");
    expect(err.mlMessage).toBe("list index out of range");
    expect(err.message).toContain("calc.ml:2:");
    expect(err.mlStack[0]).toMatchObject({ file: "calc.ml", line: 2, function: "first" });
  });

  it("a top-level runtime error names file, line and column", async () => {
    await expect(run({ source: "x = 1;\ny = [1, 2];\nz = y[5];\n", filename: "top.ml" })).rejects.toThrow(/top\.ml:3:5/);
  });

  it("rejects compile errors with every diagnostic", async () => {
    const err = await run({ source: "x = ;\ny = (1 + ;\nprint(undefinedName);", filename: "bad.ml" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MLCompileError);
    expect((err as MLCompileError).diagnostics.filter((d) => d.severity === "error").length).toBeGreaterThanOrEqual(2);
    expect((err as MLCompileError).message).toContain("bad.ml:1");
  });
});

describe("user modules", () => {
  it("resolves imports next to the importer, evaluates each module once, shares one instance", async () => {
    const result = await run(join(fixtures, "app", "main.ml"));
    expect(result.stdout).toBe("shapes loaded\n");
    expect((result.exports.area as (w: number, h: number) => number)(3, 4)).toBe(12);
    expect(result.exports.greeting).toBe("hello host 6");
    expect(result.exports.sameModule).toBe(true);
  });

  it("keeps module exports read-only", async () => {
    const err = await run({ source: "import lib.shapes;\nlib.shapes.unit = 2;", filename: join(fixtures, "app", "x.ml") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MLRuntimeError);
    expect((err as MLRuntimeError).mlType).toBe("AttributeError");
  });

  it("reports unresolvable imports with a suggestion", async () => {
    const err = await run({ source: "import lib.shape;", filename: join(fixtures, "app", "x.ml") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MLCompileError);
    const d = (err as MLCompileError).diagnostics[0]!;
    expect(d.code).toBe("ML3001");
    expect(d.suggestion).toContain("lib.shapes");
  });

  it("searches configured import roots", async () => {
    const result = await run({ source: "import shapes;\nprint(shapes.rect(2, 5));", filename: "inline.ml" }, { importPaths: [join(fixtures, "app", "lib")] });
    expect(result.stdout).toBe("shapes loaded\n10\n");
  });

  it("reports import cycles as compile errors", async () => {
    const err = await run(join(fixtures, "cycle", "a.ml")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MLCompileError);
    expect((err as MLCompileError).diagnostics.map((d) => d.code)).toContain("ML3002");
  });
});

describe("limits", () => {
  it("stops an infinite loop by steps and the host survives", async () => {
    const err = await run({ source: "while (true) {}", filename: "loop.ml" }, { limits: { steps: 100_000 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MLRuntimeError);
    expect((err as MLRuntimeError).mlType).toBe("LimitError");
  });

  it("stops an infinite loop by time", async () => {
    const start = Date.now();
    const err = await run({ source: "i = 0;\nwhile (true) { i = i + 1; }", filename: "loop.ml" }, { limits: { timeMs: 200 } }).catch((e: unknown) => e);
    expect((err as MLRuntimeError).mlType).toBe("LimitError");
    expect(Date.now() - start).toBeLessThan(5_000);
  });

  it("turns unbounded recursion into RecursionError", async () => {
    const err = await run({ source: "function f(n) { return f(n + 1); }\nf(0);", filename: "rec.ml" }).catch((e: unknown) => e);
    expect((err as MLRuntimeError).mlType).toBe("RecursionError");
    const ok = await run({ source: "function f(n) { return n == 0 ? 0 : 1 + f(n - 1); }\nprint(f(900));", filename: "rec.ml" });
    expect(ok.stdout).toBe("900\n");
  });

  it("gives each exported call a fresh step budget", async () => {
    const program = await load({ source: "function spin(n) { i = 0; while (i < n) { i = i + 1; } return i; }", filename: "spin.ml" }, { limits: { steps: 1_000 } });
    const spin = program.exports.spin as (n: number) => number;
    expect(spin(500)).toBe(500);
    expect(spin(500)).toBe(500);
    expect(() => spin(5_000)).toThrow(MLRuntimeError);
    expect(spin(10)).toBe(10);
  });
});

describe("compile and check", () => {
  it("compile returns code, a source map, diagnostics and the manifest", () => {
    const r = compile("capability Files { allow read \"data/*.csv\"; }\nprint(1);", { filename: "m.ml", sourceMap: true });
    expect(r.ok).toBe(true);
    expect(r.map?.version).toBe(3);
    expect(r.map?.sources).toEqual(["m.ml"]);
    expect(r.manifest.declared).toBe(true);
    expect(r.manifest.capabilities.map((c) => c.capability).sort()).toEqual(["file.read", "path.read"]);
  });

  it("check reports several errors at once", () => {
    const diags = check("x = ;\ny = ];\nz = 1;", { filename: "c.ml" });
    expect(diags.filter((d) => d.severity === "error").length).toBeGreaterThanOrEqual(2);
  });
});

describe("generated fast paths keep ML semantics", () => {
  it("append on a frozen host array is a TypeError, beyond maxArrayLength a LimitError", async () => {
    const program = await load({ source: "function push(xs, x) { xs.append(x); return len(xs); }\nfunction grow(n) { xs = []; for (i in range(n)) { xs.append(i); } return len(xs); }", filename: "fast.ml" }, { limits: { maxArrayLength: 100 } });
    const push = program.exports.push as (xs: unknown[], x: unknown) => number;
    const grow = program.exports.grow as (n: number) => number;
    expect(push([1], 2)).toBe(2);
    const frozen = Object.freeze([1, 2]);
    expect(() => push(frozen as unknown[], 3)).toThrow(expect.objectContaining({ mlType: "TypeError" }));
    expect(frozen).toEqual([1, 2]);
    expect(grow(100)).toBe(100);
    expect(() => grow(101)).toThrow(expect.objectContaining({ mlType: "LimitError" }));
    const obj = await run({ source: "o = {append: fn(x) => x * 2};\nprint(o.append(21));", filename: "obj.ml" });
    expect(obj.stdout).toBe("42\n");
  });

  it("% keeps the sign of the divisor and raises on zero in the inline path", async () => {
    const r = await run({ source: "a = -7; b = 3; c = 7; d = -3; e = 5.5; z = 0;\nprint(a % b, c % d, e % 2, -e % 2, 6 % b);\ntry { print(a % z); } except (err) { print(err.type); }", filename: "mod.ml" });
    expect(r.stdout).toBe("2 -2 1.5 0.5 0\nZeroDivisionError\n");
  });
});

describe("errors raised on function entry", () => {
  it("carry the function's position when the host made the call (no ML caller), the call's otherwise", async () => {
    const program = await load({ source: "x = 1;\nfunction discount(total) { return total > 100 ? 0.1 : 0; }", filename: "pricing.ml" });
    const err = (() => {
      try {
        (program.exports.discount as (...a: unknown[]) => unknown)("a", "b");
      } catch (e) {
        return e as MLRuntimeError;
      }
      throw new Error("no error");
    })();
    expect(err.mlType).toBe("TypeError");
    expect(err.mlStack[0]).toEqual({ function: "discount", file: "pricing.ml", line: 2, column: 1 });
    const rec = await run({ source: "function f(n) {\n  return f(n + 1);\n}\nf(0);", filename: "rec.ml" }).catch((e: unknown) => e as MLRuntimeError);
    expect((rec as MLRuntimeError).mlStack[0]).toMatchObject({ function: "f", line: 2, column: 10 });
    expect((rec as MLRuntimeError).mlStack.at(-1)).toMatchObject({ function: "<module>", line: 4, column: 1 });
  });
});

describe("LimitError stacks", () => {
  it("name the loop that ran out of budget and the functions around it", async () => {
    const failure = await run({ source: "function f() {\n  while (true) { }\n}\nf();", filename: "spin.ml" }, { limits: { steps: 1000 } }).catch((e) => e);
    expect(failure.mlType).toBe("LimitError");
    expect(failure.mlStack.map((f: { function: string; line: number }) => `${f.function}:${f.line}`)).toEqual(["f:2", "<module>:4"]);
  });
});

describe("compile warnings", () => {
  const source = 'count = 0;\nfunction bump() {\n  count = count + 1;\n}\nprint("ran");\n';

  it("reach onWarnings once, before the top level runs, and run() returns them", async () => {
    const events: string[] = [];
    await load({ source, filename: "w.ml" }, {
      stdout: (t) => events.push(`out:${t}`),
      onWarnings: (warnings) => {
        events.push(...warnings.map((w) => `warning:${w.code}:${w.loc.start.line}`));
      },
    });
    expect(events).toEqual(["warning:ML2012:3", "out:ran\n"]);
    expect((await run({ source, filename: "w.ml" })).warnings.map((w) => w.code)).toEqual(["ML2012"]);
  });

  it("an onWarnings returning a promise is awaited before the program runs; none is called without warnings", async () => {
    const events: string[] = [];
    await load({ source, filename: "w.ml" }, {
      stdout: (t) => events.push(t),
      onWarnings: async () => {
        await new Promise((r) => setTimeout(r, 5));
        events.push("warned");
      },
    });
    expect(events).toEqual(["warned", "ran\n"]);
    let called = false;
    await load({ source: "x = 1;", filename: "ok.ml" }, { onWarnings: () => void (called = true) });
    expect(called).toBe(false);
  });
});
