// technique: findall whose every match is found only after reading to the end of the text (a.*X|a over "aaaa…"): linear per search, quadratic in all, stopped by the time limit between and inside passes
// limits: steps=1000000000000 timeMs=200
// within-ms: 1500
// expect error: LimitError: time limit exceeded (200 ms)
import regex;
print(len(regex.findall("a.*X|a", "a" * 60000)));
