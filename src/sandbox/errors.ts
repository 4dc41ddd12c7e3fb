/**
 * Errors across the sandbox boundary: the worker turns what a run threw into a {@link WireError},
 * the host turns that back into the error `load` would have rejected with, and builds the
 * `LimitError`s of runs the host had to stop.
 */
import { MLCompileError, MLRuntimeError } from "../host/errors.js";
import { expandedSize } from "../runtime/size.js";
import { CodecError, decode, encode, type Revive } from "./codec.js";
import type { WireError } from "./protocol.js";

/**
 * Worker side: the crossing form of anything a run threw. A thrown value whose expanded or
 * encoded size passes `maxResultSize` stays behind, as one that cannot cross does (type and
 * message still cross).
 */
export function toWireError(e: unknown, maxResultSize: number): WireError {
  if (e instanceof MLCompileError) return { kind: "compile", message: e.message, diagnostics: e.diagnostics.map((d) => ({ ...d })) };
  if (e instanceof MLRuntimeError) {
    const base = { kind: "runtime", mlType: e.mlType, mlMessage: e.mlMessage, mlStack: e.mlStack.map((f) => ({ ...f })), ...(e.note === undefined ? {} : { note: e.note }) } as const;
    if (e.value === undefined || expandedSize(e.value, maxResultSize) > maxResultSize) return base;
    try {
      return { ...base, value: encode(e.value, "thrown value", maxResultSize) };
    } catch {
      return base; // a thrown value that cannot cross: the type and message still do
    }
  }
  // A result that cannot leave is the program's doing: report it the way ML reports bad values.
  if (e instanceof CodecError) return { kind: "runtime", mlType: "TypeError", mlMessage: e.message, mlStack: [] };
  if (e instanceof Error) return { kind: "error", name: e.name, message: e.message };
  return { kind: "error", name: "Error", message: String(e) };
}

const ERROR_CLASSES: Readonly<Record<string, new (message: string) => Error>> = {
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
};

/** Host side: the error a run rejects with, rebuilt from its crossing form. */
export function fromWireError(w: WireError, revive: Revive): Error {
  switch (w.kind) {
    case "compile": {
      const error = new MLCompileError(w.diagnostics);
      // The worker rendered the message with code frames from sources the host has not read.
      error.message = w.message;
      error.stack = `${error.name}: ${w.message}`;
      return error;
    }
    case "runtime":
      return new MLRuntimeError(w.mlType, w.mlMessage, w.mlStack, {
        ...(w.value === undefined ? {} : { value: decode(w.value, revive) }),
        ...(typeof w.note === "string" ? { note: w.note } : {}),
      });
    case "error": {
      const Class = Object.hasOwn(ERROR_CLASSES, w.name) ? ERROR_CLASSES[w.name]! : Error;
      return new Class(w.message);
    }
  }
}

/** The `LimitError` of a run stopped by the host (timeout) or by V8 (heap limit). */
export function limitError(message: string): MLRuntimeError {
  return new MLRuntimeError("LimitError", message, []);
}
