// technique: swapcase() of "ŉ" * 600 000: each character becomes two ("ʼN"), growing past maxStringLength
// expect error: LimitError: string length limit exceeded (max 1000000)
s = "ŉ" * 600000;
print(len(s.swapcase()));
