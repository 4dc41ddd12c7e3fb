// technique: spell "constructor" backwards and reverse it with a slice, then getattr on a string
// expect error: AttributeError: 'string' object has no attribute 'constructor'
name = "rotcurtsnoc"[::-1];
ctor = getattr("abc", name);
