// technique: double an array in place with extend until memory runs out
// expect error: LimitError: array length limit exceeded
a = [1];
while (true) {
  a.extend(a);
}
