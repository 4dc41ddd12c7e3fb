/**
 * Compilation is linear in the source's length whatever the source: bounded "did you mean"
 * searches, persistent definite-assignment states, a nesting limit, at most MAX_DIAGNOSTICS
 * diagnostics, cut code frames, and maxSourceLength refused before lexing.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { check, compile, DEFAULT_MAX_SOURCE_LENGTH, MAX_DIAGNOSTICS, type Diagnostic } from "../../src/compiler/index.js";
import { formatDiagnostic, MAX_FRAME_WIDTH } from "../../src/compiler/codeframe.js";
import { MAX_MANIFEST_ENTRIES } from "../../src/compiler/manifest.js";
import { MAX_NESTING_DEPTH } from "../../src/compiler/parser.js";
import { definiteAssignmentStats } from "../../src/compiler/resolver.js";
import { didYouMean, editDistance, MAX_SUGGESTION_CANDIDATES, suggestionStats } from "../../src/compiler/suggest.js";

/** `unit(0) + unit(1) + …` up to at least `length` characters. */
function fill(length: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < length; i++) {
    const u = unit(i);
    parts.push(u);
    n += u.length;
  }
  return parts.join("");
}

/** Milliseconds `f` takes. */
function timed(f: () => void): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

/** Suggestion candidates looked at while compiling `source`. */
function candidatesFor(source: string): number {
  const before = suggestionStats.candidates;
  compile(source);
  return suggestionStats.candidates - before;
}

/** Trie entries allocated by definite assignment while compiling `source`. */
function allocatedFor(source: string): number {
  const before = definiteAssignmentStats.allocated;
  expect(compile(source).ok).toBe(true);
  return definiteAssignmentStats.allocated - before;
}

const MESSAGE_TOO_DEEP = `nesting is too deep (more than ${MAX_NESTING_DEPTH} levels)`;

describe("bounded suggestions", () => {
  // Every statement binds a name and reads an unknown one of a similar length.
  const distinctUnknowns = (n: number) => Array.from({ length: n }, (_, i) => `a${i} = b${i};\n`).join("");

  it("look at a bounded number of candidates however many unknown names and bindings there are", () => {
    const small = candidatesFor(distinctUnknowns(1000));
    const large = candidatesFor(distinctUnknowns(4000));
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThanOrEqual(MAX_DIAGNOSTICS * MAX_SUGGESTION_CANDIDATES);
    // Quadratic work would grow 16-fold with 4 times the names and bindings.
    expect(large).toBeLessThanOrEqual(small * 1.25);
  });

  it("search a repeated unknown name once per scope", () => {
    const once = candidatesFor("count = 1;\nprint(cout);\n");
    expect(once).toBeGreaterThan(0);
    expect(candidatesFor(`count = 1;\n${"print(cout);\n".repeat(50)}`)).toBe(once);
  });

  it("keep suggesting in ordinary programs", () => {
    const bindings = Array.from({ length: 300 }, (_, i) => `value${i} = ${i};\n`).join("");
    const d = compile(`${bindings}total = 0;\nprint(totl, Value7, lenn([1]));\n`).diagnostics;
    expect(d.map((x) => x.suggestion)).toEqual(["did you mean 'total'?", "did you mean 'value7'?", "did you mean 'len'?"]);
  });

  it("give the first diagnostics suggestions and stop searching past the reported ones", () => {
    const d = compile(`count = 1;\n${Array.from({ length: 300 }, (_, i) => `x${i} = cout${i};\n`).join("")}`).diagnostics;
    expect(d).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(d[0]!.suggestion).toBe("did you mean 'count'?");
    expect(d[MAX_DIAGNOSTICS - 1]!.message).toBe(`unknown name 'cout${MAX_DIAGNOSTICS - 1}'`);
  });

  it("compare long names only by letter case", () => {
    const long = "a".repeat(10_000);
    expect(didYouMean(`${long}x`, [`${long}y`])).toBeUndefined();
    expect(didYouMean(`${long}X`, [`${long}x`])).toBe(`${long}x`);
  });

  it("compute edit distances within a band that agree with the full table", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(editDistance(a, b), max + 1));
      }),
      { seed: 11, numRuns: 2000 },
    );
  });
});

