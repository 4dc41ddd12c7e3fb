/**
 * Fuzzing the runtime helpers generated code calls (`createRuntime`): random ML values through
 * every binary and unary operator, comparisons, indexing, slicing, member access and `str` /
 * `repr`. Every outcome must be an ML value or an `MLError` — never a host exception — and a few
 * invariants hold whatever the operands (finite arithmetic never yields NaN, comparisons give
 * booleans, `==` and `!=` agree, display gives strings within the string limit).
 *
 * The algebra of `==` and ordering is covered by test/runtime/equality.property.test.ts and of
 * slicing by test/runtime/slicing.property.test.ts; this file is about robustness.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createRuntime } from "../../src/runtime/runtime.js";
import { resolveLimits } from "../../src/runtime/state.js";
import { typeOf } from "../../src/runtime/values.js";
import * as registry from "../../src/stdlib/registry.js";
import { fuzzParams } from "./config.js";
import { mlValue, type SpecialValues } from "./ml-values.js";
import { outcomeOfSync, type Outcome } from "./outcome.js";

const limits = resolveLimits({ maxStringLength: 10_000, maxArrayLength: 10_000 });
const rt = createRuntime({ limits, stdout: () => {}, stderr: () => {}, stdin: null });

let special: SpecialValues;
beforeAll(async () => {
  const datetime = await registry.load("datetime");
  const create = datetime.definition.functions.get("create")!;
  special = { stdlibObject: () => create(2024, 2, 29), iterator: () => rt.builtins.iter!([1, 2]) };
});

const value = fc.constant(null).chain(() => mlValue(special));

/** The outcome of the expression `f`, failing the property on a host exception or `undefined`. */
function mlOutcome(what: string, f: () => unknown): Outcome {
  const o = mlStatement(what, f);
  if (o.kind === "value") expect(o.value, `${what} returned undefined`).not.toBeUndefined();
  return o;
}

/** The outcome of the statement `f` (an assignment: no value), failing on a host exception. */
function mlStatement(what: string, f: () => unknown): Outcome {
  const o = outcomeOfSync(f);
  expect(o.kind === "host-error" ? o.description : null, what).toBeNull();
  return o;
}

const show = (v: unknown): string => {
  const o = outcomeOfSync(() => rt.builtins.repr!(v));
  return o.kind === "value" ? String(o.value).slice(0, 200) : `<${typeOf(v)}>`;
};

const ARITHMETIC = ["add", "sub", "mul", "div", "fdiv", "mod"] as const;
const COMPARISONS = ["eq", "ne", "lt", "gt", "le", "ge"] as const;

describe("runtime operators on random values (fuzz)", () => {
  it("binary operators and comparisons give a value or an ML error", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const what = (op: string) => `${op}(${show(a)}, ${show(b)})`;
        for (const op of ARITHMETIC) {
          const o = mlOutcome(what(op), () => rt[op](a, b));
          if (o.kind === "value" && typeof a === "number" && typeof b === "number" && Number.isFinite(a) && Number.isFinite(b)) {
            expect(Number.isNaN(o.value), `${what(op)} is NaN`).toBe(false);
          }
        }
        const results = COMPARISONS.map((op) => mlOutcome(what(op), () => rt[op](a, b)));
        for (const o of results) if (o.kind === "value") expect(typeof o.value).toBe("boolean");
        const [eq, ne] = results;
        if (eq!.kind === "value" && ne!.kind === "value") expect(eq!.value, what("eq/ne")).toBe(!ne!.value);
      }),
      fuzzParams(3000),
    );
  });

  it("unary operators, truthiness and display give a value or an ML error", () => {
    fc.assert(
      fc.property(value, (a) => {
        mlOutcome(`neg(${show(a)})`, () => rt.neg(a));
        expect(typeof rt.truthy(a)).toBe("boolean");
        for (const f of ["str", "repr", "len", "typeof", "bool", "int", "float"]) {
          const o = mlOutcome(`${f}(${show(a)})`, () => rt.builtins[f]!(a));
          if ((f === "str" || f === "repr") && o.kind === "value") {
            expect(typeof o.value).toBe("string");
            expect((o.value as string).length).toBeLessThanOrEqual(limits.maxStringLength);
          }
        }
      }),
      fuzzParams(2000),
    );
  });

  it("indexing, slicing, item assignment and members give a value or an ML error", () => {
    const bound = fc.oneof(fc.constant(null), fc.integer({ min: -6, max: 6 }), value);
    const name = fc.oneof(
      fc.constantFrom("length", "append", "upper", "split", "pop", "sort", "index", "count", "join", "keys", "constructor", "__proto__", "then", "toString", "year", "k"),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(value, value, bound, bound, bound, name, (o, k, start, end, step, member) => {
        mlOutcome(`index(${show(o)}, ${show(k)})`, () => rt.index(o, k));
        mlOutcome(`slice(${show(o)}, ${show(start)}, ${show(end)}, ${show(step)})`, () => rt.slice(o, start, end, step));
        mlOutcome(`member(${show(o)}, ${member})`, () => rt.member(o, member));
        mlOutcome(`invoke(${show(o)}, ${member}, ${show(k)})`, () => rt.invoke(o, member, k));
        mlStatement(`setIndex(${show(o)}, ${show(k)}, 1)`, () => rt.setIndex(o, k, 1));
        mlStatement(`setMember(${show(o)}, ${member}, 1)`, () => rt.setMember(o, member, 1));
        mlOutcome(`for-in ${show(o)}`, () => [...rt.iter(o)].length);
      }),
      fuzzParams(2000),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
