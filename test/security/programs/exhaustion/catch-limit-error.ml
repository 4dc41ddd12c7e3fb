// technique: catch the LimitError of an inner infinite loop and keep going forever
// limits: steps=10000
// expect error: LimitError: step limit exceeded
while (true) {
  try {
    while (true) {}
  } except (e) {
    print("caught", e.type);
  }
}
