/**
 * Highlighting spans of ML source, from the project's own lexer (so `//` after an operand is
 * floor division, exactly as the compiler reads it). Comments are what lies between tokens
 * apart from white space: the lexer skips them, so they are found in the gaps.
 */
import { tokenize } from "../../src/compiler/lexer.js";
import { isKeyword, type Token } from "../../src/compiler/tokens.js";

/** A highlighting class: the CSS class is `ml-<kind>`. */
export type SpanKind = "keyword" | "atom" | "number" | "string" | "comment" | "operator" | "function" | "variable" | "punctuation";

/** One highlighted range, in UTF-16 offsets (`to` exclusive). */
export interface Span {
  readonly from: number;
  readonly to: number;
  readonly kind: SpanKind;
}

const ATOMS: ReadonlySet<string> = new Set(["true", "false", "null"]);
const PUNCTUATION: ReadonlySet<string> = new Set(["(", ")", "[", "]", "{", "}", ",", ";", ".", ":"]);

function kindOf(t: Token, prev: Token | undefined, next: Token | undefined): SpanKind {
  if (t.kind === "Number") return "number";
  if (t.kind === "String") return "string";
  if (t.kind === "Name") {
    if (prev?.kind === "function" || next?.kind === "(") return "function";
    return "variable";
  }
  if (ATOMS.has(t.kind)) return "atom";
  if (isKeyword(t.kind)) return "keyword";
  return PUNCTUATION.has(t.kind) ? "punctuation" : "operator";
}

/** Comment spans in `source[from, to)`: every run that is not white space. */
function gapSpans(source: string, from: number, to: number, out: Span[]): void {
  let i = from;
  while (i < to) {
    while (i < to && /\s/.test(source[i]!)) i++;
    if (i >= to) return;
    let end = i;
    // A comment runs to the end of its line (`//`) or its `*/`; keep whole lines of the gap.
    if (source.startsWith("/*", i)) {
      const close = source.indexOf("*/", i + 2);
      end = close < 0 || close + 2 > to ? to : close + 2;
    } else {
      const nl = source.indexOf("\n", i);
      end = nl < 0 || nl > to ? to : nl;
    }
    out.push({ from: i, to: end, kind: "comment" });
    i = end;
  }
}

/** The highlighting spans of `source`, in order and not overlapping. */
export function highlightSpans(source: string): Span[] {
  const { tokens } = tokenize(source);
  const out: Span[] = [];
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const start = t.start.offset;
    if (start > at) gapSpans(source, at, start, out);
    if (t.kind === "EOF") break;
    const end = Math.max(start, t.end.offset);
    if (end > start) out.push({ from: start, to: end, kind: kindOf(t, tokens[i - 1], tokens[i + 1]) });
    at = Math.max(at, end);
  }
  return out;
}
