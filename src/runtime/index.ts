/**
 * `mljs-lang/runtime`: what compiled ML code needs at run time, for running the output of
 * `compile(source, { mode: "module" })` without the host loader, and for hosts and stdlib
 * modules that declare ML-visible classes. (`mljs compile` output runs through
 * `mljs-lang/compiled` instead, imports included: docs/compiling.md.)
 *
 * ```ts
 * import { standaloneContext } from "mljs-lang/runtime";
 * import run from "./program.js"; // compile(source, { mode: "module" }).code, saved
 * run(standaloneContext({ limits: { steps: 1e6 } }));
 * ```
 * @packageDocumentation
 */
import type { ProgramContext } from "./abi.js";
import { MLError } from "./errors.js";
import { createRuntime } from "./runtime.js";
import { resolveLimits, type InputSource, type Limits, type RunState, type Sink } from "./state.js";

export { createRuntime, enterHost, leaveHost, type HostEntry } from "./runtime.js";
export type { Budget, ExportThunks, MLFunction, ProgramContext, Runtime } from "./abi.js";
export {
  MLError,
  ML_ERROR_TYPES,
  isMLError,
  mlError,
  type MLErrorType,
} from "./errors.js";
export { DEFAULT_LIMITS, resolveLimits, type InputSource, type Limits, type RunState, type Sink } from "./state.js";
export { registerClass, registerPrototype, members, type MLClass, type MLMember } from "./objects.js";
export { str, repr } from "./display.js";
export { equals } from "./equality.js";
export { typeOf } from "./values.js";
export { beginRun } from "./limits.js";
export { MLIterator } from "./iterators.js";
export { registerFunctionInfo, type FunctionInfo } from "./function-info.js";

// Captured at load: the runtime imports nothing from `node:` and must not depend on globals a
// program could replace later.
const hostConsole = globalThis.console;
const log = hostConsole.log.bind(hostConsole);
const logError = hostConsole.error.bind(hostConsole);

/** Why a standalone context refuses `import`, and what to use instead. */
const IMPORTS_NEED_HOST =
  "imports need the mljs host: load the program with mljs-lang's load(), or compile it with `mljs compile` (docs/compiling.md)";

/** Options of {@link standaloneContext}. */
export interface StandaloneOptions {
  /** Receives printed text. Default: `console.log` (one trailing newline removed). */
  stdout?: Sink;
  /** Receives error output. Default: `console.error`. */
  stderr?: Sink;
  /** Source of lines for `input()`; without one `input()` raises `CapabilityError`. */
  stdin?: InputSource;
  /** Limits of the run (docs/limits.md). */
  limits?: Limits;
}

/**
 * A {@link ProgramContext} for running module-mode compiled code without the host loader.
 * `import` statements cannot be resolved there: they raise `ImportError` (the runtime is the
 * lowest layer and knows no module; a program with imports is run by the host: `load`, or
 * `mljs compile` output, docs/compiling.md).
 */
export function standaloneContext(options: StandaloneOptions = {}): ProgramContext {
  const state: RunState = {
    limits: resolveLimits(options.limits),
    stdout: options.stdout ?? ((text) => log(withoutNewline(text))),
    stderr: options.stderr ?? ((text) => logError(withoutNewline(text))),
    stdin: options.stdin ?? null,
  };
  return Object.freeze({
    rt: createRuntime(state),
    import(): never {
      throw new MLError("ImportError", IMPORTS_NEED_HOST);
    },
  });
}

/** `console.log` adds its own newline. */
function withoutNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}
