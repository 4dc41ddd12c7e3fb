/**
 * Fuzzing the standard library and the builtins with random arguments: every function of every
 * module (`definition(name).functions`, aliases included) and every builtin, called from ML with
 * 0–4 random ML values, in a context granting only the capabilities without outside effects.
 * Only ML errors may come out (`CapabilityError` included) — never a host exception — and what
 * comes back is ML data, never a raw host object.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { load, withCapabilities } from "../../src/index.js";
import { BUILTINS } from "../../src/compiler/index.js";
import { typeOf } from "../../src/runtime/values.js";
import * as registry from "../../src/stdlib/registry.js";
import { changes, snapshot } from "../security/guard.js";
import { fuzzParams } from "./config.js";
import { mlValue, type SpecialValues } from "./ml-values.js";
import { outcomeOf } from "./outcome.js";

/** Capabilities with no effect outside the program: clock, randomness, its own argument vector. */
const PURE = ["datetime.now", "random.generate", "random.sample", "crypto.random", "args.read"];
const LIMITS = { steps: 100_000, timeMs: 500, recursion: 100, maxStringLength: 10_000, maxArrayLength: 10_000 };

/**
 * `invoke(module, name, args)` with a direct call per arity, as a program would write it. (No
 * module-level name may be a builtin's: it would shadow the builtin in the table.)
 */
const SOURCE = [
  ...registry.STDLIB_MODULES.map((m) => `import ${m};`),
  `stdlib = {${registry.STDLIB_MODULES.map((m) => `${m}: ${m}`).join(", ")}};`,
  `builtin = {${BUILTINS.map((b) => `${b}: ${b}`).join(", ")}};`,
  "function invoke(module, name, a) {",
  '  f = module == "" ? builtin[name] : getattr(stdlib[module], name);',
  "  n = len(a);",
  "  if (n == 0) { return f(); }",
  "  elif (n == 1) { return f(a[0]); }",
  "  elif (n == 2) { return f(a[0], a[1]); }",
  "  elif (n == 3) { return f(a[0], a[1], a[2]); }",
  "  return f(a[0], a[1], a[2], a[3]);",
  "}",
].join("\n");

type Call = (module: string, name: string, args: unknown[]) => unknown;
let call: Call;
let special: SpecialValues;
/** `[module, function]` for every stdlib function and alias; module `""` for builtins. */
const targets: [string, string][] = [];
/** Parameter names of every stdlib function and alias (`"lst"`, `"fn"`, `"path"`, …). */
const parameters = new Map<string, string[]>();

beforeAll(async () => {
  const program = await load({ source: SOURCE, filename: "fuzz.ml" }, { limits: LIMITS, async: true, env: {}, args: ["a"] });
  call = program.exports.invoke as Call;
  for (const m of registry.STDLIB_MODULES) {
    for (const f of (await registry.load(m)).definition.functions.keys()) targets.push([m, f]);
    for (const f of registry.info(m).functions) {
      const names = f.params.split(",").map((p) => p.trim().replace(/^\.\.\./, "").replace(/[?=].*$/, "")).filter(Boolean);
      for (const n of [f.name, ...f.aliases]) parameters.set(`${m}.${n}`, names);
    }
  }
  for (const b of BUILTINS) if (b !== "input") targets.push(["", b]); // input() waits for a host source
  const create = registry.get("datetime").definition.functions.get("create")!;
  const iter = (await load({ source: "function it() { return iter([1, 2]); }", filename: "it.ml" })).exports.it as () => unknown;
  special = { stdlibObject: () => create(2024, 2, 29), iterator: iter };
});

