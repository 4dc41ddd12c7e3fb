// technique: reach getattr indirectly through call() to fetch an array's constructor
// expect error: AttributeError: 'array' object has no attribute 'constructor'
ctor = call(getattr, [], "constructor");
