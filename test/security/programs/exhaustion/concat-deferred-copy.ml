// technique: s + "b" on a 10-million-character s is instant (JavaScript defers the copy), but reading t[0] then copies all of it: one cheap step per 10 MB copied, in a loop
// limits: steps=1000000000 timeMs=200 maxStringLength=20000000
// within-ms: 1500
// expect error: LimitError: time limit exceeded (200 ms)
s = "a" * 10000000;
n = 0;
for (i in range(100000)) {
  t = s + "b";
  if (t[0] == "a") {
    n = n + 1;
  }
}
print(n);
