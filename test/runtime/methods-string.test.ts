import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { STRING_METHODS } from "../../src/runtime/methods-string.js";
import { meterOf } from "./meter.js";
import { mlFailure as failure } from "./ml-error.js";

function call(s: string, name: string, args: unknown[], limits = meterOf()): unknown {
  const m = STRING_METHODS.get(name);
  if (m === undefined) throw new Error(`no method ${name}`);
  return m(s, args, limits);
}


describe("string methods agree with CPython", () => {
  // [receiver, method, args, CPython's result] — generated with CPython 3.11.
  const table = [["Hello World", "upper", [], "HELLO WORLD"], ["Hello World", "lower", [], "hello world"], ["straße", "upper", [], "STRASSE"], ["  hi \t\n", "strip", [], "hi"], ["  hi \t\n", "lstrip", [], "hi \t\n"], ["  hi \t\n", "rstrip", [], "  hi"], ["xxhixx", "strip", ["x"], "hi"], ["abcHIcba", "strip", ["abc"], "HI"], ["\u001c a 　", "strip", [], "a"], ["﻿a", "strip", [], "﻿a"], ["aaa", "strip", [""], "aaa"], ["hi", "strip", [null], "hi"], ["a-b-c-d", "replace", ["-", "+"], "a+b+c+d"], ["a-b-c-d", "replace", ["-", "+", 2], "a+b+c-d"], ["a-b-c-d", "replace", ["-", "+", 0], "a-b-c-d"], ["a-b-c-d", "replace", ["-", "+", -1], "a+b+c+d"], ["abc", "replace", ["", "-"], "-a-b-c-"], ["abc", "replace", ["", "-", 2], "-a-bc"], ["", "replace", ["", "x"], "x"], ["aaaa", "replace", ["aa", "b"], "bb"], ["abc", "replace", ["x", "y"], "abc"], ["a.b.c", "replace", [".", "$&"], "a$&b$&c"], ["a.b.c", "replace", [".", "$$", 1], "a$$b.c"], ["abc", "replace", ["", "-", 9], "-a-b-c-"], ["abc", "replace", ["", "-", 1], "-abc"], ["a,b,,c", "split", [","], ["a", "b", "", "c"]], ["  a  b\tc\n ", "split", [], ["a", "b", "c"]], ["", "split", [], []], ["", "split", [","], [""]], ["  a  b  c  ", "split", [null, 1], ["a", "b  c  "]], ["a,b,c", "split", [",", 1], ["a", "b,c"]], ["a,b,c", "split", [",", 0], ["a,b,c"]], ["  a  b  c  ", "split", [null, 0], ["a  b  c  "]], ["a::b::c", "split", ["::"], ["a", "b", "c"]], ["   ", "split", [], []], ["  a  b  c  ", "rsplit", [null, 1], ["  a  b", "c"]], ["a,b,c", "rsplit", [",", 1], ["a,b", "c"]], ["aaa", "rsplit", ["aa", 1], ["a", ""]], ["a b c", "rsplit", [], ["a", "b", "c"]], ["a,b,c", "rsplit", [","], ["a", "b", "c"]], ["a,b,c", "rsplit", [",", 0], ["a,b,c"]], ["  a b  ", "rsplit", [null, 0], ["  a b"]], [",", "join", [["a", "b", "c"]], "a,b,c"], ["", "join", [[]], ""], ["-", "join", ["abc"], "a-b-c"], ["hello", "startswith", ["he"], true], ["hello", "startswith", ["lo", 3], true], ["hello", "startswith", ["", 5], true], ["hello", "startswith", ["", 6], false], ["hello", "startswith", ["ell", 1, 3], false], ["hello", "startswith", ["el", -4, -2], true], ["hello", "endswith", ["lo"], true], ["hello", "endswith", ["ell", 0, 4], true], ["hello", "endswith", ["", 6], false], ["hello", "endswith", ["h", 0, 1], true], ["hello", "endswith", ["o", -1], true], ["hello", "find", ["l"], 2], ["hello", "find", ["l", 3], 3], ["hello", "find", ["l", -1], -1], ["hello", "find", ["z"], -1], ["hello", "find", [""], 0], ["hello", "find", ["", 5], 5], ["hello", "find", ["", 6], -1], ["hello", "find", ["lo", 0, 4], -1], ["hello", "rfind", ["l"], 3], ["hello", "rfind", ["l", 0, 3], 2], ["hello", "rfind", [""], 5], ["hello", "rfind", ["", 2, 4], 4], ["hello", "rfind", ["h", 1], -1], ["hello", "index", ["e"], 1], ["hello", "rindex", ["l"], 3], ["aaaa", "count", ["aa"], 2], ["hello", "count", ["l"], 2], ["hello", "count", [""], 6], ["hello", "count", ["", 2], 4], ["hello", "count", ["", 6], 0], ["hello", "count", ["l", -2], 1], ["", "count", [""], 1], ["123", "isdigit", [], true], ["12.3", "isdigit", [], false], ["", "isdigit", [], false], ["²³", "isdigit", [], true], ["٣", "isdigit", [], true], ["½", "isdigit", [], false], ["abc", "isalpha", [], true], ["abç", "isalpha", [], true], ["ab1", "isalpha", [], false], ["", "isalpha", [], false], ["ab1", "isalnum", [], true], ["ab 1", "isalnum", [], false], ["½x", "isalnum", [], true], ["", "isalnum", [], false], [" \t\n", "isspace", [], true], ["", "isspace", [], false], [" a", "isspace", [], false], ["\u001c", "isspace", [], true], ["Hello World", "istitle", [], true], ["Hello world", "istitle", [], false], ["HELLO", "istitle", [], false], ["", "istitle", [], false], ["A1B", "istitle", [], true], ["1A", "istitle", [], true], ["ABC", "isupper", [], true], ["AbC", "isupper", [], false], ["A1", "isupper", [], true], ["1", "isupper", [], false], ["", "isupper", [], false], ["abc", "islower", [], true], ["aBc", "islower", [], false], ["a1", "islower", [], true], ["1", "islower", [], false], ["hello WORLD", "capitalize", [], "Hello world"], ["ßx", "capitalize", [], "Ssx"], ["ǆemal", "capitalize", [], "ǅemal"], ["", "capitalize", [], ""], ["ΑΣ", "capitalize", [], "Ας"], ["hello world", "title", [], "Hello World"], ["they're bill's", "title", [], "They'Re Bill'S"], ["ǆemal ﬁsh", "title", [], "ǅemal Fish"], ["ΟΔΟΣ ΟΔΟΣ", "title", [], "Οδος Οδος"], ["a1b c_d", "title", [], "A1B C_D"], ["Hello World", "swapcase", [], "hELLO wORLD"], ["straße", "swapcase", [], "STRASSE"], ["ΑΣ", "swapcase", [], "ας"], ["abc", "center", [7], "  abc  "], ["abc", "center", [6], " abc  "], ["ab", "center", [5, "*"], "**ab*"], ["abcd", "center", [7], "  abcd "], ["abc", "center", [2], "abc"], ["abc", "ljust", [6, "."], "abc..."], ["abc", "rjust", [6], "   abc"], ["abc", "rjust", [-1], "abc"]] as [string, string, unknown[], unknown][];
  for (const [s, name, args, expected] of table) {
    it(`${JSON.stringify(s)}.${name}(${args.map((a) => JSON.stringify(a)).join(", ")})`, () => {
      expect(call(s, name, args)).toEqual(expected);
    });
  }
});

