/**
 * ML errors as they travel through generated code.
 *
 * Every error the runtime raises, and every value an ML `throw` throws, travels as an
 * {@link MLError}. It is a real `Error` so V8 records the JavaScript stack at the throw site;
 * the host maps that stack through the program's source maps to `file.ml:line:col` frames
 * (see `host/stack.ts`). ML code never sees an `MLError` itself: `except` binds the thrown
 * value, or for a runtime error a plain `{type, message}` object.
 */

import { brandSet } from "./shared.js";

/** The ML error types of docs/language/reference.md §11. */
export type MLErrorType =
  | "NameError"
  | "TypeError"
  | "ValueError"
  | "IndexError"
  | "KeyError"
  | "ZeroDivisionError"
  | "AttributeError"
  | "RecursionError"
  | "ImportError"
  | "CapabilityError"
  | "SecurityError"
  | "LimitError"
  | "Error";

export const ML_ERROR_TYPES: readonly MLErrorType[] = Object.freeze([
  "NameError",
  "TypeError",
  "ValueError",
  "IndexError",
  "KeyError",
  "ZeroDivisionError",
  "AttributeError",
  "RecursionError",
  "ImportError",
  "CapabilityError",
  "SecurityError",
  "LimitError",
  "Error",
]);

const genuine = brandSet("mljs.MLError");

const NO_VALUE: unique symbol = Symbol("mljs.noValue");

/**
 * A runtime error or a thrown ML value, in flight.
 *
 * - `mlType`/`mlMessage`: the ML error type and message (for a thrown value: its `type` and
 *   `message` keys when it is an error-like object, else `"Error"` and its display).
 * - `value`: the value an ML `throw` threw, or `undefined` for runtime errors.
 */
/** The host's `Error`, as it was when the runtime loaded. */
const IntrinsicError = Error;
/** Stack frames captured per ML error (runtime and stdlib frames, then the ML ones). */
const CAPTURED_FRAMES = 32;

export class MLError extends Error {
  readonly mlType: string;
  readonly mlMessage: string;
  /** The thrown ML value; absent (`hasValue` false) for errors raised by the runtime. */
  readonly value: unknown;

  constructor(mlType: string, mlMessage: string, value: unknown = NO_VALUE) {
    // The ML frames (which give the error its `file.ml:line:col`) sit below the runtime's and
    // the stdlib's own frames — ten of them for an argument error in a stdlib call — so the
    // capture takes more than V8's default of ten.
    const limit = IntrinsicError.stackTraceLimit;
    if (!(limit >= CAPTURED_FRAMES)) IntrinsicError.stackTraceLimit = CAPTURED_FRAMES;
    super(`${mlType}: ${mlMessage}`);
    IntrinsicError.stackTraceLimit = limit;
    this.mlType = mlType;
    this.mlMessage = mlMessage;
    this.value = value;
    genuine.add(this);
  }

  /**
   * Brand-checked, so an error raised by the stdlib of another installed copy of mljs is still
   * an `MLError` here (shared.ts), and an object merely shaped like one is not.
   */
  static override [Symbol.hasInstance](v: unknown): boolean {
    return typeof v === "object" && v !== null && genuine.has(v);
  }

  /** True when this error carries a value thrown by ML code. */
  get hasValue(): boolean {
    return this.value !== NO_VALUE;
  }

  /** True for errors ML code may not catch with `except` (an exhausted budget ends the run). */
  get uncatchable(): boolean {
    return this.mlType === "LimitError";
  }
}
MLError.prototype.name = "MLError";

/** Creates an `MLError` of the given type; use with `throw`. */
export function mlError(type: MLErrorType, message: string): MLError {
  return new MLError(type, message);
}

export const typeError = (message: string): MLError => new MLError("TypeError", message);
export const valueError = (message: string): MLError => new MLError("ValueError", message);
export const indexError = (message: string): MLError => new MLError("IndexError", message);
export const keyError = (message: string): MLError => new MLError("KeyError", message);
export const attributeError = (message: string): MLError => new MLError("AttributeError", message);
export const nameError = (message: string): MLError => new MLError("NameError", message);
export const zeroDivisionError = (message: string): MLError =>
  new MLError("ZeroDivisionError", message);
export const recursionError = (message: string): MLError => new MLError("RecursionError", message);
export const limitError = (message: string): MLError => new MLError("LimitError", message);

export function isMLError(e: unknown): e is MLError {
  return e instanceof MLError;
}

/**
 * Notes for the host about an error, never shown to ML code (an `except` sees the message
 * alone): e.g. the absolute path a missing file's relative path resolved to, which ML may only
 * learn through a capability (`path.absolute`, `path.cwd`).
 */
const hostNotes = new WeakMap<object, string>();

/** Attaches a host-only note to `e` (see {@link hostNoteOf}); returns `e`. */
export function withHostNote<E extends object>(e: E, note: string): E {
  hostNotes.set(e, note);
  return e;
}

/** The host-only note attached to `e`, if any. */
export function hostNoteOf(e: unknown): string | undefined {
  return typeof e === "object" && e !== null ? hostNotes.get(e) : undefined;
}

/**
 * Errors raised by a function's own prologue about how it was called (wrong argument count,
 * recursion too deep): the innermost ML frame is the callee's first line, so the stack mapper
 * reports the call instead (host/stack.ts).
 */
const raisedOnEntry = new WeakSet<object>();

/** Marks `e` as raised by the prologue of the function being called; returns `e`. */
export function onEntry<E extends object>(e: E): E {
  raisedOnEntry.add(e);
  return e;
}

/** Whether `e` was raised by a function's prologue (see {@link onEntry}). */
export function isRaisedOnEntry(e: unknown): boolean {
  return typeof e === "object" && e !== null && raisedOnEntry.has(e);
}

/**
 * The ML error each host-facing error stands for (the host boundary converts an `MLError` into
 * an `MLRuntimeError` without exposing it). When that error crosses host code back into ML, an
 * `except` gets the thrown value as the inner `except` would have seen it.
 */
const origins = new WeakMap<object, MLError>();

/** Records that the host-facing error `e` stands for `origin`. */
export function recordOrigin(e: object, origin: MLError): void {
  origins.set(e, origin);
}

/** The ML error recorded for `e` by {@link recordOrigin}, if any. */
export function originOf(e: object): MLError | undefined {
  return origins.get(e);
}
