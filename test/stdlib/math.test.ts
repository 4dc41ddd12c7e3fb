import { describe, expect, it } from "vitest";
import { ml } from "./ml.js";
import * as math from "../../src/stdlib/math.js";
import { mlFailure as hostError } from "../runtime/ml-error.js";

/** Runs `body` after `import math;` and returns the printed lines. */
async function lines(body: string): Promise<string[]> {
  return (await ml(`import math;\n${body}`)).trimEnd().split("\n");
}

/** `type: message` of the error an ML expression raises. */
async function caught(expr: string): Promise<string> {
  const [line] = await lines(`try { ${expr}; print("no error"); } except (e) { print(e.type + ": " + e.message); }`);
  return line!;
}

describe("math: mlpy's functions and call forms", () => {
  it("constants and one-argument functions", async () => {
    expect(await lines(`print(math.pi > 3.14 && math.pi < 3.15, math.e > 2.71 && math.e < 2.72);
print(math.sqrt(16), math.abs(-2.5), math.floor(2.7), math.ceil(2.1), math.sign(-3), math.sign(0), math.exp(0));
print(math.sin(0), math.cos(0), math.tan(0), math.atan(0), math.asin(1) == math.pi / 2, math.acos(1), math.atan2(1, 1) == math.pi / 4);`)).toEqual([
      "true true",
      "4 2.5 2 3 -1 0 1",
      "0 1 0 0 true 0 true",
    ]);
  });

  it("mlpy's two-argument and conversion functions, under both names", async () => {
    expect(await lines(`print(math.min(3, 1), math.max(3, 1), math.gcd(12, 18), math.lcm(4, 6), math.factorial(5), math.round(2.5), math.round(3.5));
print(math.degToRad(180) == math.pi, math.radians(180) == math.pi, math.radToDeg(math.pi), math.degrees(math.pi), math.deg_to_rad(180) == math.pi, math.rad_to_deg(math.pi));
print(math.ln(math.e), math.log(100), math.log(8, 2), math.exp(1000));`)).toEqual([
      "1 3 6 12 120 2 4",
      "true true 180 180 true 180",
      "1 2 3 inf",
    ]);
  });

  it("pow follows Python's math.pow", async () => {
    expect(await lines("print(math.pow(2, 10), math.pow(2, -1), math.pow(-8, 3), math.pow(4, 0.5), math.pow(10, 400), math.pow(0, 0));")).toEqual([
      "1024 0.5 -512 2 inf 1",
    ]);
    // Where JavaScript's ** gives NaN but Python 1.0.
    expect(math.pow(1, NaN)).toBe(1);
    expect(math.pow(1, Infinity)).toBe(1);
    expect(math.pow(-1, -Infinity)).toBe(1);
    expect(math.pow(NaN, 0)).toBe(1);
    expect(math.pow(NaN, 2)).toBeNaN();
    expect(math.pow(-0.5, -Infinity)).toBe(Infinity);
  });

  it("pow raises where mlpy returned a sentinel (0 for pow(0, -1), a complex for pow(-8, 1/3))", async () => {
    expect(await caught("math.pow(0, -1)")).toBe("ValueError: math domain error: pow() of 0 to a negative power (-1)");
    expect(await caught("math.pow(-8, 1 / 3)")).toMatch(/^ValueError: math domain error: pow\(\) of a negative number \(-8\) to a fractional power/);
    expect(hostError(() => math.pow(0, -Infinity))).toMatch(/^ValueError: math domain error: pow\(\) of 0 to a negative power/);
  });

  it("domain errors raise ValueError where mlpy returned 0 or -999 (deliberate)", async () => {
    expect(await caught("math.sqrt(-1)")).toBe("ValueError: math domain error: sqrt() of a negative number (-1)");
    expect(await caught("math.ln(0)")).toBe("ValueError: math domain error: ln() needs a positive number, got 0");
    expect(await caught("math.log(-5)")).toBe("ValueError: math domain error: log() needs a positive number, got -5");
    expect(await caught("math.log(5, 1)")).toBe("ValueError: math domain error: log() base must be positive and not 1, got 1");
    expect(await caught("math.factorial(-1)")).toMatch(/^ValueError: /);
    expect(await caught("math.asin(2)")).toBe("ValueError: math domain error: asin() needs -1 <= x <= 1, got 2");
  });

  it("random() needs random.generate (deliberate: nondeterminism is a capability)", async () => {
    expect(await caught("math.random()")).toMatch(/^CapabilityError: /);
    const out = await ml("import math;\nx = math.random();\nprint(x >= 0 && x < 1);", { capabilities: ["random.generate"] });
    expect(out).toBe("true\n");
  });
});