describe("linear definite assignment", () => {
  // Branches and functions in a scope with many variables: flat bit sets copied per branch made
  // this quadratic.
  const program = (n: number) =>
    `c = 1;\n${Array.from({ length: n }, (_, i) => `v${i} = 1;\nif (c) { w${i} = v${i}; } else { w${i} = 2; }\nfunction f${i}() { return w${i}; }\n`).join("")}`;

  it("copies states in proportion to the program, not to the program times its variables", () => {
    // Both sizes have the same trie height (up to 30 720 variables).
    const small = allocatedFor(program(2000));
    const large = allocatedFor(program(8000));
    expect(large).toBeLessThanOrEqual(small * 4 * 1.25);
  });

  it("still finds which reads need a run-time check in large scopes", () => {
    const n = 20_000; // 40 001 variables: a trie of height 2
    const assigned = Array.from({ length: n }, (_, i) => `if (c) { v${i} = 1; } else { v${i} = 2; }\n`).join("");
    const maybe = Array.from({ length: n }, (_, i) => `if (c) { u${i} = 1; }\n`).join("");
    const r = compile(`c = 1;\n${assigned}${maybe}print(v0, v${n - 1}, u0, u${n - 1});\n`, { maxSourceLength: Infinity });
    expect(r.ok).toBe(true);
    expect(r.code).toContain(`$b_print(v0, v${n - 1}, (u0 !== void 0 ? u0 : $unbound("u0")), (u${n - 1} !== void 0 ?`);
  });
});

describe("linear async planning", () => {
  it("propagates asynchrony along a long chain of calls written callee first", () => {
    const n = 8000;
    const lines = ["import http;", `function f${n}() { return http.get("u"); }`];
    for (let i = n - 1; i >= 0; i--) lines.push(`function f${i}() { return f${i + 1}(); }`);
    let r: ReturnType<typeof compile> | null = null;
    // Sweeping every body until nothing changed took one sweep per link: 8 s here.
    expect(timed(() => (r = compile(lines.join("\n"))))).toBeLessThan(2000);
    expect(r!.ok).toBe(true);
    expect(r!.code.match(/async function/g)).toHaveLength(n + 1);
  });
});

