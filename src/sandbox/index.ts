/**
 * The worker sandbox (docs/security.md, "The worker sandbox"): `new Sandbox(options)`, `run`, `execute`, `load` (a {@link SandboxProgram}), `close`.
 * Works from the built package only (the pool forks `dist/sandbox/worker.js`).
 */
export { Sandbox, KILL_GRACE_MS, MIN_MEMORY_MB, sizeLimitsFor } from "./sandbox.js";
export type { SandboxOptions, SandboxRunOptions, SandboxResult } from "./sandbox.js";
export type { SandboxProgram, SandboxLoadOptions, SandboxProgramView, SandboxFunction } from "./programs.js";
export { CodecError, MAX_DEPTH } from "./codec.js";
