// technique: path.glob with a pattern of many stars against long names (minutes per name for a backtracking matcher)
// grant: args.read, file.write={tmp}/**, path.read={tmp}/**
// limits: steps=10000000
// within-ms: 3000
// expect: [] 1
import args;
import file;
import path;
tmp = args.rest()[0];
file.write(tmp + "/" + "a" * 200, "");
file.write(tmp + "/" + "a" * 60 + "b", "");
print(path.glob("*a" * 40 + "*c", tmp), len(path.glob("*a*a*a*a*a*a*a*a*b", tmp)));
