/**
 * `path.glob` patterns, matched in time linear in the pattern and the path (no backtracking:
 * `*a*a*a…b` against a long name costs what `*b` does).
 *
 * A pattern is cut at `/` into segments. `**` alone is a globstar: any number of path segments,
 * none included. Any other segment is a glob of one name (`*`, `?`, `[…]`, `{a,b}`, `\c`),
 * compiled to the automaton of capabilities/glob.ts. Braces whose alternatives hold a `/`
 * (`{src/a,test}/*.ts`) are expanded first, up to {@link MAX_ALTERNATIVES} patterns.
 *
 * Names starting with a dot match only a segment that names the dot itself (one starting with
 * `.`, `\.`, `[` or `{`), and a globstar never crosses them, as with the usual `dot: false`
 * rule of shell globs.
 */
import type { Budget } from "../../runtime/abi.js";
import { charge } from "../../runtime/limits.js";
import { compileGlob, globCompileCost, globCost, globMatches, MAX_BRACE_DEPTH, type Glob } from "../../capabilities/glob.js";
import { valueError } from "./arguments.js";
import { textCost } from "./cost.js";

/** Automaton steps per budget step (one automaton step is about 10 ns), as capability patterns count. */
const AUTOMATON_STEPS_PER_STEP = 8;

/** Most patterns a pattern's `/`-holding braces may expand to. */
export const MAX_ALTERNATIVES = 256;

/**
 * A segment: a glob of one name and whether it may match a name starting with a dot (it starts
 * with `.`, `\.`, `[` or `{`, which can spell the dot), or `null` for a globstar.
 */
type Segment = { readonly glob: Glob; readonly dot: boolean } | null;

/** A compiled pattern: its alternatives, each a list of segments. */
export interface PathGlob {
  readonly alternatives: readonly (readonly Segment[])[];
}

const DOT = 0x2e;

/** The index of the `}` closing the `{` at `open` (escapes and nesting respected), or -1. */
function closingBrace(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return i;
  }
  return -1;
}

/** The alternatives of the brace group `p[open..close]`, cut at its top-level commas. */
function alternativesOf(p: string, open: number, close: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < close; i++) {
    const c = p.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d) depth--;
    else if (c === 0x2c && depth === 0) {
      out.push(p.slice(start, i));
      start = i + 1;
    }
  }
  out.push(p.slice(start, close));
  return out;
}

/**
 * `p` with every brace group that holds a `/` and a comma expanded into separate patterns.
 * Each call scans its pattern from the start (a few passes), charged to `b` before it does.
 */
function expandSlashBraces(p: string, out: string[], b: Budget, depth = 0): void {
  if (depth > MAX_BRACE_DEPTH) throw valueError(`path.glob() pattern nests braces more than ${MAX_BRACE_DEPTH} deep`);
  charge(b, 1 + 2 * textCost(p.length));
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 0x5c) {
      i++;
      continue;
    }
    if (c !== 0x7b) continue;
    const close = closingBrace(p, i);
    if (close < 0) return void out.push(p); // unclosed: the rest is literal text
    const inner = p.slice(i + 1, close);
    const alternatives = alternativesOf(p, i, close);
    if (!inner.includes("/") || alternatives.length < 2) {
      i = close;
      continue;
    }
    for (const alt of alternatives) {
      expandSlashBraces(p.slice(0, i) + alt + p.slice(close + 1), out, b, depth + 1);
      if (out.length > MAX_ALTERNATIVES) {
        throw valueError(`path.glob() pattern expands to more than ${MAX_ALTERNATIVES} patterns`);
      }
    }
    return;
  }
  out.push(p);
}

/**
 * Compiles a `path.glob` pattern (the part after its literal leading directories), charging `b`
 * for each scan of it while braces are expanded, a step per 16 characters of each pattern it
 * expands to, and what compiling each segment costs (glob.ts `globCompileCost`) before it is
 * compiled.
 */
export function compilePathGlob(pattern: string, b: Budget): PathGlob {
  const expanded: string[] = [];
  expandSlashBraces(pattern, expanded, b);
  charge(b, textCost(expanded.reduce((n, p) => n + p.length, 0)));
  const alternatives = expanded.map((p) => {
    const segments: Segment[] = [];
    for (const part of p.split("/")) {
      if (part === "**") {
        // Consecutive globstars match what one does.
        if (segments.length === 0 || segments[segments.length - 1] !== null) segments.push(null);
      } else {
        const c = part.charCodeAt(0);
        const dot = c === DOT || c === 0x5b || c === 0x7b || (c === 0x5c && part.charCodeAt(1) === DOT);
        charge(b, globCompileCost(part));
        segments.push({ glob: compileGlob(part), dot });
      }
    }
    return segments;
  });
  return { alternatives };
}

/**
 * Whether the relative path `rel` ("/"-separated) matches `pattern`. Charges `b` a step per
 * (pattern segment, path segment) pair tried and per 8 automaton steps of each name matched.
 */
export function pathGlobMatches(pattern: PathGlob, rel: string, b: Budget): boolean {
  const alternatives = pattern.alternatives;
  if (alternatives.length === 1 && alternatives[0]!.length === 1 && !rel.includes("/")) {
    // One name against one segment (`*.txt`): no table of positions needed.
    const segment = alternatives[0]![0]!;
    if (segment === null) return rel.charCodeAt(0) !== DOT;
    charge(b, 2 + Math.ceil(globCost(segment.glob, rel) / AUTOMATON_STEPS_PER_STEP));
    return (rel.charCodeAt(0) !== DOT || segment.dot) && globMatches(segment.glob, rel);
  }
  const names = rel.split("/");
  const n = names.length;
  for (const segments of alternatives) {
    // A table of reachable positions per segment: two arrays and a pass over them.
    charge(b, 4 * segments.length * (n + 1));
    let reach = new Uint8Array(n + 1);
    reach[0] = 1;
    for (const segment of segments) {
      const next = new Uint8Array(n + 1);
      if (segment === null) {
        // Any run of names after a reachable position, stopping before a dot name.
        let carry = false;
        for (let i = 0; i <= n; i++) {
          if (reach[i] === 1) carry = true;
          if (carry) next[i] = 1;
          if (i < n && names[i]!.charCodeAt(0) === DOT) carry = false;
        }
      } else {
        for (let i = 0; i < n; i++) {
          if (reach[i] !== 1) continue;
          const name = names[i]!;
          if (name.charCodeAt(0) === DOT && !segment.dot) continue;
          charge(b, Math.ceil(globCost(segment.glob, name) / AUTOMATON_STEPS_PER_STEP));
          if (globMatches(segment.glob, name)) next[i + 1] = 1;
        }
      }
      reach = next;
    }
    if (reach[n] === 1) return true;
  }
  return false;
}
