/**
 * Arithmetic operators (docs/language/reference.md §4): `+ - * / // %` and unary `-`.
 *
 * Each operator is a tiny function that handles number-with-number inline and calls a
 * separate slow function for everything else (concatenation, repetition, formatting,
 * errors), so the common case stays small enough for V8 to inline into generated code.
 * Operations that build strings or arrays check the length limits before allocating.
 */
import { limitError, typeError, zeroDivisionError } from "./errors.js";
import type { Limits, RunMeter } from "./state.js";
import { str } from "./display.js";
import { percentFormat } from "./format.js";
import { typeOf } from "./values.js";
import { chargeText } from "./meter.js";
import { charge } from "./limits.js";

/** The resolved limits an operator checks (`maxStringLength`, `maxArrayLength`). */
export type ResolvedLimits = Readonly<Required<Limits>>;

const isArray = Array.isArray;
const isInteger = Number.isInteger;
const floor = Math.floor;

function notSupported(op: string, a: unknown, b: unknown) {
  return typeError(`'${op}' not supported between ${typeOf(a)} and ${typeOf(b)}`);
}

/** The `LimitError` for a string longer than `max`. */
export function stringTooLong(max: number) {
  return limitError(`string length limit exceeded (max ${max})`);
}

/** The `LimitError` for an array longer than `max`. */
export function arrayTooLong(max: number) {
  return limitError(`array length limit exceeded (max ${max})`);
}

// ---------------------------------------------------------------------------------------------
// +

/** ML `a + b`: numbers add; a string on either side concatenates `str()` of the other; arrays concatenate. */
export function add(a: unknown, b: unknown, meter: RunMeter): unknown {
  if (typeof a === "number" && typeof b === "number") return a + b;
  return addSlow(a, b, meter);
}

/**
 * Concatenation costs one step per 16 code units of the result for strings and one step per
 * item for arrays, as a copy would. (JavaScript defers the copy of a long string: whatever reads
 * the result first pays it, however cheap that read is charged, so the copy is charged here.
 * Building a long string by appending in a loop therefore costs quadratic steps, as it costs
 * quadratic time in general; `"".join(parts)` is linear.) A value converted with `str` also pays
 * for its display.
 */
function addSlow(a: unknown, b: unknown, meter: RunMeter): unknown {
  if (typeof a === "string") {
    const max = meter.maxStringLength;
    const right = typeof b === "string" ? b : str(b, max, meter);
    if (a.length + right.length > max) throw stringTooLong(max);
    chargeText(meter.budget, a.length + right.length);
    return a + right;
  }
  if (typeof b === "string") {
    const max = meter.maxStringLength;
    const left = str(a, max, meter);
    if (left.length + b.length > max) throw stringTooLong(max);
    chargeText(meter.budget, left.length + b.length);
    return left + b;
  }
  if (isArray(a) && isArray(b)) {
    const max = meter.maxArrayLength;
    const na = a.length;
    const nb = b.length;
    if (na + nb > max) throw arrayTooLong(max);
    charge(meter.budget, na + nb);
    const out: unknown[] = [];
    for (let i = 0; i < na; i++) out.push(a[i]);
    for (let i = 0; i < nb; i++) out.push(b[i]);
    return out;
  }
  throw notSupported("+", a, b);
}

// ---------------------------------------------------------------------------------------------
// -

/** ML `a - b`: numbers only. */
export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") return a - b;
  throw notSupported("-", a, b);
}

// ---------------------------------------------------------------------------------------------
// *

/** ML `a * b`: numbers multiply; `string * n`, `array * n` (either order) repeat. */
export function mul(a: unknown, b: unknown, meter: RunMeter): unknown {
  if (typeof a === "number" && typeof b === "number") return a * b;
  return mulSlow(a, b, meter);
}

function mulSlow(a: unknown, b: unknown, meter: RunMeter): unknown {
  if (typeof a === "string" || isArray(a)) return repeat(a, b, meter);
  if (typeof b === "string" || isArray(b)) return repeat(b, a, meter);
  throw notSupported("*", a, b);
}

