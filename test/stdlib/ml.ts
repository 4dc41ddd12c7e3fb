/**
 * Helpers for stdlib tests: run an ML program and get what it printed, or the error it raised.
 */
import { run, type LoadOptions } from "../../src/index.js";
import { MLRuntimeError } from "../../src/host/errors.js";

/** Runs `source` (as `test.ml`) and returns its standard output. */
export async function ml(source: string, options: LoadOptions = {}): Promise<string> {
  const r = await run({ source, filename: options.importPaths ? undefined : "test.ml" }, options);
  return r.stdout;
}

/** Runs `source` and returns the `{ type, message }` of the ML error it raised (fails if none). */
export async function mlFails(source: string, options: LoadOptions = {}): Promise<{ type: string; message: string }> {
  try {
    await run({ source, filename: "test.ml" }, options);
  } catch (e) {
    if (e instanceof MLRuntimeError) return { type: e.mlType, message: e.mlMessage };
    throw e;
  }
  throw new Error("the program did not fail");
}
