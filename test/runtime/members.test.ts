import { describe, it, expect } from "vitest";
import { member, setMember, invoke, hasMember, methodNames } from "../../src/runtime/members.js";
import { registerClass, registerPrototype, members } from "../../src/runtime/objects.js";
import { meterOf } from "./meter.js";
import { str } from "../../src/runtime/display.js";
import { mlFailure as failure } from "./ml-error.js";

const L = meterOf();


class Point {
  constructor(readonly x: number, readonly y: number) {}
  secret(): string {
    return "hidden";
  }
}
registerClass(Point, {
  name: "Point",
  members: members({
    x: { kind: "property", get: (p: Point) => p.x },
    nothing: { kind: "property", get: () => undefined },
    plus: { kind: "method", call: (p: Point, dx: number) => new Point(p.x + dx, p.y) },
    none: { kind: "method", call: () => undefined },
    fn: { kind: "property", get: () => (a: number) => a * 10 },
  }),
});

const moduleProto = Object.freeze(Object.create(null) as object);
registerPrototype(moduleProto, {
  name: "module",
  members: members({ pi: { kind: "property", get: () => 3.14 }, twice: { kind: "property", get: () => (n: number) => 2 * n } }),
  display: () => "<module m>",
});
const mod = Object.freeze(Object.create(moduleProto) as object);

describe("member", () => {
  it("reads own object keys, null when absent", () => {
    const o = { a: 1, u: undefined };
    expect(member(o, "a", L)).toBe(1);
    expect(member(o, "u", L)).toBe(null);
    expect(member(o, "b", L)).toBe(null);
  });

  it("never reads inherited or internal names of objects", () => {
    const o = {};
    for (const name of ["constructor", "__proto__", "prototype", "toString", "hasOwnProperty", "__defineGetter__"]) {
      expect(member(o, name, L)).toBe(null);
    }
    const withOwn = JSON.parse('{"__proto__": 5, "constructor": 6}') as object;
    expect(member(withOwn, "__proto__", L)).toBe(5);
    expect(member(withOwn, "constructor", L)).toBe(6);
  });

  it("gives length and bound, named methods of strings and arrays", () => {
    expect(member("abc", "length", L)).toBe(3);
    expect(member([1, 2], "length", L)).toBe(2);
    const up = member("abc", "upper", L) as () => unknown;
    expect(up()).toBe("ABC");
    expect(up.name).toBe("upper");
    expect(str(up)).toBe("<function upper>");
    const a: unknown[] = [];
    const push = member(a, "append", L) as (x: unknown) => unknown;
    push(1);
    push(2);
    expect(a).toEqual([1, 2]);
    expect(Object.keys(a)).toEqual(["0", "1"]); // nothing cached on the receiver
  });

  it("bound methods check their arguments", () => {
    const up = member("abc", "upper", L) as (x?: unknown) => unknown;
    expect(failure(() => up(1))).toBe("TypeError: upper() takes 0 arguments but 1 was given");
  });

  it("rejects unknown and internal names of strings and arrays", () => {
    for (const name of ["constructor", "__proto__", "prototype", "toString", "charAt", "map", "push", "caller", "arguments"]) {
      // Some names carry a hint after the message (`; use str(s)`): see test/runtime/hints.test.ts.
      expect(failure(() => member("s", name, L))).toMatch(new RegExp(`^AttributeError: 'string' object has no attribute '${name}'(;|$)`));
      expect(failure(() => member([], name, L))).toMatch(new RegExp(`^AttributeError: 'array' object has no attribute '${name}'(;|$)`));
    }
  });

  it("rejects members of numbers, booleans, null, functions and opaque objects", () => {
    expect(failure(() => member(1, "x", L))).toBe("AttributeError: 'number' object has no attribute 'x'");
    expect(failure(() => member(true, "x", L))).toBe("AttributeError: 'boolean' object has no attribute 'x'");
    expect(failure(() => member(null, "x", L))).toBe("AttributeError: 'null' object has no attribute 'x'");
    expect(failure(() => member(undefined, "x", L))).toBe("AttributeError: 'null' object has no attribute 'x'");
    const f = () => 1;
    for (const name of ["name", "length", "call", "apply", "bind", "constructor", "prototype", "caller"]) {
      expect(failure(() => member(f, name, L))).toBe(`AttributeError: 'function' object has no attribute '${name}'`);
    }
    expect(failure(() => member(new Map(), "size", L))).toMatch(/^AttributeError: '.*' object has no attribute 'size'$/);
  });

  it("reads declared members of ML-visible classes only", () => {
    const p = new Point(1, 2);
    expect(member(p, "x", L)).toBe(1);
    expect(member(p, "nothing", L)).toBe(null);
    const plus = member(p, "plus", L) as (n: number) => Point;
    expect(plus.name).toBe("plus");
    expect(plus(5).x).toBe(6);
    expect((member(p, "none", L) as () => unknown)()).toBe(null);
    for (const name of ["y", "secret", "constructor", "__proto__"]) {
      expect(failure(() => member(p, name, L))).toBe(`AttributeError: 'Point' object has no attribute '${name}'`);
    }
    expect(member(mod, "pi", L)).toBe(3.14);
  });
});

