/**
 * `mljs-lang/compiled`: what `mljs compile` output imports to run (docs/compiling.md). A compiled
 * file holds its modules as a {@link CompiledProgram} table; {@link runCompiled} runs it with
 * the host's options as `load` runs a program from source, {@link runMain} as `mljs run` would
 * (process streams, arguments, exit code), when the file is the program Node was started with.
 *
 * ```ts
 * import run from "./out/main.js"; // mljs compile main.ml -o out/main.js
 * const program = await run({ capabilities: ["datetime.now"], limits: { steps: 1e6 } });
 * ```
 * @packageDocumentation
 */
export { runCompiled, isMainModule, COMPILED_FORMAT } from "./host/compiled.js";
export type { CompiledModule, CompiledProgram, CompiledRunOptions } from "./host/compiled.js";
export { runMain } from "./cli/compiled-main.js";
export type { Program } from "./host/program.js";
