// technique: functional.map over range(1e9)
// expect error: LimitError: array length limit exceeded
import functional;
x = functional.map(fn(v) => v, range(1000000000));
