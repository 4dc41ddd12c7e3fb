import { describe, it, expect } from "vitest";
import {
  arity, argumentError, callable, caught, checkArity, demangle, key, ret, thrown, unbound, unpack, unpackObject,
} from "../../src/runtime/calls.js";
import { MLError } from "../../src/runtime/errors.js";
import { str } from "../../src/runtime/display.js";
import { mlFailure as failure } from "./ml-error.js";


describe("callable / ret", () => {
  it("returns functions and rejects everything else", () => {
    const f = () => 1;
    expect(callable(f)).toBe(f);
    expect(failure(() => callable(5))).toBe("TypeError: 'number' is not callable");
    expect(failure(() => callable(null))).toBe("TypeError: 'null' is not callable");
    expect(failure(() => callable("f"))).toBe("TypeError: 'string' is not callable");
    expect(failure(() => callable({}))).toBe("TypeError: 'object' is not callable");
    expect(failure(() => callable([]))).toBe("TypeError: 'array' is not callable");
  });

  it("ret maps undefined to null only", () => {
    expect(ret(undefined)).toBe(null);
    expect(ret(0)).toBe(0);
    expect(ret(false)).toBe(false);
    expect(ret(null)).toBe(null);
  });
});

describe("arity / unbound", () => {
  it("formats the arity message with a demangled name", () => {
    expect(failure(() => arity("f", 2, 3))).toBe("TypeError: f() takes 2 arguments but 3 were given");
    expect(failure(() => arity("g", 1, 0))).toBe("TypeError: g() takes 1 argument but 0 were given");
    expect(failure(() => arity("h", 0, 1))).toBe("TypeError: h() takes 0 arguments but 1 was given");
    expect(failure(() => arity("class$", 0, 1))).toBe("TypeError: class() takes 0 arguments but 1 was given");
    expect(demangle("a$")).toBe("a");
    expect(demangle("a$$")).toBe("a$");
    expect(demangle("$")).toBe("$");
  });

  it("checkArity covers ranges and minimums", () => {
    expect(() => checkArity("r", 2, 1, 3)).not.toThrow();
    expect(failure(() => checkArity("range", 4, 1, 3))).toBe("TypeError: range() takes from 1 to 3 arguments but 4 were given");
    expect(failure(() => checkArity("call", 0, 1, Infinity))).toBe("TypeError: call() takes at least 1 argument but 0 were given");
    expect(failure(() => checkArity("len", 2, 1, 1))).toBe("TypeError: len() takes 1 argument but 2 were given");
  });

  it("argumentError names float for non-integer numbers", () => {
    expect(argumentError("f", 1, "an integer", 1.5).mlMessage).toBe("f() argument 1 must be an integer, not float");
    expect(argumentError("f", 2, "a string", 1.5).mlMessage).toBe("f() argument 2 must be a string, not number");
  });

  it("unbound raises NameError", () => {
    expect(failure(() => unbound("x"))).toBe("NameError: name 'x' is not defined");
    expect(failure(() => unbound("new$"))).toBe("NameError: name 'new' is not defined");
  });
});

describe("unpack / unpackObject / key", () => {
  it("unpacks arrays and strings of exactly n items", () => {
    expect(unpack([1, 2], 2)).toEqual([1, 2]);
    expect(unpack("ab", 2)).toEqual(["a", "b"]);
    expect(failure(() => unpack([1, 2, 3], 2))).toBe("ValueError: too many values to unpack (expected 2, got 3)");
    expect(failure(() => unpack([1], 3))).toBe("ValueError: not enough values to unpack (expected 3, got 1)");
    expect(failure(() => unpack("abc", 2))).toBe("ValueError: too many values to unpack (expected 2, got 3)");
    expect(failure(() => unpack({ a: 1 }, 1))).toBe("TypeError: cannot unpack non-sequence object");
    expect(failure(() => unpack(5, 1))).toBe("TypeError: cannot unpack non-sequence number");
  });

  it("destructures objects through own keys only", () => {
    const o = { a: 1, u: undefined };
    expect(unpackObject(o)).toBe(o);
    expect(key(o, "a")).toBe(1);
    expect(key(o, "u")).toBe(null);
    expect(failure(() => key(o, "b"))).toBe("KeyError: b");
    expect(failure(() => key(o, "constructor"))).toBe("KeyError: constructor");
    expect(failure(() => key(o, "__proto__"))).toBe("KeyError: __proto__");
    expect(failure(() => unpackObject([1]))).toBe("TypeError: cannot destructure array");
    expect(failure(() => unpackObject(null))).toBe("TypeError: cannot destructure null");
  });
});

