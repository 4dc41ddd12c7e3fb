/**
 * Maps the JavaScript stack of an error thrown inside generated code back to ML
 * `file.ml:line:col` frames, through each module's source map.
 *
 * V8 records an error's stack as structured call sites when the error is created and formats it
 * lazily, on first access of `stack`. Reading it once with a `prepareStackTrace` that returns the
 * call sites gives file names, lines and columns without parsing text, whatever formatter the
 * host installed. When the stack was already formatted (someone read it first) the text is
 * parsed instead.
 */
import { originalPosition, type SourceMapReader } from "./sourcemap.js";
import type { MLStackFrame } from "./errors.js";
import { demangle } from "../compiler/mangle.js";
import { isRaisedOnEntry } from "../runtime/errors.js";

/** What the stack mapper needs to know about one loaded module. */
export interface MappedModule {
  /** The ML file name shown in frames. */
  readonly file: string;
  /** Lines of wrapper code in front of the generated body (frames are shifted by this much). */
  readonly lineOffset: number;
  /** The module's source map, built on demand (maps are only needed when an error escapes). */
  map(): SourceMapReader;
  /**
   * For generated code holding several ML modules (`mljs compile` output, one map with several
   * sources): the file shown for a frame the map places in `source`. Absent: every frame is in `file`.
   */
  fileOf?(source: string): string;
}

interface RawFrame {
  fileName: string | null;
  line: number | null;
  column: number | null;
  functionName: string | null;
}

/** The name generated code gives the function holding a module's top-level code. */
export const MODULE_FUNCTION_NAME = "$module";

/** ML frames kept (a RecursionError captures its whole recursion, 1000 calls by default). */
const MAX_FRAMES = 2048;

/**
 * ML frames of `error`, innermost first, for frames that lie in one of `modules` (keyed by the
 * generated code's file name). Frames of the runtime and the host are dropped.
 */
export function mlStackOf(error: unknown, modules: ReadonlyMap<string, MappedModule>): MLStackFrame[] {
  if (typeof error !== "object" || error === null) return [];
  // An error about how a function was called (arity, recursion depth) is raised on the callee's
  // first line: report its caller's frame, the call, when there is one.
  const fromCall = isRaisedOnEntry(error);
  const limit = fromCall ? MAX_FRAMES + 1 : MAX_FRAMES;
  const frames: MLStackFrame[] = [];
  for (const raw of rawFrames(error)) {
    if (raw.fileName === null || raw.line === null || raw.column === null) continue;
    const mod = modules.get(raw.fileName);
    if (mod === undefined) continue;
    const genLine = raw.line - mod.lineOffset;
    if (genLine < 1) continue;
    const pos = originalPosition(mod.map(), genLine, raw.column - 1);
    if (pos.line === null || pos.column === null) continue;
    frames.push({
      function: frameName(raw.functionName),
      file: pos.source !== null && mod.fileOf !== undefined ? mod.fileOf(pos.source) : mod.file,
      line: pos.line,
      column: pos.column + 1,
    });
    if (frames.length >= limit) break;
  }
  if (fromCall && frames.length > 1) frames.shift();
  return frames;
}

function frameName(jsName: string | null): string {
  if (jsName === MODULE_FUNCTION_NAME) return "<module>";
  if (jsName === null || jsName === "") return "<fn>";
  return demangle(jsName);
}

const SITES: unique symbol = Symbol("mljs.callSites");

function rawFrames(error: object): RawFrame[] {
  const cached = (error as { [SITES]?: RawFrame[] })[SITES];
  if (cached) return cached;
  const desc = Object.getOwnPropertyDescriptor(error, "stack");
  let frames: RawFrame[] = [];
  const ErrorCtor = Error as ErrorConstructor & { prepareStackTrace?: unknown };
  const previous = ErrorCtor.prepareStackTrace;
  try {
    ErrorCtor.prepareStackTrace = (_e: unknown, sites: NodeJS.CallSite[]) => sites;
    const value = desc && "get" in desc && desc.get ? desc.get.call(error) : (error as { stack?: unknown }).stack;
    if (Array.isArray(value)) {
      frames = value.map((s: NodeJS.CallSite) => ({
        // Code evaluated with a `//# sourceURL` (the browser playground's loader) has no file name.
        fileName: s.getFileName() ?? s.getScriptNameOrSourceURL() ?? null,
        line: s.getLineNumber(),
        column: s.getColumnNumber(),
        functionName: s.getFunctionName(),
      }));
      // Accessing `stack` stored the call-site array as the error's stack; give it back its text.
      Object.defineProperty(error, "stack", {
        value: formatFrames(error, frames),
        writable: true,
        configurable: true,
        enumerable: false,
      });
    } else if (typeof value === "string") {
      frames = parseStackText(value);
    }
  } catch {
    frames = [];
  } finally {
    ErrorCtor.prepareStackTrace = previous;
  }
  Object.defineProperty(error, SITES, { value: frames, enumerable: false, configurable: true });
  return frames;
}

function formatFrames(error: object, frames: RawFrame[]): string {
  const head = String((error as { name?: unknown }).name ?? "Error") + ": " + String((error as { message?: unknown }).message ?? "");
  return head + frames.map((f) => `\n    at ${f.functionName ?? "<anonymous>"} (${f.fileName}:${f.line}:${f.column})`).join("");
}

const FRAME_LINE = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

function parseStackText(text: string): RawFrame[] {
  const out: RawFrame[] = [];
  for (const line of text.split("\n")) {
    const m = FRAME_LINE.exec(line);
    if (!m) continue;
    out.push({ functionName: m[1] ?? null, fileName: m[2] ?? null, line: Number(m[3]), column: Number(m[4]) });
  }
  return out;
}
