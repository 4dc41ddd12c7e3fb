import { describe, it, expect } from "vitest";
import { UNMETERED } from "../../src/runtime/meter.js";
import { equals } from "../../src/runtime/equality.js";
import { sortValues } from "../../src/runtime/ordering.js";
import { beginRun, charge, createUnmeteredBudget, checkArrayLength, checkStringLength, createBudget, deep, restoreDepth, saveDepth, tick } from "../../src/runtime/limits.js";
import { MLError } from "../../src/runtime/errors.js";
import { resolveLimits } from "../../src/runtime/state.js";
import type { Budget } from "../../src/runtime/abi.js";
import { mlFailure as failure } from "./ml-error.js";


/** What generated code does per loop iteration or call. */
function step(b: Budget): void {
  if (--b.n < 0) tick(b);
}

/** Counts the steps a budget allows before LimitError (up to `cap`). */
function stepsAllowed(b: Budget, cap: number): number {
  let n = 0;
  try {
    while (n < cap) {
      step(b);
      n++;
    }
  } catch (e) {
    if (!(e instanceof MLError) || e.mlType !== "LimitError") throw e;
  }
  return n;
}

describe("step budget", () => {
  it("allows exactly the configured number of steps", () => {
    for (const steps of [0, 1, 5, 9_999, 10_000, 10_001, 25_000]) {
      const b = createBudget(resolveLimits({ steps }));
      beginRun(b);
      expect(stepsAllowed(b, 100_000)).toBe(steps);
    }
  });

  it("raises LimitError with the limit in the message, and keeps raising", () => {
    const b = createBudget(resolveLimits({ steps: 3 }));
    beginRun(b);
    step(b);
    step(b);
    step(b);
    expect(failure(() => step(b))).toBe("LimitError: step limit exceeded (3 steps)");
    // A program that swallowed the error (it cannot, but a host callback might) gets no more steps.
    for (let i = 0; i < 5; i++) expect(failure(() => step(b))).toBe("LimitError: step limit exceeded (3 steps)");
    b.n = 1_000_000; // even if the counter were tampered with, the next tick throws
    expect(failure(() => tick(b))).toBe("LimitError: step limit exceeded (3 steps)");
  });

  it("beginRun gives a fresh budget", () => {
    const b = createBudget(resolveLimits({ steps: 10 }));
    beginRun(b);
    expect(stepsAllowed(b, 100)).toBe(10);
    beginRun(b);
    expect(stepsAllowed(b, 100)).toBe(10);
  });

  it("unlimited steps never throw", () => {
    const b = createBudget(resolveLimits({}));
    beginRun(b);
    expect(stepsAllowed(b, 50_000)).toBe(50_000);
  });

  it("the LimitError is uncatchable", () => {
    const b = createBudget(resolveLimits({ steps: 0 }));
    beginRun(b);
    try {
      step(b);
      expect.unreachable();
    } catch (e) {
      expect((e as MLError).uncatchable).toBe(true);
    }
  });
});