describe("thrown / caught", () => {
  it("throws error-like objects with their type and message", () => {
    const v = { type: "ValueError", message: "bad" };
    const e = thrown(v);
    expect(e).toBeInstanceOf(MLError);
    expect(e.mlType).toBe("ValueError");
    expect(e.mlMessage).toBe("bad");
    expect(e.value).toBe(v);
    const fake = thrown({ type: "LimitError", message: "nope" });
    expect(fake.mlType).toBe("Error");
    expect(fake.uncatchable).toBe(false);
    const plain = thrown({ message: "oops" });
    expect(plain.mlType).toBe("Error");
    expect(plain.mlMessage).toBe("oops");
  });

  it("throws other values as Error with their display", () => {
    expect(thrown("boom").mlMessage).toBe("boom");
    expect(thrown(42).mlMessage).toBe("42");
    expect(thrown({ message: 5 }).mlType).toBe("Error");
    expect(thrown([1, "a"]).mlMessage).toBe('[1, "a"]');
    expect(thrown(null).value).toBe(null);
  });

  it("caught returns the thrown value, marking error-like objects", () => {
    const v = { type: "ValueError", message: "bad", extra: 1 };
    expect(caught(thrown(v))).toBe(v);
    expect(str(v)).toBe("bad");
    expect(caught(thrown("s"))).toBe("s");
    expect(caught(thrown(null))).toBe(null);
    const other = { code: 1 };
    expect(caught(thrown(other))).toBe(other);
    expect(str(other)).not.toBe("undefined");
  });

  it("caught turns runtime errors into fresh marked {type, message} objects", () => {
    const e = caught(new MLError("IndexError", "list index out of range")) as Record<string, unknown>;
    expect(e).toEqual({ type: "IndexError", message: "list index out of range" });
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(str(e)).toBe("list index out of range");
  });

  it("caught rethrows LimitError", () => {
    const limit = new MLError("LimitError", "step limit exceeded (5 steps)");
    expect(() => caught(limit)).toThrow(limit);
  });

  it("caught maps host stack overflow to RecursionError", () => {
    let overflow: unknown;
    const f = (): number => f() + 1;
    try {
      f();
    } catch (e) {
      overflow = e;
    }
    expect(caught(overflow)).toEqual({ type: "RecursionError", message: "maximum recursion depth exceeded" });
  });

  it("caught unwraps ML errors that crossed host code, and keeps LimitError uncatchable", () => {
    // What the host boundary throws when a nested ML entry fails (host/errors.ts MLRuntimeError).
    class Wrapped extends Error {
      constructor(readonly mlType: string, readonly mlMessage: string, cause: unknown) {
        super(`${mlType}: ${mlMessage} (at x.ml:1:1)`, { cause });
      }
    }
    const v = { type: "ValueError", message: "bad" };
    expect(caught(new Wrapped("ValueError", "bad", thrown(v)))).toBe(v);
    expect(caught(new Wrapped("KeyError", "k", new MLError("KeyError", "k")))).toEqual({ type: "KeyError", message: "k" });
    expect(caught(new Wrapped("RecursionError", "maximum recursion depth exceeded", new RangeError("Maximum call stack size exceeded"))))
      .toEqual({ type: "RecursionError", message: "maximum recursion depth exceeded" });
    const limit = new Wrapped("LimitError", "step limit exceeded (5 steps)", new MLError("LimitError", "step limit exceeded (5 steps)"));
    expect(() => caught(limit)).toThrow(limit);
    const rewrapped = new Error("host gave up", { cause: new MLError("LimitError", "time limit exceeded (5 ms)") });
    expect(() => caught(rewrapped)).toThrow(rewrapped);
    expect(caught(new Error("plain", { cause: new MLError("KeyError", "k") }))).toEqual({ type: "Error", message: "plain" });
  });

  it("caught never exposes host errors", () => {
    const host = new TypeError("Cannot read properties of undefined");
    const e = caught(host) as Record<string, unknown>;
    expect(e).toEqual({ type: "Error", message: "Cannot read properties of undefined" });
    expect(e).not.toBe(host);
    expect(caught(new RangeError("Invalid array length"))).toEqual({ type: "Error", message: "Invalid array length" });
    expect(caught("thrown string")).toEqual({ type: "Error", message: "thrown string" });
    expect(caught(7)).toEqual({ type: "Error", message: "7" });
    expect(caught(new Map())).toEqual({ type: "Error", message: "host error" });
    expect(caught(Symbol("s"))).toEqual({ type: "Error", message: "host error" });
    const hostile = new Error("x");
    Object.defineProperty(hostile, "message", { get() { throw new Error("nope"); } });
    expect(caught(hostile)).toEqual({ type: "Error", message: "host error" });
  });
});
