// technique: upper() of "ß" * 600 000: each character becomes two ("SS"), doubling past maxStringLength after the length was checked
// expect error: LimitError: string length limit exceeded (max 1000000)
s = "ß" * 600000;
print(len(s.upper()));
