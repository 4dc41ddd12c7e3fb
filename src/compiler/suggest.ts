/**
 * "Did you mean …?" suggestions for unknown names, modules and keywords.
 * Pure (no Node APIs).
 *
 * A search is bounded whatever the input: names longer than {@link MAX_SUGGESTION_NAME_LENGTH}
 * get only case-only suggestions (a hash lookup), at most {@link MAX_SUGGESTION_CANDIDATES}
 * candidates of a close length are compared, and each comparison computes only a band of width
 * at most 7 of the edit-distance table. So a search costs O(name length + candidates' buckets
 * looked up), never O(candidates), once its {@link CandidateSet}s are built.
 */

/** Names longer than this are only matched against candidates differing in letter case. */
export const MAX_SUGGESTION_NAME_LENGTH = 64;

/** Candidates (of a close enough length) looked at per search; the rest are ignored. */
export const MAX_SUGGESTION_CANDIDATES = 750;

/**
 * Work done by suggestion searches since the module was loaded: `candidates` counts the
 * candidates looked at (each is at most one bounded edit-distance computation). Tests read it to
 * show the search is bounded; nothing else depends on it.
 */
export const suggestionStats = { candidates: 0 };

/**
 * Names that may be suggested, in order of preference for ties, indexed by length and by their
 * lower-case spelling. Building one is linear in the names' total length.
 */
export class CandidateSet {
  /** The names, in order. */
  private readonly names: string[] = [];
  private readonly lowers: string[] = [];
  /** Length → indexes into {@link names}, increasing. */
  private readonly byLength = new Map<number, number[]>();
  /** Lower-case spelling → the first two names with it (one may equal the name searched for). */
  private readonly byLower = new Map<string, string[]>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const i = this.names.length;
      const lower = name.toLowerCase();
      this.names.push(name);
      this.lowers.push(lower);
      const bucket = this.byLength.get(name.length);
      if (bucket === undefined) this.byLength.set(name.length, [i]);
      else bucket.push(i);
      const same = this.byLower.get(lower);
      if (same === undefined) this.byLower.set(lower, [name]);
      else if (same.length < 2 && same[0] !== name) same.push(name);
    }
  }

  /** The first name spelt as `lower` in lower case, other than `name` itself. */
  caseVariant(lower: string, name: string): string | undefined {
    const same = this.byLower.get(lower);
    if (same === undefined) return undefined;
    return same[0] !== name ? same[0] : same[1];
  }

  /**
   * Calls `visit(name, lowerName)` for the names whose length is within `limit` of `length`, in
   * order, until it returns false.
   */
  forEachNear(length: number, limit: number, visit: (name: string, lower: string) => boolean): void {
    const buckets: number[][] = [];
    for (let l = Math.max(0, length - limit); l <= length + limit; l++) {
      const b = this.byLength.get(l);
      if (b !== undefined) buckets.push(b);
    }
    if (buckets.length === 0) return;
    // Merge the buckets by index, so ties go to the name that comes first, as in one list.
    const heads = new Array<number>(buckets.length).fill(0);
    for (;;) {
      let pick = -1;
      let best = Infinity;
      for (let k = 0; k < buckets.length; k++) {
        const i = buckets[k]![heads[k]!];
        if (i !== undefined && i < best) {
          best = i;
          pick = k;
        }
      }
      if (pick < 0) return;
      heads[pick]!++;
      if (!visit(this.names[best]!, this.lowers[best]!)) return;
    }
  }
}

/**
 * The largest edit distance accepted for a name of `length` characters: 1 up to 4 characters
 * (two edits in a four-letter word leave too little of it: `days` is not a typo of `keys`), 2 up
 * to 6, and 3 beyond.
 */
function suggestionLimit(length: number): number {
  return length <= 4 ? 1 : length <= 6 ? 2 : 3;
}

