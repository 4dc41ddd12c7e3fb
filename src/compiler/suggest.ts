/**
 * "Did you mean …?" suggestions for unknown names, modules and keywords.
 * Pure (no Node APIs).
 */

/**
 * The candidate closest to `name` by edit distance (Damerau-Levenshtein: insertions, deletions,
 * substitutions and swaps of adjacent characters), or undefined when none is close enough.
 *
 * A candidate differing only in letter case always qualifies. Otherwise the distance may be at
 * most 1 for names up to 3 characters, 2 up to 6, and 3 beyond, and must be smaller than the
 * shorter of the two names (so `x` never suggests `y`). Ties go to the candidate seen first.
 *
 * @param name the unknown name as written
 * @param candidates the names that are in scope (or otherwise valid)
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = name.length <= 3 ? 1 : name.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (candidate.toLowerCase() === lower) {
      // Only a case mistake: better than any real edit.
      if (bestScore > 0.5) {
        best = candidate;
        bestScore = 0.5;
      }
      continue;
    }
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const max = Math.min(limit, Math.min(candidate.length, name.length) - 1, Math.ceil(bestScore) - 1);
    if (max < 1) continue;
    const d = editDistance(lower, candidate.toLowerCase(), max);
    if (d <= max && d < bestScore) {
      best = candidate;
      bestScore = d;
    }
  }
  return best;
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it is known to
 * exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let prevPrev = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, prevPrev[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}
