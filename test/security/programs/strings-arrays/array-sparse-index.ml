// technique: write far past the end of an array to make a huge sparse array
// expect error: IndexError: list assignment index out of range
a = [];
a[4294967294] = 1;