function repeat(seq: string | unknown[], count: unknown, meter: RunMeter): string | unknown[] {
  if (typeof count !== "number") {
    throw typeError(`can't multiply sequence by non-integer of type ${typeOf(count)}`);
  }
  if (!isInteger(count)) throw typeError("can't multiply sequence by non-integer number");
  const len = seq.length;
  const n = count > 0 && len > 0 ? count : 0;
  // Charged for the result: one step per 16 code units or per item produced.
  if (typeof seq === "string") {
    const max = meter.maxStringLength;
    if (n > max / len) throw stringTooLong(max);
    if (n > 1) chargeText(meter.budget, n * len);
    return n === 1 ? seq : seq.repeat(n);
  }
  const max = meter.maxArrayLength;
  if (n > max / len) throw arrayTooLong(max);
  charge(meter.budget, n * len);
  const out: unknown[] = [];
  for (let r = 0; r < n; r++) for (let i = 0; i < len; i++) out.push(seq[i]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// /  //  %

/** ML `a / b`: true division; a zero divisor raises `ZeroDivisionError`. */
export function div(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number" && b !== 0) return a / b;
  return divSlow(a, b);
}

function divSlow(a: unknown, b: unknown): never {
  if (typeof a === "number" && typeof b === "number") throw zeroDivisionError("division by zero");
  throw notSupported("/", a, b);
}

/** ML `a // b`: floor division, exactly as Python does it for floats. */
export function fdiv(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number" && b !== 0) return floorDiv(a, b);
  return fdivSlow(a, b);
}

function fdivSlow(a: unknown, b: unknown): never {
  if (typeof a === "number" && typeof b === "number") {
    throw zeroDivisionError("integer division or modulo by zero");
  }
  throw notSupported("//", a, b);
}

/** ML `a % b`: modulo with the sign of the divisor; printf-style formatting with a string on the left. */
export function mod(a: unknown, b: unknown, meter: RunMeter): unknown {
  if (typeof a === "number" && typeof b === "number" && b !== 0) return floorMod(a, b);
  return modSlow(a, b, meter);
}

function modSlow(a: unknown, b: unknown, meter: RunMeter): unknown {
  if (typeof a === "string") return percentFormat(a, b, meter);
  if (typeof a === "number" && typeof b === "number") {
    throw zeroDivisionError("integer division or modulo by zero");
  }
  throw notSupported("%", a, b);
}

/**
 * `floor(a / b)` for a non-zero `b`, computed like CPython's `float.__floordiv__` (from the
 * exact remainder), so `2**53 - 1 // 2` and `7 // 0.1` come out as in Python.
 */
export function floorDiv(a: number, b: number): number {
  if ((a | 0) === a && (b | 0) === b) {
    // Int32 operands: the rounded quotient never crosses an integer, so floor is exact.
    // `+ 0` turns a -0 quotient (0 // -5) into the integer 0.
    return floor(a / b) + 0;
  }
  return floorDivFloat(a, b);
}

function floorDivFloat(a: number, b: number): number {
  let m = a % b;
  let d = (a - m) / b;
  if (m !== 0 && b < 0 !== m < 0) {
    m += b;
    d -= 1;
  }
  if (d === 0) return a / b < 0 || (a / b === 0 && 1 / (a / b) < 0) ? -0 : 0;
  let q = floor(d);
  if (d - q > 0.5) q += 1;
  return q;
}

/** `a mod b` with the sign of the divisor (`-7 % 3` is 2), for a non-zero `b`. */
export function floorMod(a: number, b: number): number {
  if ((a | 0) === a && (b | 0) === b) {
    const r = a % b;
    return r !== 0 && (r ^ b) < 0 ? r + b : r + 0; // `+ 0`: no -0 for integers
  }
  return floorModFloat(a, b);
}

function floorModFloat(a: number, b: number): number {
  const m = a % b;
  if (m === 0) return b < 0 ? -0 : 0;
  return b < 0 !== m < 0 ? m + b : m;
}

// ---------------------------------------------------------------------------------------------
// unary -

/** ML `-a`: numbers only. */
export function neg(a: unknown): unknown {
  if (typeof a === "number") return -a;
  throw typeError(`bad operand type for unary -: ${typeOf(a)}`);
}
