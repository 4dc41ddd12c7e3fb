// technique: read the JavaScript RegExp match internals (input, index, constructor) from a regex Match
// expect: Match a 1
// expect error: AttributeError: 'Match' object has no attribute 'input'
import regex;
m = regex.search("a", "xa");
print(typeof(m), m.group(0), m.start());
i = m.input;
