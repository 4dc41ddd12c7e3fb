// technique: zip() of two strings longer than maxArrayLength
// expect error: LimitError: array length limit exceeded (max 100000)
s = "ab" * 500000;
print(len(zip(s, s)));
