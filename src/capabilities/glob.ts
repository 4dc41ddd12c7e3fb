/**
 * Glob matching for capability patterns in O(pattern × text) time, whatever the pattern: the
 * pattern compiles to a small automaton that is run over the text one character at a time with
 * every live state kept at once (no backtracking), so `*a*a*a…b` costs the same as `*b`.
 *
 * The syntax (docs/capabilities.md, "Pattern syntax"), over UTF-16 code units, case-sensitive:
 * - `*`: any run of characters other than `/` (at least one when it is a whole segment);
 * - `**` as a whole segment: any number of segments, none included (`a/**` matches `a`,
 *   `a/**\/b` matches `a/b`); elsewhere `**` is `*`;
 * - `?`: one character other than `/`;
 * - `[abc]`, `[a-z]`, `[!a-z]` or `[^a-z]` (a negated class never matches `/`); `]` first in the
 *   class is a member; no POSIX classes;
 * - `{a,b}`: alternatives, nested up to {@link MAX_BRACE_DEPTH} levels; `{a}` without a comma
 *   is literal text;
 * - `\c`: the character `c` itself. Every other character, an unclosed `[` or `{` included,
 *   stands for itself.
 */

/** Nesting of `{…}` beyond this is literal text (keeps the compiler's recursion shallow). */
export const MAX_BRACE_DEPTH = 16;

// Instructions of the automaton.
const CHAR = 0; // arg: the code unit
const ANY = 1; // one code unit other than '/'
const ALL = 2; // any one code unit
const CLASS = 3; // arg: index of the class
const SPLIT = 4; // continue at pc + 1 and at arg
const JMP = 5; // continue at arg
const MATCH = 6;

