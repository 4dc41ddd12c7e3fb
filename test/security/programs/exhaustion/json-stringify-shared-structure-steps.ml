// technique: json.stringify of a DAG (a = [a, a] 23 times) built in a few dozen steps, hoping the serialisation costs one step
// limits: steps=1000000 maxStringLength=100000000
// within-ms: 3000
// expect error: LimitError: step limit exceeded (1000000 steps)
import json;
a = [1];
for (i in range(23)) {
  a = [a, a];
}
json.stringify(a);
