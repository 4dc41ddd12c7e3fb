// technique: int(s, 10) of 200 000 spaces between two letters: the whitespace-stripping regex was quadratic (tens of seconds)
// within-ms: 1500
// expect error: ValueError: invalid literal for int() with base 10
s = "x" + " " * 200000 + "x";
print(int(s, 10));
