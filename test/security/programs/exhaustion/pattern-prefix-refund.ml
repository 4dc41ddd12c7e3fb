// technique: a declared variable pattern whose literal prefix is longer than the name checked, so a cost of automaton size × (name − prefix) would be negative and every refused check would give steps back (an endless loop of such checks would then never reach the step or time limit; this one stops by itself)
// grant: env.read
// limits: steps=100000 timeMs=100000
// within-ms: 5000
// expect error: LimitError: step limit exceeded
capability E {
  allow env.read "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}*{a,b}";
}
import env;
i = 0;
while (i < 300000) {
  i = i + 1;
  try {
    env.get("X");
  } except (e) {}
}
print("done");
