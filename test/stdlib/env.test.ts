import { describe, expect, it } from "vitest";
import { load } from "../../src/index.js";
import { capability } from "../../src/capabilities/token.js";
import { withCapabilities } from "../../src/capabilities/context.js";
import { MLError } from "../../src/runtime/errors.js";
import * as env from "../../src/stdlib/env.js";
import { ml, mlFails } from "./ml.js";

const ENV = { APP_MODE: "prod", APP_PORT: " 8080 ", APP_RATIO: "0.25", APP_DEBUG: "Yes", APP_EMPTY: "", SECRET: "s3cret" };
const READ = { capabilities: ["env.read"], env: ENV };
const RW = { capabilities: ["env.read", "env.write"], env: ENV };

describe("env: reading", () => {
  it("get returns the value, or the default (null) when unset", async () => {
    expect(await ml('import env; print(env.get("APP_MODE"), env.get("NOPE"), env.get("NOPE", "dflt"), repr(env.get("APP_EMPTY")));', READ)).toBe(
      'prod null dflt ""\n',
    );
  });

  it("require returns the value or raises ValueError", async () => {
    expect(await ml('import env; print(env.require("APP_MODE"));', READ)).toBe("prod\n");
    expect(await mlFails('import env; env.require("MISSING_VAR");', READ)).toEqual({
      type: "ValueError",
      message: "Required environment variable not set: MISSING_VAR",
    });
  });

  it("has", async () => {
    expect(await ml('import env; print(env.has("APP_MODE"), env.has("APP_EMPTY"), env.has("NOPE"));', READ)).toBe("true true false\n");
  });

  it("getInt / get_int", async () => {
    expect(await ml('import env; print(env.getInt("APP_PORT"), env.get_int("NOPE"), env.getInt("NOPE", 3), env.getInt("NOPE", null));', READ)).toBe("8080 0 3 null\n");
    expect(await ml('import env; print(env.getFloat("NOPE"), env.get_float("NOPE"), env.getFloat("NOPE", null));', READ)).toBe("0 0 null\n");
    expect(await mlFails('import env; env.getInt("APP_RATIO");', READ)).toEqual({
      type: "ValueError",
      message: "Environment variable APP_RATIO is not a valid integer: '0.25'",
    });
    expect(await mlFails('import env; env.getInt("APP_EMPTY");', READ)).toMatchObject({ type: "ValueError" });
  });

  it("getFloat / get_float", async () => {
    const vars = { ...ENV, N1: "1e3", N2: "-.5", N3: "inf", N4: "-Infinity", N5: "nan", N6: "12" };
    const out = await ml(
      'import env; print(env.getFloat("APP_RATIO"), env.get_float("N1"), env.getFloat("N2"), env.getFloat("N3"), env.getFloat("N4"), env.getFloat("N5"), env.getFloat("N6"), env.getFloat("NOPE", 1.5));',
      { capabilities: ["env.read"], env: vars },
    );
    expect(out).toBe("0.25 1000 -0.5 inf -inf nan 12 1.5\n");
    expect(await mlFails('import env; env.getFloat("APP_MODE");', READ)).toEqual({
      type: "ValueError",
      message: "Environment variable APP_MODE is not a valid number: 'prod'",
    });
    expect(await mlFails('import env; env.getFloat("X");', { capabilities: ["env.read"], env: { X: "0x10" } })).toMatchObject({ type: "ValueError" });
  });

  it("getBool / get_bool: true/1/yes/on, false/0/no/off, default when unset, false when empty (as mlpy)", async () => {
    const vars = { T1: "true", T2: "1", T3: "YES", T4: "On", F1: "False", F2: "0", F3: "no", F4: "OFF", E: "", BAD: "maybe" };
    const out = await ml(
      `import env;
       print(env.getBool("T1"), env.getBool("T2"), env.get_bool("T3"), env.getBool("T4"));
       print(env.getBool("F1"), env.getBool("F2"), env.getBool("F3"), env.getBool("F4"));
       print(env.getBool("NOPE"), env.getBool("NOPE", true), env.getBool("E", true));`,
      { capabilities: ["env.read"], env: vars },
    );
    expect(out).toBe("true true true true\nfalse false false false\nfalse true false\n");
    expect(await mlFails('import env; env.getBool("BAD");', { capabilities: ["env.read"], env: vars })).toEqual({
      type: "ValueError",
      message: "Environment variable BAD is not a valid boolean: 'maybe' (expected true/false, 1/0, yes/no or on/off)",
    });
  });

  it("all returns the variables sorted by name", async () => {
    expect(await ml("import env; print(env.all());", { capabilities: ["env.read"], env: { B: "2", A: "1" } })).toBe('{"A": "1", "B": "2"}\n');
  });

  it("type and arity errors", async () => {
    expect(await mlFails("import env; env.get(1);", READ)).toEqual({ type: "TypeError", message: "env.get() argument 1 must be a string, not number" });
    expect(await mlFails("import env; env.get();", READ)).toEqual({ type: "TypeError", message: "env.get() takes from 1 to 2 arguments but 0 were given" });
  });
});

