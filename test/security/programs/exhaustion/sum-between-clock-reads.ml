// technique: sum() of a million numbers in a loop: one ML step per call, so 10^10 additions between two reads of the clock
// limits: steps=1000000000 timeMs=200 maxArrayLength=1000000
// within-ms: 1500
// expect error: LimitError: time limit exceeded (200 ms)
xs = range(1000000);
t = 0;
for (i in range(100000)) {
  t = t + sum(xs);
}
print(t);
