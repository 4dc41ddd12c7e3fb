/**
 * `math` (docs/stdlib/math.md): constants and numeric functions. Domain errors raise `ValueError` (the
 * Python implementation returned sentinel values). Only `random()` needs a capability.
 *
 * Cost (docs/limits.md): the step of the call (every function works on a few numbers; `hypot`
 * charges a step per argument, `factorial` and `gcd` loop fewer than 200 times).
 */
import { defineModule } from "./define.js";
import { needInteger, needNumber, valueError } from "./support/arguments.js";
import { roundNumber } from "../runtime/builtins.js";
import { spendItems } from "./support/cost.js";
import { drawFloat } from "./support/generator.js";

const m = defineModule("math", "Mathematical constants and functions on numbers.");

const M = Math;
const isFinite = Number.isFinite;

export const pi = m.constant("pi", M.PI, "The ratio of a circle's circumference to its diameter (3.14159…).");
export const e = m.constant("e", M.E, "Euler's number (2.71828…).");
export const inf = m.constant("inf", Infinity, "Positive infinity.");
export const nan = m.constant("nan", NaN, "Not a number.");

/** A one-argument numeric function `math.<name>(x)`. */
function unary(name: string, description: string, f: (x: number) => number, aliases?: string[]) {
  return m.function({ name, aliases, params: "x", returns: "number", description }, (x: unknown) => f(needNumber(name, 1, x)));
}

function positive(name: string, x: unknown): number {
  const n = needNumber(name, 1, x);
  if (!(n > 0)) throw valueError(`math domain error: ${name}() needs a positive number, got ${n}`);
  return n;
}

export const sqrt = m.function(
  { name: "sqrt", params: "x", returns: "number", description: "The square root of x; a negative x raises ValueError." },
  (x: unknown) => {
    const n = needNumber("sqrt", 1, x);
    if (n < 0) throw valueError(`math domain error: sqrt() of a negative number (${n})`);
    return M.sqrt(n);
  },
);
export const abs = unary("abs", "The absolute value of x.", M.abs);
export const floor = unary("floor", "The largest integer less than or equal to x.", M.floor);
export const ceil = unary("ceil", "The smallest integer greater than or equal to x.", M.ceil);
export const trunc = unary("trunc", "x with its fractional part removed (toward zero).", M.trunc);
export const sign = unary("sign", "-1, 0 or 1 according to the sign of x.", (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN));
export const exp = unary("exp", "e raised to the power x.", M.exp);
export const sin = unary("sin", "The sine of x (radians).", M.sin);
export const cos = unary("cos", "The cosine of x (radians).", M.cos);
export const tan = unary("tan", "The tangent of x (radians).", M.tan);
export const atan = unary("atan", "The arc tangent of x, in radians.", M.atan);
export const degToRad = unary("degToRad", "Degrees converted to radians.", (x) => (x * M.PI) / 180, ["deg_to_rad", "radians"]);
export const radToDeg = unary("radToDeg", "Radians converted to degrees.", (x) => (x * 180) / M.PI, ["rad_to_deg", "degrees"]);

export const asin = m.function(
  { name: "asin", params: "x", returns: "number", description: "The arc sine of x (-1 ≤ x ≤ 1), in radians." },
  (x: unknown) => {
    const n = needNumber("asin", 1, x);
    if (n < -1 || n > 1) throw valueError(`math domain error: asin() needs -1 <= x <= 1, got ${n}`);
    return M.asin(n);
  },
);
export const acos = m.function(
  { name: "acos", params: "x", returns: "number", description: "The arc cosine of x (-1 ≤ x ≤ 1), in radians." },
  (x: unknown) => {
    const n = needNumber("acos", 1, x);
    if (n < -1 || n > 1) throw valueError(`math domain error: acos() needs -1 <= x <= 1, got ${n}`);
    return M.acos(n);
  },
);
export const atan2 = m.function(
  { name: "atan2", params: "y, x", returns: "number", description: "The angle of the point (x, y) from the x axis, in radians." },
  (y: unknown, x: unknown) => M.atan2(needNumber("atan2", 1, y), needNumber("atan2", 2, x)),
);

export const round = m.function(
  { name: "round", params: "x, digits=0", returns: "number", description: "x rounded half to even, to an integer or to the given number of decimals." },
  // The builtin's rules exactly: NaN and infinities cannot become integers.
  (x: unknown, digits?: unknown) => roundNumber("round", x, digits),
);
export const pow = m.function(
  {
    name: "pow", params: "x, y", returns: "number",
    description: "x raised to the power y; 0 to a negative power and a negative x to a fractional power raise ValueError (overflow gives inf).",
  },
  (x: unknown, y: unknown) => {
    const a = needNumber("pow", 1, x);
    const b = needNumber("pow", 2, y);
    const r = a ** b;
    return isFinite(r) ? r : powEdge(a, b, r);
  },
);

/**
 * `pow` when JavaScript's `**` gave inf or NaN: Python's `math.pow` rules (mlpy hid these behind
 * sentinels: 0 for `pow(0, -1)`, a complex number for `pow(-8, 1/3)`).
 */
