// technique: a path.glob segment of a million characters of class syntax: compiling it takes 100-500 ns a character, which a step per 16 characters undercharged about thirty times
// grant: args.read, path.read={tmp}, path.read={tmp}/**
// limits: steps=400000 timeMs=100000 maxStringLength=2000000
// within-ms: 1500
// expect error: LimitError: step limit exceeded (400000 steps)
import args;
import path;
print(path.glob("[x]" * 300000 + "*", args.rest()[0]));
