/**
 * Runtime errors that teach: calling a method a plain object does not have, JavaScript and
 * Python method names that ML spells differently, and near misses on modules and classes.
 */
import { describe, it, expect } from "vitest";
import { run, MLRuntimeError } from "../../src/index.js";

/** Runs `source` and returns `Type: message` of the error it raised (or "no error"). */
async function errorOf(source: string): Promise<string> {
  try {
    await run({ source, filename: "hints.ml" }, { stdout: () => undefined });
  } catch (e) {
    if (e instanceof MLRuntimeError) return `${e.mlType}: ${e.mlMessage}`;
    throw e;
  }
  return "no error";
}

describe("calling a method of a plain object", () => {
  it("totals.keys() says objects have no methods and names keys(o)", async () => {
    expect(await errorOf("totals = {a: 1};\nks = totals.keys();")).toBe(
      "TypeError: 'null' is not callable: the object has no key 'keys'; objects have no methods: use keys(o)",
    );
  });

  it("o.get(k, d) names getattr(o, k, d)", async () => {
    expect(await errorOf("o = {};\nv = o.get(\"a\", 0);")).toBe(
      "TypeError: 'null' is not callable: the object has no key 'get'; objects have no methods: use getattr(o, k, default), or o[k] (raises KeyError when missing)",
    );
  });

  it.each([
    ["values", "use values(o)"],
    ["items", "use zip(keys(o), values(o))"],
    ["hasOwnProperty", "use hasattr(o, k)"],
    ["forEach", "use for (k in o) { … } (loops over the keys)"],
    ["toString", "use str(o)"],
    ["append", "use o[k] = v, or an array (a = []; a.append(x)) for a list"],
    ["set", "use o[k] = v"],
  ])("o.%s() gets its own alternative", async (name, alternative) => {
    expect(await errorOf(`o = {a: 1};\no.${name}();`)).toBe(
      `TypeError: 'null' is not callable: the object has no key '${name}'; objects have no methods: ${alternative}`,
    );
  });

  it("another missing key says what o.m() does", async () => {
    expect(await errorOf("o = {};\no.greet();")).toBe(
      "TypeError: 'null' is not callable: the object has no key 'greet'; objects have no methods: o.greet() calls a function stored under the key 'greet'",
    );
  });

  it("a key that holds a non-function keeps the plain message", async () => {
    expect(await errorOf("o = {m: 5};\no.m();")).toBe("TypeError: 'number' is not callable");
    expect(await errorOf("o = {m: null};\no.m();")).toBe("TypeError: 'null' is not callable");
  });

  it("a function stored under a key is still called", async () => {
    expect(await errorOf("o = {keys: fn() => 1};\nif (o.keys() != 1) { throw \"wrong\"; }")).toBe("no error");
  });
});

describe("method names ML spells differently", () => {
  it("a.push(4) says did you mean 'append'", async () => {
    expect(await errorOf("a = [1, 2, 3];\na.push(4);")).toBe(
      "AttributeError: 'array' object has no attribute 'push'; did you mean 'append'? (a.append(x))",
    );
  });

  it.each([
    ["[1].indexOf(1)", "did you mean 'index'?"],
    ["[1].includes(1)", "use a.count(x) > 0"],
    ["[1].map(fn(x) => x)", "collections.map(a, fn)"],
    ["[1].forEach(fn(x) => x)", "use for (x in a)"],
    ["[1].slice(0, 1)", "use slicing: a[start:end]"],
    ["[1].join(\",\")", "use sep.join(a)"],
    ["[1].unshift(0)", "use a.insert(0, x)"],
    ["[1].appnd(0)", "did you mean 'append'?"],
  ])("array: %s → %s", async (call, hint) => {
    const message = await errorOf(`x = ${call};`);
    expect(message).toMatch(/^AttributeError: 'array' object has no attribute '\w+'; /);
    expect(message).toContain(hint);
  });

  it.each([
    ["toUpperCase()", "did you mean 'upper'?"],
    ["toLowerCase()", "did you mean 'lower'?"],
    ["trim()", "did you mean 'strip'?"],
    ["startsWith(\"a\")", "did you mean 'startswith'?"],
    ["includes(\"a\")", "use s.find(sub) >= 0"],
    ["padStart(3)", "did you mean 'rjust'?"],
    ["substring(1)", "use slicing: s[start:end]"],
    ["charAt(0)", "use indexing: s[i]"],
    ["uper()", "did you mean 'upper'?"],
  ])("string: s.%s → %s", async (call, hint) => {
    const message = await errorOf(`s = "abc";\nx = s.${call};`);
    expect(message).toMatch(/^AttributeError: 'string' object has no attribute '\w+'; /);
    expect(message).toContain(hint);
  });

  it("a.length() says length is not a method", async () => {
    expect(await errorOf("a = [1];\nn = a.length();")).toBe(
      "TypeError: 'number' is not callable: length is a number, not a method; use len(a) or a.length",
    );
    expect(await errorOf("s = \"ab\";\nn = s.length();")).toBe(
      "TypeError: 'number' is not callable: length is a number, not a method; use len(s) or s.length",
    );
  });

  it("a name with no close ML method gets no hint", async () => {
    expect(await errorOf("x = [1].frobnicate;")).toBe("AttributeError: 'array' object has no attribute 'frobnicate'");
  });

  it("a misspelt member of a stdlib module suggests the closest one", async () => {
    expect(await errorOf("import datetime;\nt = datetime.nwo();")).toBe(
      "AttributeError: 'module' object has no attribute 'nwo'; did you mean 'now'?",
    );
  });
});
