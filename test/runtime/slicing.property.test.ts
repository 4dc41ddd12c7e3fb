import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { slice } from "../../src/runtime/indexing.js";
import { MLError } from "../../src/runtime/errors.js";

/**
 * Reference model of Python slicing, written from the language reference rather than from the
 * implementation: it walks every position the slice could name, from the (resolved) start, and
 * keeps those inside the sequence and before the (resolved) stop.
 */
function referenceIndices(length: number, start: number | null, stop: number | null, step: number | null): number[] {
  const k = step ?? 1;
  const resolve = (i: number): number => (i < 0 ? i + length : i);
  const out: number[] = [];
  if (k > 0) {
    const first = start === null ? 0 : Math.max(0, resolve(start));
    const end = stop === null ? length : Math.min(length, resolve(stop));
    for (let x = first; x < end; x += k) if (x >= 0 && x < length) out.push(x);
  } else {
    // Positions past the end start at the last item; positions before the start name nothing.
    const first = start === null ? length - 1 : Math.min(length - 1, resolve(start));
    const end = stop === null ? -1 : Math.max(-1, resolve(stop));
    for (let x = first; x > end; x += k) if (x >= 0 && x < length) out.push(x);
  }
  return out;
}

const bound = fc.option(fc.integer({ min: -12, max: 12 }), { nil: null });
const step = fc.option(fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0), { nil: null });

describe("slice (property)", () => {
  it("matches the reference model on arrays", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 10 }), bound, bound, step, (a, s, e, k) => {
        const expected = referenceIndices(a.length, s, e, k).map((i) => a[i]);
        const got = slice(a, s, e, k) as unknown[];
        expect(got).toEqual(expected);
        expect(got).not.toBe(a);
      }),
      { numRuns: 2000 },
    );
  });

  it("matches the reference model on strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), bound, bound, step, (str, s, e, k) => {
        const expected = referenceIndices(str.length, s, e, k).map((i) => str[i]).join("");
        expect(slice(str, s, e, k)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("never shares structure with the source array", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 8 }), bound, bound, step, (a, s, e, k) => {
        const copy = slice(a, s, e, k) as unknown[];
        const before = [...a];
        copy.push(1);
        expect(a).toEqual(before);
      }),
    );
  });
});