describe("string method errors", () => {
  it("checks argument counts", () => {
    expect(failure(() => call("a", "upper", [1]))).toBe("TypeError: upper() takes 0 arguments but 1 was given");
    expect(failure(() => call("a", "replace", ["a"]))).toBe("TypeError: replace() takes from 2 to 3 arguments but 1 was given");
    expect(failure(() => call("a", "split", [",", 1, 2]))).toBe("TypeError: split() takes from 0 to 2 arguments but 3 were given");
    expect(failure(() => call("a", "join", []))).toBe("TypeError: join() takes 1 argument but 0 were given");
  });

  it("checks argument types", () => {
    expect(failure(() => call("a", "replace", [1, "b"]))).toBe("TypeError: replace() argument 1 must be a string, not number");
    expect(failure(() => call("a", "split", [1]))).toBe("TypeError: split() argument 1 must be a string or null, not number");
    expect(failure(() => call("a", "split", [",", 1.5]))).toBe("TypeError: split() argument 2 must be an integer or null, not float");
    expect(failure(() => call("a", "center", ["5"]))).toBe("TypeError: center() argument 1 must be an integer, not string");
    expect(failure(() => call("a", "center", [5, "ab"]))).toBe("TypeError: center() argument 2 must be a string of one character, not string");
    expect(failure(() => call("a", "find", [1]))).toBe("TypeError: find() argument 1 must be a string, not number");
    expect(failure(() => call("a", "find", ["a", "0"]))).toBe("TypeError: find() argument 2 must be an integer or null, not string");
    expect(failure(() => call("a", "startswith", [1]))).toBe("TypeError: startswith() argument 1 must be a string or an array of strings, not number");
    expect(failure(() => call("a", "startswith", [["b", 1]]))).toBe("TypeError: startswith() argument 1 must be a string or an array of strings, not number");
    expect(failure(() => call("a", "join", [5]))).toBe("TypeError: 'number' object is not iterable");
  });

  it("raises ValueError for an empty separator and an absent substring", () => {
    expect(failure(() => call("a b", "split", [""]))).toBe("ValueError: empty separator");
    expect(failure(() => call("a b", "rsplit", [""]))).toBe("ValueError: empty separator");
    expect(failure(() => call("abc", "index", ["z"]))).toBe("ValueError: substring not found");
    expect(failure(() => call("abc", "rindex", ["z"]))).toBe("ValueError: substring not found");
    expect(failure(() => call("abc", "index", ["a", 1]))).toBe("ValueError: substring not found");
  });
});

