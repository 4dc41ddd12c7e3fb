/**
 * Exact microsecond arithmetic for `datetime.TimeDelta` (docs/stdlib/datetime.md).
 *
 * A delta is a `bigint` count of microseconds: a span of a few centuries already exceeds 2^53
 * microseconds, so plain numbers would silently lose precision. Fractional inputs (a delta of
 * 1.5 days, a delta multiplied by 0.1) are converted exactly and rounded once, half to even, as
 * Python's `timedelta` does.
 */
import { valueError } from "./arguments.js";
import { formatNumber } from "../../runtime/numbers.js";

export const MICROS_PER_SECOND = 1_000_000n;
export const MICROS_PER_MINUTE = 60n * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60n * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24n * MICROS_PER_HOUR;

/** Python's bounds: ±999999999 days (the upper one plus 23:59:59.999999). */
const MAX_DAYS = 999_999_999n;
const MIN_MICROS = -MAX_DAYS * MICROS_PER_DAY;
const MAX_MICROS = (MAX_DAYS + 1n) * MICROS_PER_DAY - 1n;

/** A finite number as the exact fraction `num / 2^shift`. */
interface Fraction {
  readonly num: bigint;
  readonly shift: bigint;
}

const bits = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double, read from its IEEE-754 fields. */
function fraction(x: number): Fraction {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let num = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased !== 0) num |= 1n << 52n;
  if (hi >>> 31 === 1) num = -num;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return exponent >= 0 ? { num: num << BigInt(exponent), shift: 0n } : { num, shift: BigInt(-exponent) };
}

/** `num / 2^shift` rounded half to even. */
function roundShift(num: bigint, shift: bigint): bigint {
  if (shift === 0n) return num;
  const d = 1n << shift;
  let q = num / d;
  let r = num % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  const twice = 2n * r;
  return twice > d || (twice === d && (q & 1n) === 1n) ? q + 1n : q;
}

/**
 * Σ amount × unit, exactly, rounded once to whole microseconds (half to even). Amounts must be
 * finite; the caller has checked they are numbers.
 */
export function scaledSum(parts: readonly (readonly [amount: number, unit: bigint])[]): bigint {
  let shift = 0n;
  const fractions = parts.map(([amount, unit]) => {
    if (!Number.isFinite(amount)) throw valueError(`an amount of time must be finite, got ${formatNumber(amount)}`);
    const f = fraction(amount);
    if (f.shift > shift) shift = f.shift;
    return { num: f.num * unit, shift: f.shift };
  });
  let num = 0n;
  for (const f of fractions) num += f.num << (shift - f.shift);
  return roundShift(num, shift);
}

/** `micros × factor`, exactly, rounded half to even (Python's `timedelta * float`). */
export function multiplyMicros(micros: bigint, factor: number): bigint {
  if (!Number.isFinite(factor)) throw valueError(`cannot multiply a TimeDelta by ${formatNumber(factor)}`);
  const f = fraction(factor);
  return roundShift(micros * f.num, f.shift);
}

/** Throws `ValueError` unless `micros` is within Python's TimeDelta range. */
export function checkDeltaRange(micros: bigint): bigint {
  if (micros < MIN_MICROS || micros > MAX_MICROS) {
    throw valueError(`TimeDelta out of range: days=${floorDiv(micros, MICROS_PER_DAY)}; must have magnitude <= ${MAX_DAYS}`);
  }
  return micros;
}

/** Floor division of bigints (Python's `//`). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Python's normalised parts: days (any sign), seconds 0..86399, microseconds 0..999999. */
export function normalizedParts(micros: bigint): { days: number; seconds: number; microseconds: number } {
  const days = floorDiv(micros, MICROS_PER_DAY);
  const rest = micros - days * MICROS_PER_DAY;
  return {
    days: Number(days),
    seconds: Number(rest / MICROS_PER_SECOND),
    microseconds: Number(rest % MICROS_PER_SECOND),
  };
}

/** `micros` divided by `unit` as a number (e.g. total seconds), exact in its whole part. */
export function ratio(micros: bigint, unit: bigint): number {
  return Number(micros / unit) + Number(micros % unit) / Number(unit);
}

/** ISO-8601 duration: `P1DT2H`, `-P1D`, `PT0.5S`, `PT0S` (days are the largest unit). */
export function isoDuration(micros: bigint): string {
  const sign = micros < 0n ? "-" : "";
  const a = micros < 0n ? -micros : micros;
  const days = a / MICROS_PER_DAY;
  const hours = (a % MICROS_PER_DAY) / MICROS_PER_HOUR;
  const minutes = (a % MICROS_PER_HOUR) / MICROS_PER_MINUTE;
  const seconds = (a % MICROS_PER_MINUTE) / MICROS_PER_SECOND;
  const fraction = a % MICROS_PER_SECOND;
  let time = "";
  if (hours > 0n) time += `${hours}H`;
  if (minutes > 0n) time += `${minutes}M`;
  if (seconds > 0n || fraction > 0n) {
    time += fraction > 0n ? `${seconds}.${String(fraction).padStart(6, "0").replace(/0+$/, "")}S` : `${seconds}S`;
  }
  if (days === 0n && time === "") return "PT0S";
  return `${sign}P${days > 0n ? `${days}D` : ""}${time === "" ? "" : `T${time}`}`;
}
