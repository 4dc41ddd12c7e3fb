/**
 * Helpers shared by the code generator tests: compile ML source and run the generated function
 * body against a real runtime with capturing sinks.
 */
import { expect } from "vitest";
import { compile, type CompileOptions, type CompileResult } from "../../src/compiler/index.js";
import { createRuntime } from "../../src/runtime/runtime.js";
import { resolveLimits, type Limits } from "../../src/runtime/state.js";
import { MLError } from "../../src/runtime/errors.js";
import type { ExportThunks, ProgramContext, Runtime } from "../../src/runtime/abi.js";

/** The outcome of {@link runML}. */
export interface RunOutcome {
  /** Everything printed. */
  out: string;
  /** The export thunks, when the top level completed. */
  exports: ExportThunks | null;
  /** `Type: message` of an ML error that escaped, or null. */
  error: string | null;
  /** The raw escaped error, if any. */
  raw: unknown;
  rt: Runtime;
  compiled: CompileResult;
}

/** A runtime for one test run, printing into `out`. */
export function testRuntime(out: string[], limits: Limits = {}): Runtime {
  return createRuntime({ limits: resolveLimits(limits), stdout: (t) => out.push(t), stderr: (t) => out.push(t), stdin: null });
}

/** Compiles `source`, failing the test with the diagnostics when it does not compile. */
export function compileOk(source: string, options: CompileOptions = {}): CompileResult {
  const r = compile(source, { filename: "test.ml", ...options });
  if (!r.ok) {
    throw new Error(`does not compile:\n${r.diagnostics.map((d) => `${d.code} ${d.loc.start.line}:${d.loc.start.column} ${d.message}`).join("\n")}`);
  }
  return r;
}

/** Runs compiled function-mode code with `$ctx`. */
export function execute(code: string, ctx: ProgramContext): ExportThunks {
  return new Function("$ctx", code)(ctx) as ExportThunks;
}

/** Compiles and runs `source`; ML errors are captured, not thrown. */
export function runML(source: string, options: { limits?: Limits; sourceMap?: boolean; imports?: Record<string, unknown> } = {}): RunOutcome {
  const compiled = compileOk(source, { sourceMap: options.sourceMap === true });
  const out: string[] = [];
  const rt = testRuntime(out, options.limits);
  const ctx: ProgramContext = {
    rt,
    import(path: readonly string[]): unknown {
      const key = path.join(".");
      if (options.imports && Object.hasOwn(options.imports, key)) return options.imports[key];
      throw new MLError("ImportError", `no module '${key}'`);
    },
  };
  let exports: ExportThunks | null = null;
  let error: string | null = null;
  let raw: unknown = undefined;
  try {
    exports = execute(compiled.code, ctx);
  } catch (e) {
    raw = e;
    error = e instanceof MLError ? `${e.mlType}: ${e.mlMessage}` : `host ${String(e)}`;
  }
  return { out: out.join(""), exports, error, raw, rt, compiled };
}

/** Runs `source` and returns what it printed; fails the test if an error escapes. */
export function output(source: string, limits?: Limits): string {
  const r = runML(source, { limits });
  if (r.error !== null) throw new Error(`unexpected error: ${r.error}\n${r.out}`);
  return r.out;
}

/** Runs `source` and returns the escaping ML error as `Type: message`. */
export function failure(source: string, limits?: Limits): string {
  const r = runML(source, { limits });
  expect(r.error, `expected an error; output:\n${r.out}`).not.toBeNull();
  return r.error!;
}
