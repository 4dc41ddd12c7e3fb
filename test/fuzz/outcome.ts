/**
 * Classifies what a host call into ML code ended with, for the fuzz tests: the outcomes ML may
 * produce (a value, an ML runtime error, a compile error) against everything else, which is a
 * host exception leaking out of the runtime or the stdlib.
 */
import { MLCompileError, MLRuntimeError } from "../../src/host/errors.js";
import { MLError } from "../../src/runtime/errors.js";

/** The outcome of one run, or a description of the host exception that escaped. */
export type Outcome =
  | { kind: "value"; value: unknown }
  | { kind: "ml-error"; type: string; message: string }
  | { kind: "compile-error" }
  | { kind: "host-error"; description: string };

/** Whether `e` is a JavaScript stack overflow (reported to ML as `RecursionError`). */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * Classifies a thrown value. The host boundary wraps *every* error in an `MLRuntimeError`, so
 * one whose cause is a host exception (other than a stack overflow, which is ML's
 * `RecursionError`) is a host error that ML code provoked.
 */
export function classify(e: unknown): Outcome {
  if (e instanceof MLCompileError) return { kind: "compile-error" };
  if (e instanceof MLRuntimeError) {
    const cause = e.cause;
    if (cause === undefined || cause instanceof MLError || isStackOverflow(cause)) {
      return { kind: "ml-error", type: e.mlType, message: e.mlMessage };
    }
    return { kind: "host-error", description: `${e.mlType}: ${e.mlMessage} (cause: ${describe(cause)})` };
  }
  if (e instanceof MLError) return { kind: "ml-error", type: e.mlType, message: e.mlMessage };
  return { kind: "host-error", description: describe(e) };
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}\n${e.stack ?? ""}`;
  return `non-error ${typeof e}: ${String(e)}`;
}

/** Runs `f`, classifying what it returns or throws (awaiting a promise). */
export async function outcomeOf(f: () => unknown): Promise<Outcome> {
  try {
    return { kind: "value", value: await f() };
  } catch (e) {
    return classify(e);
  }
}

/** Like {@link outcomeOf} for synchronous code. */
export function outcomeOfSync(f: () => unknown): Outcome {
  try {
    return { kind: "value", value: f() };
  } catch (e) {
    return classify(e);
  }
}
