// technique: == of two distinct 10-million-character strings (equal but for the last character) in a loop: one ML step per comparison of 10 million code units
// limits: steps=1000000000 timeMs=200 maxStringLength=20000000
// within-ms: 1500
// expect error: LimitError: time limit exceeded (200 ms)
a = "a" * 10000000 + "x";
b = "a" * 10000000 + "y";
n = 0;
for (i in range(100000)) {
  if (a == b) {
    n = n + 1;
  }
}
print(n);
