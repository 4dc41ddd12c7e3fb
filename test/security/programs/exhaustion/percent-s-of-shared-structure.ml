// technique: "%s" % [a] of a DAG (a = [a, a] 23 times): 50 million characters from 24 arrays, built in one call
// limits: steps=1000000000 timeMs=200 maxStringLength=100000000 maxResultSize=100000000
// within-ms: 3000
// expect error: LimitError: time limit exceeded (200 ms)
a = [1];
for (i in range(23)) {
  a = [a, a];
}
s = "%s" % [a];
print(len(s));
