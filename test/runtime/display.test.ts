import { describe, it, expect } from "vitest";
import { isErrorValue, markError, repr, reprString, str } from "../../src/runtime/display.js";
import { formatNumber } from "../../src/runtime/numbers.js";
import { members, registerClass } from "../../src/runtime/objects.js";
import { mlFailure as limitMessage } from "./ml-error.js";

class When {
  constructor(readonly iso: string) {}
}
registerClass(When, {
  name: "When",
  members: members({}),
  display: (w: When) => w.iso,
  repr: (w: When) => `When(${w.iso})`,
});
class Plain {}
registerClass(Plain, { name: "Plain", members: members({}) });
class OnlyDisplay {}
registerClass(OnlyDisplay, { name: "OnlyDisplay", members: members({}), display: () => "shown" });


describe("formatNumber", () => {
  it("shows integers without a decimal point", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(-7)).toBe("-7");
    expect(formatNumber(2 ** 53)).toBe("9007199254740992");
    expect(formatNumber(1e21)).toBe("1e+21");
  });

  it("shows other numbers in shortest round-trip form", () => {
    expect(formatNumber(3.5)).toBe("3.5");
    expect(formatNumber(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(formatNumber(1e-7)).toBe("1e-7");
    expect(formatNumber(-2.5)).toBe("-2.5");
  });

  it("names the non-finite values", () => {
    expect(formatNumber(Infinity)).toBe("inf");
    expect(formatNumber(-Infinity)).toBe("-inf");
    expect(formatNumber(NaN)).toBe("nan");
  });
});

describe("str and repr of scalars", () => {
  it("shows strings as themselves with str, quoted with repr", () => {
    expect(str("hi")).toBe("hi");
    expect(repr("hi")).toBe('"hi"');
    expect(repr("")).toBe('""');
  });

  it("escapes quotes, backslashes and control characters in repr", () => {
    expect(repr('a"b')).toBe('"a\\"b"');
    expect(repr("a\\b")).toBe('"a\\\\b"');
    expect(repr("l1\nl2\tx\ry")).toBe('"l1\\nl2\\tx\\ry"');
    expect(repr("\0\x1b\x7f")).toBe('"\\x00\\x1b\\x7f"');
    expect(repr("it's")).toBe('"it\'s"');
    expect(repr("é😀")).toBe('"é😀"');
    expect(reprString("x")).toBe('"x"');
  });

  it("shows true, false, null and numbers the same in str and repr", () => {
    for (const [v, s] of [[true, "true"], [false, "false"], [null, "null"], [undefined, "null"], [1.5, "1.5"],
      [NaN, "nan"]] as const) {
      expect(str(v)).toBe(s);
      expect(repr(v)).toBe(s);
    }
  });
});

describe("containers", () => {
  it("shows arrays with repr'd elements", () => {
    expect(str([1, "a", true, null])).toBe('[1, "a", true, null]');
    expect(repr([])).toBe("[]");
    expect(str([[], [[]], {}])).toBe("[[], [[]], {}]");
    expect(str([1.5, -0, Infinity])).toBe("[1.5, 0, inf]");
    expect(str(["a\nb"])).toBe('["a\\nb"]');
  });

  it("shows objects with quoted keys in insertion order", () => {
    expect(str({ a: 1, b: [2] })).toBe('{"a": 1, "b": [2]}');
    expect(str({})).toBe("{}");
    expect(str({ 'q"k': "v" })).toBe('{"q\\"k": "v"}');
    expect(str({ b: 1, a: 2, 1: 3 })).toBe('{"1": 3, "b": 1, "a": 2}');
    const o = Object.create(null);
    o.x = null;
    expect(str(o)).toBe('{"x": null}');
  });

  it("shows holes and undefined in host arrays as null", () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(str([1, , undefined])).toBe("[1, null, null]");
  });

  it("shows self-containing containers with [...] and {...}", () => {
    const a: unknown[] = [1];
    a.push(a);
    expect(str(a)).toBe("[1, [...]]");
    const o: Record<string, unknown> = { k: 1 };
    o.self = o;
    expect(str(o)).toBe('{"k": 1, "self": {...}}');
    const outer: Record<string, unknown> = { list: [] };
    (outer.list as unknown[]).push(outer);
    expect(str(outer)).toBe('{"list": [{...}]}');
    expect(str([outer])).toBe('[{"list": [{...}]}]');
  });

  it("shows a value shared by two branches in full both times", () => {
    const shared = [1, 2];
    expect(str([shared, shared, { s: shared }])).toBe('[[1, 2], [1, 2], {"s": [1, 2]}]');
  });

  it("handles very deep nesting without overflowing the stack", () => {
    let v: unknown = [];
    for (let i = 0; i < 200_000; i++) v = [v];
    const s = str(v);
    expect(s.length).toBe(2 * 200_001);
    expect(s.startsWith("[[[[")).toBe(true);
    let o: unknown = {};
    for (let i = 0; i < 100_000; i++) o = { k: o };
    expect(str(o).endsWith("{}" + "}".repeat(100_000))).toBe(true);
  });
});

