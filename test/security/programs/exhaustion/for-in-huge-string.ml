// technique: for (c in s) over a 100-million-character string, a hundred times: each loop used to split the whole string into an array first (10^8 items, far past maxArrayLength)
// isolate: process
// limits: steps=1000000000 timeMs=10000
// within-ms: 8000
// expect: done
s = "a" * 100000000;
for (i in range(100)) {
  for (c in s) {
    break;
  }
}
print("done");
