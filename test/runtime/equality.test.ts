import { describe, it, expect } from "vitest";
import { equals, notEquals, MAX_COMPARISON_DEPTH } from "../../src/runtime/equality.js";
import { members, registerClass } from "../../src/runtime/objects.js";
import { mlFailure as errorOf } from "./ml-error.js";

class Instant {
  constructor(readonly ms: number) {}
}
registerClass(Instant, {
  name: "Instant",
  members: members({}),
  equals: (a: Instant, b: Instant) => a.ms === b.ms,
});
class Token {
  constructor(readonly id: number) {}
}
registerClass(Token, { name: "Token", members: members({}) });
class Other {
  constructor(readonly ms: number) {}
}
registerClass(Other, { name: "Other", members: members({}), equals: () => true });


describe("equals on scalars", () => {
  it("compares numbers by value", () => {
    expect(equals(1, 1)).toBe(true);
    expect(equals(0.1 + 0.2, 0.3)).toBe(false);
    expect(equals(0, -0)).toBe(true);
    expect(equals(NaN, NaN)).toBe(false);
    expect(equals(Infinity, Infinity)).toBe(true);
  });

  it("compares strings by content", () => {
    expect(equals("ab", "a" + "b")).toBe(true);
    expect(equals("a", "A")).toBe(false);
  });

  it("never coerces between types", () => {
    expect(equals(1, "1")).toBe(false);
    expect(equals(1, true)).toBe(false);
    expect(equals(0, false)).toBe(false);
    expect(equals(null, false)).toBe(false);
    expect(equals(null, 0)).toBe(false);
    expect(equals("", false)).toBe(false);
    expect(equals([], false)).toBe(false);
    expect(equals([], "")).toBe(false);
    expect(equals([1], 1)).toBe(false);
    expect(equals({}, [])).toBe(false);
    expect(equals([], {})).toBe(false);
    expect(equals(null, {})).toBe(false);
    expect(equals({}, null)).toBe(false);
    expect(equals("[object Object]", {})).toBe(false);
  });

  it("treats host undefined as null", () => {
    expect(equals(null, null)).toBe(true);
    expect(equals(undefined, null)).toBe(true);
    expect(equals(null, undefined)).toBe(true);
    expect(equals([undefined], [null])).toBe(true);
    expect(equals({ a: undefined }, { a: null })).toBe(true);
  });

  it("notEquals is the negation", () => {
    expect(notEquals(1, 2)).toBe(true);
    expect(notEquals([1], [1])).toBe(false);
    expect(notEquals(NaN, NaN)).toBe(true);
  });
});

describe("equals on containers", () => {
  it("compares arrays element by element", () => {
    expect(equals([], [])).toBe(true);
    expect(equals([1, "a", [true, null]], [1, "a", [true, null]])).toBe(true);
    expect(equals([1, 2], [2, 1])).toBe(false);
    expect(equals([1, 2], [1, 2, 3])).toBe(false);
    expect(equals([[1]], [[2]])).toBe(false);
    expect(equals([NaN], [NaN])).toBe(false);
    expect(equals([0], [-0])).toBe(true);
  });

  it("compares objects by key set and values, ignoring order", () => {
    expect(equals({}, {})).toBe(true);
    expect(equals({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(equals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(equals({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(equals({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(equals({ a: { b: { c: 1 } } }, { a: { b: { c: 1 } } })).toBe(true);
    expect(equals({ a: { b: { c: 1 } } }, { a: { b: { c: "1" } } })).toBe(false);
  });

  it("treats null-prototype objects as plain objects", () => {
    const o = Object.create(null);
    o.a = 1;
    expect(equals(o, { a: 1 })).toBe(true);
    expect(equals({ a: 1 }, o)).toBe(true);
  });

  it("ignores inherited keys", () => {
    (Object.prototype as Record<string, unknown>).extra = 1;
    try {
      const o = Object.create(null);
      expect(equals({}, o)).toBe(true);
      expect(equals({ extra: 1 }, {})).toBe(false);
      expect(equals({}, { extra: 1 })).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).extra;
    }
  });

  it("short-circuits on identity", () => {
    const a: unknown[] = [];
    a.push(a);
    expect(equals(a, a)).toBe(true);
  });
});

describe("equals on functions and objects with classes", () => {
  it("compares functions by identity", () => {
    const f = () => 1;
    const g = () => 1;
    expect(equals(f, f)).toBe(true);
    expect(equals(f, g)).toBe(false);
    expect(equals([f], [f])).toBe(true);
  });

  it("uses a class's equals hook", () => {
    expect(equals(new Instant(5), new Instant(5))).toBe(true);
    expect(equals(new Instant(5), new Instant(6))).toBe(false);
    expect(equals([new Instant(5)], [new Instant(5)])).toBe(true);
    expect(equals({ at: new Instant(1) }, { at: new Instant(1) })).toBe(true);
  });

  it("compares classes without a hook by identity", () => {
    const t = new Token(1);
    expect(equals(t, t)).toBe(true);
    expect(equals(new Token(1), new Token(1))).toBe(false);
  });

  it("never calls a hook across classes", () => {
    expect(equals(new Other(1), new Instant(1))).toBe(false);
    expect(equals(new Instant(1), new Other(1))).toBe(false);
    expect(equals(new Other(1), new Other(2))).toBe(true);
    expect(equals(new Instant(1), { ms: 1 })).toBe(false);
    expect(equals({ ms: 1 }, new Instant(1))).toBe(false);
  });

  it("compares opaque host objects by identity", () => {
    const m = new Map();
    expect(equals(m, m)).toBe(true);
    expect(equals(new Map(), new Map())).toBe(false);
    expect(equals(new Date(0), new Date(0))).toBe(false);
  });
});

describe("self-containing structures", () => {
  it("raises RecursionError instead of hanging", () => {
    const a: unknown[] = [];
    a.push(a);
    const b: unknown[] = [];
    b.push(b);
    expect(errorOf(() => equals(a, b))).toBe("RecursionError: maximum recursion depth exceeded in comparison");
    const o: Record<string, unknown> = {};
    o.o = o;
    const p: Record<string, unknown> = {};
    p.o = p;
    expect(errorOf(() => equals(o, p))).toBe("RecursionError: maximum recursion depth exceeded in comparison");
  });

  it("still answers false when a difference is found before the cycle", () => {
    const a: unknown[] = [1];
    a.push(a);
    const b: unknown[] = [2];
    b.push(b);
    expect(equals(a, b)).toBe(false);
  });

  it("compares deep acyclic structures", () => {
    const build = (n: number, leaf: unknown): unknown => {
      let v: unknown = leaf;
      for (let i = 0; i < n; i++) v = i % 2 === 0 ? [v] : { k: v };
      return v;
    };
    const depth = MAX_COMPARISON_DEPTH - 2;
    expect(equals(build(depth, 1), build(depth, 1))).toBe(true);
    expect(equals(build(depth, 1), build(depth, 2))).toBe(false);
    expect(errorOf(() => equals(build(MAX_COMPARISON_DEPTH + 5, 1), build(MAX_COMPARISON_DEPTH + 5, 1)))).toBe(
      "RecursionError: maximum recursion depth exceeded in comparison",
    );
  });
});
