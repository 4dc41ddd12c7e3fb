import { describe, it, expect } from "vitest";
import { index, setIndex, objectKey } from "../../src/runtime/indexing.js";
import { MLError } from "../../src/runtime/errors.js";
import { mlFailure } from "./ml-error.js";

/** Runs `f` and returns the `type: message` of the MLError it throws. */

describe("index", () => {
  it("reads arrays with non-negative and negative integers", () => {
    const a = [10, 20, 30];
    expect(index(a, 0)).toBe(10);
    expect(index(a, 2)).toBe(30);
    expect(index(a, -1)).toBe(30);
    expect(index(a, -3)).toBe(10);
    expect(index(a, -0)).toBe(10);
  });

  it("reads host undefined and holes as null", () => {
    expect(index([undefined], 0)).toBe(null);
    // eslint-disable-next-line no-sparse-arrays
    expect(index([1, , 3], 1)).toBe(null);
    expect(index({ a: undefined }, "a")).toBe(null);
  });

  it("raises IndexError out of range", () => {
    expect(mlFailure(() => index([1, 2], 2))).toBe("IndexError: list index out of range");
    expect(mlFailure(() => index([1, 2], -3))).toBe("IndexError: list index out of range");
    expect(mlFailure(() => index([], 0))).toBe("IndexError: list index out of range");
    expect(mlFailure(() => index([1], 2 ** 32))).toBe("IndexError: list index out of range");
    expect(mlFailure(() => index("ab", 5))).toBe("IndexError: string index out of range");
    expect(mlFailure(() => index("ab", -3))).toBe("IndexError: string index out of range");
  });

  it("rejects non-integer indices of sequences", () => {
    expect(mlFailure(() => index([1], 0.5))).toBe("TypeError: list indices must be integers, not float");
    expect(mlFailure(() => index([1], NaN))).toBe("TypeError: list indices must be integers, not float");
    expect(mlFailure(() => index([1], "0"))).toBe("TypeError: list indices must be integers, not string");
    expect(mlFailure(() => index([1], true))).toBe("TypeError: list indices must be integers, not boolean");
    expect(mlFailure(() => index("a", null))).toBe("TypeError: string indices must be integers, not null");
    expect(mlFailure(() => index("a", Infinity))).toBe("TypeError: string indices must be integers, not float");
  });

  it("reads strings by UTF-16 code unit", () => {
    expect(index("héllo", 1)).toBe("é");
    expect(index("héllo", -1)).toBe("o");
    expect(index("😀", 0)).toBe("\ud83d");
    expect(index("😀", 1)).toBe("\ude00");
  });

  it("reads own object keys and raises KeyError with the key", () => {
    const o = { a: 1, "1": "one" };
    expect(index(o, "a")).toBe(1);
    expect(index(o, 1)).toBe("one");
    expect(index(o, "1")).toBe("one");
    expect(mlFailure(() => index(o, "b"))).toBe("KeyError: b");
    expect(mlFailure(() => index(o, 2))).toBe("KeyError: 2");
  });

  it("never reaches inherited properties or internals", () => {
    const o = {};
    for (const k of ["constructor", "__proto__", "prototype", "toString", "hasOwnProperty", "valueOf"]) {
      expect(mlFailure(() => index(o, k))).toBe(`KeyError: ${k}`);
    }
    const bare = Object.create(null) as Record<string, unknown>;
    bare.x = 1;
    expect(index(bare, "x")).toBe(1);
  });

  it("reads an own __proto__ key as data", () => {
    const o: Record<string, unknown> = {};
    setIndex(o, "__proto__", 5);
    expect(index(o, "__proto__")).toBe(5);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });

  it("rejects bad object keys and non-subscriptable values", () => {
    expect(mlFailure(() => index({}, null))).toBe("TypeError: object keys must be strings, not null");
    expect(mlFailure(() => index({}, [1]))).toBe("TypeError: object keys must be strings, not array");
    expect(mlFailure(() => index({}, true))).toBe("TypeError: object keys must be strings, not boolean");
    expect(mlFailure(() => index(5, 0))).toBe("TypeError: 'number' object is not subscriptable");
    expect(mlFailure(() => index(null, 0))).toBe("TypeError: 'null' object is not subscriptable");
    expect(mlFailure(() => index(() => 1, 0))).toBe("TypeError: 'function' object is not subscriptable");
    expect(mlFailure(() => index(true, 0))).toBe("TypeError: 'boolean' object is not subscriptable");
  });
});

