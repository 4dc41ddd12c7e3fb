/**
 * Code frames: source lines with line numbers and a caret under a span, for diagnostics and
 * runtime errors. Pure (no Node APIs); ANSI colours only when asked for.
 *
 * ```
 * error[ML2001]: unknown name 'cout'
 *   --> main.ml:3:5
 *    |
 *  3 | x = cout + 1;
 *    |     ^^^^
 *    = help: did you mean 'count'?
 * ```
 */
import type { SourceLocation } from "./ast.js";
import type { Diagnostic } from "./diagnostics.js";

/** Options for {@link formatCodeFrame}. */
export interface CodeFrameOptions {
  /** Use ANSI colours (default false). */
  color?: boolean;
  /** Lines of context shown before and after the span (default 2). */
  contextLines?: number;
}

const ansi = {
  bold: (s: string, on: boolean) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  red: (s: string, on: boolean) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  yellow: (s: string, on: boolean) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  blue: (s: string, on: boolean) => (on ? `\x1b[34m${s}\x1b[39m` : s),
  cyan: (s: string, on: boolean) => (on ? `\x1b[36m${s}\x1b[39m` : s),
};

/**
 * Renders the lines around `loc` with line numbers and a `^~~~` marker under the span (on its
 * first line; a span reaching past that line is marked to the end of the line). Lines and
 * columns are 1-based, as in the AST; positions outside the source are clamped to it.
 *
 * @returns the frame, lines joined by `\n`, without a trailing newline
 */
export function formatCodeFrame(source: string, loc: SourceLocation, options: CodeFrameOptions = {}): string {
  const lines = linesOf(source);
  const context = Math.max(0, options.contextLines ?? 2);
  const line = clampLine(loc.start.line, lines.length);
  const width = String(Math.min(lines.length, line + context)).length;
  return renderFrame(lines, loc, context, width, options.color === true, "~", "red").join("\n");
}

/**
 * Renders a diagnostic: `severity[code]: message`, the `--> file:line:col` pointer, the source
 * line with a `^^^^` marker under the span, and the suggestion as `= help: …`.
 *
 * @returns the text, lines joined by `\n`, without a trailing newline
 */
export function formatDiagnostic(d: Diagnostic, source: string, options: { color?: boolean } = {}): string {
  const color = options.color === true;
  const lines = linesOf(source);
  const width = String(clampLine(d.loc.start.line, lines.length)).length;
  const pad = " ".repeat(width + 1);
  const tint = d.severity === "error" ? "red" : "yellow";
  const out = [
    `${ansi.bold(ansi[tint](`${d.severity}[${d.code}]`, color), color)}${ansi.bold(`: ${d.message}`, color)}`,
    `${pad}${ansi.blue("-->", color)} ${d.file}:${d.loc.start.line}:${d.loc.start.column}`,
    ansi.blue(`${pad} |`, color),
    ...renderFrame(lines, d.loc, 0, width, color, "^", tint),
  ];
  if (d.suggestion !== undefined) out.push(`${pad} ${ansi.blue("=", color)} ${ansi.bold("help", color)}: ${d.suggestion}`);
  return out.join("\n");
}

/**
 * Source lines shown of a line longer than this: a window around the span, with `…` where the
 * line is cut, so a frame's size does not grow with the line's.
 */
export const MAX_FRAME_WIDTH = 160;

/** Characters shown before the span's start when a long line is cut. */
const FRAME_LEAD = 60;

/** The lines of a source, found by one scan. */
interface SourceLines {
  readonly source: string;
  /** Offset where each line starts, and one past the end. */
  readonly starts: number[];
  readonly length: number;
  /** Line `n` (1-based) without its line break. */
  text(n: number): string;
}

/** The last source indexed: formatting many diagnostics of one file scans it once. */
let lastLines: SourceLines | null = null;

/** Source lines; CRLF, LF and a lone CR each end a line, as in the lexer. */
function linesOf(source: string): SourceLines {
  if (lastLines !== null && lastLines.source === source) return lastLines;
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  starts.push(source.length + 1);
  lastLines = {
    source,
    starts,
    length: starts.length - 1,
    text(n) {
      const start = starts[n - 1]!;
      let end = starts[n]! - 1; // before the line break (or at the end of the source)
      if (end > start && source.charCodeAt(end - 1) === 13) end--;
      return source.slice(start, Math.max(start, end));
    },
  };
  return lastLines;
}

function clampLine(line: number, count: number): number {
  return Math.min(Math.max(1, line), count);
}

/**
 * The numbered lines `[line - context, line + context]` with the marker line after the span's
 * line. `width` is the width of the line-number column.
 */
function renderFrame(
  lines: SourceLines,
  loc: SourceLocation,
  context: number,
  width: number,
  color: boolean,
  rest: "~" | "^",
  tint: "red" | "yellow",
): string[] {
  const line = clampLine(loc.start.line, lines.length);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const out: string[] = [];
  const lineText = lines.text(line);
  const startCol = line === loc.start.line ? Math.max(1, loc.start.column) : 1;
  // Columns [from, to) of every line are shown: all of them unless the span's line is too long.
  const from = lineText.length <= MAX_FRAME_WIDTH ? 0 : Math.max(0, Math.min(startCol - 1, lineText.length) - FRAME_LEAD);
  const to = from + MAX_FRAME_WIDTH;
  for (let n = first; n <= last; n++) {
    const full = lines.text(n);
    const text = (from > 0 ? "…" : "") + full.slice(from, to) + (full.length > to ? "…" : "");
    out.push(`${ansi.blue(` ${String(n).padStart(width)} |`, color)}${text === "" ? "" : ` ${text}`}`.trimEnd());
    if (n !== line) continue;
    const before = (from > 0 ? " " : "") + full.slice(from, Math.min(startCol - 1, to));
    // Keep tabs so the marker lines up with the text above it however tabs are displayed.
    const indent = before.replace(/[^\t]/g, " ") + " ".repeat(Math.max(0, Math.min(startCol - 1, to) - from - before.length + (from > 0 ? 1 : 0)));
    const spanEnd = loc.end.line === loc.start.line ? loc.end.column : full.length + 1;
    const length = Math.max(1, Math.min(spanEnd, to + 1) - Math.max(startCol, from + 1));
    const marker = `^${rest.repeat(length - 1)}`;
    out.push(`${ansi.blue(`${" ".repeat(width + 1)} |`, color)} ${indent}${ansi.bold(ansi[tint](marker, color), color)}`);
  }
  return out;
}
