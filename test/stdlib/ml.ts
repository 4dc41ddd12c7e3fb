/**
 * Helpers for stdlib tests: run an ML program and get what it printed, or the error it raised.
 */
import { writeFileSync } from "node:fs";
import { run, type LoadOptions } from "../../src/index.js";
import { MLRuntimeError } from "../../src/host/errors.js";

/** The `{ type, message }` of the ML error `running` rejects with (fails if it succeeds). */
async function failureOf(running: Promise<unknown>): Promise<{ type: string; message: string }> {
  try {
    await running;
  } catch (e) {
    if (e instanceof MLRuntimeError) return { type: e.mlType, message: e.mlMessage };
    throw e;
  }
  throw new Error("the program did not fail");
}

/** Runs `source` (as `test.ml`) and returns its standard output. */
export async function ml(source: string, options: LoadOptions = {}): Promise<string> {
  const r = await run({ source, filename: options.importPaths ? undefined : "test.ml" }, options);
  return r.stdout;
}

/** Runs `source` and returns the `{ type, message }` of the ML error it raised (fails if none). */
export function mlFails(source: string, options: LoadOptions = {}): Promise<{ type: string; message: string }> {
  return failureOf(run({ source, filename: "test.ml" }, options));
}

/**
 * Writes `source` to the file `script` and runs it from there (so relative paths and patterns
 * start at the script's directory); returns its standard output.
 */
export async function mlAt(script: string, source: string, options: LoadOptions = {}): Promise<string> {
  writeFileSync(script, source);
  return (await run(script, options)).stdout;
}

/** Like {@link mlAt}, returning the ML error the program raised. */
export function mlFailsAt(script: string, source: string, options: LoadOptions = {}): Promise<{ type: string; message: string }> {
  return failureOf(mlAt(script, source, options));
}