/**
 * The candidate closest to `name` by edit distance (Damerau-Levenshtein: insertions, deletions,
 * substitutions and swaps of adjacent characters), or undefined when none is close enough.
 *
 * A candidate differing only in letter case always qualifies. Otherwise the distance may be at
 * most 1 for names up to 4 characters, 2 up to 6, and 3 beyond — more than 1 only when the two
 * names start with the same letter (the same two when their lengths differ by more than one) —
 * and must be smaller than the shorter of the two names (so `x` never suggests `y`). Ties go to
 * the candidate seen first.
 * The search is bounded (see the module comment).
 *
 * @param name the unknown name as written
 * @param candidates the names that are in scope (or otherwise valid)
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  return suggest(name, [new CandidateSet(candidates)]);
}

/**
 * {@link didYouMean} over the names of `sets` taken in order, as if they were one list. With
 * prepared sets, the cost does not depend on how many names they hold.
 */
export function suggest(name: string, sets: Iterable<CandidateSet>): string | undefined {
  const lower = name.toLowerCase();
  // Only a case mistake: better than any real edit.
  for (const set of sets) {
    const variant = set.caseVariant(lower, name);
    if (variant !== undefined) return variant;
  }
  if (name.length > MAX_SUGGESTION_NAME_LENGTH) return undefined;
  const limit = suggestionLimit(name.length);
  let best: string | undefined;
  let bestScore = Infinity;
  let left = MAX_SUGGESTION_CANDIDATES;
  const visit = (candidate: string, candidateLower: string): boolean => {
    if (left === 0) return false;
    left--;
    suggestionStats.candidates++;
    if (candidateLower === lower) return true; // the name itself, or a case variant (handled above)
    let max = Math.min(limit, Math.min(candidate.length, name.length) - 1, bestScore - 1);
    // More than one edit needs the same first letter (or its swap), and the same first two
    // letters when the lengths differ by more than one: `count` is not `round`, `begin` not
    // `bin`, while `sqroot` is `sqrt`.
    if (max > 1 && (!sameStart(lower, candidateLower) ||
        (Math.abs(candidate.length - name.length) > 1 && lower.slice(0, 2) !== candidateLower.slice(0, 2)))) max = 1;
    if (max < 1) return true;
    const d = editDistance(lower, candidateLower, max);
    if (d <= max) {
      best = candidate;
      bestScore = d;
    }
    // Distance 1 is the best a real edit can do: nothing later can beat it.
    return bestScore > 1;
  };
  for (const set of sets) {
    set.forEachNear(name.length, limit, visit);
    if (left === 0 || bestScore <= 1) break;
  }
  return best;
}

/** True when `a` and `b` start with the same letter, or with the same two letters swapped. */
function sameStart(a: string, b: string): boolean {
  return a.charCodeAt(0) === b.charCodeAt(0) || (a.charCodeAt(0) === b.charCodeAt(1) && a.charCodeAt(1) === b.charCodeAt(0));
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it is known to
 * exceed `max`. With a finite `max`, only the cells within `max` of the diagonal are computed:
 * O(min(|a|, |b|) · max) time.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  // Cells further than `band` from the diagonal exceed `max`: they hold `big`.
  const band = Math.min(max, Math.max(n, m));
  const big = band + 1;
  let prevPrev = new Array<number>(m + 1).fill(big);
  let prev = new Array<number>(m + 1).fill(big);
  let cur = new Array<number>(m + 1).fill(big);
  for (let j = 0; j <= Math.min(m, band); j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur[lo - 1] = lo === 1 && i <= band ? i : big;
    let rowMin = cur[lo - 1]!;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, prevPrev[j - 2]! + 1);
      }
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The next row reads one cell past this row's band.
    if (hi < m) cur[hi + 1] = big;
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m]!, max + 1);
}

/**
 * The standard-library modules (docs/stdlib/README.md), for the hint on a module used without
 * its `import`. The compiler does not import the stdlib; a test keeps this list equal to the
 * registry's.
 */
