import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { equals } from "../../src/runtime/equality.js";
import { compare } from "../../src/runtime/ordering.js";
import { typeOf } from "../../src/runtime/values.js";

/** JSON-like ML values, including NaN, -0 and infinities, and keys that are JS internals. */
const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("constructor", "__proto__", "prototype", "0", "1"));
const scalar = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(key, tie("value")), { maxLength: 4 })
    .map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    }),
}));

/** A small domain so that equal-but-distinct values are common. */
const smallScalar = fc.constantFrom(0, 1, -0, "a", "", true, false, null);
const { small } = fc.letrec((tie) => ({
  small: fc.oneof({ depthSize: "small" }, smallScalar, tie("smallArray"), tie("smallObject")),
  smallArray: fc.array(tie("small"), { maxLength: 2 }),
  smallObject: fc.dictionary(fc.constantFrom("a", "b"), tie("small"), { maxKeys: 2 }),
}));

function containsNaN(v: unknown): boolean {
  if (typeof v === "number") return v !== v;
  if (Array.isArray(v)) return v.some(containsNaN);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsNaN);
  return false;
}

describe("equals is an equivalence relation", () => {
  it("is reflexive for values without NaN (also for distinct copies)", () => {
    fc.assert(
      fc.property(value, (v) => {
        const expected = !containsNaN(v);
        expect(equals(v, structuredClone(v))).toBe(expected);
      }),
    );
  });

  it("is reflexive on identical references", () => {
    fc.assert(fc.property(value, (v) => equals(v, v) === !(typeof v === "number" && v !== v)));
  });

  it("is symmetric", () => {
    fc.assert(fc.property(value, value, (a, b) => equals(a, b) === equals(b, a)));
    fc.assert(fc.property(small, small, (a, b) => equals(a, b) === equals(b, a)));
  });

  it("is transitive", () => {
    fc.assert(
      fc.property(small, small, small, (a, b, c) => {
        if (equals(a, b) && equals(b, c)) expect(equals(a, c)).toBe(true);
      }),
    );
  });

  it("agrees with JSON identity on NaN-free values", () => {
    fc.assert(
      fc.property(small, small, (a, b) => {
        // For this domain (no NaN, no infinities), sorted-key JSON is a faithful canonical form,
        // except for -0 which JSON writes as 0 (ML also treats 0 == -0).
        const canon = (v: unknown): string =>
          JSON.stringify(v, (_k, x) =>
            x !== null && typeof x === "object" && !Array.isArray(x)
              ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : 1)))
              : x,
          );
        expect(equals(a, b)).toBe(canon(a) === canon(b));
      }),
    );
  });
});

const orderable = fc.oneof(
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 5 }),
  fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }),
  fc.array(fc.array(fc.constantFrom("a", "b", "😀", "\uffff"), { maxLength: 3 }), { maxLength: 3 }),
);

describe("compare", () => {
  it("is antisymmetric and consistent with equals on same-type values", () => {
    fc.assert(
      fc.property(orderable, orderable, (a, b) => {
        if (typeOf(a) !== typeOf(b)) return;
        if (Array.isArray(a) && Array.isArray(b) && a.length > 0 && b.length > 0 &&
            typeOf(a[0]) !== typeOf(b[0])) return;
        const ab = Math.sign(compare(a, b, "<"));
        const ba = Math.sign(compare(b, a, "<"));
        expect(ab).toBe(-ba || 0);
        expect(ab === 0).toBe(equals(a, b));
      }),
    );
  });

  it("is transitive on strings (code point order)", () => {
    const s = fc.string({ unit: "binary", maxLength: 4 });
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        if (compare(a, b, "<") < 0 && compare(b, c, "<") < 0) expect(compare(a, c, "<")).toBeLessThan(0);
      }),
    );
  });

  it("orders strings like their code point arrays", () => {
    const s = fc.string({ unit: "grapheme", maxLength: 5 });
    fc.assert(
      fc.property(s, s, (a, b) => {
        const pa = [...a].map((c) => c.codePointAt(0)!);
        const pb = [...b].map((c) => c.codePointAt(0)!);
        expect(Math.sign(compare(a, b, "<"))).toBe(Math.sign(compare(pa, pb, "<")));
      }),
    );
  });
});