describe("string methods, ML specifics", () => {
  it("join converts items with str()", () => {
    expect(call(", ", "join", [[1, "a", true, null, [1, "b"]]])).toBe('1, a, true, null, [1, "b"]');
  });

  it("startswith/endswith accept an array of candidates", () => {
    expect(call("hello", "startswith", [["x", "he"]])).toBe(true);
    expect(call("hello", "endswith", [["x", "y"]])).toBe(false);
    expect(call("hello", "endswith", [[]])).toBe(false);
  });

  it("strip with characters never splits a surrogate pair", () => {
    expect(call("😀a😁", "strip", ["😀"])).toBe("a😁");
    expect(call("😁a😀", "strip", ["😀"])).toBe("😁a");
  });

  it("checks result sizes against the string limit before building", () => {
    const limits = meterOf({ maxStringLength: 10 });
    expect(failure(() => call("abc", "center", [11], limits))).toBe("LimitError: string length limit exceeded (max 10)");
    expect(call("abc", "center", [10], limits)).toBe("   abc    ");
    expect(failure(() => call("aaaa", "replace", ["a", "xyz"], limits))).toBe("LimitError: string length limit exceeded (max 10)");
    expect(failure(() => call("abcdef", "replace", ["", "-"], limits))).toBe("LimitError: string length limit exceeded (max 10)");
    expect(failure(() => call("--", "join", [["aaa", "bbb", "ccc"]], limits))).toBe("LimitError: string length limit exceeded (max 10)");
    expect(call("-", "join", [["aaa", "bbb"]], limits)).toBe("aaa-bbb");
    expect(failure(() => call("a", "ljust", [1e15], meterOf()))).toMatch(/^LimitError/);
  });
});

describe("replace builds long results in flat chunks", () => {
  it("agrees with a naive replacement across chunk boundaries, with and without a count", () => {
    const text = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? "ab" : "c")).join("");
    const naive = (s: string, old: string, by: string, count: number) => {
      let out = "";
      let from = 0;
      for (let n = 0; n < count; n++) {
        const at = s.indexOf(old, from);
        if (at < 0) break;
        out += s.slice(from, at) + by;
        from = at + old.length;
      }
      return out + s.slice(from);
    };
    expect(call(text, "replace", ["ab", "$1"])).toBe(naive(text, "ab", "$1", Infinity));
    expect(call(text, "replace", ["ab", "", 9_000])).toBe(naive(text, "ab", "", 9_000));
    expect(call(text.slice(0, 20_000), "replace", ["", "|", 17_000])).toBe(
      Array.from(text.slice(0, 16_999), (c) => "|" + c).join("") + "|" + text.slice(16_999, 20_000),
    );
  });
});

