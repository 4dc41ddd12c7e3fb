// technique: builtins and methods that scan a million items or characters (max, sorted, join, keys, find, count, split, in a loop), one ML step per call
// limits: steps=1000000000 timeMs=300 maxArrayLength=3000000 maxStringLength=10000000
// within-ms: 3000
// expect error: LimitError: time limit exceeded (300 ms)
xs = range(1000000);
words = ["w"] * 1000000;
text = "ab" * 2000000;
o = {};
for (i in range(100000)) {
  o["k" + str(i)] = i;
}
for (i in range(100000)) {
  max(xs);
  sorted(xs);
  ",".join(words);
  keys(o);
  text.find("c");
  text.count("a");
  text.split("b");
}
