// technique: "x" * 2**31, past V8's maximum string length
// expect error: LimitError: string length limit exceeded
x = "x" * 2147483648;
