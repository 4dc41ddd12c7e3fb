// technique: repr() of a DAG of objects: 2^15 leaves from 16 small objects
// limits: maxStringLength=100000
// expect error: LimitError: string length limit exceeded
o = {"v": 1};
for (i in range(15)) {
  o = {"l": o, "r": o};
}
s = repr(o);
