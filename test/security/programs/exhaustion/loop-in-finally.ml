// technique: run another infinite loop from finally after the first one hit the limit
// limits: steps=10000
// expect error: LimitError: step limit exceeded
try {
  while (true) {}
} finally {
  while (true) {}
}
