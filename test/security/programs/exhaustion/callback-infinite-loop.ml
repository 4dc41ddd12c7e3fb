// technique: a collections.map callback that never returns
// limits: steps=10000
// expect error: LimitError: step limit exceeded (10000 steps)
import collections;
x = collections.map([1, 2, 3], fn(v) => {
  while (true) {}
});
