// technique: json.parse and json.validate of a text holding one array longer than maxArrayLength, hoping it is built before it is checked
// limits: maxArrayLength=10000 steps=10000000
// within-ms: 2000
// expect: false
// expect error: LimitError: array length limit exceeded (max 10000)
import json;
t = "[" + "0," * 200000 + "0";
print(json.validate(t));
json.parse(t + "]");
