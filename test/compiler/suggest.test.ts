import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../src/compiler/suggest.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0], ["a", "", 1], ["kitten", "sitting", 3], ["cout", "count", 1], ["ab", "ba", 1], ["abcd", "acbd", 1], ["same", "same", 0],
  ])("%s → %s is %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it("stops early once the distance exceeds the bound", () => {
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
    expect(editDistance("a", "abcdefgh", 2)).toBe(3);
  });
});

describe("didYouMean", () => {
  it("suggests the closest candidate", () => {
    expect(didYouMean("cout", ["count", "print", "counter"])).toBe("count");
    expect(didYouMean("pritn", ["print", "len"])).toBe("print");
    expect(didYouMean("lenght", ["length", "len"])).toBe("length");
    expect(didYouMean("datetme", ["datetime", "math", "json"])).toBe("datetime");
  });

  it("prefers a case-only difference", () => {
    expect(didYouMean("Print", ["prin", "print"])).toBe("print");
  });

  it("returns undefined when nothing is close", () => {
    expect(didYouMean("x", ["y", "z"])).toBeUndefined();
    expect(didYouMean("foo", ["completely", "different"])).toBeUndefined();
    expect(didYouMean("abc", [])).toBeUndefined();
    expect(didYouMean("name", ["name"])).toBeUndefined();
  });

  it("breaks ties in favour of the first candidate and accepts any iterable", () => {
    expect(didYouMean("cat", ["bat", "hat"])).toBe("bat");
    expect(didYouMean("cat", new Set(["hat", "bat"]))).toBe("hat");
  });
});
