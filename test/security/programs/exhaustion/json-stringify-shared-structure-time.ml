// technique: json.stringify of a DAG (a = [a, a] 23 times: 50 million characters of output), hoping one call runs on between clock reads
// limits: steps=1000000000 timeMs=300 maxStringLength=100000000
// within-ms: 3000
// expect error: LimitError: time limit exceeded (300 ms)
import json;
a = [1];
for (i in range(23)) {
  a = [a, a];
}
json.stringify(a);
