/**
 * `str` and `repr` (docs/language/reference.md §10), and the marking of caught error values (§5).
 *
 * Containers are walked with an explicit stack, never by JavaScript recursion, so an
 * arbitrarily deep structure cannot overflow the host stack. A container that contains itself
 * (on the current path, as in Python) shows as `[...]` / `{...}`; a value shared by two
 * branches shows in full both times.
 */
import { limitError, MLError } from "./errors.js";
import { typeOf } from "./values.js";
import { classOf } from "./objects.js";
import { formatNumber } from "./numbers.js";
import { demangle } from "../compiler/mangle.js";
import { chargeText, keysCost, type RunMeter } from "./meter.js";
import { charge, tick } from "./limits.js";
import type { Budget } from "./abi.js";

const ObjectPrototype = Object.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const objectKeys = Object.keys;

// ---------------------------------------------------------------------------------------------
// Error marking

const errorValues = new WeakSet<object>();

/**
 * Marks a caught value as an error, so that `str(v)` / `print(v)` show only its `message`.
 * The caller (the `except` machinery) marks objects with a string `message`.
 */
export function markError(o: object): void {
  errorValues.add(o);
}

/** True for a value marked by {@link markError}. */
export function isErrorValue(v: unknown): boolean {
  return typeof v === "object" && v !== null && errorValues.has(v);
}

/** The message of a marked error value, or `null` if `v` is not one (or lost its message). */
function errorMessage(v: object): string | null {
  if (!errorValues.has(v) || !hasOwn(v, "message")) return null;
  const d = getOwnPropertyDescriptor(v, "message");
  return d !== undefined && typeof d.value === "string" ? d.value : null;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * What a display charges its work to: the run's meter (one step per item shown and per 16 code
 * units produced, docs/limits.md). Without one, nothing is charged (host code, previews bounded
 * by their length).
 */
export type DisplayMeter = RunMeter;

/**
 * `str(v)`: strings as themselves, a marked error value as its message, everything else as
 * {@link repr}. Throws `LimitError` when the result would exceed `maxLength` code units.
 */
export function str(v: unknown, maxLength: number = Infinity, spend?: DisplayMeter): string {
  if (typeof v === "string") return v.length <= maxLength ? v : checked(v, maxLength);
  if (typeof v === "number") return checked(formatNumber(v), maxLength);
  if (typeof v === "boolean") return checked(v ? "true" : "false", maxLength);
  if (v === null || v === undefined) return checked("null", maxLength);
  return strOther(v, maxLength, spend);
}

function strOther(v: unknown, maxLength: number, spend?: DisplayMeter): string {
  if (typeof v === "object") {
    const message = errorMessage(v as object);
    if (message !== null) return checked(message, maxLength);
    const cls = isArray(v) || isPlainProto(v as object) ? undefined : classOf(v as object);
    if (cls !== undefined) return checked(cls.display ? cls.display(v) : `<${cls.name}>`, maxLength);
  }
  return reprOther(v, maxLength, spend);
}

/** Longest display of a value inside an error message. */
export const PREVIEW_LENGTH = 1000;

/**
 * `v` for an error message: its `repr` (or `str` with `asStr`) when that fits in `max` code
 * units, else a short placeholder. Never builds more than `max` units, so a message about a huge
 * or deeply shared value cannot exhaust memory. ML code's errors pass the run's meter: listing
 * the keys of a large object is work however short the text shown.
 */
export function preview(v: unknown, max: number = PREVIEW_LENGTH, asStr = false, meter?: DisplayMeter): string {
  try {
    return asStr ? str(v, max, meter) : repr(v, max, meter);
  } catch (e) {
    if (!(e instanceof MLError) || e.mlType !== "LimitError") throw e;
    // The run's steps or time ran out while showing it (the budget is left below zero): that
    // ends the run; only the length limit of the preview gives the placeholder.
    if (meter !== undefined && typeof meter !== "function" && meter.budget.n < 0) throw e;
    return `<${typeOf(v)} longer than ${max} characters>`;
  }
}

/**
 * `repr(v)`: strings double-quoted with escapes, numbers and `true false null` as in `str`,
 * arrays `[1, "a"]`, objects `{"a": 1}`, functions `<function name>`, stdlib objects through
 * their class's `repr`/`display`, opaque host values `<hostobject>`.
 * Throws `LimitError` when the result would exceed `maxLength` code units.
 */