describe("env: writing", () => {
  it("set and delete change the program's view only, never process.env", async () => {
    const before = { ...process.env };
    const out = await ml(
      `import env;
       env.set("MLJS_TEST_NEW", "v"); env.set("APP_MODE", "dev"); env.set("MLJS_NUM", 42); env.set("MLJS_BOOL", true);
       print(env.get("MLJS_TEST_NEW"), env.get("APP_MODE"), env.get("MLJS_NUM"), env.get("MLJS_BOOL"));
       print(env.delete("APP_MODE"), env.delete("APP_MODE"), env.has("APP_MODE"));`,
      RW,
    );
    expect(out).toBe("v dev 42 true\ntrue false false\n");
    expect(process.env.MLJS_TEST_NEW).toBeUndefined();
    expect(process.env).toEqual(before);
  });

  it("without an env option the view is a copy of process.env, and writes stay in it", async () => {
    process.env.MLJS_HOST_VAR = "host";
    try {
      const out = await ml('import env; print(env.get("MLJS_HOST_VAR")); env.set("MLJS_HOST_VAR", "changed"); env.delete("PATH"); print(env.get("MLJS_HOST_VAR"));', {
        capabilities: ["env.read", "env.write"],
      });
      expect(out).toBe("host\nchanged\n");
      expect(process.env.MLJS_HOST_VAR).toBe("host");
      expect(process.env.PATH).toBeDefined();
    } finally {
      delete process.env.MLJS_HOST_VAR;
    }
  });

  it("each program load has its own view", async () => {
    const p1 = await load({ source: 'import env; env.set("K", "one"); function k() { return env.get("K"); }' }, { capabilities: ["env.read", "env.write"], env: {} });
    const p2 = await load({ source: 'import env; function k() { return env.get("K"); }' }, { capabilities: ["env.read"], env: {} });
    const k1 = p1.exports.k as () => unknown;
    const k2 = p2.exports.k as () => unknown;
    expect(await withCapabilities(["env.read"], () => k1())).toBe("one");
    expect(await withCapabilities(["env.read"], () => k2())).toBe(null);
  });

  it("set validates names and values", async () => {
    expect(await mlFails('import env; env.set("A=B", "x");', RW)).toEqual({ type: "ValueError", message: "Invalid environment variable name: 'A=B'" });
    expect(await mlFails('import env; env.set("", "x");', RW)).toEqual({ type: "ValueError", message: "Invalid environment variable name: ''" });
    expect(await mlFails('import env; env.set("A", null);', RW)).toEqual({
      type: "TypeError",
      message: "env.set() argument 2 must be a string, number or boolean, not null",
    });
    expect(await mlFails('import env; env.set("A", "a\\0b");', RW)).toEqual({ type: "ValueError", message: "env.set() value must not contain a NUL character" });
  });
});

