// technique: import node:fs through a dotted path (node.fs)
// expect compile error: ML3001
import node.fs;
