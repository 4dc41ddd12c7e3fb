// technique: == of two lists of 10 000 distinct rows that differ only in the last row, repeated; the step budget counts the pairs compared, not the comparisons
// limits: steps=1000000
// within-ms: 2000
// expect error: LimitError: step limit exceeded (1000000 steps)
a = [];
b = [];
for (i in range(10000)) {
  a.append([i]);
  b.append([i]);
}
b[-1] = [-1];
for (i in range(1000)) {
  x = a == b;
}
print("not reached");
