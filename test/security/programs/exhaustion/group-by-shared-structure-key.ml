// technique: a groupBy key function returning a DAG, so the key's text is built without counting steps
// limits: steps=5000 maxStringLength=100000000
// within-ms: 2000
// expect error: LimitError: step limit exceeded
import collections;
a = [1];
for (i in range(40)) {
  a = [a, a];
}
collections.groupBy([1, 2], fn(x) => a);
