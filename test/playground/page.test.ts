/**
 * The playground page's own logic, in Node: share links, highlighting spans from the lexer,
 * the limits read from the URL, and the examples (canonical layout; each runs as the menu says).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_LINK_CODE, decodeSource, encodeSource, shareHash, sourceFromHash } from "../../playground/src/share.js";
import { highlightSpans, type Span } from "../../playground/src/tokens.js";
import { DEADLINE_MARGIN_MS, DEFAULT_STEPS, DEFAULT_TIME_MS, settingsFrom } from "../../playground/src/settings.js";
import { EXAMPLES } from "../../playground/src/examples.js";
import { format } from "../../src/compiler/index.js";
import { run } from "../../src/host/api.js";
import { MLRuntimeError } from "../../src/host/errors.js";

describe("share links", () => {
  it("carry any text as base64url of its UTF-8, with no padding", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (source) => {
        const encoded = encodeSource(source);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(encoded).toBe(Buffer.from(source, "utf8").toString("base64url"));
        expect(decodeSource(encoded)).toBe(source);
        const hash = shareHash(source);
        expect(typeof hash).toBe("string");
        expect(sourceFromHash(hash as string)).toBe(source);
      }),
    );
    expect(encodeSource("x".repeat(100_000)).length).toBe(Math.ceil((100_000 * 4) / 3));
  });

  it("read the code parameter of the hash and refuse what is not a program encoding", () => {
    expect(sourceFromHash("")).toBeNull();
    expect(sourceFromHash("#other=1")).toBeNull();
    expect(sourceFromHash("#x=1&code=cHJpbnQoMSk7")).toBe("print(1);");
    expect(sourceFromHash("#code=***")).toBeInstanceOf(Error);
    expect(sourceFromHash("#code=_w")).toBeInstanceOf(Error); // 0xff: not UTF-8
    expect(decodeSource("a")).toBeNull();
  });

  it("refuse links and programs too long to carry, before decoding them", () => {
    const huge = `#code=${"A".repeat(10 * 1024 * 1024)}`;
    const started = performance.now();
    const result = sourceFromHash(huge);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toContain(`too long to load (${huge.length} characters`);
    expect(sourceFromHash(`#code=${"A".repeat(MAX_LINK_CODE + 4)}`)).toBeInstanceOf(Error);
    expect(typeof sourceFromHash(`#code=${"A".repeat(MAX_LINK_CODE)}`)).toBe("string");
    expect(shareHash("x".repeat(MAX_LINK_CODE))).toBeInstanceOf(Error);
    expect((shareHash("x".repeat(MAX_LINK_CODE)) as Error).message).toContain("too long for a share link");
  });
});

function kinds(source: string): [string, Span["kind"]][] {
  return highlightSpans(source).map((s) => [source.slice(s.from, s.to), s.kind]);
}

describe("highlighting from the lexer", () => {
  it("tells floor division from a comment as the compiler does", () => {
    expect(kinds("x = 7 // 2; // note\n")).toEqual([
      ["x", "variable"], ["=", "operator"], ["7", "number"], ["//", "operator"], ["2", "number"], [";", "punctuation"], ["// note", "comment"],
    ]);
  });

  it("marks keywords, atoms, strings, function names and block comments", () => {
    expect(kinds('function f(a) { /* c */ return a ? "s" : null; }')).toEqual([
      ["function", "keyword"], ["f", "function"], ["(", "punctuation"], ["a", "variable"], [")", "punctuation"], ["{", "punctuation"],
      ["/* c */", "comment"], ["return", "keyword"], ["a", "variable"], ["?", "operator"], ['"s"', "string"], [":", "punctuation"],
      ["null", "atom"], [";", "punctuation"], ["}", "punctuation"],
    ]);
  });

  it("gives ordered, non-overlapping spans inside the text for any input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (source) => {
        let at = 0;
        for (const s of highlightSpans(source)) {
          expect(s.from).toBeGreaterThanOrEqual(at);
          expect(s.to).toBeGreaterThan(s.from);
          expect(s.to).toBeLessThanOrEqual(source.length);
          at = s.to;
        }
      }),
    );
  });
});

describe("limits from the URL", () => {
  it("default to the playground's limits, with the page's deadline a margin above the time limit", () => {
    expect(settingsFrom("")).toEqual({ limits: { steps: DEFAULT_STEPS, timeMs: DEFAULT_TIME_MS }, deadlineMs: DEFAULT_TIME_MS + DEADLINE_MARGIN_MS });
    expect(settingsFrom("?steps=1000&time=200")).toEqual({ limits: { steps: 1000, timeMs: 200 }, deadlineMs: 200 + DEADLINE_MARGIN_MS });
    expect(settingsFrom("?steps=-5&time=abc").limits).toEqual({ steps: DEFAULT_STEPS, timeMs: DEFAULT_TIME_MS });
    expect(settingsFrom("?limits=off&time=300")).toEqual({ limits: { steps: null, timeMs: null }, deadlineMs: 300 + DEADLINE_MARGIN_MS });
  });
});

describe("examples", () => {
  it("are in the formatter's layout", () => {
    for (const e of EXAMPLES) {
      const f = format(e.source, { filename: `${e.id}.ml` });
      expect(f.diagnostics, e.id).toEqual([]);
      expect(f.changed, e.id).toBe(false);
    }
  });

  it("run with the playground's limits and no capability, as their comments say", async () => {
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    for (const e of EXAMPLES) {
      const outcome = await run({ source: e.source, filename: "main.ml" }, { limits: { steps: 200_000, timeMs: DEFAULT_TIME_MS }, capabilities: [] })
        .then((r) => r.stdout, (err: unknown) => err);
      if (e.id === "limits") {
        expect(outcome).toBeInstanceOf(MLRuntimeError);
        expect((outcome as MLRuntimeError).mlType).toBe("LimitError");
      } else {
        expect(typeof outcome, `${e.id}: ${String(outcome)}`).toBe("string");
        expect((outcome as string).length, e.id).toBeGreaterThan(0);
      }
      if (e.id === "capabilities") expect(outcome).toContain("CapabilityError: file.read() requires capability 'file.read'");
    }
  });
});
