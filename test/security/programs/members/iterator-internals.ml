// technique: look for next/return/Symbol.iterator on an ML iterator
// expect: 1
// expect error: AttributeError: 'iterator' object has no attribute 'return'
it = iter([1, 2]);
print(next(it));
r = it.return;
