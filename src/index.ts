/**
 * mljs — the ML language for Node.js.
 *
 * ```ts
 * import { run, load, compile, check } from "mljs";
 * const { stdout } = await run("examples/welcome.ml");
 * const program = await load({ source: "function double(x) { return x * 2; }", filename: "rules.ml" });
 * program.exports.double(21); // 42
 * ```
 * @packageDocumentation
 */
export { compile, check } from "./compiler/index.js";
export type { CompileOptions, CompileResult, ImportRequest, Manifest } from "./compiler/index.js";
export type { Diagnostic, Severity } from "./compiler/diagnostics.js";
export { DiagnosticCodes } from "./compiler/diagnostics.js";
export { formatDiagnostic, formatCodeFrame } from "./compiler/codeframe.js";
export { load, run } from "./host/api.js";
export type { LoadOptions, RunResult, Program, SourceInput } from "./host/api.js";
export { MLCompileError, MLRuntimeError } from "./host/errors.js";
export type { MLStackFrame } from "./host/errors.js";
export type { Limits, Sink, InputSource } from "./runtime/state.js";
export { DEFAULT_LIMITS } from "./runtime/state.js";
