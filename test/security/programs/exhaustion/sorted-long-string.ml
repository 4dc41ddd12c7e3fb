// technique: sorted() of a string longer than maxArrayLength (its characters used to be split into an array without a size check)
// expect error: LimitError: array length limit exceeded (max 100000)
s = "ab" * 500000;
print(len(sorted(s)));
