// technique: str() of a DAG (each level holds the previous one twice): 2^15 leaves from 16 small arrays
// limits: maxStringLength=100000
// expect error: LimitError: string length limit exceeded
a = [1];
for (i in range(15)) {
  a = [a, a];
}
s = str(a);
