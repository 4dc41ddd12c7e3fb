// technique: compare two equal DAGs of depth 40 with == (2^40 leaf comparisons, no ML step in between)
// isolate: process
// limits: steps=100000 timeMs=200
// within-ms: 1500
// expect: true
a = [1];
b = [1];
for (i in range(40)) {
  a = [a, a];
  b = [b, b];
}
print(a == b);
