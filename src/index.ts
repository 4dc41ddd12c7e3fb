/**
 * mljs — the ML language for Node.js.
 *
 * ```ts
 * import { run, load, compile, check } from "mljs-lang";
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

// Capabilities (docs/capabilities.md).
export { capability, CapabilityToken } from "./capabilities/token.js";
export type { CapabilityOptions, CapabilityTokenJSON } from "./capabilities/token.js";
export { CapabilityContext, withCapabilities } from "./capabilities/context.js";
export type { CapabilitiesInput, CapabilityContextOptions, CapabilityGrantInput } from "./capabilities/context.js";
export { CAPABILITY_NAMES } from "./capabilities/names.js";
export type { CapabilityName } from "./capabilities/names.js";

// The registry and the way to declare extension modules (docs/integration/imports.md).
export { registry, STDLIB_MODULES } from "./stdlib/registry.js";
export type { ModuleInfo, ModuleNamespace } from "./stdlib/registry.js";
export { defineModule, StdlibObject } from "./stdlib/define.js";
export type { ModuleBuilder, ModuleDefinition, FunctionSpec, PropertySpec, ClassSpec } from "./stdlib/define.js";
export { MLError } from "./runtime/errors.js";

// The worker sandbox (docs/security.md, "The worker sandbox"); needs the built package (the pool loads dist/sandbox/worker.js).
export { Sandbox, CodecError, KILL_GRACE_MS, MIN_MEMORY_MB } from "./sandbox/index.js";
export type { SandboxOptions, SandboxRunOptions, SandboxResult, SandboxProgram, SandboxProgramView, SandboxLoadOptions, SandboxFunction } from "./sandbox/index.js";

// Static capability audit (docs/audit.md).
export { auditFile, auditSource, FindingCodes, SEVERITIES } from "./audit/index.js";
export type { AuditOptions, AuditResult, AuditInput, ReachableCapability, CapabilitySite, Finding, FindingCode, AuditSeverity } from "./audit/index.js";
export { auditToJSON } from "./audit/report.js";
export type { AuditJSON } from "./audit/report.js";
