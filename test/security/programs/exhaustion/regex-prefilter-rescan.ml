// technique: findall of `((?:ab|cd).*X)|e` over 100 000 "e": before every match the engine's prefilter runs its string automaton over the rest of the text looking for `ab` or `cd` (48 s of work in all), which the meter did not see
// limits: steps=1000000000000 timeMs=200
// within-ms: 2000
// expect error: LimitError: time limit exceeded (200 ms)
import regex;
print(len(regex.findall("((?:ab|cd).*X)|e", "e" * 100000)));