describe("adversarial sources compile in bounded time", () => {
  const size = 350_000;
  const sources: Record<string, string> = {
    "distinct unknown names, each beside a binding": fill(size, (i) => `a${i} = b${i};\n`),
    "distinct unknown names of one length": fill(size, (i) => `v${String(i).padStart(6, "0")} = w${String(i).padStart(6, "0")};\n`),
    "long similar names": fill(size, (i) => `${"a".repeat(1000)}${i} = ${"a".repeat(1000)}${i + 1}x;\n`),
    "one long line of unknown names": fill(size, (i) => `a${i} = b${i}; `),
    "unresolved nonlocal declarations": fill(size, (i) => `function f${i}() { nonlocal q${i}; }\n`),
    "unknown permissions": fill(size, (i) => `capability C${i} { allow reed${i}; }\n`),
    "floor divisions meant as comments": fill(size, (i) => `x = 7 // don't ${i}\n`),
    "branches and functions in one scope": fill(size, (i) => `a${i} = 1; if (a${i}) { b${i} = a${i}; }\nfunction f${i}() { return a${i}; }\n`),
    "a run of unexpected characters": "@".repeat(size),
    "deep unary operators": `x = ${"-".repeat(size)}1;`,
    "a long call chain": `a = 1;\nx = a${"(1)".repeat(size / 3)};`,
    // The teaching errors of test/compiler/hints.test.ts, in bulk and in their worst shapes.
    "keyword arguments": fill(size, (i) => `f(a${i}=1, b=g(c=2));\n`),
    "nested keyword arguments": `x = ${"f(a=".repeat(size / 4)}1${")".repeat(size / 4)};`,
    "comprehensions": fill(size, (i) => `y = [x${i} * 2 for x in xs if x > ${i}];\n`),
    "a comprehension never closed": `y = [x for x in ${"(".repeat(size)}`,
    "template literals": fill(size, (i) => `x = \`a\${b${i}} \${c + ${i}}\`;\n`),
    "a template literal of unclosed interpolations": `x = \`${"${".repeat(size / 2)}`,
    "f-strings of unclosed braces": `x = f"${"{a".repeat(size / 2)}";`,
    "arrow parameter look-ahead": fill(size, (i) => `(a${i}, b, c, d `),
    "JavaScript arrows": fill(size, (i) => `f${i} = (a, b) => a + b;\n`),
    "chains of new and not": `x = ${"new ".repeat(size / 8)}${"not ".repeat(size / 8)}f;`,
    "let declarations": fill(size, (i) => `let a${i} = b${i};\n`),
    "Python defs with # comments": fill(size, (i) => `def f${i}(x):\n    # note ${i}\n    return x\n`),
    "Python blocks": fill(size, (i) => `if x${i} > 1:\n    y${i} = 2 # c\nelse:\n    y${i} = 3\n`),
    "conditions without parentheses": fill(size, (i) => `while x${i} < 3 { x${i} = x${i} + 1; }\n`),
    "statements of other languages": fill(size, (i) => `switch (x) { case ${i}: y(); }\ndo { x = await f(...a ?? b?.c); } while (x);\nfrom m import a${i}\n`),
    "a chain of spreads": `x = ${"...".repeat(size / 3)}a;`,
    "classes": fill(size, (i) => `class C${i} extends B { m() { this.x = ${i}; } }\n`),
    "increments and Python conditionals": fill(size, (i) => `x${i}++;\ny = 1 if x${i} else ${i};\n`),
    "outer variables read before assignment": fill(size, (i) => `c${i} = 0;\nfunction f${i}() { c${i} = c${i} + 1; }\n`),
  };

  for (const [name, source] of Object.entries(sources)) {
    it(`${name}: compiles within 2 s, then checks and formats every diagnostic within 2 s`, () => {
      let diagnostics: Diagnostic[] = [];
      expect(timed(() => (diagnostics = compile(source).diagnostics))).toBeLessThan(2000);
      expect(diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
      expect(timed(() => {
        check(source);
        for (const d of diagnostics) formatDiagnostic(d, source);
      })).toBeLessThan(2000);
    });
  }
});

describe("at most MAX_DIAGNOSTICS diagnostics", () => {
  it("reports the first ones and one ML0002 error counting the rest", () => {
    const r = compile(Array.from({ length: 250 }, (_, i) => `print(u${i});\n`).join(""));
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(r.diagnostics[MAX_DIAGNOSTICS - 1]!.loc.start.line).toBe(MAX_DIAGNOSTICS);
    expect(r.diagnostics[MAX_DIAGNOSTICS]).toMatchObject({
      code: "ML0002", severity: "error", loc: { start: { line: MAX_DIAGNOSTICS + 1 } },
      message: `too many errors: 150 more not reported (at most ${MAX_DIAGNOSTICS} are)`,
    });
    expect(check(Array.from({ length: 250 }, (_, i) => `print(u${i});\n`).join(""))).toEqual(r.diagnostics);
  });

  it("keeps the ML0002 diagnostic an error when only an error is cut", () => {
    const warnings = "try { x = 1; } except (e) { } except (f) { }\n".repeat(MAX_DIAGNOSTICS);
    const r = compile(`${warnings}print(nope);\n`);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.slice(0, MAX_DIAGNOSTICS).every((d) => d.severity === "warning")).toBe(true);
    expect(r.diagnostics[MAX_DIAGNOSTICS]).toMatchObject({ code: "ML0002", severity: "error" });
  });

  it("cuts warnings with a warning: the program still compiles", () => {
    const r = compile("try { x = 1; } except (e) { } except (f) { }\n".repeat(MAX_DIAGNOSTICS + 5));
    expect(r.ok).toBe(true);
    expect(r.code).not.toBe("");
    expect(r.diagnostics[MAX_DIAGNOSTICS]).toMatchObject({
      code: "ML0002", severity: "warning", message: `too many warnings: 5 more not reported (at most ${MAX_DIAGNOSTICS} are)`,
    });
  });
});

