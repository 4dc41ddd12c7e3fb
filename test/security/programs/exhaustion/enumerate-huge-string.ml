// technique: enumerate("a" * 100000000) under the default size limits: splitting the string into 10^8 items used to abort the host with a V8 out-of-memory error
// isolate: process
// limits: steps=1000000000 timeMs=10000
// within-ms: 8000
// expect error: LimitError: array length limit exceeded (max 10000000)
pairs = enumerate("a" * 100000000);
print(len(pairs));
