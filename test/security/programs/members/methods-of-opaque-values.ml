// technique: list methods() of objects, functions, numbers, null, iterators and modules looking for JS internals
// expect: [] [] [] [] [] false
// expect: ["constructor"] 1
import math;
print(
  methods({}),
  methods(print),
  methods(1),
  methods(null),
  methods(iter([])),
  methods(math).count("constructor") > 0,
);
o = {"constructor": fn() => 1};
print(methods(o), o.constructor());
