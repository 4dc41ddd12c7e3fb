// technique: look up a 50-million-character variable name again and again: each check scans the name for a `/` and looking it up hashes it (about 4 ms), charged a step or two, so thousands of calls ran between two reads of the clock
// grant: env.read=APP_*
// limits: steps=5000000 timeMs=100000 maxStringLength=100000000
// within-ms: 2000
// expect error: LimitError: step limit exceeded (5000000 steps)
import env;
n = "A" * 50000000;
i = 0;
while (i < 1000000) {
  i = i + 1;
  try {
    env.get(n);
  } except (e) {}
}
