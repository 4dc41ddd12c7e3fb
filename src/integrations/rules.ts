/**
 * Loading ML rules at server start-up, failing fast with readable diagnostics.
 */
import { load, type LoadOptions, type Program, type SourceInput } from "../host/api.js";
import { MLCompileError } from "../host/errors.js";

/**
 * {@link load} for a server's start-up: resolves to the loaded program, or rejects so that the
 * process stops before it serves anything. An `MLCompileError` is rethrown with a `stack` made
 * of the rules' name and the formatted diagnostics (code frames, `file.ml:line:col`, help)
 * instead of JavaScript frames, so even an uncaught rejection prints what to fix.
 */
export async function loadRules(input: SourceInput, options: LoadOptions = {}): Promise<Program> {
  try {
    return await load(input, options);
  } catch (e) {
    if (e instanceof MLCompileError) {
      const name = typeof input === "string" ? input : input.filename ?? "<source>";
      e.stack = `${e.name}: cannot load the ML rules ${name}\n${e.message}`;
    }
    throw e;
  }
}
