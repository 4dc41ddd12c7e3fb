/**
 * Argument checks shared by the stdlib modules. Each raises the ML `TypeError` of
 * docs/errors.md (`sqrt() argument 1 must be a number, not string`); `fn` is the name shown,
 * e.g. `"math.sqrt"`. The wrapper made by `define.ts` has already checked the argument count.
 */
import { argumentError } from "../../runtime/calls.js";
import { typeError, valueError } from "../../runtime/errors.js";
import { isPlainObject, typeOf } from "../../runtime/values.js";

export { typeError, valueError };
export { MLError } from "../../runtime/errors.js";

/** A number (not a boolean). */
export function needNumber(fn: string, position: number, v: unknown): number {
  if (typeof v === "number") return v;
  throw argumentError(fn, position, "a number", v);
}

/** An integer-valued number. */
export function needInteger(fn: string, position: number, v: unknown): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  throw argumentError(fn, position, "an integer", v);
}

export function needString(fn: string, position: number, v: unknown): string {
  if (typeof v === "string") return v;
  throw argumentError(fn, position, "a string", v);
}

export function needBoolean(fn: string, position: number, v: unknown): boolean {
  if (typeof v === "boolean") return v;
  throw argumentError(fn, position, "a boolean", v);
}

export function needArray(fn: string, position: number, v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  throw argumentError(fn, position, "an array", v);
}

/** A plain ML object (`{…}`). */
export function needObject(fn: string, position: number, v: unknown): Record<string, unknown> {
  if (isPlainObject(v)) return v as Record<string, unknown>;
  throw argumentError(fn, position, "an object", v);
}

export function needFunction(fn: string, position: number, v: unknown): (...args: unknown[]) => unknown {
  if (typeof v === "function") return v as (...args: unknown[]) => unknown;
  throw argumentError(fn, position, "a function", v);
}

const TRUE_WORDS: ReadonlySet<string> = new Set(["true", "1", "yes", "on"]);
const FALSE_WORDS: ReadonlySet<string> = new Set(["false", "0", "no", "off"]);

/**
 * The boolean a word of text stands for (`true/1/yes/on`, `false/0/no/off`, any case, spaces
 * around ignored), or null for any other text — as `env.getBool` and `args` read them.
 */
export function booleanWord(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : null;
}

/** Whether an optional argument was supplied: neither absent nor `null`. */
export function given(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** An optional argument: `undefined` (not given) and, when `nullMeansAbsent`, `null` give `fallback`. */
export function optional<T>(v: unknown, fallback: T, nullMeansAbsent = true): unknown {
  return v === undefined || (nullMeansAbsent && v === null) ? fallback : v;
}

/** ML result of a host callback: `undefined` is `null`. */
export function mlValue(v: unknown): unknown {
  return v === undefined ? null : v;
}

export { typeOf, isPlainObject };
