// technique: read JavaScript's this inside an object method
// expect compile error: ML2001 this
o = {"m": fn() => this};
print(o.m());
