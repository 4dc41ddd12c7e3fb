import { describe, it, expect } from "vitest";
import { isInt, isPlainObject, truthy, typeOf } from "../../src/runtime/values.js";
import { members, registerClass } from "../../src/runtime/objects.js";

class Stamp {
  constructor(readonly t: number) {}
}
registerClass(Stamp, { name: "Stamp", members: members({}) });

class Bag {
  constructor(readonly items: unknown[]) {}
}
registerClass(Bag, { name: "Bag", members: members({}), truthy: (b: Bag) => b.items.length > 0 });

class Unregistered {}

describe("typeOf", () => {
  it("names the primitive types", () => {
    expect(typeOf(1)).toBe("number");
    expect(typeOf(NaN)).toBe("number");
    expect(typeOf(-Infinity)).toBe("number");
    expect(typeOf("")).toBe("string");
    expect(typeOf(true)).toBe("boolean");
    expect(typeOf(false)).toBe("boolean");
    expect(typeOf(null)).toBe("null");
    expect(typeOf(undefined)).toBe("null");
  });

  it("names containers and functions", () => {
    expect(typeOf([])).toBe("array");
    expect(typeOf([1, [2]])).toBe("array");
    expect(typeOf({})).toBe("object");
    expect(typeOf({ a: 1 })).toBe("object");
    expect(typeOf(Object.create(null))).toBe("object");
    expect(typeOf(() => 1)).toBe("function");
    expect(typeOf(function named() {})).toBe("function");
    expect(typeOf(Stamp)).toBe("function");
    expect(typeOf(Math.max)).toBe("function");
  });

  it("names registered classes by their descriptor", () => {
    expect(typeOf(new Stamp(1))).toBe("Stamp");
    expect(typeOf(new Bag([]))).toBe("Bag");
  });

  it("calls everything else a host object", () => {
    expect(typeOf(new Unregistered())).toBe("hostobject");
    expect(typeOf(new Map())).toBe("hostobject");
    expect(typeOf(new Date())).toBe("hostobject");
    expect(typeOf(Object.create({ a: 1 }))).toBe("hostobject");
    expect(typeOf(/x/)).toBe("hostobject");
    expect(typeOf(10n)).toBe("hostobject");
    expect(typeOf(Symbol("s"))).toBe("hostobject");
  });

  it("does not treat an object with a prototype subclassing Stamp as a Stamp", () => {
    class Sub extends Stamp {}
    expect(typeOf(new Sub(1))).toBe("hostobject");
  });
});

describe("isPlainObject", () => {
  it("accepts object literals and null-prototype objects", () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject({ a: 1 })).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
  });

  it("rejects everything else", () => {
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject(undefined)).toBe(false);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject("s")).toBe(false);
    expect(isPlainObject(1)).toBe(false);
    expect(isPlainObject(() => 1)).toBe(false);
    expect(isPlainObject(new Stamp(1))).toBe(false);
    expect(isPlainObject(new Map())).toBe(false);
    expect(isPlainObject(Object.create({}))).toBe(false);
  });

  it("rejects an array whose prototype was swapped to Object.prototype", () => {
    const a: unknown[] = [];
    Object.setPrototypeOf(a, Object.prototype);
    expect(isPlainObject(a)).toBe(false);
  });
});

describe("truthy", () => {
  it("follows LANGUAGE.md §4 for falsy values", () => {
    for (const v of [false, null, undefined, 0, -0, NaN, "", [], {}, Object.create(null)]) {
      expect(truthy(v)).toBe(false);
    }
  });

  it("is true for everything else", () => {
    for (const v of [true, 1, -1, 0.5, Infinity, -Infinity, "0", "false", " ", [0], [[]], [null], { a: 0 },
      { "": null }, () => 0, new Stamp(0), new Unregistered(), new Map()]) {
      expect(truthy(v)).toBe(true);
    }
  });

  it("ignores inherited enumerable keys", () => {
    const proto = { inherited: 1 };
    const o = Object.create(null);
    expect(truthy(o)).toBe(false);
    // A plain object never sees inherited keys, even if Object.prototype were polluted.
    (Object.prototype as Record<string, unknown>).polluted = 1;
    try {
      expect(truthy({})).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(truthy(Object.create(proto))).toBe(true); // a host object: always true
  });

  it("ignores non-enumerable and symbol keys of plain objects", () => {
    const o = {};
    Object.defineProperty(o, "hidden", { value: 1, enumerable: false });
    (o as Record<symbol, unknown>)[Symbol("s")] = 1;
    expect(truthy(o)).toBe(false);
  });

  it("uses a class's truthy hook", () => {
    expect(truthy(new Bag([]))).toBe(false);
    expect(truthy(new Bag([1]))).toBe(true);
  });
});

describe("isInt", () => {
  it("accepts integral numbers only", () => {
    expect(isInt(0)).toBe(true);
    expect(isInt(-0)).toBe(true);
    expect(isInt(-7)).toBe(true);
    expect(isInt(2 ** 60)).toBe(true);
    expect(isInt(1.5)).toBe(false);
    expect(isInt(NaN)).toBe(false);
    expect(isInt(Infinity)).toBe(false);
    expect(isInt("1")).toBe(false);
    expect(isInt(true)).toBe(false);
    expect(isInt(null)).toBe(false);
  });
});
