import { MLError } from "../../src/runtime/errors.js";

/**
 * Runs `f` and describes the ML error it raised as `"Type: message"`, or `"no error"` — so an
 * assertion on the text fails visibly when nothing (or the wrong thing) was raised. Anything
 * that is not an ML error is rethrown.
 */
export function mlFailure(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof MLError) return `${e.mlType}: ${e.mlMessage}`;
    throw e;
  }
  return "no error";
}