function powEdge(a: number, b: number, r: number): number {
  if (a === 0 && b < 0) throw valueError(`math domain error: pow() of 0 to a negative power (${b})`);
  if (r === r) return r; // overflow: inf, as exp() gives
  if (a === 1 || ((a === -1) && (b === Infinity || b === -Infinity))) return 1; // Python: 1.0
  if (a === a && b === b) throw valueError(`math domain error: pow() of a negative number (${a}) to a fractional power (${b})`);
  return r; // a NaN argument
}
export const ln = m.function(
  { name: "ln", params: "x", returns: "number", description: "The natural logarithm of x (x > 0)." },
  (x: unknown) => M.log(positive("ln", x)),
);
export const log = m.function(
  { name: "log", params: "x, base=10", returns: "number", description: "The logarithm of x in the given base (default 10); x and base must be positive." },
  (x: unknown, base?: unknown) => {
    const n = positive("log", x);
    if (base === undefined || base === null) return M.log10(n);
    const b = needNumber("log", 2, base);
    if (!(b > 0) || b === 1) throw valueError(`math domain error: log() base must be positive and not 1, got ${b}`);
    return M.log(n) / M.log(b);
  },
);
export const log10 = m.function(
  { name: "log10", params: "x", returns: "number", description: "The base-10 logarithm of x (x > 0)." },
  (x: unknown) => M.log10(positive("log10", x)),
);
export const log2 = m.function(
  { name: "log2", params: "x", returns: "number", description: "The base-2 logarithm of x (x > 0)." },
  (x: unknown) => M.log2(positive("log2", x)),
);
export const hypot = m.function(
  { name: "hypot", params: "...values", returns: "number", description: "The square root of the sum of squares of the arguments." },
  (...values: unknown[]) => {
    spendItems(values.length);
    return M.hypot(...values.map((v, i) => needNumber("hypot", i + 1, v)));
  },
);

export const factorial = m.function(
  { name: "factorial", params: "n", returns: "number", description: "n! for an integer n ≥ 0 (exact up to 18!)." },
  (n: unknown) => {
    // A non-number is a TypeError (as for every math function); a number that is not a
    // non-negative integer a ValueError, as in Python.
    const x = needNumber("factorial", 1, n);
    if (!Number.isInteger(x) || x < 0) throw valueError(`factorial() only accepts non-negative integers, got ${x}`);
    if (x > 170) return Infinity;
    let r = 1;
    for (let i = 2; i <= x; i++) r *= i;
    return r;
  },
);

function gcdOf(a: number, b: number): number {
  a = M.abs(a);
  b = M.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export const gcd = m.function(
  { name: "gcd", params: "a, b", returns: "number", description: "The greatest common divisor of two integers." },
  (a: unknown, b: unknown) => gcdOf(needInteger("gcd", 1, a), needInteger("gcd", 2, b)),
);
export const lcm = m.function(
  { name: "lcm", params: "a, b", returns: "number", description: "The least common multiple of two integers." },
  (a: unknown, b: unknown) => {
    const x = needInteger("lcm", 1, a);
    const y = needInteger("lcm", 2, b);
    // Divide first: x * y can pass 2^53 (and lose digits) where the result does not.
    return x === 0 || y === 0 ? 0 : M.abs((x / gcdOf(x, y)) * y);
  },
);
export const min = m.function(
  { name: "min", params: "a, b", returns: "number", description: "The smaller of two numbers." },
  (a: unknown, b: unknown) => M.min(needNumber("min", 1, a), needNumber("min", 2, b)),
);
export const max = m.function(
  { name: "max", params: "a, b", returns: "number", description: "The larger of two numbers." },
  (a: unknown, b: unknown) => M.max(needNumber("max", 1, a), needNumber("max", 2, b)),
);
export const clamp = m.function(
  { name: "clamp", params: "x, lo, hi", returns: "number", description: "x limited to the range lo..hi." },
  (x: unknown, lo: unknown, hi: unknown) => {
    const v = needNumber("clamp", 1, x);
    const l = needNumber("clamp", 2, lo);
    const h = needNumber("clamp", 3, hi);
    if (l > h) throw valueError(`clamp() needs lo <= hi, got ${l} > ${h}`);
    return M.min(M.max(v, l), h);
  },
);
export const isclose = m.function(
  {
    name: "isclose", params: "a, b, rel=1e-9, abs=0", returns: "boolean",
    description: "Whether a and b are close: |a-b| <= max(rel * max(|a|, |b|), abs).",
  },
  (a: unknown, b: unknown, rel?: unknown, absTol?: unknown) => {
    const x = needNumber("isclose", 1, a);
    const y = needNumber("isclose", 2, b);
    const r = rel === undefined || rel === null ? 1e-9 : needNumber("isclose", 3, rel);
    const t = absTol === undefined || absTol === null ? 0 : needNumber("isclose", 4, absTol);
    if (r < 0 || t < 0) throw valueError("isclose() tolerances must be non-negative");
    if (x === y) return true;
    if (!isFinite(x) || !isFinite(y)) return false;
    const d = M.abs(x - y);
    return d <= M.max(r * M.max(M.abs(x), M.abs(y)), t);
  },
);

export const random = m.function(
  { name: "random", params: "", returns: "number", description: "A random number in [0, 1) from the run's generator.", requires: ["random.generate"] },
  () => drawFloat(),
);

export const definition = m.done();
