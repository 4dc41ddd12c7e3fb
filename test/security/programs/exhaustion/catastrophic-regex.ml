// technique: the classic catastrophic-backtracking pattern on a 5000-character near-miss
// within-ms: 1000
// expect: false
import regex;
print(regex.test("^(a+)+b$", "a" * 5000 + "c"));