describe("invoke", () => {
  it("calls string and array methods directly", () => {
    expect(invoke("a,b", "split", [","], L)).toEqual(["a", "b"]);
    const a: unknown[] = [];
    expect(invoke(a, "append", [1], L)).toBe(null);
    expect(a).toEqual([1]);
    expect(failure(() => invoke("s", "nope", [], L))).toBe("AttributeError: 'string' object has no attribute 'nope'");
    expect(failure(() => invoke([], "map", [], L))).toMatch(/^AttributeError: 'array' object has no attribute 'map'; /);
    expect(failure(() => invoke("s", "length", [], L))).toMatch(/^TypeError: 'number' is not callable: length is a number/);
  });

  it("calls functions stored under own object keys without this", () => {
    let seenThis: unknown = "unset";
    const o = {
      f(this: unknown, a: number, b: number) {
        seenThis = this;
        return a + b;
      },
      u: () => undefined,
      n: 5,
    };
    expect(invoke(o, "f", [1, 2], L)).toBe(3);
    expect(seenThis).toBe(undefined);
    expect(invoke(o, "u", [], L)).toBe(null);
    expect(failure(() => invoke(o, "n", [], L))).toBe("TypeError: 'number' is not callable");
    expect(failure(() => invoke(o, "missing", [], L))).toMatch(/^TypeError: 'null' is not callable: the object has no key 'missing'; /);
    expect(failure(() => invoke(o, "toString", [], L))).toMatch(/^TypeError: 'null' is not callable: the object has no key 'toString'; /);
    expect(failure(() => invoke(o, "constructor", [], L))).toMatch(/^TypeError: 'null' is not callable: the object has no key 'constructor'; /);
  });

  it("calls class methods and function-valued properties (module exports)", () => {
    const p = new Point(1, 2);
    expect((invoke(p, "plus", [2], L) as Point).x).toBe(3);
    expect(invoke(p, "none", [], L)).toBe(null);
    expect(invoke(p, "fn", [4], L)).toBe(40);
    expect(invoke(mod, "twice", [4], L)).toBe(8);
    expect(failure(() => invoke(mod, "pi", [], L))).toBe("TypeError: 'number' is not callable");
    expect(failure(() => invoke(p, "secret", [], L))).toBe("AttributeError: 'Point' object has no attribute 'secret'");
  });

  it("rejects other receivers", () => {
    expect(failure(() => invoke(5, "toFixed", [], L))).toBe("AttributeError: 'number' object has no attribute 'toFixed'");
    expect(failure(() => invoke(null, "x", [], L))).toBe("AttributeError: 'null' object has no attribute 'x'");
    expect(failure(() => invoke(() => 1, "call", [], L))).toBe("AttributeError: 'function' object has no attribute 'call'");
  });

  it("passes the load's limits to methods", () => {
    const limits = meterOf({ maxArrayLength: 1 });
    expect(failure(() => invoke([1], "append", [2], limits))).toBe("LimitError: array length limit exceeded (max 1)");
  });
});

describe("setMember", () => {
  it("sets own keys of objects, __proto__ as data", () => {
    const o: Record<string, unknown> = {};
    setMember(o, "a", 1);
    setMember(o, "__proto__", { evil: 1 });
    expect(o.a).toBe(1);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.hasOwn(o, "__proto__")).toBe(true);
  });

  it("refuses modules, class instances and other values", () => {
    expect(failure(() => setMember(mod, "pi", 3))).toBe("AttributeError: module attributes are read-only: 'pi'");
    expect(failure(() => setMember(new Point(1, 2), "x", 3))).toBe("AttributeError: cannot set attribute 'x' on Point");
    expect(failure(() => setMember("s", "length", 3))).toBe("AttributeError: cannot set attribute 'length' on string");
    expect(failure(() => setMember([], "length", 3))).toBe("AttributeError: cannot set attribute 'length' on array");
    expect(failure(() => setMember(() => 1, "name", 3))).toBe("AttributeError: cannot set attribute 'name' on function");
    expect(failure(() => setMember(null, "x", 3))).toBe("AttributeError: cannot set attribute 'x' on null");
  });

  it("reports frozen objects as TypeError", () => {
    expect(failure(() => setMember(Object.freeze({}), "x", 1))).toBe("TypeError: 'object' object does not support item assignment");
  });
});

describe("hasMember and methodNames", () => {
  it("hasMember follows the member rules", () => {
    expect(hasMember({ a: 1 }, "a")).toBe(true);
    expect(hasMember({ a: 1 }, "toString")).toBe(false);
    expect(hasMember("s", "upper")).toBe(true);
    expect(hasMember("s", "length")).toBe(true);
    expect(hasMember("s", "charAt")).toBe(false);
    expect(hasMember([], "append")).toBe(true);
    expect(hasMember([], "upper")).toBe(false);
    expect(hasMember(new Point(1, 2), "x")).toBe(true);
    expect(hasMember(new Point(1, 2), "secret")).toBe(false);
    expect(hasMember(5, "x")).toBe(false);
    expect(hasMember(() => 1, "name")).toBe(false);
  });

  it("methodNames lists sorted usable members", () => {
    const arr = methodNames([]);
    expect(arr).toEqual(["append", "clear", "copy", "count", "extend", "index", "insert", "length", "pop", "remove", "reverse", "sort"]);
    const s = methodNames("x");
    expect(s).toContain("upper");
    expect(s).toContain("length");
    expect(s).toEqual([...s].sort());
    expect(s.length).toBe(30);
    expect(methodNames({ b: () => 1, a: () => 2, n: 1 })).toEqual(["a", "b"]);
    expect(methodNames(new Point(1, 2))).toEqual(["fn", "none", "nothing", "plus", "x"]);
    expect(methodNames(5)).toEqual([]);
    expect(methodNames(null)).toEqual([]);
  });
});
