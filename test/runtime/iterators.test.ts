import { describe, it, expect } from "vitest";
import { MLIterator, forIter, iterOf, nextOf } from "../../src/runtime/iterators.js";
import { registerClass, members } from "../../src/runtime/objects.js";
import { str } from "../../src/runtime/display.js";
import { typeOf } from "../../src/runtime/values.js";
import { mlFailure as failure } from "./ml-error.js";


class Bag {
  constructor(readonly items: unknown[]) {}
}
registerClass(Bag, { name: "Bag", members: members({}), iterate: (b: Bag) => b.items });

const drain = (it: unknown): unknown[] => {
  const out: unknown[] = [];
  for (;;) {
    const v = nextOf(it, true, "<end>");
    if (v === "<end>") return out;
    out.push(v);
  }
};

describe("iter / next", () => {
  it("is an ML iterator object", () => {
    const it = iterOf([1]);
    expect(it).toBeInstanceOf(MLIterator);
    expect(typeOf(it)).toBe("iterator");
    expect(str(it)).toBe("<iterator>");
  });

  it("iterates arrays live, by index", () => {
    const a = [1, 2];
    const it = iterOf(a);
    expect(nextOf(it, false, null)).toBe(1);
    a.push(3);
    expect(drain(it)).toEqual([2, 3]);
  });

  it("iterates strings by code unit and object keys as a snapshot", () => {
    expect(drain(iterOf("a😀"))).toEqual(["a", "\ud83d", "\ude00"]);
    const o: Record<string, unknown> = { x: 1, y: 2 };
    const it = iterOf(o);
    o.z = 3;
    expect(drain(it)).toEqual(["x", "y"]);
  });

  it("iter of an iterator is itself; class iterate hooks work", () => {
    const it = iterOf([1]);
    expect(iterOf(it)).toBe(it);
    expect(drain(iterOf(new Bag([4, undefined])))).toEqual([4, null]);
  });

  it("raises when exhausted without a default, and stays exhausted", () => {
    const it = iterOf([1]);
    expect(nextOf(it, false, null)).toBe(1);
    expect(failure(() => nextOf(it, false, null))).toBe("ValueError: StopIteration: iterator is exhausted");
    expect(nextOf(it, true, 0)).toBe(0);
    expect(nextOf(it, true, null)).toBe(null);
  });

  it("rejects non-iterables and non-iterators", () => {
    expect(failure(() => iterOf(5))).toBe("TypeError: 'number' object is not iterable");
    expect(failure(() => iterOf(null))).toBe("TypeError: 'null' object is not iterable");
    expect(failure(() => nextOf([1], false, null))).toBe("TypeError: 'array' object is not an iterator");
  });

  it("exposes no members to ML", () => {
    // `step` lives on the prototype but is not a declared member.
    expect(Object.keys(iterOf([1]))).toEqual([]);
  });
});

describe("forIter (for loops)", () => {
  it("returns arrays themselves", () => {
    const a = [1, 2];
    expect(forIter(a)).toBe(a);
  });

  it("gives object key snapshots, string code units, iterator items, hook items", () => {
    expect([...forIter({ b: 1, a: 2, 1: 0 })]).toEqual(["1", "b", "a"]);
    expect([...forIter("ab")]).toEqual(["a", "b"]);
    const it = iterOf([1, 2, 3]);
    nextOf(it, false, null);
    expect([...forIter(it)]).toEqual([2, 3]);
    expect([...forIter(new Bag(["p"]))]).toEqual(["p"]);
  });

  it("rejects other values", () => {
    expect(failure(() => forIter(1))).toBe("TypeError: 'number' object is not iterable");
    expect(failure(() => forIter(true))).toBe("TypeError: 'boolean' object is not iterable");
    expect(failure(() => forIter(() => 1))).toBe("TypeError: 'function' object is not iterable");
    expect(failure(() => forIter(null))).toBe("TypeError: 'null' object is not iterable");
  });
});
