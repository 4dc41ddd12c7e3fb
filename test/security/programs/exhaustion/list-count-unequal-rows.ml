// technique: one xs.count(v) call comparing 100 000 rows of 1 000 numbers, each unequal only at its end (10^8 comparisons in one step)
// limits: steps=1000000000 timeMs=200 maxArrayLength=1000000
// within-ms: 1500
// expect error: LimitError: time limit exceeded (200 ms)
row = range(1000);
other = range(999) + [-1];
xs = [row] * 100000;
print(xs.count(other));