describe("nesting limit", () => {
  it.each([
    ["calls", `a = 1;\nx = a${"(1)".repeat(50_000)};`],
    ["indexes", `a = 1;\nx = a${"[0]".repeat(50_000)};`],
    ["slices", `a = 1;\nx = a${"[0:1]".repeat(50_000)};`],
    ["members", `a = 1;\nx = a${".b".repeat(50_000)};`],
    ["mixed links", `a = 1;\nx = a${".b(1)[2]".repeat(20_000)};`],
    ["calls in arguments", `a = 1;\nx = ${"a(".repeat(50_000)}1${")".repeat(50_000)};`],
    ["chains inside parentheses", `a = 1;\nx = ${"(a.b".repeat(150)}${")".repeat(150)};`],
  ])("refuses a deep postfix chain (%s) with one clear error", (_, source) => {
    const r = compile(source);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => `${d.code} ${d.loc.start.line} ${d.message}`)).toEqual([`ML1010 2 ${MESSAGE_TOO_DEEP}`]);
  });

  it("accepts chains and nesting below the limit", () => {
    expect(compile(`a = [1];\nx = a${".b".repeat(MAX_NESTING_DEPTH - 10)};`).ok).toBe(true);
    expect(compile(`f = fn(x) => f;\nx = f${"(1)".repeat(MAX_NESTING_DEPTH - 10)};`).ok).toBe(true);
    expect(compile(`x = ${"(".repeat(MAX_NESTING_DEPTH - 10)}1${")".repeat(MAX_NESTING_DEPTH - 10)};`).ok).toBe(true);
  });
});

describe("bounded messages and code frames", () => {
  it("cuts the code frame of a long line around the span", () => {
    const source = `${"a = 1; ".repeat(20_000)}x = cout;${" b = 2;".repeat(20_000)}\n`;
    const [d] = compile(source).diagnostics;
    const text = formatDiagnostic(d!, source);
    expect(text.length).toBeLessThan(600);
    const [, , , line, marker] = text.split("\n");
    expect(line).toMatch(/^ 1 \| …a = 1; .*x = cout; b = 2;.*…$/);
    expect(line!.length).toBeLessThanOrEqual(MAX_FRAME_WIDTH + 10);
    // The marker sits under the name.
    expect(line!.slice(marker!.indexOf("^"), marker!.indexOf("^") + 4)).toBe("cout");
    expect(marker).toMatch(/^ {3}\| +\^{4}$/);
  });

  it("formats many diagnostics of a large source without rescanning it for each", () => {
    const source = fill(900_000, (i) => `a${i} = b${i};\n`);
    const { diagnostics } = compile(source);
    expect(timed(() => diagnostics.forEach((d) => formatDiagnostic(d, source)))).toBeLessThan(1000);
  });

  it("shows a long run of unexpected characters by its start and length", () => {
    const [d] = compile(`x = 1; ${"@".repeat(100_000)}`).diagnostics;
    expect(d!.message).toBe(`unexpected characters '${"@".repeat(32)}…' (100000 characters)`);
  });

  it("cuts long names in messages", () => {
    const name = `n${"a".repeat(100_000)}`;
    const [d] = compile(`print(${name});`).diagnostics;
    expect(d!.message).toBe(`unknown name '${name.slice(0, 48)}…'`);
    expect(d!.loc.end.offset - d!.loc.start.offset).toBe(name.length);
  });
});

