// technique: assign a string's length
// expect error: AttributeError: cannot set attribute 'length' on string
s = "abc";
s.length = 0;