describe("slice (CPython results)", () => {
  // [string, start, stop, step, CPython's s[start:stop:step]]
  const cases = [["", 0, -4, -1, ""], ["", 8, null, null, ""], ["", 3, -7, -2, ""], ["", 5, null, 1, ""], ["", -3, null, null, ""], ["", 1, 1, null, ""], ["", -3, -7, 1, ""], ["", 1, null, 3, ""], ["", 5, -7, -3, ""], ["", 8, 8, 1, ""], ["", null, 5, 1, ""], ["", 1, null, -3, ""], ["", null, 3, 3, ""], ["", -4, -1, -1, ""], ["", -4, 3, null, ""], ["", 5, -1, 1, ""], ["", 8, -4, null, ""], ["", 5, 5, 2, ""], ["", -3, 0, null, ""], ["", 3, -7, 1, ""], ["", null, 5, -3, ""], ["", 2, 8, 1, ""], ["", 1, 0, -1, ""], ["", 5, 2, -2, ""], ["", -1, -3, 3, ""], ["a", -4, -3, null, ""], ["a", 5, -1, 1, ""], ["a", 2, 0, 2, ""], ["a", 2, -1, 1, ""], ["a", -7, -7, 1, ""], ["a", 1, -4, 3, ""], ["a", 0, -4, -1, "a"], ["a", 1, null, 2, ""], ["a", -7, 3, 1, "a"], ["a", 0, 0, 2, ""], ["a", 0, 5, -1, ""], ["a", 5, 2, null, ""], ["a", -7, -1, -1, ""], ["a", 8, -7, null, ""], ["a", -1, 8, 1, "a"], ["a", 8, 2, -2, ""], ["a", 1, 8, -2, ""], ["a", null, 2, -2, ""], ["a", -4, 5, null, "a"], ["a", 2, null, -3, "a"], ["a", -1, -4, 2, ""], ["a", -3, 1, -1, ""], ["a", 2, -7, -3, "a"], ["a", 2, 1, 1, ""], ["a", -1, -4, 3, ""], ["abcde", 1, 3, -2, ""], ["abcde", 1, 0, 2, ""], ["abcde", 1, -3, -3, ""], ["abcde", -7, -4, -3, ""], ["abcde", -3, 8, -3, ""], ["abcde", null, 2, 3, "a"], ["abcde", 5, -4, -2, "ec"], ["abcde", -1, null, -3, "eb"], ["abcde", 1, 3, -2, ""], ["abcde", 5, 5, -2, ""], ["abcde", -4, 3, 1, "bc"], ["abcde", 8, 8, 2, ""], ["abcde", null, 2, 3, "a"], ["abcde", 8, 3, -1, "e"], ["abcde", 1, 1, -1, ""], ["abcde", -7, 2, 2, "a"], ["abcde", 1, null, -3, "b"], ["abcde", -7, -3, -1, ""], ["abcde", -4, -7, -2, "b"], ["abcde", 5, null, null, ""], ["abcde", null, 5, -3, ""], ["abcde", 3, -7, -2, "db"], ["abcde", 5, null, null, ""], ["abcde", -3, 5, -1, ""], ["abcde", -4, 8, -2, ""], ["abcdefgh", 0, 5, -2, ""], ["abcdefgh", 2, -7, null, ""], ["abcdefgh", 2, 2, -1, ""], ["abcdefgh", 2, -1, null, "cdefg"], ["abcdefgh", -4, -7, 2, ""], ["abcdefgh", 0, -1, -1, ""], ["abcdefgh", -4, 3, null, ""], ["abcdefgh", -3, 3, -2, "f"], ["abcdefgh", -4, 3, null, ""], ["abcdefgh", 3, -1, 2, "df"], ["abcdefgh", -7, -1, 1, "bcdefg"], ["abcdefgh", 0, -4, -2, ""], ["abcdefgh", -3, 3, 1, ""], ["abcdefgh", 3, 0, 2, ""], ["abcdefgh", -3, 5, 3, ""], ["abcdefgh", -3, -3, 3, ""], ["abcdefgh", 1, -3, -3, ""], ["abcdefgh", 3, 2, -2, "d"], ["abcdefgh", null, null, 3, "adg"], ["abcdefgh", -1, 2, -2, "hfd"], ["abcdefgh", -3, 5, -2, ""], ["abcdefgh", 2, 0, -2, "c"], ["abcdefgh", -7, -3, null, "bcde"], ["abcdefgh", -3, 2, -3, "f"], ["abcdefgh", 0, -3, -1, ""]] as [string, number | null, number | null, number | null, string][];
  it("agrees with CPython on sampled slices", () => {
    for (const [s, a, b, c, expected] of cases) {
      expect(slice(s, a, b, c), JSON.stringify([s, a, b, c])).toBe(expected);
      expect(slice(s.split(""), a, b, c), JSON.stringify([s, a, b, c])).toEqual(expected.split(""));
    }
  });
});

describe("slice (errors and specifics)", () => {
  const failure = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof MLError) return `${e.mlType}: ${e.mlMessage}`;
      throw e;
    }
    throw new Error("expected an MLError");
  };

  it("reverses with [::-1] and copies with [:]", () => {
    const a = [1, 2, 3];
    expect(slice(a, null, null, -1)).toEqual([3, 2, 1]);
    expect(slice("abc", null, null, -1)).toBe("cba");
    const c = slice(a, null, null, null);
    expect(c).toEqual(a);
    expect(c).not.toBe(a);
  });

  it("clamps huge bounds", () => {
    expect(slice([1, 2, 3], -1e300, 1e300, null)).toEqual([1, 2, 3]);
    expect(slice([1, 2, 3], 1e300, -1e300, -1)).toEqual([3, 2, 1]);
    expect(slice("abc", 2 ** 53, null, null)).toBe("");
  });

  it("rejects step 0, non-integer bounds and non-sequences", () => {
    expect(failure(() => slice([1], null, null, 0))).toBe("ValueError: slice step cannot be zero");
    expect(failure(() => slice([1], 0.5, null, null))).toBe("TypeError: slice indices must be integers or null");
    expect(failure(() => slice("a", null, "1", null))).toBe("TypeError: slice indices must be integers or null");
    expect(failure(() => slice("a", null, null, 1.5))).toBe("TypeError: slice indices must be integers or null");
    expect(failure(() => slice("a", true, null, null))).toBe("TypeError: slice indices must be integers or null");
    expect(failure(() => slice({}, null, null, null))).toBe("TypeError: 'object' object is not sliceable");
    expect(failure(() => slice(5, null, null, null))).toBe("TypeError: 'number' object is not sliceable");
  });
});
