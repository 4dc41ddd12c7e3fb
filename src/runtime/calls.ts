/**
 * Calls, destructuring and the conversion between thrown ML values and JavaScript exceptions
 * (docs/language/reference.md §4 Calls, §5 destructuring and `try`/`throw`).
 */
import type { MLFunction } from "./abi.js";
import { MLError, keyError, nameError, onEntry, originOf, typeError, valueError, withHostNote } from "./errors.js";
import { isPlainObject, typeOf } from "./values.js";
import { markError, preview, PREVIEW_LENGTH } from "./display.js";
import { demangle } from "../compiler/mangle.js";
import type { RunMeter } from "./state.js";

/** The ML name of a JavaScript function name (the compiler appends `$` to JS reserved words). */
export { demangle };

const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const HostError = Error;
const HostRangeError = RangeError;

/** Returns `f` if it is callable, else throws `TypeError: 'X' is not callable`. */
export function callable(f: unknown): MLFunction {
  if (typeof f === "function") return f as MLFunction;
  throw typeError(`'${typeOf(f)}' is not callable`);
}

const HostPromise = Promise;

/**
 * A call's result as ML sees it: host `undefined` is `null`. A promise here means an
 * asynchronous host function was called from code compiled synchronously (asynchronous code
 * awaits before this): an error with the fix, rather than an opaque value.
 */
export function ret(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof HostPromise) {
    (v as Promise<unknown>).then(undefined, () => undefined); // nobody else will await it
    throw typeError("an asynchronous host function was called from synchronous code; load the program with { async: true }");
  }
  return v;
}

/** `1 argument`, `2 arguments`. */
export function argumentCount(n: number): string {
  return n === 1 ? "1 argument" : `${n} arguments`;
}

/**
 * Throws `TypeError: f() takes 2 arguments but 3 were given` from the prologue of ML function
 * `f` (generated code's `$arity`): the error is reported at the call, not at `f`'s first line.
 */
export function arity(name: string, expected: number, given: number): never {
  throw onEntry(arityError(name, expected, given));
}

function arityError(name: string, expected: number, given: number): MLError {
  return typeError(`${demangle(name)}() takes ${argumentCount(expected)} but ${given} ${given === 1 ? "was" : "were"} given`);
}

/**
 * Throws `NameError: name 'x' is not defined` (a local read before it has a value). `note`, from
 * the compiler (ML2012: assigning made the name local), is shown to the host, not to ML code.
 */
export function unbound(name: string, note?: string): never {
  const e = nameError(`name '${demangle(name)}' is not defined`);
  throw note === undefined ? e : withHostNote(e, note);
}

/**
 * `[a, b] = v`: `v` must be an array or string of exactly `n` items; returns them as an array
 * (the array itself, not a copy: the caller reads the items immediately).
 */
export function unpack(v: unknown, n: number): unknown[] {
  if (isArray(v)) {
    if (v.length === n) return v;
    throw unpackLengthError(n, v.length);
  }
  if (typeof v === "string") {
    if (v.length === n) return v.split("");
    throw unpackLengthError(n, v.length);
  }
  throw typeError(`cannot unpack non-sequence ${typeOf(v)}`);
}

function unpackLengthError(expected: number, got: number): MLError {
  return valueError(
    got > expected
      ? `too many values to unpack (expected ${expected}, got ${got})`
      : `not enough values to unpack (expected ${expected}, got ${got})`,
  );
}

/** `{a, b} = v`: checks `v` is an object and returns it. */
export function unpackObject(v: unknown): Record<string, unknown> {
  if (isPlainObject(v)) return v as Record<string, unknown>;
  throw typeError(`cannot destructure ${typeOf(v)}`);
}

/** Own key `k` of an object checked by {@link unpackObject}, or `KeyError: k`. */
export function key(o: Record<string, unknown>, k: string): unknown {
  if (hasOwn(o, k)) {
    const v = o[k];
    return v === undefined ? null : v;
  }
  throw keyError(k);
}

/**
 * `throw v;`: wraps any ML value. An object with a string `message` gives the error's message,
 * and its string `type` (if any) the ML error type — except `LimitError`, which ML code cannot
 * fake (it would be uncatchable); any other value is an `Error` whose message is `str(v)`.
 */
export function thrown(v: unknown, meter?: RunMeter): MLError {
  if (isPlainObject(v)) {
    const o = v as Record<string, unknown>;
    const message = hasOwn(o, "message") ? o.message : undefined;
    if (typeof message === "string") {
      const type = hasOwn(o, "type") ? o.type : undefined;
      // Only an exhausted budget may end a run: a thrown "LimitError" is an ordinary Error.
      const valid = typeof type === "string" && type !== "" && type !== "LimitError";
      return new MLError(valid ? type : "Error", message, v);
    }
  }
  return new MLError("Error", safeStr(v, meter), v);
}

