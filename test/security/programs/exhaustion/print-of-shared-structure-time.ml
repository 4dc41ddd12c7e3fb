// technique: print a DAG whose display would reach a large string limit (hundreds of millions of characters), hoping the time limit is not checked while the text is built
// limits: steps=1000000000 timeMs=300 maxStringLength=100000000
// within-ms: 2000
// expect error: LimitError: time limit exceeded
a = [1];
for (i in range(40)) {
  a = [a, a];
}
print(a);
