/**
 * Fuzzing the runtime with random well-formed programs run under tight limits: the only
 * outcomes allowed are normal completion, an ML runtime error (any ML type) or a compile error —
 * never a host `TypeError`/`RangeError`/`Error` escaping the runtime, never a hang, and never a
 * change to the JavaScript intrinsics.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { run } from "../../src/index.js";
import { changes, snapshot } from "../security/guard.js";
import { fuzzParams } from "./config.js";
import { mlProgram } from "./ml-source.js";
import { outcomeOf } from "./outcome.js";

const LIMITS = { steps: 10_000, timeMs: 200, recursion: 100, maxStringLength: 2_000, maxArrayLength: 2_000 };
/** timeMs plus slack for compiling and loading: a run taking longer than this hung somewhere. */
const WALL_MS = 1_500;

describe("random programs under tight limits (fuzz)", () => {
  it("end normally or with an ML error, quickly, touching no intrinsic", async () => {
    const seen = new Map<string, number>();
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(mlProgram("run", 8), async (source) => {
        const start = performance.now();
        const outcome = await outcomeOf(() => run({ source, filename: "fuzz.ml" }, { limits: LIMITS, capabilities: [], env: {} }));
        const elapsed = performance.now() - start;
        expect(outcome.kind === "host-error" ? outcome.description : null, source).toBeNull();
        expect(elapsed, source).toBeLessThan(WALL_MS);
        const label = outcome.kind === "ml-error" ? outcome.type : outcome.kind;
        seen.set(label, (seen.get(label) ?? 0) + 1);
      }),
      fuzzParams(600),
    );
    expect(changes(before)).toEqual([]);
    // The programs reach the runtime and its error paths, not just the compiler.
    expect(seen.get("value") ?? 0).toBeGreaterThan(0);
    expect([...seen.keys()].filter((k) => /Error$/.test(k)).length).toBeGreaterThanOrEqual(4);
  });
});
