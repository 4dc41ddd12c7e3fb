export function main() {
  const vocabulary = "the quick brown fox jumps over lazy dog and then some more words appear in this text about rules pricing events data".split(/\s+/);
  const words = [];
  let seed = 7;
  for (let i = 0; i < 200000; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    words.push(vocabulary[seed % vocabulary.length]);
  }
  const text = words.join(" ");
  const counts = {};
  for (const w of text.split(/\s+/)) {
    counts[w] = (counts[w] ?? 0) + 1;
  }
  let best = "", bestCount = 0;
  for (const k in counts) {
    if (counts[k] > bestCount) { best = k; bestCount = counts[k]; }
  }
  return best + ":" + String(bestCount);
}
