/**
 * Errors the host API rejects with: {@link MLCompileError} (all diagnostics of a failed
 * compile or import resolution) and {@link MLRuntimeError} (an ML error that escaped to the
 * host, with its ML stack).
 */
import type { Diagnostic } from "../compiler/diagnostics.js";
import { formatDiagnostic } from "../compiler/codeframe.js";

/**
 * One frame of an ML stack trace. The frames of an {@link MLRuntimeError} are frozen plain data
 * (they survive `JSON.stringify` and structured clone) with a non-enumerable `toString()` that
 * renders `f (file.ml:3:7)`.
 */
export interface MLStackFrame {
  /** The ML function name, or `<module>` for top-level code, `<fn>` for an anonymous arrow. */
  function: string;
  /** The ML file as the host named it. */
  file: string;
  line: number;
  column: number;
}

/** `f (file.ml:3:7)`. */
export function formatFrame(f: MLStackFrame): string {
  return `${f.function} (${f.file}:${f.line}:${f.column})`;
}

function frameToString(this: MLStackFrame): string {
  return formatFrame(this);
}

/** A frozen copy of `f` with the non-enumerable `toString()` of {@link MLStackFrame}. */
export function stackFrame(f: MLStackFrame): MLStackFrame {
  const frame = { function: f.function, file: f.file, line: f.line, column: f.column };
  Object.defineProperty(frame, "toString", { value: frameToString, enumerable: false, writable: false, configurable: false });
  return Object.freeze(frame);
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
  /**
   * What the host may know beyond the ML message, e.g. `resolved to /srv/app/data/events.json`
   * for a missing file the program named `data/events.json` (ML code never sees it).
   */
  readonly note: string | undefined;

  constructor(
    mlType: string,
    mlMessage: string,
    mlStack: readonly MLStackFrame[],
    options: { cause?: unknown; value?: unknown; note?: string } = {},
  ) {
    const top = mlStack[0];
    const where = top ? ` (at ${top.file}:${top.line}:${top.column})` : "";
    const note = options.note === undefined ? "" : ` (${options.note})`;
    super(`${mlType}: ${mlMessage}${note}${where}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.mlType = mlType;
    this.mlMessage = mlMessage;
    this.note = options.note;
    this.mlStack = Object.freeze(mlStack.map(stackFrame));
    this.value = options.value;
    // The ML stack is what a user needs; the JavaScript frames of generated code are noise.
    this.stack = `${this.name}: ${this.message}${formatMLStack(this.mlStack)}`;
  }
}
MLRuntimeError.prototype.name = "MLRuntimeError";

/**
 * Renders frames as `\n    at f (file.ml:3:7)` lines, innermost first, with runs of repeated
 * frames (deep recursion) collapsed.
 */
export function formatMLStack(frames: readonly MLStackFrame[]): string {
  return collapseFrames(frames).map((line) => `\n    ${line}`).join("");
}

/** The longest cycle of frames (mutual recursion) that {@link collapseFrames} recognises. */
const MAX_CYCLE = 4;
/** Repeats needed before a cycle is collapsed (a frame appearing twice is shown twice). */
const MIN_REPEATS = 3;

/**
 * The lines of a stack trace, innermost first: `at f (file.ml:3:7)` per frame, except that a
 * frame or cycle of up to four frames repeated three times or more is shown once, followed by
 * `... previous frame repeated 29 more times` (or `... previous 2 frames repeated …`).
 */
export function collapseFrames(frames: readonly MLStackFrame[]): string[] {
  const keys = frames.map(formatFrame);
  const lines: string[] = [];
  let i = 0;
  while (i < keys.length) {
    let best: { size: number; repeats: number } | null = null;
    for (let size = 1; size <= MAX_CYCLE && i + size * MIN_REPEATS <= keys.length; size++) {
      let repeats = 1;
      while (i + (repeats + 1) * size <= keys.length && sameRun(keys, i, i + repeats * size, size)) repeats++;
      if (repeats >= MIN_REPEATS && (best === null || repeats * size > best.repeats * best.size)) best = { size, repeats };
    }
    if (best === null) {
      lines.push(`at ${keys[i]}`);
      i++;
      continue;
    }
    for (let k = 0; k < best.size; k++) lines.push(`at ${keys[i + k]}`);
    const what = best.size === 1 ? "previous frame" : `previous ${best.size} frames`;
    const more = best.repeats - 1;
    lines.push(`... ${what} repeated ${more} more time${more === 1 ? "" : "s"}`);
    i += best.size * best.repeats;
  }
  return lines;
}

function sameRun(keys: readonly string[], a: number, b: number, size: number): boolean {
  for (let k = 0; k < size; k++) if (keys[a + k] !== keys[b + k]) return false;
  return true;
}