describe("env: capabilities", () => {
  const reads = ['env.get("APP_MODE")', 'env.require("APP_MODE")', 'env.has("APP_MODE")', "env.all()", 'env.getInt("APP_PORT")', 'env.getFloat("APP_RATIO")', 'env.getBool("APP_DEBUG")'];
  for (const call of reads) {
    it(`${call} needs env.read`, async () => {
      const name = call.slice(4, call.indexOf("("));
      expect(await mlFails(`import env; ${call};`, { env: ENV })).toEqual({
        type: "CapabilityError",
        message: `env.${name}() requires capability 'env.read': this run was not granted it`,
      });
      await expect(ml(`import env; ${call};`, READ)).resolves.toBe("");
    });
  }

  for (const call of ['env.set("APP_X", "1")', 'env.delete("APP_MODE")']) {
    it(`${call} needs env.write`, async () => {
      const name = call.slice(4, call.indexOf("("));
      expect(await mlFails(`import env; ${call};`, READ)).toEqual({
        type: "CapabilityError",
        message: `env.${name}() requires capability 'env.write': this run was not granted it`,
      });
      await expect(ml(`import env; ${call};`, RW)).resolves.toBe("");
    });
  }

  it("name patterns: APP_* allows APP_MODE and denies HOME and SECRET", async () => {
    const opts = { capabilities: [capability("env.read", { resources: ["APP_*"] })], env: { ...ENV, HOME: "/home/x" } };
    expect(await ml('import env; print(env.get("APP_MODE"), env.has("APP_NOPE"));', opts)).toBe("prod false\n");
    for (const call of ['env.get("HOME")', 'env.has("SECRET")', 'env.require("SECRET")', 'env.getInt("SECRET")']) {
      const e = await mlFails(`import env; ${call};`, opts);
      expect(e.type).toBe("CapabilityError");
      expect(e.message).toContain("matches none of the granted patterns (APP_*)");
    }
  });

  it("all() returns only the variables the patterns allow, counting one use", async () => {
    const token = capability("env.read", { resources: ["APP_*"], maxUses: 1 });
    const out = await ml("import env; print(keys(env.all()));", { capabilities: [token], env: { ...ENV, HOME: "/h" } });
    expect(out).toBe('["APP_DEBUG", "APP_EMPTY", "APP_MODE", "APP_PORT", "APP_RATIO"]\n');
    expect(token.uses).toBe(1);
  });

  it("write patterns are checked per name", async () => {
    const opts = { capabilities: ["env.read", capability("env.write", { resources: ["TMP_*"] })], env: {} };
    expect(await ml('import env; env.set("TMP_A", "1"); print(env.get("TMP_A"));', opts)).toBe("1\n");
    const e = await mlFails('import env; env.set("PATH", "/evil");', opts);
    expect(e.type).toBe("CapabilityError");
    expect(e.message).toContain("variable 'PATH'");
  });

  it("help and requiredCapabilities", async () => {
    const out = await ml("import env; print(help(env.get)); print(requiredCapabilities(env.set), requiredCapabilities(env.get_bool));");
    expect(out).toContain("env.get(key, default=null)");
    expect(out).toContain("Requires: env.read");
    expect(out).toContain('["env.write"] ["env.read"]');
  });

  it("host calls are denied outside a context and use the host's copy of the environment inside one", () => {
    expect(() => env.get("PATH")).toThrow(MLError);
    expect(withCapabilities(["env.read"], () => env.has("PATH"))).toBe(true);
    expect(withCapabilities(["env.write"], () => env.set("MLJS_VIEW_ONLY", "x"))).toBe(null);
    expect(withCapabilities(["env.read"], () => env.get("MLJS_VIEW_ONLY"))).toBe("x");
    expect(process.env.MLJS_VIEW_ONLY).toBeUndefined();
  });
});

describe("env: bounded parsing", () => {
  const long = "1".repeat(1_000_000) + "x";
  const opts = (limits = {}) => ({ capabilities: ["env.read"], env: { N: long, B: " ".repeat(1_000_000) + "maybe" }, limits });

  it("a long run of digits is refused in linear time (the old pattern took minutes), the value cut in the message", async () => {
    for (const fn of ["getFloat", "getInt"]) {
      const start = performance.now();
      const e = await mlFails(`import env; env.${fn}("N");`, opts());
      expect(performance.now() - start).toBeLessThan(100);
      expect(e).toEqual({
        type: "ValueError",
        message: `Environment variable N is not a valid ${fn === "getInt" ? "integer" : "number"}: '${"1".repeat(100)}… (1000001 characters)'`,
      });
    }
    await expect(ml('import env; print(env.getFloat("X"), env.getInt("Y"));', { capabilities: ["env.read"], env: { X: "1".repeat(300) + ".5e-300", Y: "7".repeat(9) } })).resolves.toBe(
      `${Number("1".repeat(300) + ".5e-300")} 777777777\n`,
    );
  });

  it("parsing is charged one step per 16 characters", async () => {
    for (const call of ['env.getFloat("N")', 'env.getInt("N")', 'env.getBool("B")']) {
      expect(await mlFails(`import env; ${call};`, opts({ steps: 50_000 }))).toEqual({ type: "LimitError", message: "step limit exceeded (50000 steps)" });
    }
    expect((await mlFails('import env; env.getFloat("N");', opts({ steps: 70_000 }))).type).toBe("ValueError");
  });
});
