/**
 * Regular expressions are bounded (docs/limits.md): oversized programs are refused, matching
 * charges program size × characters read (so the step limit bounds it and the time limit is
 * checked inside a long pass), and results are size-checked before they are built.
 */
import { describe, expect, it } from "vitest";
import { ml, mlFails } from "./ml.js";
import { MAX_PROGRAM_SIZE, compileProgram } from "../../src/stdlib/support/regex-engine.js";
import { translate } from "../../src/stdlib/support/regex-syntax.js";
import { createBudget, beginRun } from "../../src/runtime/limits.js";
import { DEFAULT_LIMITS } from "../../src/runtime/state.js";

const r = String.raw;

async function fails(body: string, limits = {}) {
  return mlFails(`import regex;\n${body}`, { limits });
}

/** A budget of `steps` steps, fresh. */
function budget(steps: number) {
  const b = createBudget({ ...DEFAULT_LIMITS, steps });
  beginRun(b);
  return b;
}

/** Steps spent from `b` since its run began. */
function used(b: ReturnType<typeof budget>): number {
  return b.granted - b.n;
}

describe("program size limit", () => {
  it("refuses a pattern whose program has more than 5000 instructions, naming the size and the limit", async () => {
    expect(MAX_PROGRAM_SIZE).toBe(5000);
    expect(await fails(`regex.compile("(a|b){1,1000}(c|d){1,1000}");`)).toEqual({
      type: "ValueError",
      message: "regex pattern too large: 8000 instructions with repetitions expanded (max 5000)",
    });
    expect(await fails(`regex.search("[a-z]{1000}[0-9]{1000}[A-Z]{1000}[a-z]{1000}[0-9]{1000}x", "abc");`)).toEqual({
      type: "ValueError",
      message: "regex pattern too large: 5003 instructions with repetitions expanded (max 5000)",
    });
    // Nested repetitions multiply.
    expect(await fails(`regex.compile("((ab){100}){100}");`)).toEqual({
      type: "ValueError",
      message: "regex pattern too large: 40202 instructions with repetitions expanded (max 5000)",
    });
  });

  it("accepts every pattern up to the limit, and isValid tells which are too large", async () => {
    expect(
      await ml(
        `import regex;
p = regex.compile("[a-z]{1000}[0-9]{1000}[A-Z]{1000}[a-z]{1000}[0-9]{997}x");
print(p.groups, p.match("-" * 10, 5), p.fullmatch("-" * 10, 5));
print(regex.search("(a|b){1,1000}", "xxab").span(), regex.isValid("(a|b){1,1000}(c|d){1,1000}"), regex.isValid("(a|b){1,1000}"));`,
      ),
    ).toBe("0 null null\n[2, 4] false true\n");
  });

  it("counts the program from the syntax as the engine compiles it", () => {
    const b = budget(Infinity);
    const cases: [string, number][] = [
      ["a", 3],
      ["", 3],
      [r`(\w+)@(\w+)`, 11],
      ["[a-z]{0,1000}x", 2003],
      ["(a|b){1,1000}", 4001],
      ["(a*)*", 8],
      ["a{0}", 3],
      [r`[\W\d]+`, 4],
      ["(?<=ab)c", 9],
      ["x{2,}|y?", 8],
    ];
    for (const [pattern, size] of cases) {
      expect([pattern, translate(pattern, 0).size]).toEqual([pattern, size]);
      expect([pattern, compileProgram(pattern, 0, b).size]).toEqual([pattern, size]);
    }
    // Alternatives sharing a prefix are counted in full; the engine factors them.
    expect(translate("cat|car|cab", 0).size).toBe(13);
    expect(compileProgram("cat|car|cab", 0, b).size).toBe(5);
  });

  it("charges compiling a pattern that is not cached, 100 steps per instruction", () => {
    const b = budget(100_000);
    // 2 003 instructions: 200 300 steps.
    expect(() => compileProgram("[b-y]{0,1000}x", 0, b)).toThrow("step limit exceeded (100000 steps)");
    const ok = budget(300_000);
    expect(compileProgram("[b-y]{0,1000}z", 0, ok).size).toBe(2003);
  });
});

