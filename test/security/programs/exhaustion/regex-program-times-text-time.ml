// technique: a 4 003-instruction program over 60 KB with an unlimited step budget: the time limit stops the engine part-way through its pass
// limits: steps=1000000000000 timeMs=200
// within-ms: 1500
// expect error: LimitError: time limit exceeded (200 ms)
import regex;
print(regex.search("(a|b){1,1000}[^ab]", "ab" * 30000));
