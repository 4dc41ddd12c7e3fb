// technique: a 4 003-instruction program (near the 5 000 limit) over 60 KB: seconds of engine work in one search, charged by program size × text in slices before the engine reads them
// limits: steps=2000000
// within-ms: 1500
// expect error: LimitError: step limit exceeded (2000000 steps)
import regex;
print(regex.search("(a|b){1,1000}[^ab]", "ab" * 30000));