const SLASH = 0x2f;
/** Characters that may start glob syntax: text without them matches only itself. */
export const GLOB_SYNTAX = /[*?[{\\]/;

/** A character class: sorted-as-written inclusive ranges, negated or not. */
interface CharClass {
  readonly ranges: readonly number[];
  readonly negated: boolean;
}

type Node =
  | { readonly k: "char"; readonly c: number }
  | { readonly k: "any" }
  | { readonly k: "star"; readonly plus: boolean }
  | { readonly k: "all" }
  | { readonly k: "class"; readonly cls: CharClass }
  | { readonly k: "alt"; readonly alts: Node[][] }
  | { readonly k: "opt"; readonly seq: Node[] };

/** A compiled glob. */
export interface Glob {
  /** The pattern's literal text before its first wildcard: a quick test before the automaton runs. */
  readonly prefix: string;
  /** The automaton for the rest (null when the pattern is literal text). */
  readonly op: Int32Array | null;
  readonly arg: Int32Array | null;
  readonly classes: readonly CharClass[];
}

/**
 * Compiles `pattern` in time linear in its length (brace and bracket partners are found in one
 * pass each, so unclosed `[`/`{` cost nothing extra).
 */
export function compileGlob(pattern: string): Glob {
  // Plain text (most path and variable patterns' literal parts): nothing to compile.
  if (!GLOB_SYNTAX.test(pattern)) return { prefix: pattern, op: null, arg: null, classes: [] };
  const n = pattern.length;
  // escaped[i]: character i follows an unescaped backslash and stands for itself.
  const escaped = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (pattern.charCodeAt(i) === 0x5c && i + 1 < n) {
      escaped[i + 1] = 1;
      i++;
    }
  }
  // nextClose[i]: the first unescaped ']' at or after i (n when none).
  const nextClose = new Int32Array(n + 1);
  nextClose[n] = n;
  for (let i = n - 1; i >= 0; i--) nextClose[i] = pattern.charCodeAt(i) === 0x5d && escaped[i] === 0 ? i : nextClose[i + 1]!;
  // partner[i]: for a brace group's '{', its '}' (-1: the '{' is literal text, being unclosed,
  // without a comma, or nested too deep). owner[i]: for a ',', the '{' whose group it splits.
  const partner = new Int32Array(n).fill(-1);
  const owner = new Int32Array(n).fill(-1);
  const stack: number[] = []; // indices of open '{' (-1 for one nested too deep)
  const split: boolean[] = [];
  for (let i = 0; i < n; i++) {
    if (escaped[i] === 1) continue;
    const c = pattern.charCodeAt(i);
    if (c === 0x7b) {
      stack.push(stack.length < MAX_BRACE_DEPTH ? i : -1);
      split.push(false);
    } else if (c === 0x2c && stack.length > 0 && stack[stack.length - 1]! >= 0) {
      owner[i] = stack[stack.length - 1]!;
      split[split.length - 1] = true;
    } else if (c === 0x7d && stack.length > 0) {
      const open = stack.pop()!;
      if (split.pop()! && open >= 0) partner[open] = i;
    }
  }

  const parse = (start: number, end: number): Node[] => {
    const seq: Node[] = [];
    let i = start;
    while (i < end) {
      const c = pattern.charCodeAt(i);
      if (escaped[i] === 1) {
        seq.push({ k: "char", c });
        i++;
        continue;
      }
      if (c === 0x5c) {
        // A backslash escapes the next character; a trailing one stands for itself.
        if (i + 1 >= end) seq.push({ k: "char", c });
        i++;
        continue;
      }
      if (c === 0x3f) {
        seq.push({ k: "any" });
        i++;
        continue;
      }
      if (c === 0x2a) {
        let j = i;
        while (j < end && pattern.charCodeAt(j) === 0x2a && escaped[j] === 0) j++;
        const before = i === 0 || (pattern.charCodeAt(i - 1) === SLASH && escaped[i - 1] === 0);
        const after = j === n || (pattern.charCodeAt(j) === SLASH && escaped[j] === 0 && j < end);
        if (j - i >= 2 && before && after) {
          const last = seq[seq.length - 1];
          const slashBefore = last !== undefined && last.k === "char" && last.c === SLASH;
          if (j === n) {
            // `a/**`: the slash is optional with the rest, so `a` matches too.
            if (slashBefore) {
              seq.pop();
              seq.push({ k: "opt", seq: [{ k: "char", c: SLASH }, { k: "all" }] });
            } else seq.push({ k: "all" });
            i = j;
          } else {
            // `**/` (leading or middle): nothing, or anything ending in a slash.
            seq.push({ k: "opt", seq: [{ k: "all" }, { k: "char", c: SLASH }] });
            i = j + 1;
          }
        } else {
          // A lone `*` that is a whole segment needs a character (`a/*` does not match `a/`).
          const plus = j === i + 1 && before && (j === n || (pattern.charCodeAt(j) === SLASH && escaped[j] === 0));
          seq.push({ k: "star", plus });
          i = j;
        }
        continue;
      }
      if (c === 0x5b) {
        let from = i + 1;
        const negated = from < end && escaped[from] === 0 && (pattern.charCodeAt(from) === 0x21 || pattern.charCodeAt(from) === 0x5e);
        if (negated) from++;
        const close = from < end ? nextClose[from + 1]! : n;
        if (close < end) {
          seq.push({ k: "class", cls: parseClass(pattern, escaped, from, close, negated) });
          i = close + 1;
          continue;
        }
        seq.push({ k: "char", c });
        i++;
        continue;
      }
      if (c === 0x7b && partner[i]! >= 0 && partner[i]! < end) {
        const close = partner[i]!;
        const alts: Node[][] = [];
        let from = i + 1;
        for (let k = i + 1; k <= close; k++) {
          if (k === close || owner[k] === i) {
            alts.push(parse(from, k));
            from = k + 1;
          }
        }
        seq.push({ k: "alt", alts });
        i = close + 1;
        continue;
      }
      seq.push({ k: "char", c });
      i++;
    }
    return seq;
  };
  const nodes = parse(0, n);
  // The literal prefix: leading plain characters.
  let prefixEnd = 0;
  while (prefixEnd < nodes.length && nodes[prefixEnd]!.k === "char") prefixEnd++;
  let prefix = "";
  for (let i = 0; i < prefixEnd; i++) prefix += String.fromCharCode((nodes[i] as { c: number }).c);
  if (prefixEnd === nodes.length) return { prefix, op: null, arg: null, classes: [] };
  const emitter = new Emitter();
  emitter.seq(nodes, prefixEnd);
  emitter.emit(MATCH, 0);
  return { prefix, op: Int32Array.from(emitter.ops), arg: Int32Array.from(emitter.args), classes: emitter.classes };
}

function parseClass(pattern: string, escaped: Uint8Array, from: number, close: number, negated: boolean): CharClass {
  const ranges: number[] = [];
  let i = from;
  const next = (): number => {
    // A backslash inside a class escapes the next character.
    if (pattern.charCodeAt(i) === 0x5c && escaped[i] === 0 && i + 1 < close) i++;
    return pattern.charCodeAt(i++);
  };
  while (i < close) {
    const lo = next();
    if (i + 1 < close && pattern.charCodeAt(i) === 0x2d && escaped[i] === 0) {
      i++;
      const hi = next();
      ranges.push(lo, hi);
    } else ranges.push(lo, lo);
  }
  return { ranges, negated };
}

class Emitter {
  readonly ops: number[] = [];
  readonly args: number[] = [];
  readonly classes: CharClass[] = [];

  emit(op: number, arg: number): number {
    this.ops.push(op);
    this.args.push(arg);
    return this.ops.length - 1;
  }

  seq(nodes: readonly Node[], from = 0): void {
    for (let i = from; i < nodes.length; i++) this.node(nodes[i]!);
  }

  /** `L: SPLIT body, out; body…; JMP L; out:` — zero or more of `op`. */
  private loop(op: number): void {
    const split = this.emit(SPLIT, 0);
    this.emit(op, 0);
    this.emit(JMP, split);
    this.args[split] = this.ops.length;
  }

  node(node: Node): void {
    switch (node.k) {
      case "char":
        this.emit(CHAR, node.c);
        return;
      case "any":
        this.emit(ANY, 0);
        return;
      case "star":
        if (node.plus) this.emit(ANY, 0);
        this.loop(ANY);
        return;
      case "all":
        this.loop(ALL);
        return;
      case "class":
        this.classes.push(node.cls);
        this.emit(CLASS, this.classes.length - 1);
        return;
      case "opt": {
        const split = this.emit(SPLIT, 0);
        this.seq(node.seq);
        this.args[split] = this.ops.length;
        return;
      }
      case "alt": {
        const jumps: number[] = [];
        for (let a = 0; a < node.alts.length; a++) {
          const last = a === node.alts.length - 1;
          const split = last ? -1 : this.emit(SPLIT, 0);
          this.seq(node.alts[a]!);
          if (!last) {
            jumps.push(this.emit(JMP, 0));
            this.args[split] = this.ops.length;
          }
        }
        for (const j of jumps) this.args[j] = this.ops.length;
        return;
      }
    }
  }
}

/**
 * The work of matching `text` against `glob`, in automaton steps (an upper bound, at least 1):
 * comparing the literal prefix (half a step per character: a budget step per 16), then, when
 * the text holds the prefix, the automaton's size per character after it and once more at the
 * start. A text shorter than the prefix only costs the comparison.
 */
export function globCost(glob: Glob, text: string): number {
  const compared = 1 + (Math.min(text.length, glob.prefix.length) >>> 1);
  if (glob.op === null || text.length < glob.prefix.length) return compared;
  return compared + glob.op.length * (text.length - glob.prefix.length + 1);
}

/**
 * Budget steps for compiling `pattern` with {@link compileGlob}: plain text is one test (a step
 * per 16 characters); anything else builds a node per character and an automaton from them,
 * 100-530 ns per character measured, so 5 steps per character (a step is about 100 ns).
 */
export function globCompileCost(pattern: string): number {
  return GLOB_SYNTAX.test(pattern) ? 5 * pattern.length : 1 + (pattern.length >>> 4);
}

/** Automaton steps a match pays for at a time when it pays as it goes (about 10 000 budget steps). */
const SLICE = 80_000;

function inClass(cls: CharClass, c: number): boolean {
  if (cls.negated && c === SLASH) return false;
  const r = cls.ranges;
  let hit = false;
  for (let i = 0; i < r.length; i += 2) {
    if (c >= r[i]! && c <= r[i + 1]!) {
      hit = true;
      break;
    }
  }
  return hit !== cls.negated;
}

/**
 * Whether all of `text` matches `glob`. With `pay`, the work is reported as it is done, in
 * automaton steps ({@link globCost} in all when the automaton runs to the end of the text): the
 * prefix comparison first, then the automaton's size per character in slices of about
 * {@link SLICE}, each before the characters it covers, so a budget's limits stop a long match
 * part-way.
 */
export function globMatches(glob: Glob, text: string, pay?: (work: number) => void): boolean {
  if (pay !== undefined) pay(1 + (Math.min(text.length, glob.prefix.length) >>> 1));
  if (!text.startsWith(glob.prefix)) return false;
  const op = glob.op;
  if (op === null) return text.length === glob.prefix.length;
  const arg = glob.arg!;
  const size = op.length;
  // Characters paid for in advance: the start's closure (one size) and then slices of text.
  const slice = Math.max(1, Math.floor(SLICE / size));
  let paidTo = pay === undefined ? Infinity : glob.prefix.length;
  if (pay !== undefined) pay(size);
  const s = scratch(size);
  let current = s.a;
  let next = s.b;
  const seen = s.seen;
  const pending = s.pending;
  let generation = s.generation;

  /** Adds `pc` and every state reachable from it without input to `list`; returns the new count. */
  const add = (list: Int32Array, count: number, start: number): number => {
    let top = 0;
    pending[top++] = start;
    while (top > 0) {
      const pc = pending[--top]!;
      if (seen[pc] === generation) continue;
      seen[pc] = generation;
      const o = op[pc]!;
      if (o === JMP) pending[top++] = arg[pc]!;
      else if (o === SPLIT) {
        // Pushed in reverse so the first branch is explored first (order does not change the result).
        pending[top++] = arg[pc]!;
        pending[top++] = pc + 1;
      } else list[count++] = pc;
    }
    return count;
  };

  let count = add(current, 0, 0);
  for (let i = glob.prefix.length; i < text.length && count > 0; i++) {
    if (i === paidTo) {
      const k = Math.min(slice, text.length - i);
      // Should the budget run out here, the next match must start past every generation used.
      s.generation = generation + 1;
      pay!(size * k);
      paidTo = i + k;
    }
    const c = text.charCodeAt(i);
    generation++;
    let nextCount = 0;
    for (let t = 0; t < count; t++) {
      const pc = current[t]!;
      const o = op[pc]!;
      const ok = o === CHAR ? arg[pc] === c : o === ANY ? c !== SLASH : o === ALL ? true : o === CLASS ? inClass(glob.classes[arg[pc]!]!, c) : false;
      if (ok) nextCount = add(next, nextCount, pc + 1);
    }
    const swap = current;
    current = next;
    next = swap;
    count = nextCount;
  }
  s.generation = generation + 1;
  for (let t = 0; t < count; t++) if (op[current[t]!] === MATCH) return true;
  return false;
}

interface Scratch {
  a: Int32Array;
  b: Int32Array;
  /** seen[pc] === generation: pc is already in the list being built. */
  seen: Int32Array;
  pending: Int32Array;
  generation: number;
}

/** Work arrays reused across matches of patterns up to this size (larger ones get their own). */
const SHARED_SCRATCH = 4096;
let shared: Scratch | null = null;

function freshScratch(size: number): Scratch {
  // A state is pushed on `pending` at most once per edge into it.
  return { a: new Int32Array(size), b: new Int32Array(size), seen: new Int32Array(size).fill(-1), pending: new Int32Array(2 * size + 2), generation: 0 };
}

function scratch(size: number): Scratch {
  if (size > SHARED_SCRATCH) return freshScratch(size);
  if (shared === null) shared = freshScratch(SHARED_SCRATCH);
  // Generations only grow; start over long before they could wrap.
  if (shared.generation > 0x3fffffff) {
    shared.seen.fill(-1);
    shared.generation = 0;
  }
  return shared;
}
