// technique: a bounded-repetition pattern compiling to a program as large as the text is long, searched over 60 KB (seconds in one call before programs were bounded)
// within-ms: 1000
// expect error: ValueError: regex pattern too large: 8000 instructions with repetitions expanded (max 5000)
import regex;
print(regex.search("(a|b){1,1000}(c|d){1,1000}", "ab" * 30000));
