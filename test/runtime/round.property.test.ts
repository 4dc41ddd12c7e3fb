import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { roundHalfEven, roundHalfEvenExact } from "../../src/runtime/format.js";

/** round(x, digits) takes a fast floating-point path when the direction is certain. */
describe("round(x, digits) fast path agrees with the exact decimal expansion", () => {
  it("on arbitrary doubles", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 1, max: 25 }), (x, d) => {
        expect(Object.is(roundHalfEven(x, d), roundHalfEvenExact(x, d))).toBe(true);
      }),
      { numRuns: 20_000, seed: 424242 },
    );
  });

  it("on short decimals, where ties and near-ties are common", () => {
    const decimal = fc
      .tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 8 }))
      .map(([m, e]) => m / 10 ** e);
    fc.assert(
      fc.property(decimal, fc.integer({ min: 1, max: 8 }), (x, d) => {
        expect(Object.is(roundHalfEven(x, d), roundHalfEvenExact(x, d))).toBe(true);
      }),
      { numRuns: 20_000, seed: 4242 },
    );
  });

  it("known cases", () => {
    expect(roundHalfEven(2.675, 2)).toBe(2.67); // 2.675 is really 2.67499999…
    expect(roundHalfEven(0.125, 2)).toBe(0.12); // exact tie: to even
    expect(roundHalfEven(0.375, 2)).toBe(0.38);
    expect(roundHalfEven(1.005, 2)).toBe(1); // 1.00499999…
    expect(roundHalfEven(-0.125, 2)).toBe(-0.12);
    expect(roundHalfEven(123.456, 1)).toBe(123.5);
  });
});
