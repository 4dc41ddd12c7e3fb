// technique: json.prettyPrint of a DAG (a = [a, a] 23 times), whose indentation makes the text several times longer than its compact form
// limits: steps=1000000000 timeMs=300 maxStringLength=100000000
// within-ms: 3000
// expect error: LimitError: time limit exceeded (300 ms)
import json;
a = ["abcdef"];
for (i in range(23)) {
  a = [a, a];
}
json.prettyPrint(a, 4);
