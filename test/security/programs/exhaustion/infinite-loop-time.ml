// technique: an infinite loop with a huge step budget, stopped by the time limit
// limits: steps=1000000000000 timeMs=150
// within-ms: 1500
// expect error: LimitError: time limit exceeded
i = 0;
while (true) {
  i = i + 1;
}