describe("functions, classes and host values", () => {
  it("shows functions by name, stripping one trailing $", () => {
    function area() {}
    function class$() {}
    function odd$$() {}
    expect(str(area)).toBe("<function area>");
    expect(str(class$)).toBe("<function class>");
    expect(str(odd$$)).toBe("<function odd$>");
    expect(repr(area)).toBe("<function area>");
    expect(str([area])).toBe("[<function area>]");
  });

  it("shows anonymous functions as <fn>", () => {
    const fns = [() => 1];
    expect(str(fns[0])).toBe("<function <fn>>");
    const f = function () {};
    Object.defineProperty(f, "name", { value: "" });
    expect(str(f)).toBe("<function <fn>>");
  });

  it("never invokes a getter for a function's name", () => {
    const f = () => 1;
    let called = false;
    Object.defineProperty(f, "name", {
      get() {
        called = true;
        return "evil";
      },
    });
    expect(str(f)).toBe("<function <fn>>");
    expect(called).toBe(false);
  });

  it("uses a class's display for str and repr hook for repr", () => {
    const w = new When("2024-01-01");
    expect(str(w)).toBe("2024-01-01");
    expect(repr(w)).toBe("When(2024-01-01)");
    expect(str([w])).toBe("[When(2024-01-01)]");
    expect(str(new Plain())).toBe("<Plain>");
    expect(repr(new Plain())).toBe("<Plain>");
    expect(repr(new OnlyDisplay())).toBe("shown");
    expect(str({ d: new OnlyDisplay() })).toBe('{"d": shown}');
  });

  it("shows opaque host values as <hostobject>", () => {
    expect(str(new Map())).toBe("<hostobject>");
    expect(repr(new Date(0))).toBe("<hostobject>");
    expect(str([Object.create({ a: 1 })])).toBe("[<hostobject>]");
    expect(str(Symbol("x"))).toBe("<hostobject>");
    expect(str(5n)).toBe("<hostobject>");
  });
});

describe("error values", () => {
  it("shows a marked error by its message at top level only", () => {
    const e = { type: "ValueError", message: "bad input" };
    expect(isErrorValue(e)).toBe(false);
    markError(e);
    expect(isErrorValue(e)).toBe(true);
    expect(str(e)).toBe("bad input");
    expect(repr(e)).toBe('{"type": "ValueError", "message": "bad input"}');
    expect(str([e])).toBe('[{"type": "ValueError", "message": "bad input"}]');
  });

  it("falls back to normal display if the message is no longer a string", () => {
    const e: Record<string, unknown> = { message: "m" };
    markError(e);
    e.message = 3;
    expect(str(e)).toBe('{"message": 3}');
  });

  it("does not treat unmarked or primitive values as errors", () => {
    expect(isErrorValue({ message: "x" })).toBe(false);
    expect(isErrorValue("x")).toBe(false);
    expect(isErrorValue(null)).toBe(false);
  });
});

describe("maxLength", () => {
  it("throws LimitError while building a long container display", () => {
    const big = new Array(1000).fill("abcdefghij");
    expect(limitMessage(() => str(big, 100))).toBe("LimitError: string length limit exceeded (max 100)");
    expect(str(big, 1_000_000).length).toBe(14 * 1000); // 12 per item, 2 per ", ", minus one ", ", plus brackets
  });

  it("checks string repr, error messages and class display too", () => {
    expect(limitMessage(() => repr("abcdef", 5))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(repr("abc", 5)).toBe('"abc"');
    expect(limitMessage(() => repr("\n\n\n", 5))).toBe("LimitError: string length limit exceeded (max 5)");
    const e = { message: "0123456789" };
    markError(e);
    expect(limitMessage(() => str(e, 5))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(limitMessage(() => str(new When("2024-01-01"), 5))).toBe(
      "LimitError: string length limit exceeded (max 5)",
    );
  });

  it("checks scalars against the limit too", () => {
    expect(limitMessage(() => str("abcdef", 5))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(str("abcde", 5)).toBe("abcde");
    expect(limitMessage(() => str(123456, 5))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(limitMessage(() => str(null, 3))).toBe("LimitError: string length limit exceeded (max 3)");
    expect(limitMessage(() => repr(false, 4))).toBe("LimitError: string length limit exceeded (max 4)");
  });

  it("stops early on a cyclic-free but huge shared structure", () => {
    // 2^40 leaves if shown in full: must stop at the limit rather than run forever.
    let v: unknown = ["x"];
    for (let i = 0; i < 40; i++) v = [v, v];
    expect(limitMessage(() => str(v, 10_000))).toBe("LimitError: string length limit exceeded (max 10000)");
  });
});