describe("bounded manifests", () => {
  const block = (resources: number, allows: number) =>
    `capability C {\n${Array.from({ length: resources }, (_, i) => `  resource "data/r${i}.txt";\n`).join("")}` +
    `${Array.from({ length: allows }, (_, i) => `  allow x${i}.read;\n`).join("")}}\n`;

  it("refuse declarations expanding to more than MAX_MANIFEST_ENTRIES grants with ML4003", () => {
    // 4 000 allow lines × 4 000 resources would be 16 M entries.
    const source = block(4000, 4000);
    let r: ReturnType<typeof compile> | null = null;
    expect(timed(() => (r = compile(source)))).toBeLessThan(2000);
    expect(r!.ok).toBe(false);
    expect(r!.diagnostics.map((d) => `${d.code} ${d.loc.start.line}`)).toEqual([`ML4003 ${4000 + 2 + Math.floor(MAX_MANIFEST_ENTRIES / 4000)}`]);
    expect(r!.diagnostics[0]!.message).toBe(
      `capability declarations expand to more than ${MAX_MANIFEST_ENTRIES} grants (each allowed capability with each of its resource patterns)`,
    );
    const entries = r!.manifest.blocks.flatMap((b) => b.grants).reduce((n, g) => n + Math.max(1, g.patterns.length), 0);
    expect(entries).toBeLessThanOrEqual(MAX_MANIFEST_ENTRIES);
    expect(check(source).map((d) => d.code)).toEqual(["ML4003"]);
  });

  it("do not copy a block's resources for each allow line of an unknown permission (it grants nothing)", () => {
    // 29 000 resources × 50 000 unknown permissions within the default maxSourceLength: copying
    // the resources per line took 10-20 s.
    const source = `capability C {\n${Array.from({ length: 29_000 }, (_, i) => `resource "r${i}";\n`).join("")}${"allow x;\n".repeat(50_000)}}\n`;
    expect(source.length).toBeLessThanOrEqual(DEFAULT_MAX_SOURCE_LENGTH);
    let r: ReturnType<typeof compile> | null = null;
    expect(timed(() => (r = compile(source)))).toBeLessThan(2000);
    expect(r!.diagnostics[0]).toMatchObject({ code: "ML4001", message: "unknown permission 'x'" });
    expect(r!.manifest.blocks[0]!.grants).toEqual([]);
  });

  it("accept declarations up to the bound, with patterns merged in order", () => {
    const r = compile(block(100, 100));
    expect(r.ok).toBe(true);
    expect(r.manifest.capabilities).toHaveLength(100);
    expect(r.manifest.capabilities[99]!.patterns).toEqual(Array.from({ length: 100 }, (_, i) => `data/r${i}.txt`));
  });

  it("merge a capability's patterns across blocks without repeating them", () => {
    const r = compile('capability A { allow file.read "a/**"; allow file.read "b/**"; }\ncapability B { allow file.read "a/**"; allow file.read "c"; }\n');
    expect(r.manifest.capabilities).toEqual([{ capability: "file.read", patterns: ["a/**", "b/**", "c"] }]);
    const open = compile('capability A { allow file.read "a/**"; }\ncapability B { allow read; allow file.read "c"; }\n');
    expect(open.manifest.capabilities).toEqual([{ capability: "file.read", patterns: [] }, { capability: "path.read", patterns: [] }]);
  });
});

describe("maxSourceLength", () => {
  it("refuses a longer source with ML0001 before lexing it", () => {
    const source = "x = @@@ 1 +;";
    const r = compile(source, { maxSourceLength: 5, filename: "big.ml" });
    expect(r).toMatchObject({ ok: false, code: "", map: null, imports: [], exports: [], async: false });
    expect(r.diagnostics).toEqual([
      {
        code: "ML0001", severity: "error", file: "big.ml",
        loc: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        message: `source is too long: ${source.length} characters (maxSourceLength is 5)`,
        suggestion: "split the program into modules, or raise maxSourceLength",
      },
    ]);
    expect(check(source, { maxSourceLength: 5 }).map((d) => d.code)).toEqual(["ML0001"]);
  });

  it("accepts a source of exactly the limit, and any length with Infinity", () => {
    expect(compile("x = 1;", { maxSourceLength: 6 }).ok).toBe(true);
    expect(compile("x = 1;", { maxSourceLength: Infinity }).ok).toBe(true);
  });

  it(`defaults to ${DEFAULT_MAX_SOURCE_LENGTH} characters`, () => {
    const comment = (n: number) => `x = 1; //${" ".repeat(n - 9)}`;
    expect(compile(comment(DEFAULT_MAX_SOURCE_LENGTH)).ok).toBe(true);
    expect(compile(comment(DEFAULT_MAX_SOURCE_LENGTH + 1)).diagnostics.map((d) => d.code)).toEqual(["ML0001"]);
    expect(compile(comment(DEFAULT_MAX_SOURCE_LENGTH + 1), { maxSourceLength: DEFAULT_MAX_SOURCE_LENGTH + 1 }).ok).toBe(true);
  });

  it("rejects a limit that is not a non-negative number", () => {
    expect(() => compile("x = 1;", { maxSourceLength: -1 })).toThrow(new RangeError("maxSourceLength must be a non-negative number, got -1"));
    expect(() => check("x = 1;", { maxSourceLength: Number.NaN })).toThrow(RangeError);
    expect(() => compile("x = 1;", { maxSourceLength: "9" as unknown as number })).toThrow(RangeError);
  });
});
