// technique: path.normalize of a path full of '..' (node:path's normalize searches and slices the text built so far for each '..': ten seconds for this one)
// limits: steps=1000000
// within-ms: 2000
// expect: 299999
import path;
p = "ab/./c/../" * 100000;
print(len(path.normalize(p)));
