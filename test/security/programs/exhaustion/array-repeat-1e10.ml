// technique: allocate [0] * 1e10
// expect error: LimitError: array length limit exceeded
x = [0] * 10000000000;
