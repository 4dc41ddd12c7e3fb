// technique: an empty infinite loop
// limits: steps=10000
// expect error: LimitError: step limit exceeded (10000 steps)
while (true) {}
