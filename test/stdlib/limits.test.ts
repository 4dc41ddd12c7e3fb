/**
 * Limits hold inside stdlib functions (HOST.md §4): loops that call back count their iterations,
 * callbacks that loop are stopped, sizes are checked before allocating.
 */
import { describe, expect, it } from "vitest";
import { mlFails, ml } from "./ml.js";

describe("limits inside the stdlib", () => {
  it("stdlib loops over stdlib callbacks spend steps", async () => {
    const source = "import functional; import math; xs = functional.map(math.sqrt, range(100000)); print(len(xs));";
    await expect(ml(source)).resolves.toBe("100000\n");
    const failure = await mlFails(source, { limits: { steps: 5000 } });
    expect(failure).toEqual({ type: "LimitError", message: "step limit exceeded (5000 steps)" });
  });

  it("a callback that loops forever inside collections.map is stopped by the step and time limits", async () => {
    const source = "import collections; collections.map([1, 2], fn(x) => { while (true) { } });";
    await expect(mlFails(source, { limits: { steps: 100000 } })).resolves.toMatchObject({ type: "LimitError" });
    await expect(mlFails(source, { limits: { timeMs: 50 } })).resolves.toMatchObject({ type: "LimitError", message: "time limit exceeded (50 ms)" });
  });

  it("unique over many distinct containers (quadratic comparisons) spends a step per comparison", async () => {
    const source = "import collections; xs = []; for (i in range(3000)) { xs.append([i]); } print(len(collections.unique(xs)));";
    await expect(ml(source)).resolves.toBe("3000\n");
    await expect(mlFails(source, { limits: { steps: 100000 } })).resolves.toEqual({
      type: "LimitError",
      message: "step limit exceeded (100000 steps)",
    });
  });

  it("memoize spends a step per cached entry it compares (long arguments share one bucket)", async () => {
    const source =
      "import functional; a = [1]; for (i in range(20)) { a = [a, a]; } m = functional.memoize(fn(x) => 1); " +
      "for (i in range(2000)) { m([i, a]); } print(m([0, a]));";
    await expect(ml(source)).resolves.toBe("1\n");
    await expect(mlFails(source, { limits: { steps: 100000 } })).resolves.toEqual({
      type: "LimitError",
      message: "step limit exceeded (100000 steps)",
    });
  });

  it("functional.range and times check the array limit before allocating", async () => {
    await expect(mlFails("import functional; functional.range(1000000000000);")).resolves.toMatchObject({ type: "LimitError" });
    await expect(mlFails("import functional; functional.times(20000000, fn(i) => i);")).resolves.toMatchObject({ type: "LimitError" });
  });
});
