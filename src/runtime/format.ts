/**
 * Number and string formatting: printf-style `%` (docs/language/reference.md §4), the format-spec
 * mini-language of the `format(v, spec)` builtin, and Python's `round`.
 *
 * Decimal conversion is exact: a double is an integer times a power of two, so its decimal
 * expansion is finite, and rounding it half-to-even at any position is done with BigInt
 * arithmetic (JavaScript's `toFixed` rounds exact ties away from zero, Python to even).
 * Results therefore match CPython digit for digit.
 */
import { keyError, limitError, typeError, valueError } from "./errors.js";
import type { RunMeter } from "./state.js";
import { chargeText, textCost, UNMETERED } from "./meter.js";
import { charge } from "./limits.js";
import { repr, str } from "./display.js";
import { formatNumber } from "./numbers.js";
import { isPlainObject, typeOf } from "./values.js";

const isArray = Array.isArray;
const isInteger = Number.isInteger;
const isFinite = Number.isFinite;
const hasOwn = Object.hasOwn;
const floor = Math.floor;
const log10 = Math.log10;
const toBigInt = BigInt;

function tooLong(max: number) {
  return limitError(`string length limit exceeded (max ${max})`);
}

// =============================================================================================
// Exact decimal digits of a double

const float64 = new DataView(new ArrayBuffer(8));

// Past these many digits a double's decimal expansion is all zeros (its binary fraction ends
// by 2^-1074; it has at most 767 significant digits), so longer requests are padded, not computed.
const MAX_EXACT_FRACTION_DIGITS = 1080;
const MAX_EXACT_SIGNIFICANT_DIGITS = 780;

const bigPowersOfTen = new Map<number, bigint>();
function powerOfTen(n: number): bigint {
  let p = bigPowersOfTen.get(n);
  if (p === undefined) {
    p = 10n ** toBigInt(n);
    if (bigPowersOfTen.size < 4096) bigPowersOfTen.set(n, p);
  }
  return p;
}

/**
 * `round_half_even(x * 10^p)` for a finite `x >= 0`, exactly, as a BigInt. `p` may be
 * negative (rounding to tens, hundreds, …).
 */
