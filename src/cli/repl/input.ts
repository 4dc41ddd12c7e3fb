/**
 * When is REPL input complete? The REPL reads lines until the input parses, or fails to parse
 * for a reason other than having ended too early (an open bracket, brace or string, an operator
 * waiting for its operand). A statement left without its `;` at the end of a line is accepted:
 * the `;` is inserted there (so `x * 2` on the last line is a statement).
 */
import { parse } from "../../compiler/index.js";
import type { Diagnostic } from "../../compiler/diagnostics.js";

/** What the REPL does with the input read so far. */
export type PreparedInput =
  /** More lines are needed. */
  | { kind: "incomplete" }
  /** Ready to evaluate: `source` is the input with the `;`s at line ends filled in. */
  | { kind: "complete"; source: string };

/** Most `;` insertion rounds (each fills in every `;` the parse found missing). */
const MAX_ROUNDS = 20;

/** Most parses {@link endLines} makes (beyond, lines are left as they are). */
const MAX_LINE_PARSES = 200;

/** Decides whether `source` is complete (see the file comment). Parses only: nothing runs. */
export function prepareInput(source: string): PreparedInput {
  let text = endLines(source);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const errors = parse(text, "<repl>").diagnostics.filter((d) => d.severity === "error");
    const missing = errors.filter((d) => isMissingSemicolonAtLineEnd(d, text));
    if (missing.length === 0) {
      return errors.some((d) => endedTooEarly(d)) ? { kind: "incomplete" } : { kind: "complete", source: text };
    }
    const offsets = [...new Set(missing.map((d) => d.loc.start.offset))].sort((a, b) => b - a);
    for (const at of offsets) text = `${text.slice(0, at)};${text.slice(at)}`;
  }
  return { kind: "complete", source: text };
}

/** "expected ';' …" where nothing but blanks or a line comment follows on the line. */
function isMissingSemicolonAtLineEnd(d: Diagnostic, text: string): boolean {
  if (!d.message.startsWith("expected ';'")) return false;
  return /^[ \t]*(\/\/[^\n]*)?(\r?\n|$)/.test(text.slice(d.loc.start.offset));
}

/** An error that more input could fix: the parser met the end while something was open. */
function endedTooEarly(d: Diagnostic): boolean {
  return /found end of input|unterminated (block comment|comment|template)/.test(d.message);
}

/**
 * A line that completes a statement ends it: `print(1)` then `[1, 2]` on the next line are two
 * statements, not an index expression. Each line that does not end in `;`, `{`, `}`, `,` or an
 * operator is tried: when the text since the last statement end parses but for its final `;`,
 * the `;` is added there.
 */
function endLines(source: string): string {
  const lines = source.split("\n");
  const out: string[] = [];
  let chunk: string[] = [];
  let parses = 0;
  lines.forEach((line) => {
    chunk.push(line);
    const end = line.trimEnd();
    if (end === "" || /[;{},([+\-*/%=<>!&|.:?]$/.test(end) || parses >= MAX_LINE_PARSES) return;
    parses++;
    const text = chunk.join("\n");
    const errors = parse(text, "<repl>").diagnostics.filter((d) => d.severity === "error");
    if (errors.length === 1 && errors[0]!.message.startsWith("expected ';'") && /found end of input/.test(errors[0]!.message)) {
      chunk[chunk.length - 1] = `${end};${line.slice(end.length)}`;
    } else if (errors.length > 0) {
      return; // unfinished (or wrong): the next lines may complete it
    }
    out.push(...chunk);
    chunk = [];
  });
  out.push(...chunk);
  return out.join("\n");
}
