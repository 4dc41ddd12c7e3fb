/**
 * Bounded work, as a property: random builtins, string and array methods and stdlib functions,
 * called from ML on random *large* and *shared* values that ML built itself (a string at the size
 * limit, `a = [a, a]` thirty times, a 100 000-item range, deep nesting, Unicode that grows when
 * upper-cased…), each end within the run's limits — a value, an ML error, or `LimitError` — and
 * never with a host exception. The step, time and size limits are small so that a call doing
 * unbounded work shows up as a run that overshoots its time limit.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { load, withCapabilities } from "../../src/index.js";
import { BUILTINS } from "../../src/compiler/index.js";
import { ARRAY_METHODS } from "../../src/runtime/methods-array.js";
import { STRING_METHODS } from "../../src/runtime/methods-string.js";
import * as registry from "../../src/stdlib/registry.js";
import { fuzzParams } from "./config.js";
import { outcomeOf } from "./outcome.js";

const PURE = ["datetime.now", "random.generate", "random.sample", "crypto.random", "args.read"];
const TIME_MS = 300;
const LIMITS = {
  steps: 300_000, timeMs: TIME_MS, recursion: 100, maxStringLength: 1_000_000, maxArrayLength: 100_000, maxResultSize: 1_000_000,
};
/** How far past its time limit a run may end on a loaded machine. */
const SLACK_MS = 2_000;

/** Values ML builds for a case: `[kind, n]`. Sizes are chosen to reach the limits, not pass them. */
const SOURCE = [
  ...registry.STDLIB_MODULES.map((m) => `import ${m};`),
  `stdlib = {${registry.STDLIB_MODULES.map((m) => `${m}: ${m}`).join(", ")}};`,
  `builtin = {${BUILTINS.map((b) => `${b}: ${b}`).join(", ")}};`,
  "function make(spec) {",
  "  kind = spec[0]; n = spec[1];",
  '  if (kind == "shared") { a = ["x"]; for (i in range(n)) { a = [a, a]; } return a; }',
  '  elif (kind == "sharedObj") { o = {k: "v"}; for (i in range(n)) { o = {a: o, b: o}; } return o; }',
  '  elif (kind == "sharedStr") { s = "x" * 1000; return [s] * n; }',
  '  elif (kind == "str") { return "ab" * n; }',
  '  elif (kind == "ustr") { return "\u00df\u0149" * n; }',
  '  elif (kind == "digits") { return "1" * n; }',
  '  elif (kind == "range") { return range(n); }',
  '  elif (kind == "unequal") { a = range(n); b = range(n); b[n - 1] = -1; return [a, b]; }',
  '  elif (kind == "deep") { a = []; for (i in range(n)) { a = [a]; } return a; }',
  '  elif (kind == "wide") { o = {}; for (i in range(n)) { o["k" + str(i)] = i; } return o; }',
  '  elif (kind == "fn") { return fn(x) => x; }',
  '  elif (kind == "fn2") { return fn(a, b) => [a, b]; }',
  "  return n;",
  "}",
  "function run(module, name, specs) {",
  "  a = [];",
  "  for (s in specs) { a.append(make(s)); }",
  '  if (module == "@") { f = getattr(a[0], name); a = a[1:]; }',
  '  else { f = module == "" ? builtin[name] : getattr(stdlib[module], name); }',
  "  n = len(a);",
  "  if (n == 0) { r = f(); }",
  "  elif (n == 1) { r = f(a[0]); }",
  "  elif (n == 2) { r = f(a[0], a[1]); }",
  "  else { r = f(a[0], a[1], a[2]); }",
  "  return r;",
  "}",
].join("\n");

type Spec = [string, unknown];
type Run = (module: string, name: string, specs: Spec[]) => unknown;
let run: Run;
const targets: [string, string][] = [];

beforeAll(async () => {
  const program = await load({ source: SOURCE, filename: "limits-fuzz.ml" }, { limits: LIMITS, async: true, env: {}, args: ["a"] });
  run = program.exports.run as Run;
  for (const m of registry.STDLIB_MODULES) {
    for (const f of (await registry.load(m)).definition.functions.keys()) targets.push([m, f]);
  }
  for (const b of BUILTINS) if (b !== "input") targets.push(["", b]);
  for (const name of STRING_METHODS.keys()) targets.push(["@str", name]);
  for (const name of ARRAY_METHODS.keys()) targets.push(["@arr", name]);
});