describe("charging work (the cost model)", () => {
  it("a charge of k steps uses exactly k steps of the total, across chunk boundaries", () => {
    for (const [steps, cost] of [[100, 7], [25_000, 3], [50_000, 12_345], [30_000, 30_000]] as const) {
      const b = createBudget(resolveLimits({ steps }));
      beginRun(b);
      let charged = 0;
      const e = failure(() => {
        for (;;) {
          charge(b, cost);
          charged += cost;
        }
      });
      expect(e).toMatch(/^LimitError: step limit exceeded/);
      expect(charged).toBe(Math.floor(steps / cost) * cost);
    }
  });

  it("a charge larger than the whole budget fails before any work, and steps mix with charges", () => {
    const b = createBudget(resolveLimits({ steps: 1_000 }));
    beginRun(b);
    expect(failure(() => charge(b, 1e12))).toBe("LimitError: step limit exceeded (1000 steps)");
    beginRun(b);
    charge(b, 500);
    expect(stepsAllowed(b, 10_000)).toBe(500);
  });

  it("a NaN or infinite cost exhausts the budget instead of disabling it", () => {
    for (const cost of [NaN, Infinity]) {
      const b = createBudget(resolveLimits({ steps: 1_000_000 }));
      beginRun(b);
      expect(failure(() => charge(b, cost))).toMatch(/^LimitError: /);
      expect(stepsAllowed(b, 10)).toBe(0);
    }
  });

  it("the host's unmetered budget counts charges but never runs out, even after a NaN cost", () => {
    const b = createUnmeteredBudget(resolveLimits({ steps: 10, timeMs: 0 }));
    expect(failure(() => charge(b, NaN))).toBe("no error");
    expect(failure(() => charge(b, 1e12))).toBe("no error");
    expect(stepsAllowed(b, 50_000)).toBe(50_000);
  });

  it("the runtime helpers' default meter (host code calling them) is unmetered the same way", () => {
    expect(failure(() => charge(UNMETERED.budget, NaN))).toBe("no error");
    expect(equals([[1], "a".repeat(1000)], [[1], "a".repeat(1000)])).toBe(true);
    expect(failure(() => sortValues([[2], [1]], false))).toBe("no error");
  });

  it("a long charged operation meets the time limit within a chunk of work", () => {
    const b = createBudget(resolveLimits({ timeMs: 20 }));
    beginRun(b);
    const start = performance.now();
    const e = failure(() => {
      for (;;) charge(b, 3);
    });
    expect(e).toBe("LimitError: time limit exceeded (20 ms)");
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe("time budget", () => {
  it("raises LimitError once the wall clock passes timeMs (checked at refills)", () => {
    const b = createBudget(resolveLimits({ timeMs: 20 }));
    beginRun(b);
    const start = Date.now();
    let message = "";
    try {
      for (;;) {
        step(b);
        if (Date.now() - start > 5_000) break;
      }
    } catch (e) {
      message = `${(e as MLError).mlType}: ${(e as MLError).mlMessage}`;
    }
    expect(message).toBe("LimitError: time limit exceeded (20 ms)");
    expect(Date.now() - start).toBeLessThan(2_000);
    expect(failure(() => step(b))).toBe("LimitError: time limit exceeded (20 ms)");
    beginRun(b);
    expect(stepsAllowed(b, 100)).toBe(100);
  });
});

describe("recursion depth", () => {
  it("deep() raises RecursionError", () => {
    expect(failure(() => deep())).toBe("RecursionError: maximum recursion depth exceeded");
  });

  it("the budget carries the configured maximum and depth can be saved and restored", () => {
    const b = createBudget(resolveLimits({ recursion: 50 }));
    expect(b.max).toBe(50);
    expect(b.depth).toBe(0);
    b.depth = 7;
    const saved = saveDepth(b);
    b.depth = 30;
    restoreDepth(b, saved);
    expect(b.depth).toBe(7);
  });

  it("generated-code style recursion stops at the limit and unwinds the depth", () => {
    const b = createBudget(resolveLimits({ recursion: 100 }));
    beginRun(b);
    let deepest = 0;
    // The depth check sits inside the try whose finally undoes the increment.
    const f = (n: number): number => {
      step(b);
      try {
        if (++b.depth > b.max) deep();
        deepest = Math.max(deepest, b.depth);
        return f(n + 1);
      } finally {
        b.depth--;
      }
    };
    expect(failure(() => f(0))).toBe("RecursionError: maximum recursion depth exceeded");
    expect(deepest).toBe(100);
    expect(b.depth).toBe(0);
  });
});

describe("size limits", () => {
  it("checkStringLength / checkArrayLength", () => {
    const limits = resolveLimits({ maxStringLength: 5, maxArrayLength: 2 });
    expect(() => checkStringLength(5, limits)).not.toThrow();
    expect(failure(() => checkStringLength(6, limits))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(() => checkArrayLength(2, limits)).not.toThrow();
    expect(failure(() => checkArrayLength(3, limits))).toBe("LimitError: array length limit exceeded (max 2)");
  });
});
