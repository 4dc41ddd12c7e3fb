// technique: a printf field width of a billion characters
// expect error: LimitError: string length limit exceeded
x = "%999999999d" % 1;