export function repr(v: unknown, maxLength: number = Infinity, spend?: DisplayMeter): string {
  if (typeof v === "string") {
    if (spend === undefined) return reprString(v, maxLength);
    chargeText(spend.budget, v.length);
    return reprString(v, maxLength, spend.budget);
  }
  if (typeof v === "number") return checked(formatNumber(v), maxLength);
  if (typeof v === "boolean") return checked(v ? "true" : "false", maxLength);
  if (v === null || v === undefined) return checked("null", maxLength);
  return reprOther(v, maxLength, spend);
}

function reprOther(v: unknown, maxLength: number, spend?: DisplayMeter): string {
  if (typeof v === "object" && v !== null && (isArray(v) || isPlainProto(v))) {
    return reprContainer(v, maxLength, spend);
  }
  return checked(reprLeaf(v), maxLength);
}

function checked(s: string, maxLength: number): string {
  if (s.length > maxLength) throw tooLong(maxLength);
  return s;
}

function tooLong(maxLength: number) {
  return limitError(`string length limit exceeded (max ${maxLength})`);
}

function isPlainProto(o: object): boolean {
  const proto = getPrototypeOf(o);
  return proto === ObjectPrototype || proto === null;
}

// ---------------------------------------------------------------------------------------------
// Strings

// Characters that `repr` escapes: quotes, backslash, and C0 controls plus DEL.
const NEEDS_ESCAPE = /["\\\x00-\x1f\x7f]/;
const ESCAPES = /["\\\x00-\x1f\x7f]/g;

function escapeChar(c: string): string {
  switch (c) {
    case "\n":
      return "\\n";
    case "\t":
      return "\\t";
    case "\r":
      return "\\r";
    case "\\":
      return "\\\\";
    case '"':
      return '\\"';
    default: {
      const code = c.charCodeAt(0);
      return (code < 16 ? "\\x0" : "\\x") + code.toString(16);
    }
  }
}

/** Steps per character escaped (a callback and a small string: 100-200 ns measured). */
const ESCAPE_COST = 2;

/**
 * A string as `repr` shows it: double-quoted; `\n \t \r \\ \"` escaped, other control
 * characters as `\xHH` (which the ML lexer reads back). Escaping can make the text four times
 * longer: the length is checked as each escape is made, and with a `budget` each is charged.
 */
export function reprString(s: string, maxLength: number = Infinity, budget: Budget | null = null): string {
  let length = s.length + 2;
  if (length > maxLength) throw tooLong(maxLength);
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  const body = s.replace(ESCAPES, (c: string) => {
    const escaped = escapeChar(c);
    length += escaped.length - 1;
    if (length > maxLength) throw tooLong(maxLength);
    if (budget !== null && (budget.n -= ESCAPE_COST) < 0) tick(budget);
    return escaped;
  });
  return '"' + body + '"';
}

// ---------------------------------------------------------------------------------------------
// Non-container values

/** `repr` of anything that is not a string, number, boolean, null, array or plain object. */
function reprLeaf(v: unknown): string {
  if (typeof v === "function") return `<function ${functionName(v)}>`;
  if (typeof v === "object" && v !== null) {
    const cls = classOf(v);
    if (cls !== undefined) {
      if (cls.repr) return cls.repr(v);
      return cls.display ? cls.display(v) : `<${cls.name}>`;
    }
  }
  return "<hostobject>";
}

/**
 * The name a function displays with: its own `name` (read without invoking any getter) with
 * one trailing `$` removed (the compiler appends `$` to ML names that clash with JavaScript
 * reserved words), or `<fn>` when it has none.
 */
function functionName(f: Function): string {
  const d = getOwnPropertyDescriptor(f, "name");
  const name = d !== undefined && typeof d.value === "string" ? demangle(d.value) : "";
  return name === "" ? "<fn>" : name;
}

// ---------------------------------------------------------------------------------------------
// Containers

/** Scalar array elements shown between two charges of the meter. */
const SLICE = 1024;

// Steps per item shown beyond the one for the item itself, measured to keep a step near 100 ns:
// a container opened (a frame, the cycle check) and an object key (quoted, with its separator).
const OPEN_COST = 4;
const KEY_COST = 3;

/** One container being shown: its elements (arrays) or keys (objects), and the position. */
interface Frame {
  readonly container: unknown[] | Record<string, unknown>;
  /** Own keys for an object, `null` for an array. */
  readonly keys: string[] | null;
  readonly length: number;
  index: number;
}

/**
 * `repr` of an array or plain object, built iteratively. With a run meter it charges, as it goes,
 * one step per array element shown, three per object key, four more per container opened, and
 * one per 16 code units of output, so a display of a large or widely shared structure meets the step and time
 * limits part-way; the output never grows past `maxLength` by more than one item's text.
 */
function reprContainer(root: object, maxLength: number, meter?: DisplayMeter): string {
  const budget: Budget | null = meter !== undefined ? meter.budget : null;
  const onPath = new Set<object>();
  const stack: Frame[] = [];
  let out = open(root, onPath, stack, maxLength, budget);
  let charged = 0; // output length charged so far, a multiple of 16
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (budget !== null) {
      // The output produced since the last charge (items are charged below as they are shown).
      const units = (out.length - charged) >>> 4;
      charged += units << 4;
      if ((budget.n -= units) < 0) tick(budget);
    }
    if (frame.index === frame.length) {
      out += frame.keys === null ? "]" : "}";
      onPath.delete(frame.container);
      stack.pop();
    } else if (frame.keys === null) {
      // Arrays: show a run of scalar elements in a tight loop; descend only into containers.
      const items = frame.container as unknown[];
      const start = frame.index;
      let i = start;
      // With a meter, runs are cut into slices of at most SLICE items, charged one step each.
      const stop = budget !== null && frame.length - i > SLICE ? i + SLICE : frame.length;
      for (; i < stop; i++) {
        const item = items[i];
        if (typeof item === "object" && item !== null) break;
        const text = typeof item === "number" ? formatNumber(item) : typeof item === "string" ? reprString(item, maxLength, budget) : repr(item);
        out = i > 0 ? out + ", " + text : out + text;
        if (out.length > maxLength) throw tooLong(maxLength);
      }
      const depth = stack.length;
      if (i < stop) {
        if (i > 0) out += ", ";
        out += open(items[i], onPath, stack, maxLength, budget);
        i++;
      }
      if (budget !== null && (budget.n -= i - start + (stack.length > depth ? OPEN_COST : 0)) < 0) tick(budget);
      frame.index = i;
    } else {
      const i = frame.index++;
      if (i > 0) out += ", ";
      const key = frame.keys[i]!;
      const depth = stack.length;
      out += reprString(key, maxLength, budget) + ": " + open((frame.container as Record<string, unknown>)[key], onPath, stack, maxLength, budget);
      if (budget !== null && (budget.n -= KEY_COST + (stack.length > depth ? OPEN_COST : 0)) < 0) tick(budget);
    }
    if (out.length > maxLength) throw tooLong(maxLength);
  }
  if (budget !== null && (budget.n -= (out.length - charged) >>> 4) < 0) tick(budget);
  return out;
}

/**
 * Text for `item` inside a container. For a non-empty array or object not already on the
 * current path, pushes a frame and returns only the opening bracket.
 */
function open(item: unknown, onPath: Set<object>, stack: Frame[], maxLength: number, budget: Budget | null): string {
  if (typeof item === "string") return reprString(item, maxLength, budget);
  if (typeof item !== "object" || item === null) return repr(item);
  if (isArray(item)) {
    if (onPath.has(item)) return "[...]";
    if (item.length === 0) return "[]";
    onPath.add(item);
    stack.push({ container: item, keys: null, length: item.length, index: 0 });
    return "[";
  }
  if (isPlainProto(item)) {
    if (onPath.has(item)) return "{...}";
    const keys = objectKeys(item);
    // Listing a large object's keys costs more than its items are charged (see keysCost).
    if (budget !== null && keys.length > 1024) charge(budget, keysCost(keys.length) - keys.length);
    if (keys.length === 0) return "{}";
    onPath.add(item);
    stack.push({ container: item as Record<string, unknown>, keys, length: keys.length, index: 0 });
    return "{";
  }
  return reprLeaf(item);
}