export const STDLIB_MODULE_NAMES: readonly string[] = Object.freeze([
  "args", "collections", "console", "crypto", "csv", "datetime", "env", "file",
  "functional", "http", "json", "log", "math", "path", "random", "regex",
]);

const stdlibModuleNames: ReadonlySet<string> = new Set(STDLIB_MODULE_NAMES);

/**
 * Names from JavaScript and Python that ML spells differently or does without: the hint given
 * instead of a "did you mean" (which would propose a look-alike: `let` is not a typo of `len`).
 */
const FOREIGN_NAMES: ReadonlyMap<string, string> = new Map([
  ["True", "ML writes it 'true'"],
  ["False", "ML writes it 'false'"],
  ["None", "ML writes it 'null'"],
  ["undefined", "ML has only 'null' for a missing value"],
  ["nil", "ML writes it 'null'"],
  ["NULL", "ML writes it 'null'"],
  ["this", "ML has no 'this': pass the object to the function as a parameter"],
  ["self", "ML has no methods on objects: pass the object to the function as a parameter"],
  ["let", "ML has no 'let': assign directly, as in x = 5;"],
  ["const", "ML has no 'const': assign directly, as in x = 5;"],
  ["var", "ML has no 'var': assign directly, as in x = 5;"],
  ["new", "ML has no 'new': call the function directly"],
  ["global", "ML writes it 'nonlocal name;' inside the function"],
  ["lambda", "ML writes an anonymous function fn(x) => x + 1"],
  ["parseInt", "use int(s)"],
  ["parseFloat", "use float(s)"],
  ["String", "use str(x)"],
  ["Number", "use float(x) or int(x)"],
  ["Boolean", "use bool(x)"],
  ["Object", "use the builtins keys(o) and values(o), or getattr(o, k, default)"],
  ["Array", "use an array literal [a, b], and isinstance(x, \"array\") to test for one"],
  ["Math", "add 'import math;' at the top of the file and use math.floor(x), math.pow(x, y)…"],
  ["JSON", "add 'import json;' at the top of the file and use json.parse(s), json.stringify(v)"],
  ["Date", "add 'import datetime;' at the top of the file and use datetime.now()…"],
  ["pass", "ML has no 'pass': an empty block is just { }"],
  ["require", "ML imports modules with 'import name;' at the top of the file"],
]);

/**
 * Functions other languages have as globals, with ML's way: hints given unless a name in scope
 * is close (a program's own `floors` is a likelier meaning of `floor` than `math.floor`).
 */
const FOREIGN_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ...["map", "filter", "reduce"].map((f): [string, string] => [f, `use functional.${f}(fn, items), after 'import functional;', or a for loop`]),
  ...["floor", "ceil", "sqrt", "pow", "log", "exp", "sin", "cos", "tan", "pi"].map((f): [string, string] =>
    [f, `use math.${f}${f === "pi" ? "" : "(…)"}, after 'import math;'`]),
  ["length", "use len(x), or x.length"],
  ["size", "use len(x)"],
  ["foreach", "write a loop: for (x in items) { … }"],
  ["raise", "ML throws with 'throw', as in throw {type: \"ValueError\", message: \"…\"};"],
  ...["Error", "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "RuntimeError"].map((f): [string, string] =>
    [f, `throw any value, by convention an object: throw {type: "${f}", message: "…"};`]),
]);

/**
 * The hint for an unknown name that is another language's word or a stdlib module used without
 * its import; undefined for any other name. `weak` hints ({@link FOREIGN_FUNCTIONS}) give way to
 * a close name in scope; the others always apply.
 */
export function foreignNameHint(name: string): { hint: string; weak: boolean } | undefined {
  const hint = FOREIGN_NAMES.get(name);
  if (hint !== undefined) return { hint, weak: false };
  if (stdlibModuleNames.has(name)) return { hint: `add 'import ${name};' at the top of the file`, weak: false };
  const weak = FOREIGN_FUNCTIONS.get(name);
  return weak === undefined ? undefined : { hint: weak, weak: true };
}
