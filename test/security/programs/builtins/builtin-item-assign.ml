// technique: set an item on the builtin len
// expect error: TypeError: 'function' object does not support item assignment
len["x"] = 1;
