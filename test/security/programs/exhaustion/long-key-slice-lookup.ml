// technique: look up an object key made by a one-step slice of a 10-million-character string, in a loop: each lookup compares the whole key with the stored one
// limits: steps=1000000000 timeMs=200 maxStringLength=20000000
// within-ms: 1500
// expect error: LimitError: time limit exceeded (200 ms)
s = "a" * 10000001;
o = {};
o[s[1:]] = 1;
n = 0;
for (i in range(100000)) {
  n = n + o[s[1:]];
}
print(n);