describe("objectKey", () => {
  it("maps integers to canonical decimal strings", () => {
    expect(objectKey(1)).toBe("1");
    expect(objectKey(-0)).toBe("0");
    expect(objectKey(-7)).toBe("-7");
    expect(objectKey(1e21)).toBe("1000000000000000000000");
    expect(objectKey(-1e21)).toBe("-1000000000000000000000");
    expect(objectKey(2 ** 53)).toBe("9007199254740992");
  });

  it("maps other numbers with String() and keeps strings", () => {
    expect(objectKey(1.5)).toBe("1.5");
    expect(objectKey("x")).toBe("x");
    expect(objectKey("")).toBe("");
  });
});

describe("setIndex", () => {
  it("replaces array elements, negative positions included", () => {
    const a = [1, 2, 3];
    setIndex(a, 0, "a");
    setIndex(a, -1, "c");
    expect(a).toEqual(["a", 2, "c"]);
  });

  it("never grows an array", () => {
    const a = [1];
    expect(mlFailure(() => setIndex(a, 1, 2))).toBe("IndexError: list assignment index out of range");
    expect(mlFailure(() => setIndex(a, -2, 2))).toBe("IndexError: list assignment index out of range");
    expect(mlFailure(() => setIndex(a, 0.5, 2))).toBe("TypeError: list indices must be integers, not float");
    expect(mlFailure(() => setIndex(a, "0", 2))).toBe("TypeError: list indices must be integers, not string");
    expect(a).toEqual([1]);
  });

  it("sets own keys of objects, integers as decimal strings", () => {
    const o: Record<string, unknown> = {};
    setIndex(o, "a", 1);
    setIndex(o, 3, "three");
    expect(o).toEqual({ a: 1, "3": "three" });
  });

  it("defines __proto__, constructor and prototype as ordinary own data keys", () => {
    const o: Record<string, unknown> = {};
    setIndex(o, "__proto__", { polluted: true });
    setIndex(o, "constructor", 1);
    setIndex(o, "prototype", 2);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect((o as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(o)).toEqual(["__proto__", "constructor", "prototype"]);
    const d = Object.getOwnPropertyDescriptor(o, "__proto__")!;
    expect(d).toMatchObject({ writable: true, enumerable: true, configurable: true });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    setIndex(o, "__proto__", 7);
    expect(o["__proto__"]).toBe(7);
  });

  it("reports frozen host containers as TypeError", () => {
    const a = Object.freeze([1, 2]);
    expect(mlFailure(() => setIndex(a, 0, 5))).toBe("TypeError: 'array' object does not support item assignment");
    const o = Object.freeze({ a: 1 });
    expect(mlFailure(() => setIndex(o, "a", 5))).toBe("TypeError: 'object' object does not support item assignment");
    expect(mlFailure(() => setIndex(o, "b", 5))).toBe("TypeError: 'object' object does not support item assignment");
    expect(mlFailure(() => setIndex(o, "__proto__", 5))).toBe("TypeError: 'object' object does not support item assignment");
    expect(o).toEqual({ a: 1 });
  });

  it("rejects strings and other values", () => {
    expect(mlFailure(() => setIndex("abc", 0, "x"))).toBe("TypeError: 'string' object does not support item assignment");
    expect(mlFailure(() => setIndex(5, 0, "x"))).toBe("TypeError: 'number' object does not support item assignment");
    expect(mlFailure(() => setIndex(null, 0, "x"))).toBe("TypeError: 'null' object does not support item assignment");
    expect(mlFailure(() => setIndex({}, null, "x"))).toBe("TypeError: object keys must be strings, not null");
  });
});
