import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { compare, compareStrings, ge, gt, le, lt, sortValues } from "../../src/runtime/ordering.js";
import { members, registerClass } from "../../src/runtime/objects.js";
import { mlFailure as errorOf } from "./ml-error.js";

class Version {
  constructor(readonly n: number) {}
}
registerClass(Version, {
  name: "Version",
  members: members({}),
  equals: (a: Version, b: Version) => a.n === b.n,
  compare: (a: Version, b: Version) => a.n - b.n,
});
class Unordered {}
registerClass(Unordered, { name: "Unordered", members: members({}) });
class OtherVersion {
  constructor(readonly n: number) {}
}
registerClass(OtherVersion, { name: "OtherVersion", members: members({}), compare: () => 0 });


describe("numbers", () => {
  it("orders by value", () => {
    expect(lt(1, 2)).toBe(true);
    expect(lt(2, 1)).toBe(false);
    expect(gt(2, 1)).toBe(true);
    expect(le(2, 2)).toBe(true);
    expect(ge(2, 2)).toBe(true);
    expect(ge(1, 2)).toBe(false);
    expect(lt(-Infinity, -1e308)).toBe(true);
    expect(compare(0, -0, "<")).toBe(0);
  });

  it("makes every comparison with NaN false", () => {
    for (const [a, b] of [[NaN, 1], [1, NaN], [NaN, NaN]]) {
      expect(lt(a, b)).toBe(false);
      expect(gt(a, b)).toBe(false);
      expect(le(a, b)).toBe(false);
      expect(ge(a, b)).toBe(false);
    }
    expect(lt([NaN], [1])).toBe(false);
    expect(le([NaN], [1])).toBe(false);
    expect(ge([NaN], [1])).toBe(false);
  });
});

