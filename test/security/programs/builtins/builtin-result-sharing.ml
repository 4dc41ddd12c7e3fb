// technique: mutate arrays returned by range(), keys() and methods() hoping later calls return the mutated object
// expect: [0, 1, 2] ["a"] true
r = range(3);
r.append(9);
o = {"a": 1};
k = keys(o);
k.append("b");
m = methods([]);
m.clear();
print(range(3), keys(o), len(methods([])) > 0);
