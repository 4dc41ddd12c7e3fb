/**
 * A small layout algebra for the formatter (in the style of Wadler's "prettier printer"): the
 * formatter describes the source as a {@link Doc} and {@link layout} chooses where to break lines
 * so that they fit a maximum width.
 *
 * - A `group` is printed on one line when it fits (its `line`s become spaces, `softline`s
 *   nothing), otherwise every line break directly in it is taken.
 * - `hardline` always breaks, and a group containing one cannot be flat, except inside a
 *   `barrier` (a block body): `xs.map(fn(x) => {` stays on one line. `breakParent` forces every
 *   enclosing group up to the nearest barrier to break.
 * - `lineSuffix` text (a trailing `// comment`) is held back and written just before the next
 *   line break, so it always ends its line; a group is not flat when code would follow it on
 *   the line.
 * - A `choice` prints the first of its options whose first line fits (the last one otherwise):
 *   this is how a call keeps `f(a, {` on its line and breaks only its last argument.
 *
 * Pure and free of Node APIs.
 */

/** A layout document. Arrays concatenate. */
export type Doc = string | Doc[] | Group | Indent | Line | LineSuffix | BreakParent | IfBreak | Choice | Barrier;

export interface Group {
  kind: "group";
  contents: Doc;
  /** Set when the group must break (given, or propagated from a `breakParent` inside). */
  break: boolean;
}
interface Indent {
  kind: "indent";
  contents: Doc;
}
interface Line {
  kind: "line";
  /** Prints nothing (instead of a space) when the group is flat. */
  soft: boolean;
  /** Always breaks. */
  hard: boolean;
}
interface LineSuffix {
  kind: "lineSuffix";
  text: string;
}
interface BreakParent {
  kind: "breakParent";
}
interface IfBreak {
  kind: "ifBreak";
  broken: Doc;
  flat: Doc;
}
interface Choice {
  kind: "choice";
  options: Doc[];
}
interface Barrier {
  kind: "barrier";
  contents: Doc;
}

export const line: Doc = { kind: "line", soft: false, hard: false };
export const softline: Doc = { kind: "line", soft: true, hard: false };
export const hardline: Doc = { kind: "line", soft: false, hard: true };
export const breakParent: Doc = { kind: "breakParent" };

export function group(contents: Doc, shouldBreak = false): Group {
  return { kind: "group", contents, break: shouldBreak };
}
export function indent(contents: Doc): Doc {
  return { kind: "indent", contents };
}
export function lineSuffix(text: string): Doc {
  return { kind: "lineSuffix", text };
}
export function ifBreak(broken: Doc, flat: Doc = ""): Doc {
  return { kind: "ifBreak", broken, flat };
}
/** The first option whose first line fits; the last option when none does. */
export function choice(options: Doc[]): Doc {
  return { kind: "choice", options };
}
/** Stops `breakParent` from propagating further out (a block body inside an expression). */
export function barrier(contents: Doc): Doc {
  return { kind: "barrier", contents };
}
export function join(separator: Doc, docs: Doc[]): Doc[] {
  const out: Doc[] = [];
  docs.forEach((d, i) => {
    if (i > 0) out.push(separator);
    out.push(d);
  });
  return out;
}

/**
 * Marks every group that contains a `breakParent` (directly or through a broken inner group) as
 * broken, stopping at barriers and choices (a choice's options are measured, not forced).
 * Returns true when `doc` itself contains a break to propagate.
 */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) {
    let any = false;
    for (const d of doc) if (propagateBreaks(d)) any = true;
    return any;
  }
  switch (doc.kind) {
    case "group":
      if (propagateBreaks(doc.contents)) doc.break = true;
      return doc.break;
    case "indent":
      return propagateBreaks(doc.contents);
    case "breakParent":
      return true;
    case "ifBreak": {
      const a = propagateBreaks(doc.broken);
      const b = propagateBreaks(doc.flat);
      return a || b;
    }
    case "choice":
      for (const o of doc.options) propagateBreaks(o);
      return false;
    case "barrier":
      propagateBreaks(doc.contents);
      return false;
    default:
      return false;
  }
}

const BREAK = 0;
const FLAT = 1;
type Mode = typeof BREAK | typeof FLAT;
type Command = [indentation: number, mode: Mode, doc: Doc];

/** Options of {@link layout}. */
export interface LayoutOptions {
  /** Maximum line width (trailing comments are not counted). */
  width: number;
  /** One indentation level. */
  indent: string;
}

/**
 * Lays `doc` out as text. Lines never end with spaces, and blank lines carry no indentation.
 * Note: `doc` is annotated in place (propagated breaks).
 */
