// technique: call require("child_process") directly
// expect compile error: ML2001 require
cp = require("child_process");