/**
 * In an `except` clause: the ML value for what JavaScript caught.
 * - a thrown ML value → that value (an object with a string `message` is marked as an error);
 * - an error raised by the runtime → a fresh `{type, message}` object, marked;
 * - `LimitError` → rethrown (ML may not catch it);
 * - a JavaScript stack overflow → `{type: "RecursionError", …}`;
 * - any other host error → `{type: "Error", message}`; never the host object itself.
 */
export function caught(e: unknown, meter?: RunMeter): unknown {
  if (e instanceof MLError) {
    if (e.uncatchable) throw e;
    if (e.hasValue) {
      const v = e.value;
      if (isPlainObject(v) && hasOwn(v as object, "message") &&
          typeof (v as Record<string, unknown>).message === "string") {
        markError(v as Record<string, unknown>);
      }
      return v;
    }
    return errorObject(e.mlType, e.mlMessage);
  }
  return hostErrorObject(e, meter);
}

function hostErrorObject(e: unknown, meter: RunMeter | undefined): unknown {
  if (e instanceof HostRangeError && isStackOverflow(e)) {
    return errorObject("RecursionError", "maximum recursion depth exceeded");
  }
  if (e instanceof HostError) {
    // An ML error that crossed host code (ML → host function → ML export) comes back wrapped by
    // the host boundary (an `MLRuntimeError` that stands for the MLError), perhaps wrapped again
    // by the host's own code (as its `cause`).
    const cause = mlCause(e);
    if (cause !== null && cause.uncatchable) throw e; // a LimitError still ends the run
    const mlType = safeGet(e, "mlType");
    const mlMessage = safeGet(e, "mlMessage");
    if (typeof mlType === "string" && typeof mlMessage === "string") {
      if (mlType === "LimitError") throw e;
      // The thrown value (or the runtime error) as the inner `except` would have seen it.
      if (cause !== null && cause.mlType === mlType) return caught(cause, meter);
      return errorObject(mlType, mlMessage);
    }
    let message: string;
    try {
      message = String(e.message);
    } catch {
      message = "host error";
    }
    return errorObject("Error", message);
  }
  return errorObject("Error", isMLValue(e) ? safeStr(e, meter) : "host error");
}

/** The MLError `e` or an error in its `cause` chain (a few levels deep) stands for, if any. */
function mlCause(e: Error): MLError | null {
  let c: unknown = e;
  for (let i = 0; i < 8 && c instanceof HostError; i++) {
    const origin = originOf(c);
    if (origin !== undefined) return origin;
    c = safeGet(c, "cause");
    if (c instanceof MLError) return c;
  }
  return null;
}

/** Reads a property of a host error without letting a throwing getter escape. */
function safeGet(e: object, name: string): unknown {
  try {
    return (e as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

function isStackOverflow(e: RangeError): boolean {
  try {
    return e.message === "Maximum call stack size exceeded";
  } catch {
    return false;
  }
}

/** A fresh, marked `{type, message}` error object for `except`. */
export function errorObject(type: string, message: string): Record<string, unknown> {
  const o: Record<string, unknown> = { type, message };
  markError(o);
  return o;
}

function isMLValue(v: unknown): boolean {
  return v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean" ||
    isArray(v) || isPlainObject(v);
}

/**
 * The message of a thrown non-error value: its bounded display (see `preview`), charged to the
 * run's meter when there is one (the display of a large object lists all its keys).
 */
function safeStr(v: unknown, meter: RunMeter | undefined): string {
  try {
    return typeof v === "string" ? v : preview(v, PREVIEW_LENGTH, true, meter);
  } catch (e) {
    if (e instanceof MLError && e.uncatchable) throw e; // the run's steps or time ran out
    return "host error";
  }
}

/**
 * Checks the argument count of a builtin or method taking `min` to `max` arguments (`max` may
 * be `Infinity`), throwing the `TypeError` of docs/errors.md when it is outside that range.
 */
export function checkArity(name: string, given: number, min: number, max: number): void {
  if (given < min || given > max) arityRange(name, given, min, max);
}

/** Throws the arity `TypeError` for a builtin or method taking `min` to `max` arguments. */
export function arityRange(name: string, given: number, min: number, max: number): never {
  if (min === max) throw arityError(name, min, given);
  if (max === Infinity) {
    throw typeError(`${name}() takes at least ${argumentCount(min)} but ${given} ${given === 1 ? "was" : "were"} given`);
  }
  throw typeError(`${name}() takes from ${min} to ${max} arguments but ${given} ${given === 1 ? "was" : "were"} given`);
}

/**
 * The `TypeError` for an argument of the wrong type:
 * `center() argument 1 must be an integer, not string`. A non-integer number where an integer
 * is expected is named `float`, as in the index errors.
 */
export function argumentError(name: string, position: number, expected: string, v: unknown): MLError {
  const got = typeof v === "number" && expected.includes("integer") ? "float" : typeOf(v);
  return typeError(`${name}() argument ${position} must be ${expected}, not ${got}`);
}
