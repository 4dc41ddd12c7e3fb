// technique: materialise range(1e12)
// expect error: LimitError: array length limit exceeded
x = range(1000000000000);
