// technique: path.glob with a pattern of hundreds of stars against a long name, hoping the match costs one step
// grant: args.read, file.write={tmp}/**, path.read={tmp}/**
// limits: steps=5000
// within-ms: 3000
// expect error: LimitError: step limit exceeded (5000 steps)
import args;
import file;
import path;
tmp = args.rest()[0];
file.write(tmp + "/" + "a" * 200, "");
path.glob("*a" * 300 + "*c", tmp);