/** The first raw host object inside `v` (depth-limited, cycle-safe), or null. */
function hostObjectIn(v: unknown, seen = new Set<unknown>(), depth = 0): string | null {
  if (depth > 6 || seen.has(v)) return null;
  const t = typeOf(v);
  if (t === "hostobject") return Object.prototype.toString.call(v);
  if (t !== "array" && t !== "object") return null;
  seen.add(v);
  for (const x of Object.values(v as object)) {
    const found = hostObjectIn(x, seen, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

async function check([module, name]: [string, string], args: unknown[]): Promise<void> {
  const what = `${module || "builtin"}.${name} with ${args.length} argument(s): ${args.map((a) => typeOf(a)).join(", ")}`;
  const outcome = await outcomeOf(() => withCapabilities(PURE, () => call(module, name, args)));
  expect(outcome.kind === "host-error" ? outcome.description : null, what).toBeNull();
  if (outcome.kind === "value") expect(hostObjectIn(outcome.value), `${what} returned a host object`).toBeNull();
}

/** Fixed argument lists every function is called with, one per arity and edge case. */
const EDGE_ARGUMENTS: unknown[][] = [
  [], [null], [-0], [NaN], [Infinity], ["__proto__"], [[]], [{}], [[1, "a", null]],
  [1e9, 1e9], ["", ""], [-1, "%s"], [{ __proto__: null, constructor: 1 }, "constructor"],
  [[3, 1, 2], null, 1.5], ["x", "y", "z", "w"], [2 ** 53, -(2 ** 53), 0.5, "1e400"],
];

/** Arguments of the kind a parameter's name suggests, so that calls get past argument checks. */
function argumentFor(param: string): fc.Arbitrary<unknown> {
  const fn = fc.constantFrom((x: unknown) => x, (a: unknown, b: unknown) => [a, b], () => true);
  if (/^(fn|predicate|keyFn|onTrue|onFalse)$/.test(param)) return fn;
  if (param === "fns") return fc.array(fn, { maxLength: 3 });
  if (/^(lst|it|its|values|items|arr|rows|row|pairs|lines|seq|parts|more)$/.test(param)) return fc.array(mlValue(special), { maxLength: 5 });
  if (/^(x|y|a|b|n|k|m|d|h|mi|us|count|min|max|index|start|end|stop|step|size|length|depth|maxDepth|level|indent|digits|lo|hi|low|high|mu|sigma|seed|days|hours|minutes|seconds|ts|bound|arity|maxsplit)$/.test(param)) {
    return fc.oneof(fc.integer({ min: -3, max: 12 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constantFrom(0, -0, NaN, Infinity, 1e9));
  }
  if (/^(data|o|headers|options|params|obj|query|default)$/.test(param)) return fc.oneof(mlValue(special), fc.dictionary(fc.string({ maxLength: 3 }), mlValue(special), { maxKeys: 3 }));
  if (/^(dt|birth|current|other|signature)$/.test(param)) return fc.oneof(fc.constant(null).map(() => special.stdlibObject()), mlValue(special));
  return fc.oneof(fc.constantFrom("a", "abc,def", "x.txt", "2024-01-02", "%Y-%m-%d", "(a)(b)?", "sha256", "UTC", "http://example.com/a?b=1", "k"), mlValue(special));
}

describe("stdlib functions and builtins with random arguments (fuzz)", () => {
  it("every function, every edge-case argument list: ML values or ML errors only", async () => {
    const before = snapshot();
    for (const target of targets) for (const args of EDGE_ARGUMENTS) await check(target, args);
    expect(targets.length).toBeGreaterThan(300);
    expect(changes(before)).toEqual([]);
  });

  it("random functions with 0–4 random ML values: ML values or ML errors only", async () => {
    const target = fc.constant(null).chain(() => fc.constantFrom(...targets));
    const args = fc.constant(null).chain(() => fc.array(mlValue(special), { maxLength: 4 }));
    const before = snapshot();
    await fc.assert(fc.asyncProperty(target, args, (t, a) => check(t, a)), fuzzParams(3000));
    expect(changes(before)).toEqual([]);
  });

  it("stdlib functions with arguments of the kinds their parameters name: ML values or ML errors only", async () => {
    const call = fc.constant(null).chain(() => fc.constantFrom(...targets.filter(([m]) => m !== "")))
      .chain((t) => fc.tuple(fc.constant(t), fc.tuple(...parameters.get(`${t[0]}.${t[1]}`)!.map(argumentFor))));
    const before = snapshot();
    await fc.assert(fc.asyncProperty(call, ([t, a]) => check(t, a.slice(0, 4))), fuzzParams(3000));
    expect(changes(before)).toEqual([]);
  });
});
