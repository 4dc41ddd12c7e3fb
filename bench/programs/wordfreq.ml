function main() {
  vocabulary = "the quick brown fox jumps over lazy dog and then some more words appear in this text about rules pricing events data".split();
  words = [];
  seed = 7;
  for (i in range(200000)) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    words.append(vocabulary[seed % len(vocabulary)]);
  }
  text = " ".join(words);
  counts = {};
  for (w in text.split()) {
    counts[w] = getattr(counts, w, 0) + 1;
  }
  best = "";
  bestCount = 0;
  for (k in counts) {
    if (counts[k] > bestCount) {
      best = k;
      bestCount = counts[k];
    }
  }
  return best + ":" + str(bestCount);
}