describe("searches read only the range they are given (and charged for)", () => {
  it("find, rfind, index, rindex and count with start and end agree with Python's rules", () => {
    // Python's semantics, spelled out on the slice s[start:end] (indices adjusted as CPython does).
    const adjust = (s: string, start: number | null, end: number | null): [number, number] => {
      let a = start ?? 0;
      let b = end ?? s.length;
      if (b > s.length) b = s.length;
      else if (b < 0) b = Math.max(b + s.length, 0);
      if (a < 0) a = Math.max(a + s.length, 0);
      return [a, b];
    };
    const model = (s: string, name: string, sub: string, start: number | null, end: number | null): number => {
      const [a, b] = adjust(s, start, end);
      if (b - a < sub.length) return name === "count" ? 0 : -1;
      const part = s.slice(a, b);
      if (name === "count") return sub === "" ? part.length + 1 : part.split(sub).length - 1;
      const at = name === "find" ? part.indexOf(sub) : part.lastIndexOf(sub);
      return at < 0 ? -1 : a + at;
    };
    const text = "abcabcaab";
    const bounds = [null, -12, -4, -1, 0, 1, 3, 5, 8, 9, 12];
    for (const name of ["find", "rfind", "count"]) {
      for (const sub of ["", "a", "ab", "ca", "abc", "x"]) {
        for (const start of bounds) {
          for (const end of bounds) {
            expect([name, sub, start, end, call(text, name, [sub, start, end])]).toEqual([name, sub, start, end, model(text, name, sub, start, end)]);
          }
        }
      }
    }
    expect(call(text, "index", ["ab", 1, 9])).toBe(3);
    expect(call(text, "rindex", ["ab", 0, 8])).toBe(3);
    expect(failure(() => call(text, "index", ["ab", 8, 9]))).toBe("ValueError: substring not found");
  });

  it("a search in a short range of a long string does not read the rest of it", () => {
    const s = "a".repeat(50_000_000);
    const m = meterOf();
    call(s, "find", ["b"], m); // reads (and flattens) the string once
    const start = performance.now();
    for (let i = 0; i < 100; i++) {
      call(s, "find", ["b", 0, 10], m);
      call(s, "count", ["b", 0, 10], m);
      call(s, "rfind", ["b", s.length - 10], m);
      failure(() => call(s, "rindex", ["b", s.length - 10], m));
    }
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("swapcase of capital sigmas", () => {
  // Python's rule, one code point at a time: Σ lower-cases to ς after a cased character when no
  // cased character follows, else to σ; everything else swaps case on its own.
  const CASED = /\p{Cased}/u;
  const UPPER = /\p{Uppercase}/u;
  const LOWER = /\p{Lowercase}/u;
  const model = (s: string): string => {
    const cps = Array.from(s);
    return cps
      .map((ch, i) => {
        if (ch === "\u03a3") {
          const before = i > 0 && CASED.test(cps[i - 1]!);
          const after = i + 1 < cps.length && CASED.test(cps[i + 1]!);
          return before && !after ? "\u03c2" : "\u03c3";
        }
        return UPPER.test(ch) ? ch.toLowerCase() : LOWER.test(ch) ? ch.toUpperCase() : ch;
      })
      .join("");
  };

  it("agrees with Python's rule on random text", () => {
    const unit = fc.constantFrom("Σ", "Σ", "Α", "α", "a", "B", " ", "1", "'", "𝐀", "ß", "İ", "ǅ");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const s = units.join("");
        expect(call(s, "swapcase", [])).toBe(model(s));
      }),
      { seed: 5, numRuns: 3000 },
    );
  });

  it("a long run of capitals with sigmas costs two steps a sigma and is built without a node per character", () => {
    const s = "ΑΣ".repeat(1_000_000);
    const m = meterOf({ steps: 10_000_000 });
    const start = performance.now();
    const out = call(s, "swapcase", [], m) as string;
    expect(out.length).toBe(s.length);
    expect(out.slice(0, 4) + out.slice(-2)).toBe("ασασας");
    expect(performance.now() - start).toBeLessThan(1_500);
    expect(failure(() => call(s, "swapcase", [], meterOf({ steps: 1_000_000 })))).toBe("LimitError: step limit exceeded (1000000 steps)");
  });
});

describe("title and swapcase of very long runs of letters", () => {
  // The implementation before runs were matched by regex, one code point at a time.
  const CASED = /\p{Cased}/u;
  const UPPER = /\p{Uppercase}/u;
  const LOWER = /\p{Lowercase}/u;
  const titleModel = (s: string): string => {
    let out = "";
    let word = "";
    const flush = () => {
      if (word === "") return;
      const first = String.fromCodePoint(word.codePointAt(0)!);
      const title = call(first, "title", []) as string; // one letter: its title case
      const lowerFirst = first.toLowerCase();
      const both = (first + word.slice(first.length)).toLowerCase();
      out += title + (both.startsWith(lowerFirst) ? both.slice(lowerFirst.length) : word.slice(first.length).toLowerCase());
      word = "";
    };
    for (const ch of s) {
      if (CASED.test(ch)) word += ch;
      else {
        flush();
        out += ch;
      }
    }
    flush();
    return out;
  };
  const swapModel = (s: string): string => {
    const cps = Array.from(s);
    return cps.map((ch, i) => {
      if (ch === "\u03a3") return i > 0 && CASED.test(cps[i - 1]!) && !(i + 1 < cps.length && CASED.test(cps[i + 1]!)) ? "\u03c2" : "\u03c3";
      return UPPER.test(ch) ? ch.toLowerCase() : LOWER.test(ch) ? ch.toUpperCase() : ch;
    }).join("");
  };

  it("a word longer than one match (65 536 letters) is still one word, sigmas at the seams included", () => {
    const at = (n: number, middle: string) => "a".repeat(n) + middle + "b".repeat(70_000) + " ΑΣ Σx";
    for (const s of [at(65_535, "Σ"), at(65_534, "ΣΣ"), at(65_536, "Σ"), at(65_535, "𝐀Σ"), "Σ".repeat(140_000), "ΑΣ".repeat(70_000) + "Σ"]) {
      expect(call(s, "title", []) === titleModel(s)).toBe(true);
      expect(call(s, "swapcase", []) === swapModel(s)).toBe(true);
    }
  });

  it("runs of millions of two-byte letters are mapped, not refused with a stack overflow", () => {
    const s = "ΑΣ".repeat(2_500_000);
    const t = call(s, "title", []) as string;
    expect(t.length).toBe(s.length);
    expect(t.slice(0, 3) + t.slice(-2)).toBe("Ασα" + "ας");
    const w = call(s, "swapcase", []) as string;
    expect(w.slice(0, 2) + w.slice(-2)).toBe("ασας");
    expect(call("α".repeat(5_000_000), "title", []) as string).toBe("Α" + "α".repeat(4_999_999));
  });
});

describe("isalpha, isalnum and isdigit of long strings", () => {
  it("agree with the whole-string class match on random text", () => {
    const whole: Record<string, RegExp> = {
      isalpha: /^\p{L}+$/u,
      isalnum: /^[\p{L}\p{N}]+$/u,
      isdigit: /^[\p{Nd}\u00B2\u00B3\u00B9\u2460-\u2468\u{1F100}-\u{1F10A}]+$/u,
    };
    const unit = fc.constantFrom("a", "α", "1", "٣", "²", "½", "①", "🄁", "𝐀", " ", "_", "\ud800", "Ⅻ");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 6 }), (units) => {
        const s = units.join("");
        for (const name of Object.keys(whole)) expect([name, s, call(s, name, [])]).toEqual([name, s, whole[name]!.test(s)]);
      }),
      { seed: 9, numRuns: 3000 },
    );
  });

  it("millions of two-byte characters are tested, not refused with a stack overflow", () => {
    expect(call("α".repeat(10_000_000), "isalpha", [])).toBe(true);
    expect(call("α".repeat(10_000_000), "isalnum", [])).toBe(true);
    expect(call("٣".repeat(10_000_000), "isdigit", [])).toBe(true);
    expect(call("α".repeat(10_000_000) + "!", "isalpha", [])).toBe(false);
  });
});
