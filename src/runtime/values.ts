/**
 * ML value classification: `typeof`, plain-object test, truthiness (docs/language/reference.md §3, §4).
 *
 * These run on hot paths (every `if`, `while`, `&&`), so each checks the common primitive
 * cases first and leaves containers and stdlib objects to a separate function.
 */
import { classOf } from "./objects.js";
import type { Budget } from "./abi.js";
import { charge } from "./limits.js";
import { keysCost } from "./meter.js";

// Intrinsics captured at load so a host that patches globals cannot change ML semantics.
const ObjectPrototype = Object.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const objectKeys = Object.keys;
const isArray = Array.isArray;
const isInteger = Number.isInteger;

/**
 * True for a plain object: prototype exactly `Object.prototype` or `null`, and not an array.
 * Only plain objects are ML "object" values; anything else non-primitive is an array, a
 * function, a stdlib object, or an opaque host value.
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = getPrototypeOf(v);
  return (proto === ObjectPrototype || proto === null) && !isArray(v);
}

/**
 * `typeof(v)` (docs/language/reference.md §3): `"number" "string" "boolean" "null" "array" "object"
 * "function"`, the declared class name of a stdlib object (`"DateTime"`, `"iterator"`,
 * `"module"`), or `"hostobject"` for an opaque host value. Host `undefined` is `"null"`.
 */
export function typeOf(v: unknown): string {
  switch (typeof v) {
    case "number":
      return "number";
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "undefined":
      return "null";
    case "function":
      return "function";
    case "object":
      return v === null ? "null" : typeOfObject(v);
    default:
      // bigint, symbol: never produced by ML, only reachable through a host value.
      return "hostobject";
  }
}

function typeOfObject(v: object): string {
  if (isArray(v)) return "array";
  const proto = getPrototypeOf(v);
  if (proto === ObjectPrototype || proto === null) return "object";
  const cls = classOf(v);
  return cls === undefined ? "hostobject" : cls.name;
}

/**
 * Truthiness (docs/language/reference.md §4). False: `false`, `null`, `0`, `NaN`, `""`, `[]`, `{}` (no own
 * enumerable keys). A stdlib object may declare a `truthy` hook; everything else is true.
 */
export function truthy(v: unknown, budget?: Budget): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && v === v;
  if (typeof v === "string") return v.length !== 0;
  if (v === null || v === undefined) return false;
  return truthyOther(v, budget);
}

function truthyOther(v: unknown, budget: Budget | undefined): boolean {
  if (typeof v !== "object") return true; // functions, and host bigint/symbol values
  const o = v as object;
  if (isArray(o)) return o.length !== 0;
  const proto = getPrototypeOf(o);
  if (proto === ObjectPrototype || proto === null) return hasOwnKey(o, budget);
  const cls = classOf(o);
  return cls === undefined || cls.truthy === undefined ? true : cls.truthy(o) === true;
}

/** Objects with at most this many keys are tested for free (the listing is under a step's work). */
const FREE_KEYS = 16;

/**
 * True when `o` has at least one own enumerable string key. V8 lists every key of an object to
 * start any enumeration of it, `for…in` included (a million keys: about half a second), so the
 * test costs the listing: with a `budget`, a larger object is charged `keysCost`, as `len` is.
 */
function hasOwnKey(o: object, budget: Budget | undefined): boolean {
  const n = objectKeys(o).length;
  if (n > FREE_KEYS && budget !== undefined) charge(budget, keysCost(n));
  return n !== 0;
}

/** True for a number with an integral value (not `NaN` or an infinity). */
export function isInt(v: unknown): v is number {
  return typeof v === "number" && isInteger(v);
}