export function layout(doc: Doc, options: LayoutOptions): string {
  propagateBreaks(doc);
  const { width, indent: unit } = options;
  const out: string[] = [];
  let column = 0;
  /** Indentation still to write before the next text on the current line (-1: none). */
  let pendingIndent = -1;
  /** Indentation of the current line. */
  let lineIndent = 0;
  const suffixes: string[] = [];
  const stack: Command[] = [[0, BREAK, doc]];

  const text = (s: string): void => {
    if (s === "") return;
    if (pendingIndent >= 0) {
      const ind = unit.repeat(pendingIndent);
      out.push(ind);
      column = ind.length;
      lineIndent = pendingIndent;
      pendingIndent = -1;
    }
    out.push(s);
    const nl = s.lastIndexOf("\n");
    column = nl === -1 ? column + s.length : s.length - nl - 1;
  };

  /**
   * Writes the held trailing comments before a line break. A `//` comment runs to the end of
   * its line, so a comment held after one goes on a line of its own, indented like the deeper
   * of this line and the next one (`ind`): where it would be read back into.
   */
  const flushSuffixes = (ind: number): void => {
    let afterLineComment = false;
    for (const s of suffixes) {
      if (afterLineComment) {
        out.push("\n");
        pendingIndent = Math.max(lineIndent, ind);
        text(s.trimStart());
      } else {
        text(pendingIndent >= 0 ? s.trimStart() : s);
      }
      afterLineComment = s.trimStart().startsWith("//");
    }
    suffixes.length = 0;
  };

  while (stack.length > 0) {
    const [ind, mode, d] = stack.pop()!;
    if (typeof d === "string") {
      text(d);
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push([ind, mode, d[i]!]);
      continue;
    }
    switch (d.kind) {
      case "group": {
        if (mode === FLAT && !d.break) {
          stack.push([ind, FLAT, d.contents]);
        } else {
          const flat = !d.break && fits([ind, FLAT, d.contents], stack, width - column, suffixes.length > 0);
          stack.push([ind, flat ? FLAT : BREAK, d.contents]);
        }
        break;
      }
      case "indent":
        // Flat, nothing breaks but a block body's lines, which indent from the line they are on.
        stack.push([mode === FLAT ? ind : ind + 1, mode, d.contents]);
        break;
      case "line":
        if (mode === FLAT && !d.hard) {
          text(d.soft ? "" : " ");
        } else {
          flushSuffixes(ind);
          // A space the layout put before the break (tokens and comments never end with one).
          while (out.length > 0 && / $/.test(out[out.length - 1]!)) {
            const trimmed = out[out.length - 1]!.replace(/ +$/, "");
            if (trimmed === "") out.pop();
            else out[out.length - 1] = trimmed;
          }
          out.push("\n");
          column = 0;
          pendingIndent = ind;
        }
        break;
      case "lineSuffix":
        suffixes.push(d.text);
        break;
      case "breakParent":
        break;
      case "ifBreak":
        stack.push([ind, mode, mode === BREAK ? d.broken : d.flat]);
        break;
      case "choice": {
        if (mode === FLAT) {
          stack.push([ind, FLAT, d.options[0]!]);
          break;
        }
        const chosen = d.options.find((o, i) => i === d.options.length - 1 || fits([ind, FLAT, o], stack, width - column, suffixes.length > 0)) ?? "";
        stack.push([ind, BREAK, chosen]);
        break;
      }
      case "barrier":
        // A block body lays out its statements afresh, even inside a flat group.
        stack.push([ind, BREAK, d.contents]);
        break;
    }
  }
  flushSuffixes(0);
  return out.join("");
}

/**
 * True when `next`, followed by the commands in `rest`, fits in `remaining` columns up to the
 * first line break. Groups already marked broken are measured broken (their first break ends the
 * line). It does not fit when, flat, it meets a `breakParent` or a hard line break (a comment
 * on its own line), or code after a trailing comment of its own (`suffix`: one is held already).
 */
function fits(next: Command, rest: readonly Command[], remaining: number, suffix: boolean): boolean {
  const stack: Command[] = [next];
  let restIndex = rest.length;
  /** Measuring what follows `next`: its comments are not held yet and it is not ours to break. */
  let inRest = false;
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      stack.push(rest[--restIndex]!);
      // Breaking `next` cannot move a held comment past code that follows `next`.
      inRest = true;
      suffix = false;
      continue;
    }
    const [ind, mode, d] = stack.pop()!;
    if (typeof d === "string") {
      if (d === "") continue;
      if (suffix) return false;
      const nl = d.indexOf("\n");
      remaining -= nl === -1 ? d.length : nl;
      if (nl !== -1) return remaining >= 0;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push([ind, mode, d[i]!]);
      continue;
    }
    switch (d.kind) {
      case "group":
        stack.push([ind, d.break ? BREAK : mode, d.contents]);
        break;
      case "indent":
        stack.push([ind, mode, d.contents]);
        break;
      case "barrier":
        // A block body: its first line break ends the measured line whatever the mode.
        stack.push([ind, BREAK, d.contents]);
        break;
      case "line":
        if (mode === BREAK) return true;
        if (d.hard) return false;
        if (!d.soft) {
          if (suffix) return false;
          remaining -= 1;
        }
        break;
      case "breakParent":
        if (mode === FLAT) return false;
        break;
      case "ifBreak":
        stack.push([ind, mode, mode === BREAK ? d.broken : d.flat]);
        break;
      case "choice":
        stack.push([ind, mode, mode === BREAK ? d.options.at(-1)! : d.options[0]!]);
        break;
      case "lineSuffix":
        if (!inRest) suffix = true;
        break;
    }
  }
  return false;
}