function scaledRound(x: number, p: number): bigint {
  if (x === 0) return 0n;
  float64.setFloat64(0, x);
  const hi = float64.getUint32(0);
  const lo = float64.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (toBigInt(hi & 0xfffff) << 32n) | toBigInt(lo);
  let exp2: number;
  if (biased === 0) {
    exp2 = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  let num = mantissa;
  let den = 1n;
  if (exp2 >= 0) num <<= toBigInt(exp2);
  else den <<= toBigInt(-exp2);
  if (p >= 0) num *= powerOfTen(p);
  else den *= powerOfTen(-p);
  let q = num / den;
  const twice = (num - q * den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  return q;
}

/** `x` (finite, `>= 0`) with exactly `p >= 0` digits after the point, rounded half to even. */
function fixedDigits(x: number, p: number): string {
  if (p <= 100 && x < 1e21) {
    // toFixed is exact except on exact ties, where it rounds up; a tie at p digits means
    // x * 2^(p+1) is an odd integer.
    const t = x * 2 ** (p + 1);
    if (!(isInteger(t) && t % 2 === 1)) return x.toFixed(p);
  }
  const exact = p < MAX_EXACT_FRACTION_DIGITS ? p : MAX_EXACT_FRACTION_DIGITS;
  const digits = scaledRound(x, exact).toString();
  if (p === 0) return digits;
  const padded = digits.length > exact ? digits : "0".repeat(exact + 1 - digits.length) + digits;
  const cut = padded.length - exact;
  return padded.slice(0, cut) + "." + padded.slice(cut) + "0".repeat(p - exact);
}

/**
 * The `p + 1` significant digits of `x` (finite, `>= 0`) rounded half to even, and the
 * decimal exponent of the first one.
 */
function significantDigits(x: number, p: number): { digits: string; exponent: number } {
  if (x === 0) return { digits: "0".repeat(p + 1), exponent: 0 };
  const exact = p < MAX_EXACT_SIGNIFICANT_DIGITS ? p : MAX_EXACT_SIGNIFICANT_DIGITS;
  let exponent = floor(log10(x)); // may be off by one near powers of ten; corrected below
  let n = scaledRound(x, exact - exponent);
  if (n >= powerOfTen(exact + 1)) {
    exponent += 1;
    n = scaledRound(x, exact - exponent);
  } else if (n < powerOfTen(exact)) {
    exponent -= 1;
    n = scaledRound(x, exact - exponent);
  }
  return { digits: n.toString() + "0".repeat(p - exact), exponent };
}

function exponentSuffix(exponent: number, upper: boolean): string {
  const abs = exponent < 0 ? -exponent : exponent;
  return (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
}

/** `%e`: `d.ddddde+XX` with `p` digits after the point. `alt` keeps a point when `p` is 0. */
function exponentForm(x: number, p: number, upper: boolean, alt: boolean): string {
  const { digits, exponent } = significantDigits(x, p);
  const mantissa = p === 0 ? digits + (alt ? "." : "") : digits[0] + "." + digits.slice(1);
  return mantissa + exponentSuffix(exponent, upper);
}

/**
 * `%g`: `p` significant digits (0 means 1), fixed notation when the exponent is in
 * `[-4, limit)`, exponent notation otherwise; trailing zeros removed unless `alt`.
 * `limit` is `p` for `g`; Python's no-type float format uses `p - 1` and keeps one decimal.
 */
function generalForm(x: number, p: number, upper: boolean, alt: boolean, noType: boolean): string {
  if (p === 0) p = 1;
  const { exponent } = significantDigits(x, p - 1);
  const limit = noType ? p - 1 : p;
  let s: string;
  if (exponent >= -4 && exponent < limit) {
    s = fixedDigits(x, p - 1 - exponent);
    if (!alt) s = trimFraction(s);
    if (!s.includes(".")) s += noType ? ".0" : alt ? "." : "";
  } else {
    s = exponentForm(x, p - 1, upper, alt);
    if (!alt) {
      const e = s.indexOf(upper ? "E" : "e");
      s = trimFraction(s.slice(0, e)) + s.slice(e);
    }
  }
  return s;
}

function trimFraction(s: string): string {
  if (!s.includes(".")) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  return s.slice(0, end);
}

/** An integral `x >= 0` in `radix`, exactly (also beyond 2^53 and 1e21). */
function integerDigits(x: number, radix: number): string {
  return x < 2 ** 53 ? x.toString(radix) : toBigInt(x).toString(radix);
}

function nonFinite(x: number, upper: boolean): string {
  const s = x !== x ? "nan" : "inf";
  return upper ? s.toUpperCase() : s;
}

// =============================================================================================
// round()

/**
 * Python's `round(x, digits)` for floats: the double nearest to `x` rounded half to even at
 * `digits` decimal places of its exact value (`round(2.5, 0)` is 2, `round(2.675, 2)` is 2.67
 * because 2.675 is really 2.67499999…). Negative `digits` round to tens, hundreds, ….
 * `digits` must be an integer.
 */
export function roundHalfEven(x: number, digits: number = 0): number {
  if (!isFinite(x) || x === 0) return x;
  if (digits === 0) return roundToInteger(x);
  if (digits > 0 && isInteger(x)) return x;
  if (digits > 330) return x; // more digits than a double holds
  if (digits < -330) return 0 * x; // signed zero
  const abs = x < 0 ? -x : x;
  const rounded =
    digits > 0 ? roundFraction(abs, digits) : Number(scaledRound(abs, digits).toString() + "e" + -digits);
  return x < 0 ? -rounded : rounded;
}

/** Exact powers of ten as doubles (10^22 is the last one a double holds exactly). */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * `x` (finite, `> 0`) rounded half to even at `digits > 0` decimals. Fast path: `s = x·10^digits`
 * is off from the exact product by at most half an ulp of `s`, so when its fraction is farther
 * than an ulp from one half the direction is certain, and `integer / 10^digits` (both exact) is
 * the correctly rounded quotient — the double the exact decimal path would parse. Near a tie, or
 * beyond the exact range, the decimal expansion decides.
 */
function roundFraction(x: number, digits: number): number {
  if (digits <= 22) {
    const p = EXACT_POWERS_OF_TEN[digits]!;
    const s = x * p;
    if (s < 2 ** 52) {
      const f = floor(s);
      const d = s - f;
      const margin = s * 2 ** -51;
      if (d < 0.5 - margin) return f / p;
      if (d > 0.5 + margin) return (f + 1) / p;
    }
  }
  return Number(fixedDigits(x, digits));
}

/** {@link roundHalfEven} through the exact decimal expansion only (for tests of the fast path). */
export function roundHalfEvenExact(x: number, digits: number): number {
  if (!isFinite(x) || x === 0 || digits <= 0 || isInteger(x) || digits > 330) return roundHalfEven(x, digits);
  const abs = x < 0 ? -x : x;
  const rounded = Number(fixedDigits(abs, digits));
  return x < 0 ? -rounded : rounded;
}

function roundToInteger(x: number): number {
  if (!(x < 2 ** 52 && x > -(2 ** 52))) return x; // already integral
  const f = floor(x);
  const d = x - f; // exact
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

// =============================================================================================
// printf-style `%`

/**
 * `fmt % args`: printf-style formatting. `args` is an array of values, a single non-array
 * value, or (for `%(key)s` conversions) a plain object. Supports `%s %r %a %d %i %u %f %F %e
 * %E %g %G %x %X %o %c %%` with flags `- 0 + space #`, width and precision (`*` takes them
 * from the values). Errors follow docs/errors.md.
 */
export function percentFormat(fmt: string, args: unknown, meter: RunMeter = UNMETERED): string {
  const max = meter.maxStringLength;
  const budget = meter.budget;
  chargeText(budget, fmt.length); // the scan of the format and the copies of its text
  const values: readonly unknown[] = isArray(args) ? args : [args];
  const mapping = isPlainObject(args) ? args : null;
  let next = 0;
  let out = "";
  let pos = 0;
  const n = fmt.length;

  const take = (): unknown => {
    if (next >= values.length) throw typeError("not enough arguments for format string");
    return values[next++];
  };

  while (pos < n) {
    const pct = fmt.indexOf("%", pos);
    if (pct < 0) {
      out += pos === 0 ? fmt : fmt.slice(pos);
      break;
    }
    if (pct > pos) out += fmt.slice(pos, pct);
    let i = pct + 1;
    if (i >= n) throw valueError("incomplete format");

    // %(key)
    let keyed = false;
    let keyedValue: unknown;
    if (fmt.charCodeAt(i) === 40 /* ( */) {
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        const c = fmt.charCodeAt(j);
        if (c === 40) depth++;
        else if (c === 41) depth--;
        j++;
      }
      if (depth > 0) throw valueError("incomplete format key");
      const key = fmt.slice(i + 1, j - 1);
      if (mapping === null) throw typeError("format requires a mapping");
      if (!hasOwn(mapping, key)) throw keyError(key);
      keyed = true;
      keyedValue = mapping[key];
      i = j;
    }

    // flags
    let left = false;
    let zero = false;
    let plus = false;
    let space = false;
    let alt = false;
    for (; i < n; i++) {
      const c = fmt[i];
      if (c === "-") left = true;
      else if (c === "0") zero = true;
      else if (c === "+") plus = true;
      else if (c === " ") space = true;
      else if (c === "#") alt = true;
      else break;
    }

    // width
    let width = 0;
    if (fmt[i] === "*") {
      width = starArgument(take());
      if (width < 0) {
        left = true;
        width = -width;
      }
      i++;
    } else {
      const start = i;
      while (i < n && isDigit(fmt.charCodeAt(i))) i++;
      if (i > start) width = Number(fmt.slice(start, i));
    }

    // precision
    let precision = -1;
    if (fmt[i] === ".") {
      i++;
      if (fmt[i] === "*") {
        precision = starArgument(take());
        if (precision < 0) precision = 0;
        i++;
      } else {
        const start = i;
        while (i < n && isDigit(fmt.charCodeAt(i))) i++;
        precision = i > start ? Number(fmt.slice(start, i)) : 0;
      }
    }
    if (width > max || precision > max) throw tooLong(max);
    // One step per conversion, plus the padding or digits its width or precision may produce.
    charge(budget, 1 + textCost(width > precision ? width : precision));

    // length modifiers are accepted and ignored, as in Python
    while (i < n && (fmt[i] === "h" || fmt[i] === "l" || fmt[i] === "L")) i++;
    if (i >= n) throw valueError("incomplete format");
    const conv = String.fromCodePoint(fmt.codePointAt(i)!); // whole code point, for the error message
    pos = i + conv.length;

    if (conv === "%") {
      out += "%";
    } else {
      const value = keyed ? keyedValue : take();
      const piece = convertPercent(conv, value, precision, plus, space, alt, max, meter);
      out += pad(piece.sign + piece.prefix, piece.body, width, left, zero && piece.numeric);
    }
    if (out.length > max) throw tooLong(max);
  }

  // As in Python, an object argument may go unused (it is a mapping for `%(key)s`).
  if (next < values.length && mapping === null) {
    throw typeError("not all arguments converted during string formatting");
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function starArgument(v: unknown): number {
  if (typeof v !== "number" || !isInteger(v)) throw typeError("* wants int");
  return v;
}

/** A converted value: sign and prefix (`0x`) stay left of zero padding. */
interface Piece {
  sign: string;
  prefix: string;
  body: string;
  /** Whether the `0` flag pads this conversion with zeros. */
  numeric: boolean;
}

function convertPercent(
  conv: string,
  value: unknown,
  precision: number,
  plus: boolean,
  space: boolean,
  alt: boolean,
  max: number,
  meter: RunMeter,
): Piece {
  switch (conv) {
    case "s":
    case "r":
    case "a": {
      let body = conv === "s" ? str(value, max, meter) : repr(value, max, meter);
      if (precision >= 0 && body.length > precision) body = body.slice(0, precision);
      return { sign: "", prefix: "", body, numeric: false };
    }
    case "c":
      return { sign: "", prefix: "", body: percentChar(value), numeric: false };
    case "d":
    case "i":
    case "u": {
      if (typeof value !== "number") {
        throw typeError(`%${conv} format: a number is required, not ${typeOf(value)}`);
      }
      if (!isFinite(value)) {
        throw valueError(
          value !== value ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer",
        );
      }
      const t = value < 0 ? -Math.trunc(value) : Math.trunc(value);
      let body = integerDigits(t, 10);
      if (precision > body.length) body = "0".repeat(precision - body.length) + body;
      return { sign: signOf(value < 0 && t !== 0, plus, space), prefix: "", body, numeric: true };
    }
    case "x":
    case "X":
    case "o": {
      if (typeof value !== "number" || !isInteger(value)) {
        const got = typeof value === "number" ? "float" : typeOf(value);
        throw typeError(`%${conv} format: an integer is required, not ${got}`);
      }
      const abs = value < 0 ? -value : value;
      let body = integerDigits(abs, conv === "o" ? 8 : 16);
      if (conv === "X") body = body.toUpperCase();
      if (precision > body.length) body = "0".repeat(precision - body.length) + body;
      const prefix = alt ? (conv === "o" ? "0o" : conv === "x" ? "0x" : "0X") : "";
      return { sign: signOf(value < 0, plus, space), prefix, body, numeric: true };
    }
    case "f":
    case "F":
    case "e":
    case "E":
    case "g":
    case "G": {
      if (typeof value !== "number") {
        throw typeError(`%${conv} format: a number is required, not ${typeOf(value)}`);
      }
      const p = precision < 0 ? 6 : precision;
      const upper = conv === "F" || conv === "E" || conv === "G";
      const abs = value < 0 ? -value : value;
      let body: string;
      if (!isFinite(value)) body = nonFinite(value, upper);
      else if (conv === "f" || conv === "F") body = fixedDigits(abs, p) + (alt && p === 0 ? "." : "");
      else if (conv === "e" || conv === "E") body = exponentForm(abs, p, upper, alt);
      else body = generalForm(abs, p, upper, alt, false);
      // Python pads inf and nan with spaces even under the 0 flag.
      return { sign: signOf(value < 0, plus, space), prefix: "", body, numeric: isFinite(value) };
    }
    default: {
      const code = conv.codePointAt(0)!;
      throw valueError(`unsupported format character '${conv}' (0x${code.toString(16)})`);
    }
  }
}

function percentChar(value: unknown): string {
  if (typeof value === "number" && isInteger(value)) {
    if (value < 0 || value > 0x10ffff) throw valueError("%c arg not in range(0x110000)");
    return String.fromCodePoint(value);
  }
  if (typeof value === "string" && (value.length === 1 || (value.length === 2 && value.codePointAt(0)! > 0xffff))) {
    return value;
  }
  throw typeError("%c requires an integer or a single character");
}

function signOf(negative: boolean, plus: boolean, space: boolean): string {
  return negative ? "-" : plus ? "+" : space ? " " : "";
}

/** Pads to `width`: left-justified, zero-filled after the sign and prefix, or right-justified. */
function pad(head: string, body: string, width: number, left: boolean, zero: boolean): string {
  const len = head.length + body.length;
  if (width <= len) return head + body;
  const fill = width - len;
  if (left) return head + body + " ".repeat(fill);
  if (zero) return head + "0".repeat(fill) + body;
  return " ".repeat(fill) + head + body;
}

// =============================================================================================
// format(v, spec)

const SPEC =
  /^(?:([\s\S])?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGosxX%])?$/u;

/** Presentation types that take integers only. */
const INTEGER_TYPES: ReadonlySet<string> = new Set(["b", "c", "d", "o", "x", "X"]);
/** Integer types in a radix other than 10: `,` grouping is not allowed, `_` groups by four. */
const RADIX_TYPES: ReadonlySet<string> = new Set(["b", "o", "x", "X"]);

interface Spec {
  fill: string;
  align: string;
  sign: string;
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

/**
 * `format(v, spec)`: Python's format-spec mini-language
 * `[[fill]align][sign][z][#][0][width][,|_][.precision][type]` with align `< > ^ =`, sign
 * `+ - space`, types `b c d e E f F g G o s x X %` and none.
 *
 * Numbers without a type show like `str` (integers without a point); with a precision and no
 * type they follow Python's float rule (`format(2, ".3")` is `2.0`). Strings take `s` or no
 * type. Other values format `str(v)` as a string. An invalid spec raises
 * `ValueError: Invalid format specifier 'spec' for X`.
 */
export function formatSpec(v: unknown, spec: string, meter: RunMeter = UNMETERED): string {
  const max = meter.maxStringLength;
  if (spec === "") return str(v, max, meter);
  chargeText(meter.budget, spec.length);
  const parsed = parseSpec(spec);
  if (parsed === null) throw invalidSpec(spec, v);
  if (parsed.width > max) throw tooLong(max);
  // The padding or digits the width or precision may produce.
  const size = parsed.width > parsed.precision ? parsed.width : parsed.precision;
  if (size > 16) charge(meter.budget, textCost(size));
  if (typeof v === "number") {
    if (parsed.precision > max) throw tooLong(max);
    return formatNumberSpec(v, parsed, spec);
  }
  return formatStringSpec(typeof v === "string" ? v : str(v, max, meter), parsed, spec, v);
}

function invalidSpec(spec: string, v: unknown) {
  return valueError(`Invalid format specifier '${spec}' for ${typeOf(v)}`);
}

function parseSpec(spec: string): Spec | null {
  const m = SPEC.exec(spec);
  if (m === null) return null;
  return {
    fill: m[1] ?? "",
    align: m[2] ?? "",
    sign: m[3] ?? "",
    z: m[4] !== undefined,
    alt: m[5] !== undefined,
    zero: m[6] !== undefined,
    width: m[7] !== undefined ? Number(m[7]) : 0,
    grouping: m[8] ?? "",
    precision: m[9] !== undefined ? Number(m[9]) : -1,
    type: m[10] ?? "",
  };
}

function formatStringSpec(s: string, spec: Spec, text: string, original: unknown): string {
  if ((spec.type !== "" && spec.type !== "s") || spec.sign !== "" || spec.z || spec.alt ||
      spec.grouping !== "" || spec.align === "=") {
    throw invalidSpec(text, original);
  }
  if (spec.precision >= 0 && s.length > spec.precision) s = s.slice(0, spec.precision);
  const fill = spec.fill !== "" ? spec.fill : spec.zero ? "0" : " ";
  return align(s, "", spec.width, spec.align === "" ? "<" : spec.align, fill);
}

function formatNumberSpec(x: number, spec: Spec, text: string): string {
  const type = spec.type;
  const integral = isInteger(x);
  if (type === "s") throw invalidSpec(text, x);
  if (INTEGER_TYPES.has(type) && (!integral || spec.precision >= 0 || spec.z)) throw invalidSpec(text, x);
  if (spec.grouping !== "" && type === "c") throw invalidSpec(text, x);
  if (spec.grouping === "," && RADIX_TYPES.has(type)) throw invalidSpec(text, x);
  if (type === "c") {
    if (spec.sign !== "" || spec.alt || x < 0 || x > 0x10ffff) throw invalidSpec(text, x);
    const fill = spec.fill !== "" ? spec.fill : " ";
    return align(String.fromCodePoint(x), "", spec.width, spec.align === "" ? "<" : spec.align, fill);
  }

  const upper = type === "E" || type === "F" || type === "G" || type === "X";
  const abs = x < 0 ? -x : x;
  let prefix = "";
  let body: string;
  let groupSize = 3;
  if (!isFinite(x)) {
    body = nonFinite(x, upper);
  } else {
    switch (type) {
      case "d":
        body = integerDigits(abs, 10);
        break;
      case "b":
      case "o":
      case "x":
      case "X":
        body = integerDigits(abs, type === "b" ? 2 : type === "o" ? 8 : 16);
        if (type === "X") body = body.toUpperCase();
        if (spec.alt) prefix = type === "b" ? "0b" : type === "o" ? "0o" : type === "x" ? "0x" : "0X";
        groupSize = 4;
        break;
      case "f":
      case "F": {
        const p = spec.precision < 0 ? 6 : spec.precision;
        body = fixedDigits(abs, p) + (spec.alt && p === 0 ? "." : "");
        break;
      }
      case "e":
      case "E":
        body = exponentForm(abs, spec.precision < 0 ? 6 : spec.precision, upper, spec.alt);
        break;
      case "g":
      case "G":
        body = generalForm(abs, spec.precision < 0 ? 6 : spec.precision, upper, spec.alt, false);
        break;
      case "%": {
        const p = spec.precision < 0 ? 6 : spec.precision;
        const scaled = abs * 100;
        body = (isFinite(scaled) ? fixedDigits(scaled, p) : "inf") + (spec.alt && p === 0 ? "." : "");
        break;
      }
      default:
        // No type: like str() (integers without a point); with a precision, Python's float rule.
        body = spec.precision >= 0 ? generalForm(abs, spec.precision, false, spec.alt, true) : formatNumber(abs);
    }
  }
  if (type === "%") body += "%";

  let negative = x < 0;
  if (negative && spec.z && isFinite(x) && !/[1-9]/.test(body.replace(/e.*$/i, ""))) negative = false;
  const sign = negative ? "-" : spec.sign === "+" ? "+" : spec.sign === " " ? " " : "";

  // The `0` flag means fill `0`, and sign-aware (`=`) placement unless an alignment is given.
  const alignment = spec.align !== "" ? spec.align : spec.zero ? "=" : ">";
  const fill = spec.fill !== "" ? spec.fill : spec.zero ? "0" : " ";

  if (spec.grouping !== "" && isFinite(x)) {
    const { intPart, rest } = splitInteger(body);
    const sep = spec.grouping;
    const size = sep === "_" ? groupSize : 3;
    let target = 0;
    if (alignment === "=" && fill === "0") {
      target = spec.width - sign.length - prefix.length - rest.length;
    }
    body = groupDigits(intPart, sep, size, target) + rest;
  }
  return align(body, sign + prefix, spec.width, alignment, fill);
}

/** Splits a formatted magnitude into its leading digits and the rest (`.5`, `e+10`, `%`). */
function splitInteger(body: string): { intPart: string; rest: string } {
  let i = 0;
  while (i < body.length && isHexDigit(body.charCodeAt(i))) i++;
  // `e` is a hex digit but starts an exponent in decimal forms: back off to it.
  const e = body.search(/[eE][+-]/);
  if (e >= 0 && e < i) i = e;
  return { intPart: body.slice(0, i), rest: body.slice(i) };
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Inserts `sep` every `size` digits from the right. With `target > 0` (zero padding), pads
 * with zeros first so the grouped result is at least `target` long, as Python does.
 */
function groupDigits(digits: string, sep: string, size: number, target: number): string {
  let n = digits.length;
  while (n + floor((n - 1) / size) < target) n++;
  if (n > digits.length) digits = "0".repeat(n - digits.length) + digits;
  let out = "";
  let first = digits.length % size;
  if (first === 0) first = size;
  out = digits.slice(0, first);
  for (let i = first; i < digits.length; i += size) out += sep + digits.slice(i, i + size);
  return out;
}

/** Places `head` (sign and prefix) and `body` in `width` with the given alignment and fill. */
function align(body: string, head: string, width: number, alignment: string, fill: string): string {
  const len = head.length + body.length;
  if (width <= len) return head + body;
  const n = width - len;
  switch (alignment) {
    case "<":
      return head + body + fill.repeat(n);
    case "^": {
      const before = floor(n / 2);
      return fill.repeat(before) + head + body + fill.repeat(n - before);
    }
    case "=":
      return head + fill.repeat(n) + body;
    default:
      return fill.repeat(n) + head + body;
  }
}
