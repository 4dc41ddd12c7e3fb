// What a load no longer does up front (bench/host.js measures it): builtins' metadata is found
// when `help` asks, `process.env` is copied when the program first uses its environment.
import { describe, it, expect } from "vitest";
import { load, withCapabilities } from "../../src/index.js";

describe("builtin metadata without registration per load", () => {
  it("help and requiredCapabilities know each load's builtins, aliases and the builtin namespace", async () => {
    const source = [
      "function h(f) { return help(f); }",
      "function caps(f) { return requiredCapabilities(f); }",
      "function lenHelp() { return help(len); }",
      "function aliasHelp() { return help(has_capability); }",
      "function nsHelp() { return help(builtin.len); }",
      "function userHelp() { function mine(x) { return x; } return help(mine); }",
    ].join("\n");
    const a = await load({ source, filename: "a.ml" });
    const b = await load({ source, filename: "b.ml" });
    for (const p of [a, b]) {
      const ex = p.exports as Record<string, (...args: unknown[]) => unknown>;
      expect(ex.lenHelp!()).toMatch(/^len\(/);
      expect(ex.lenHelp!()).toMatch(/Capabilities: none required$/);
      expect(ex.aliasHelp!()).toMatch(/^hasCapability\(name\)/);
      expect(ex.nsHelp!()).toBe(ex.lenHelp!());
      expect(ex.userHelp!()).toMatch(/^mine\(…\)\nA user-defined function\./);
    }
    // A builtin crossing to the host and back is the builtin again; help knows it.
    const len = (await load({ source: "f = len;", filename: "c.ml" })).exports.f as Function;
    expect(len([1, 2])).toBe(2);
    // Another load's builtin reaches this one wrapped, as a host function: no builtin metadata.
    expect((a.exports.h as (f: unknown) => string)(len)).toMatch(/A user-defined function\./);
    expect((a.exports.caps as (f: unknown) => unknown)(len)).toEqual([]);
  });
});

describe("the environment view", () => {
  it("copies process.env when first used, and a given env at load", async () => {
    const key = "MLJS_LAZY_ENV_TEST";
    delete process.env[key];
    const source = `import env;\nfunction read() { return env.get("${key}"); }\nfunction put(v) { env.set("${key}", v); }`;
    const lazy = await load({ source, filename: "env.ml" });
    const given = await load({ source, filename: "env.ml" }, { env: { [key]: "given" } });
    const hostEnv = { [key]: "given" };
    const fromObject = await load({ source, filename: "env.ml" }, { env: hostEnv });
    hostEnv[key] = "changed";
    process.env[key] = "set after load";
    try {
      const read = (p: typeof lazy) => withCapabilities(["env.read"], () => (p.exports.read as () => unknown)());
      expect(read(lazy)).toBe("set after load");
      expect(read(given)).toBe("given");
      expect(read(fromObject)).toBe("given");
      // A view once taken is the program's own: later host changes and env.set stay apart.
      process.env[key] = "changed again";
      expect(read(lazy)).toBe("set after load");
      withCapabilities(["env.write"], () => (lazy.exports.put as (v: string) => void)("mine"));
      expect(read(lazy)).toBe("mine");
      expect(process.env[key]).toBe("changed again");
    } finally {
      delete process.env[key];
    }
  });
});
