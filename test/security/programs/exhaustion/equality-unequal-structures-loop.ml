// technique: == of two lists of 100 000 distinct rows that differ only in the last row, repeated in a loop (one ML step per comparison of 200 000 pairs)
// limits: steps=100000000 timeMs=200 maxArrayLength=1000000
// within-ms: 2000
// expect error: LimitError: time limit exceeded (200 ms)
a = [];
b = [];
for (i in range(100000)) {
  a.append([i]);
  b.append([i]);
}
b[-1] = [-1];
n = 0;
for (i in range(100000)) {
  if (a == b) {
    n = n + 1;
  }
}
print(n);
