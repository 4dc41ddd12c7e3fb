/**
 * Errors the host API rejects with: {@link MLCompileError} (all diagnostics of a failed
 * compile or import resolution) and {@link MLRuntimeError} (an ML error that escaped to the
 * host, with its ML stack).
 */
import type { Diagnostic } from "../compiler/diagnostics.js";
import { formatDiagnostic } from "../compiler/codeframe.js";

/** One frame of an ML stack trace. */
export interface MLStackFrame {
  /** The ML function name, or `<module>` for top-level code, `<fn>` for an anonymous arrow. */
  function: string;
  /** The ML file as the host named it. */
  file: string;
  line: number;
  column: number;
}

/** Compilation (or import resolution) failed; `diagnostics` holds every problem found. */
export class MLCompileError extends Error {
  /** Every error and warning, in file and position order. */
  readonly diagnostics: readonly Diagnostic[];

  /**
   * @param diagnostics all diagnostics of the failed compile
   * @param sources file name → source text, used to render code frames in `message`
   */
  constructor(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string> = new Map()) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const shown = errors.length > 0 ? errors : diagnostics;
    const rendered = shown.map((d) => {
      const src = sources.get(d.file);
      return src === undefined
        ? `${d.file}:${d.loc.start.line}:${d.loc.start.column}: ${d.severity}[${d.code}]: ${d.message}`
        : formatDiagnostic(d, src, { color: false });
    });
    const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
    super(`ML compilation failed with ${count}:\n${rendered.join("\n")}`);
    this.diagnostics = Object.freeze([...diagnostics]);
  }
}
MLCompileError.prototype.name = "MLCompileError";

/** An ML runtime error that reached the host. */
export class MLRuntimeError extends Error {
  /** The ML error type, e.g. `"IndexError"` (docs/language/reference.md §11), or the `type` of a thrown object. */
  readonly mlType: string;
  /** The ML message alone, e.g. `"list index out of range"`. */
  readonly mlMessage: string;
  /** Innermost frame first. Empty when the error did not come from ML code. */
  readonly mlStack: readonly MLStackFrame[];
  /** The value an ML `throw` threw (plain data), when there was one. */
  readonly value: unknown;

  constructor(
    mlType: string,
    mlMessage: string,
    mlStack: readonly MLStackFrame[],
    options: { cause?: unknown; value?: unknown } = {},
  ) {
    const top = mlStack[0];
    const where = top ? ` (at ${top.file}:${top.line}:${top.column})` : "";
    super(`${mlType}: ${mlMessage}${where}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.mlType = mlType;
    this.mlMessage = mlMessage;
    this.mlStack = Object.freeze(mlStack.map((f) => Object.freeze({ ...f })));
    this.value = options.value;
    // The ML stack is what a user needs; the JavaScript frames of generated code are noise.
    this.stack = `${this.name}: ${this.message}${formatMLStack(this.mlStack)}`;
  }
}
MLRuntimeError.prototype.name = "MLRuntimeError";

/** Renders frames as `\n    at f (file.ml:3:7)` lines, innermost first. */
export function formatMLStack(frames: readonly MLStackFrame[]): string {
  return frames.map((f) => `\n    at ${f.function} (${f.file}:${f.line}:${f.column})`).join("");
}
