import { describe, it, expect } from "vitest";
import { ARRAY_METHODS } from "../../src/runtime/methods-array.js";
import { meterOf } from "./meter.js";
import { mlFailure as failure } from "./ml-error.js";

function call(a: unknown[], name: string, args: unknown[], limits = meterOf()): unknown {
  const m = ARRAY_METHODS.get(name);
  if (m === undefined) throw new Error(`no method ${name}`);
  return m(a, args, limits);
}


describe("array methods", () => {
  it("append / extend grow in place and return null", () => {
    const a: unknown[] = [1];
    expect(call(a, "append", [2])).toBe(null);
    expect(call(a, "extend", [[3, 4]])).toBe(null);
    expect(call(a, "extend", ["ab"])).toBe(null);
    expect(a).toEqual([1, 2, 3, 4, "a", "b"]);
  });

  it("extend with itself doubles once", () => {
    const a: unknown[] = [1, 2];
    call(a, "extend", [a]);
    expect(a).toEqual([1, 2, 1, 2]);
  });

  it("extend accepts object keys", () => {
    const a: unknown[] = [];
    call(a, "extend", [{ x: 1, y: 2 }]);
    expect(a).toEqual(["x", "y"]);
  });

  it("insert clamps its position like Python", () => {
    const a: unknown[] = [1, 2, 3];
    call(a, "insert", [0, "a"]);
    call(a, "insert", [-1, "b"]);
    call(a, "insert", [100, "c"]);
    call(a, "insert", [-100, "d"]);
    expect(a).toEqual(["d", "a", 1, 2, "b", 3, "c"]);
  });

  it("remove deletes the first structurally equal item", () => {
    const a: unknown[] = [[1], { k: 1 }, [1], 2];
    call(a, "remove", [[1]]);
    expect(a).toEqual([{ k: 1 }, [1], 2]);
    call(a, "remove", [{ k: 1 }]);
    expect(a).toEqual([[1], 2]);
    expect(failure(() => call(a, "remove", ["2"]))).toBe("ValueError: list.remove(x): x not in list");
  });

  it("pop from the end or a position", () => {
    const a: unknown[] = [1, 2, 3, 4];
    expect(call(a, "pop", [])).toBe(4);
    expect(call(a, "pop", [0])).toBe(1);
    expect(call(a, "pop", [-2])).toBe(2);
    expect(a).toEqual([3]);
    expect(failure(() => call(a, "pop", [1]))).toBe("IndexError: pop index out of range");
    expect(failure(() => call(a, "pop", [-2]))).toBe("IndexError: pop index out of range");
    call(a, "pop", []);
    expect(failure(() => call(a, "pop", []))).toBe("IndexError: pop from empty list");
    expect(failure(() => call(a, "pop", [0]))).toBe("IndexError: pop from empty list");
    expect(failure(() => call([1], "pop", [0.5]))).toBe("TypeError: pop() argument 1 must be an integer or null, not float");
  });

  it("index and count use structural equality", () => {
    const a = [1, "1", [2], 1];
    expect(call(a, "index", [1])).toBe(0);
    expect(call(a, "index", ["1"])).toBe(1);
    expect(call(a, "index", [[2]])).toBe(2);
    expect(call(a, "index", [1, 1])).toBe(3);
    expect(call(a, "index", [1, -1])).toBe(3);
    expect(failure(() => call(a, "index", [1, 1, 3]))).toBe("ValueError: 1 is not in list");
    expect(failure(() => call(a, "index", ["x"]))).toBe('ValueError: "x" is not in list');
    expect(failure(() => call(a, "index", [true]))).toBe("ValueError: true is not in list");
    expect(call(a, "count", [1])).toBe(2);
    expect(call(a, "count", [[2]])).toBe(1);
    expect(call(a, "count", [true])).toBe(0);
  });

  it("sort sorts in place, optionally reversed, and is stable", () => {
    const a = [3, 1, 2];
    expect(call(a, "sort", [])).toBe(null);
    expect(a).toEqual([1, 2, 3]);
    call(a, "sort", [true]);
    expect(a).toEqual([3, 2, 1]);
    const words = ["b", "a", "c"];
    call(words, "sort", []);
    expect(words).toEqual(["a", "b", "c"]);
    expect(failure(() => call([1, "a"], "sort", []))).toMatch(/^TypeError: '<' not supported between/);
  });

  it("reverse, clear and copy", () => {
    const a = [1, 2, 3];
    call(a, "reverse", []);
    expect(a).toEqual([3, 2, 1]);
    const c = call(a, "copy", []) as unknown[];
    expect(c).toEqual(a);
    expect(c).not.toBe(a);
    call(a, "clear", []);
    expect(a).toEqual([]);
    expect(c).toEqual([3, 2, 1]);
  });

  it("checks argument counts", () => {
    expect(failure(() => call([], "append", []))).toBe("TypeError: append() takes 1 argument but 0 were given");
    expect(failure(() => call([], "append", [1, 2]))).toBe("TypeError: append() takes 1 argument but 2 were given");
    expect(failure(() => call([], "clear", [1]))).toBe("TypeError: clear() takes 0 arguments but 1 was given");
    expect(failure(() => call([], "insert", [1]))).toBe("TypeError: insert() takes 2 arguments but 1 was given");
    expect(failure(() => call([], "insert", ["0", 1]))).toBe("TypeError: insert() argument 1 must be an integer, not string");
    expect(failure(() => call([], "extend", [5]))).toBe("TypeError: 'number' object is not iterable");
  });

  it("checks growth against maxArrayLength", () => {
    const limits = meterOf({ maxArrayLength: 3 });
    const a = [1, 2, 3];
    expect(failure(() => call(a, "append", [4], limits))).toBe("LimitError: array length limit exceeded (max 3)");
    expect(failure(() => call(a, "insert", [0, 4], limits))).toBe("LimitError: array length limit exceeded (max 3)");
    expect(failure(() => call([1], "extend", [[1, 2, 3]], limits))).toBe("LimitError: array length limit exceeded (max 3)");
    expect(failure(() => call([1, 2], "extend", [a], limits))).toBe("LimitError: array length limit exceeded (max 3)");
    expect(a).toEqual([1, 2, 3]);
    const b = [1, 2];
    call(b, "append", [3], limits);
    expect(b).toEqual([1, 2, 3]);
  });

  it("reports frozen host arrays as TypeError", () => {
    const a = Object.freeze([2, 1]) as unknown[];
    for (const [name, args] of [["append", [1]], ["extend", [[1]]], ["insert", [0, 1]], ["pop", []], ["sort", []],
      ["reverse", []], ["clear", []], ["remove", [1]]] as [string, unknown[]][]) {
      expect(failure(() => call(a, name, args))).toBe("TypeError: 'array' object is read-only");
    }
    expect(a).toEqual([2, 1]);
    expect(call(a, "copy", [])).toEqual([2, 1]);
  });
});