describe("strings", () => {
  it("orders lexicographically", () => {
    expect(lt("a", "b")).toBe(true);
    expect(lt("a", "ab")).toBe(true);
    expect(lt("", "a")).toBe(true);
    expect(lt("B", "a")).toBe(true);
    expect(le("abc", "abc")).toBe(true);
    expect(gt("abc", "abc")).toBe(false);
  });

  it("orders by code point, not UTF-16 unit", () => {
    const astral = "😀"; // U+1F600: surrogates D83D DE00
    const high = "\uff01"; // U+FF01 > surrogates in unit order, < U+1F600 in code points
    expect(lt(high, astral)).toBe(true);
    expect(gt(astral, high)).toBe(true);
    expect(lt("a" + high, "a" + astral)).toBe(true);
    expect(lt(astral, "😁")).toBe(true);
    expect(Math.sign(compareStrings("x\uffff", "x😀"))).toBe(-1);
    expect(compareStrings(astral, astral)).toBe(0);
    expect(Math.sign(compareStrings("😀", "😀a"))).toBe(-1);
  });

  it("agrees with code-point order on random strings of astral and high characters", () => {
    const byCodePoint = (a: string, b: string): number => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    const unit = fc.constantFrom("a", "z", "\uff01", "😀", "\u{10000}", "\ue000", "\ud7ff");
    const text = fc.array(unit, { maxLength: 8 }).map((u) => u.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareStrings(a, b))).toBe(Math.sign(byCodePoint(a, b)));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("compares a long string with a short one in time bounded by the short one", () => {
    // The long string is never scanned whole: each comparison here is charged (and so costs)
    // no more than a short string's, however long the other side.
    const long = "\u0101".repeat(20_000_000);
    const start = performance.now();
    let below = 0;
    for (let i = 0; i < 300; i++) if (lt(long, "b") || lt("b", long) || lt(long, "😀")) below++;
    expect(below).toBe(300);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("arrays", () => {
  it("orders lexicographically, element-wise", () => {
    expect(lt([1, 2], [1, 3])).toBe(true);
    expect(lt([1, 2], [1, 2, 0])).toBe(true);
    expect(lt([], [0])).toBe(true);
    expect(le([1, 2], [1, 2])).toBe(true);
    expect(lt([1, 2], [1, 2])).toBe(false);
    expect(gt([2], [1, 9, 9])).toBe(true);
    expect(lt([[1, "a"]], [[1, "b"]])).toBe(true);
    expect(lt(["b"], ["a", "z"])).toBe(false);
  });

  it("skips equal elements of any type, like Python", () => {
    expect(lt([null, 1], [null, 2])).toBe(true);
    expect(lt([{ a: 1 }, 1], [{ a: 1 }, 2])).toBe(true);
    expect(le([true], [true])).toBe(true);
  });

  it("raises for the first unequal pair of unorderable elements", () => {
    expect(errorOf(() => lt([1], ["a"]))).toBe("TypeError: '<' not supported between number and string");
    expect(errorOf(() => lt([null], [1]))).toBe("TypeError: '<' not supported between null and number");
    expect(errorOf(() => gt([{ a: 1 }], [{ a: 2 }]))).toBe("TypeError: '>' not supported between object and object");
  });

  it("handles deep nesting iteratively", () => {
    let a: unknown = [1];
    let b: unknown = [2];
    for (let i = 0; i < 5000; i++) {
      a = [a];
      b = [b];
    }
    expect(lt(a, b)).toBe(true);
  });

  it("raises RecursionError on self-containing arrays", () => {
    const a: unknown[] = [];
    a.push(a);
    const b: unknown[] = [];
    b.push(b);
    expect(errorOf(() => lt(a, b))).toBe("RecursionError: maximum recursion depth exceeded in comparison");
  });
});

describe("classes", () => {
  it("uses the compare hook for two instances of one class", () => {
    expect(lt(new Version(1), new Version(2))).toBe(true);
    expect(ge(new Version(1), new Version(2))).toBe(false);
    expect(le(new Version(2), new Version(2))).toBe(true);
    expect(lt([new Version(1)], [new Version(2)])).toBe(true);
  });

  it("rejects mixed classes, and classes without a hook", () => {
    expect(errorOf(() => lt(new Version(1), new OtherVersion(2)))).toBe(
      "TypeError: '<' not supported between Version and OtherVersion",
    );
    expect(errorOf(() => lt(new Unordered(), new Unordered()))).toBe(
      "TypeError: '<' not supported between Unordered and Unordered",
    );
  });
});

describe("unsupported pairings", () => {
  const cases: [unknown, unknown, string, string][] = [
    [1, "1", "number", "string"],
    ["1", 1, "string", "number"],
    [true, false, "boolean", "boolean"],
    [1, true, "number", "boolean"],
    [null, null, "null", "null"],
    [null, 1, "null", "number"],
    [{}, {}, "object", "object"],
    [[1], 1, "array", "number"],
    [() => 1, () => 2, "function", "function"],
    [new Map(), new Map(), "hostobject", "hostobject"],
    [undefined, 1, "null", "number"],
  ];
  it.each(cases)("%s vs %s", (a, b, ta, tb) => {
    expect(errorOf(() => lt(a, b))).toBe(`TypeError: '<' not supported between ${ta} and ${tb}`);
    expect(errorOf(() => gt(a, b))).toBe(`TypeError: '>' not supported between ${ta} and ${tb}`);
    expect(errorOf(() => le(a, b))).toBe(`TypeError: '<=' not supported between ${ta} and ${tb}`);
    expect(errorOf(() => ge(a, b))).toBe(`TypeError: '>=' not supported between ${ta} and ${tb}`);
  });
});

describe("sortValues", () => {
  it("sorts numbers, strings and arrays in place", () => {
    const nums = [3, 1, -2, 10, 2.5];
    expect(sortValues(nums, false)).toBe(nums);
    expect(nums).toEqual([-2, 1, 2.5, 3, 10]);
    const strs = ["b", "a", "B", "😀", "\uff01"];
    sortValues(strs, false);
    expect(strs).toEqual(["B", "a", "b", "\uff01", "😀"]);
    const arrs = [[2], [1, 5], [1], []];
    sortValues(arrs, false);
    expect(arrs).toEqual([[], [1], [1, 5], [2]]);
  });

  it("sorts in reverse", () => {
    const nums = [3, 1, 2];
    sortValues(nums, true);
    expect(nums).toEqual([3, 2, 1]);
    const strs = ["a", "c", "b"];
    sortValues(strs, true);
    expect(strs).toEqual(["c", "b", "a"]);
  });

  it("is stable, also in reverse", () => {
    const a = [1, 2];
    const b = [1, 2];
    const c = [0];
    const arr = [a, c, b];
    sortValues(arr, false);
    expect(arr[0]).toBe(c);
    expect(arr[1]).toBe(a);
    expect(arr[2]).toBe(b);
    sortValues(arr, true);
    expect(arr[0]).toBe(a);
    expect(arr[1]).toBe(b);
    expect(arr[2]).toBe(c);
    const vs = [new Version(1), new Version(0), new Version(1)];
    const [v1, v0, v1b] = vs;
    sortValues(vs, true);
    expect(vs).toEqual([v1, v1b, v0]);
    expect(vs[0]).toBe(v1);
    expect(vs[1]).toBe(v1b);
  });

  it("accepts arrays too short to compare", () => {
    expect(sortValues([], false)).toEqual([]);
    expect(sortValues([null], false)).toEqual([null]);
    expect(sortValues([{}], true)).toEqual([{}]);
  });

  it("raises TypeError on mixed types, leaving the array untouched", () => {
    const arr = [3, "a", 1];
    expect(errorOf(() => sortValues(arr, false))).toBe("TypeError: '<' not supported between string and number");
    expect(arr).toEqual([3, "a", 1]);
    expect(errorOf(() => sortValues([null, null], false))).toBe(
      "TypeError: '<' not supported between null and null",
    );
    expect(errorOf(() => sortValues([true, false], false))).toBe(
      "TypeError: '<' not supported between boolean and boolean",
    );
    expect(errorOf(() => sortValues([{}, {}], false))).toBe("TypeError: '<' not supported between object and object");
    expect(errorOf(() => sortValues([new Version(1), new OtherVersion(1)], false))).toBe(
      "TypeError: '<' not supported between OtherVersion and Version",
    );
    expect(errorOf(() => sortValues([new Unordered(), new Unordered()], false))).toBe(
      "TypeError: '<' not supported between Unordered and Unordered",
    );
  });

  it("raises for arrays whose elements cannot be compared", () => {
    expect(errorOf(() => sortValues([[1], ["a"]], false))).toBe(
      "TypeError: '<' not supported between string and number",
    );
  });

  it("keeps 0 and -0 in their original order", () => {
    const arr = [1, 0, -0, -1, -0, 0];
    sortValues(arr, false);
    expect(arr.map((x) => Object.is(x, -0))).toEqual([false, false, true, true, false, false]); // -1, 0, -0, -0, 0, 1
    const rev = [0, -0, 1];
    sortValues(rev, true);
    expect(rev.map((x) => Object.is(x, -0))).toEqual([false, false, true]);
  });

  it("sorts large number arrays, also in reverse", () => {
    const arr = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1009) - 500);
    const want = [...arr].sort((a, b) => a - b);
    sortValues(arr, false);
    expect(arr).toEqual(want);
    sortValues(arr, true);
    expect(arr).toEqual(want.reverse());
  });

  it("sorts strings by code point, also in reverse", () => {
    const strs = ["😀", "\uff01", "b", "a\u{10000}", "a\uffff"];
    sortValues(strs, false);
    expect(strs).toEqual(["a\uffff", "a\u{10000}", "b", "\uff01", "😀"]);
    sortValues(strs, true);
    expect(strs).toEqual(["😀", "\uff01", "b", "a\u{10000}", "a\uffff"]);
    const bmp = ["b", "a", "c", "a"];
    sortValues(bmp, true);
    expect(bmp).toEqual(["c", "b", "a", "a"]);
  });

  it("sorts NaN somewhere without throwing", () => {
    const arr = [2, NaN, 1];
    sortValues(arr, false);
    expect(arr.length).toBe(3);
  });
});