const kind = (k: string, min: number, max: number): fc.Arbitrary<Spec> => fc.tuple(fc.constant(k), fc.integer({ min, max }));
const strSpec: fc.Arbitrary<Spec> = fc.oneof(
  kind("str", 1_000, 499_000), kind("ustr", 1_000, 499_000), kind("digits", 1_000, 999_000),
  fc.tuple(fc.constant("value"), fc.constantFrom("%s", "%r", "s", ">1000000", "a", ",", "ab", "b", "(a|b){1,1000}", "[a-z]{0,5000}x", "*a*a*a*a*a*b")),
);
const arrSpec: fc.Arbitrary<Spec> = fc.oneof(
  kind("shared", 10, 30), kind("sharedStr", 10, 2_000), kind("range", 1_000, 100_000), kind("unequal", 1_000, 50_000), kind("deep", 100, 3_000),
);
const objSpec: fc.Arbitrary<Spec> = fc.oneof(kind("sharedObj", 10, 30), kind("wide", 100, 5_000));
const fnSpec: fc.Arbitrary<Spec> = fc.tuple(fc.constantFrom("fn", "fn2"), fc.constant(0));
const numSpec: fc.Arbitrary<Spec> = fc.tuple(fc.constant("value"), fc.oneof(fc.integer({ min: -3, max: 100_000 }), fc.constantFrom(0, 1, 2, 1000, 2.5)));
const anySpec: fc.Arbitrary<Spec> = fc.oneof(strSpec, arrSpec, objSpec, fnSpec, numSpec);

/** The kind of value a parameter's name asks for, so that calls get past argument checks. */
function specFor(param: string): fc.Arbitrary<Spec> {
  if (/^(fn|fns|predicate|keyFn|onTrue|onFalse|f|g|func|callback|key)$/.test(param)) return fnSpec;
  if (/^(lst|it|its|values|items|arr|rows|row|pairs|lines|seq|parts|more|list|array|a|b)$/.test(param)) return fc.oneof(arrSpec, anySpec);
  if (/^(n|k|m|count|index|start|end|stop|step|size|length|depth|maxDepth|level|indent|digits|width|times|maxsplit|bound|seed)$/.test(param)) return numSpec;
  if (/^(data|o|obj|options|params|query|headers|value|v|x)$/.test(param)) return fc.oneof(objSpec, arrSpec, anySpec);
  return fc.oneof(strSpec, anySpec);
}

/** Parameter names per stdlib function (`"s"`, `"lst"`, …) with how many are required. */
function paramsOf(module: string, name: string): { names: string[]; min: number } {
  for (const f of registry.info(module).functions) {
    if (f.name !== name && !f.aliases.includes(name)) continue;
    const list = f.params.split(",").map((p) => p.trim()).filter(Boolean);
    const min = list.filter((p) => !/[?=]|^\.\.\./.test(p)).length;
    return { names: list.map((p) => p.replace(/^\.\.\./, "").replace(/[?=].*$/, "")), min };
  }
  return { names: [], min: 0 };
}

/** A target and its arguments; a method's receiver is the first value, of the method's kind. */
const call = fc.constant(null).chain(() => fc.constantFrom(...targets)).chain(([module, name]) => {
  if (module === "@str" || module === "@arr") {
    const receiver = module === "@str" ? strSpec : arrSpec;
    return fc.tuple(fc.constant(module), fc.constant(name), fc.tuple(receiver, fc.array(anySpec, { maxLength: 2 })).map(([r, rest]) => [r, ...rest]));
  }
  if (module === "") return fc.tuple(fc.constant(module), fc.constant(name), fc.array(anySpec, { minLength: 1, maxLength: 3 }));
  const { names, min } = paramsOf(module, name);
  const shown = names.slice(0, 3);
  return fc.integer({ min: Math.min(min, shown.length), max: shown.length }).chain((count) =>
    fc.tuple(fc.constant(module), fc.constant(name), fc.tuple(...shown.slice(0, count).map(specFor))));
});

describe("bounded work (property)", () => {
  it("random calls on large and shared values end within their limits, with ML outcomes only", async () => {
    await fc.assert(
      fc.asyncProperty(call, async ([module, name, specs]) => {
        const what = `${module || "builtin"}.${name}(${specs.map((s) => `${s[0]}:${String(s[1])}`).join(", ")})`;
        const start = performance.now();
        const outcome = await outcomeOf(() => withCapabilities(PURE, () => run(module.startsWith("@") ? "@" : module, name, specs)));
        const elapsed = performance.now() - start;
        expect(outcome.kind === "host-error" ? outcome.description : null, what).toBeNull();
        expect(elapsed, `${what} ran ${Math.round(elapsed)} ms`).toBeLessThan(TIME_MS + SLACK_MS);
      }),
      fuzzParams(250),
    );
  }, 240_000);
});
