// technique: center() a string to a billion characters
// expect error: LimitError: string length limit exceeded
x = "x".center(1000000000);
