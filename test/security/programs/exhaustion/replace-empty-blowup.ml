// technique: replace the empty string with a long string (output grows with the product of lengths)
// expect error: LimitError: string length limit exceeded
x = ("x" * 2000).replace("", "y" * 2000);
