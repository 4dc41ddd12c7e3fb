// technique: json.parse of a text in which every three characters make an object, hoping a charge per character read undercounts the allocation
// limits: steps=400000
// within-ms: 2000
// expect error: LimitError: step limit exceeded (400000 steps)
import json;
t = "[" + "{}," * 300000 + "{}]";
json.parse(t);
