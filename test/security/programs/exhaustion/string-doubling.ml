// technique: double a string until memory runs out
// limits: maxStringLength=100000
// expect error: LimitError: string length limit exceeded (max 100000)
s = "x";
while (true) {
  s = s + s;
}