describe("compile work limit", () => {
  it("refuses patterns whose Unicode properties or length would take the engine's parser long, before it runs", async () => {
    // One class of 10 000 alternatives: 4 s of parsing (and 500 MB) for 3 instructions.
    const t0 = performance.now();
    const refused = await fails(`regex.compile("\\\\w|" * 10000 + "x");`);
    expect(refused.type).toBe("ValueError");
    expect(refused.message).toMatch(/^regex pattern too costly to compile: \d+ units of work for 3 instructions, 20000 Unicode properties and 30001 characters \(max 10000;/);
    // 100 000 `\w` in one class made the parser grow an array past V8's limit: a process abort.
    expect(await fails(`regex.compile("[^" + "\\\\w" * 100000 + "]");`)).toEqual({
      type: "ValueError",
      message: "regex pattern too long: 200003 characters (max 160000)",
    });
    expect(performance.now() - t0).toBeLessThan(1000);
    // A set written again in a class is built once: 9 000 `\w` are one class of two properties.
    expect(await ml(`import regex;\nprint(regex.fullmatch("[" + "\\\\w" * 9000 + "]+", "ab1_").span(), regex.isValid("\\\\w" * 150), regex.isValid("\\\\w" * 250));`)).toBe(
      "[0, 4] true false\n",
    );
  });

  it("charges each Unicode property as the work of 25 instructions", () => {
    const b = budget(Infinity);
    const before = used(b);
    compileProgram("\\w".repeat(150) + "#properties", 0, b);
    // 153 instructions and 300 properties, 100 steps each unit.
    expect(used(b) - before).toBeGreaterThanOrEqual((153 + 300 * 25) * 100);
  });
});

describe("matching is charged by program size × text length", () => {
  // 402 instructions; no prefilter (no literal every match contains), so the engine reads the
  // whole text: 402 × 60 001 / 4 ≈ 6 M steps for 60 KB, 60 K steps for 600 characters.
  const pattern = "(a|b){1,100}[^ab]";

  it("a budget that allows a small search refuses the same search on 60 KB", async () => {
    const limits = { steps: 1_000_000 };
    expect(await ml(`import regex; print(regex.search("${pattern}", "ab" * 300));`, { limits })).toBe("null\n");
    expect(await fails(`regex.search("${pattern}", "ab" * 30000);`, limits)).toEqual({
      type: "LimitError",
      message: "step limit exceeded (1000000 steps)",
    });
  });

  it("every search function is charged, pattern methods and pos/endpos windows too", async () => {
    const limits = { steps: 1_000_000 };
    // Anchored searches read only as far as the pattern may still match: `[ab]*` keeps them
    // reading to the end.
    const anchored = `[ab]*${pattern}`;
    for (const call of [
      `regex.match("${anchored}", t)`,
      `regex.fullmatch("${anchored}", t)`,
      `regex.test("${pattern}", t)`,
      `regex.findall("${pattern}", t)`,
      `regex.finditer("${pattern}", t)`,
      `regex.count("${pattern}", t)`,
      `regex.split("${pattern}", t)`,
      `regex.sub("${pattern}", "", t)`,
      `regex.compile("${pattern}").search(t, 5)`,
      `regex.compile("${anchored}").match(t, 5)`,
      `regex.compile("${anchored}").fullmatch(t, 5)`,
      `regex.compile("${pattern}").findall(t, 5, 50000)`,
    ]) {
      expect([call, await fails(`t = "ab" * 30000; ${call};`, limits)]).toEqual([call, { type: "LimitError", message: "step limit exceeded (1000000 steps)" }]);
    }
    // The same calls on a short text pass; an anchored search that fails early reads little.
    expect(
      await ml(
        `import regex; t = "ab" * 300; print(regex.findall("${pattern}", t), regex.compile("${anchored}").match(t, 5), regex.match("${pattern}", "ab" * 30000));`,
        { limits },
      ),
    ).toBe("[] null null\n");
  });

  it("stops a long pass part-way at the time limit", async () => {
    // 4 003 instructions × 60 001 characters: seconds of work in one engine pass.
    const t0 = performance.now();
    expect(await fails(`regex.search("(a|b){1,1000}[^ab]", "ab" * 30000);`, { timeMs: 100 })).toEqual({
      type: "LimitError",
      message: "time limit exceeded (100 ms)",
    });
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it("charges what each pass reads: findall rescanning the rest of the text for every match is quadratic", async () => {
    // `a.*X|a` finds each "a" only after reading to the end of the text (the first alternative
    // might still match), so 60 000 matches read 1.8 · 10^9 characters.
    const limits = { steps: 10_000_000 };
    expect(await fails(`print(len(regex.findall("a.*X|a", "a" * 60000)));`, limits)).toEqual({
      type: "LimitError",
      message: "step limit exceeded (10000000 steps)",
    });
    // Linear work (each pass reads just past its match) fits in the same budget.
    expect(await ml(`import regex; print(len(regex.findall("a", "a" * 60000)), len(regex.findall("a.*X|a", "a" * 600)));`, { limits })).toBe("60000 600\n");
    const t0 = performance.now();
    expect(await fails(`regex.findall("a.*X|a", "a" * 60000);`, { timeMs: 100 })).toEqual({ type: "LimitError", message: "time limit exceeded (100 ms)" });
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it("charges the prefilter's scans in every pass: a findall whose prefilter reads to the end for each match is quadratic", async () => {
    // Every match contains `ab` or `cd` then `X`, or `e`: before each pass the prefilter runs its
    // automaton for `ab`/`cd` over the rest of the text (none there), then finds `e` at once;
    // charged a step per 8 characters it reads (30 000 passes read 4.5 · 10^8: seconds of work).
    const b = budget(Infinity);
    const p = compileProgram("((?:ab|cd).*X)|e", 0, b);
    const before = used(b);
    let n = 0;
    for (const _ of p.scan("e".repeat(3000), 0, false, b)) n++;
    expect(n).toBe(3000);
    // 3000 passes reading 4.5 · 10^6 characters of prefilter scans in all.
    expect(used(b) - before).toBeGreaterThan(4_500_000 / 8);
    const t0 = performance.now();
    expect(await fails(`print(len(regex.findall("((?:ab|cd).*X)|e", "e" * 30000)));`, { steps: 1_000_000 })).toEqual({
      type: "LimitError",
      message: "step limit exceeded (1000000 steps)",
    });
    expect(await fails(`print(len(regex.findall("((?:ab|cd).*X)|e", "e" * 100000)));`, { timeMs: 100 })).toEqual({
      type: "LimitError",
      message: "time limit exceeded (100 ms)",
    });
    expect(performance.now() - t0).toBeLessThan(3000);
    // An indexOf prefilter (one string) is charged the same way, a step per 16 characters.
    const c = budget(Infinity);
    const q = compileProgram("(ab.*X)|c", 0, c);
    const from = used(c);
    for (const _ of q.scan("c".repeat(3000), 0, false, c)) n++;
    expect(used(c) - from).toBeGreaterThan(4_500_000 / 16);
  });

  it("charges text skipped by a literal-prefix search at one step per 16 characters", async () => {
    // "needle" is looked for with indexOf by the engine: 1 000 000 / 16 = 62 500 steps, not
    // 8 × 10^6 / 4.
    const text = "x".repeat(1_000_000);
    const b = budget(Infinity);
    const p = compileProgram("needle", 0, b);
    const before = used(b);
    expect(p.search(text, 0, b)).toBe(null);
    const spent = used(b) - before;
    expect(spent).toBeGreaterThanOrEqual(62_500);
    expect(spent).toBeLessThan(62_600);
    expect(await fails(`t = "x" * 1000000; regex.search("needle", t);`, { steps: 100_000 })).toEqual({
      type: "LimitError",
      message: "step limit exceeded (100000 steps)",
    });
  });

  it("charges a pattern's program only once it is compiled, and a cached program reads no more", () => {
    const text = "ab".repeat(300);
    const b = budget(Infinity);
    const p = compileProgram("(a|b){1,10}[^ab]", 0, b); // 42 instructions
    const before = used(b);
    expect(p.search(text, 0, b)).toBe(null);
    const spent = used(b) - before;
    // 42 × 601 / 4 ≈ 6 311 steps for reading the text, plus a few per pass; at most twice that.
    expect(spent).toBeGreaterThanOrEqual(Math.ceil((42 * 601) / 4));
    expect(spent).toBeLessThan(2 * Math.ceil((42 * 601) / 4));
  });
});

describe("results are size-checked before they are built", () => {
  it("sub and its templates", async () => {
    expect(await fails(`regex.sub("a", "bbbb", "a" * 300);`, { maxStringLength: 1000 })).toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 1000)",
    });
    expect(await fails(r`regex.sub("(a)", "\1\1\1\1", "a" * 300);`, { maxStringLength: 1000 })).toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 1000)",
    });
    expect(await fails(r`regex.search("(a+)", "a" * 300).expand("\1\1\1\1");`, { maxStringLength: 1000 })).toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 1000)",
    });
  });

  it("split, findall and finditer", async () => {
    const limits = { maxArrayLength: 100 };
    const message = { type: "LimitError", message: "array length limit exceeded (max 100)" };
    expect(await fails(`regex.split(",", "," * 200);`, limits)).toEqual(message);
    expect(await fails(`regex.split("(,)", "," * 60);`, limits)).toEqual(message);
    expect(await fails(`regex.findall(",", "," * 200);`, limits)).toEqual(message);
    expect(await fails(`regex.finditer(",", "," * 200);`, limits)).toEqual(message);
  });

  it("escape", async () => {
    expect(await fails(`regex.escape("." * 600);`, { maxStringLength: 1000 })).toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 1000)",
    });
    expect(await ml(`import regex; print(len(regex.escape("." * 500)), regex.escape("a.b"));`, { limits: { maxStringLength: 1000 } })).toBe("1000 a\\.b\n");
  });
});
