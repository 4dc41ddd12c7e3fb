// technique: json.prettyPrint of a DAG with an indentation wider than the engine writes (the iterative writer), hoping it writes without counting steps
// limits: steps=1000000 maxStringLength=100000000
// within-ms: 3000
// expect error: LimitError: step limit exceeded (1000000 steps)
import json;
a = [1];
for (i in range(23)) {
  a = [a, a];
}
json.prettyPrint(a, "                ");
