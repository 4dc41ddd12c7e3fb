// technique: import Node's fs module by its npm/builtin name
// expect compile error: ML3001 fs
import fs;
fs.writeFileSync("/tmp/mljs-escape-npm-fs", "escaped");
