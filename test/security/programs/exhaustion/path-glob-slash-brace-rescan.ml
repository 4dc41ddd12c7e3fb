// technique: a 10-million-character path.glob pattern ending in eight `{a/,b/}` groups: brace expansion rescans the whole pattern in each of its 511 calls, seconds of work that used to be charged only once it was done, so the time limit was read only after it
// grant: args.read, path.read={tmp}, path.read={tmp}/**
// limits: steps=1000000000000 timeMs=300 maxStringLength=20000000
// within-ms: 2500
// expect error: LimitError: time limit exceeded (300 ms)
import args;
import path;
path.glob("x" * 10000000 + "{a/,b/}" * 8 + "*", args.rest()[0]);
