// Execution limits (HOST.md §4, docs/errors.md): steps, time, string and array sizes.
// Each case sets its own limits with a limits directive line.

// --- an infinite while loop exhausts the step budget
// limits: steps=1000
while (true) {}
// expect error: LimitError: step limit exceeded (1000 steps)

// --- loops within the budget finish
// limits: steps=1000
total = 0;
for (i in range(100)) {
  total = total + i;
}
print(total); // expect: 4950

// --- calls count against the step budget
// limits: steps=100
function f() {
  return 1;
}
n = 0;
for (i in range(10)) {
  n = n + f();
}
print(n); // expect: 10
for (i in range(1000)) {
  f();
}
// expect error: LimitError: step limit exceeded (100 steps)

// --- infinite recursion under a step budget ends with an error
// limits: steps=500 recursion=100000
function forever() {
  return forever();
}
forever();
// expect error: LimitError: step limit exceeded (500 steps)

// --- LimitError cannot be caught by except
// limits: steps=1000
try {
  while (true) {}
} except (e) {
  print("caught");
}
// expect error: LimitError: step limit exceeded (1000 steps)

// --- finally still runs when the step budget is exhausted
// limits: steps=1000
try {
  while (true) {}
} finally {
  print("cleanup"); // expect: cleanup
}
// expect error: LimitError: step limit exceeded (1000 steps)

// --- output printed before the limit is kept
// limits: steps=1000
print("started"); // expect: started
i = 0;
while (true) {
  i = i + 1;
}
// expect error: LimitError: step limit exceeded (1000 steps)

// --- the time budget
// limits: timeMs=100
while (true) {}
// expect error: LimitError: time limit exceeded (100 ms)

// --- repeating an array past the limit fails without allocating
x = [0] * 1e10; // expect error: LimitError: array length limit exceeded (max 10000000)

// --- repeating a string past the limit fails without allocating
x = "x" * 1e12; // expect error: LimitError: string length limit exceeded (max 100000000)

// --- a configured array limit
// limits: maxArrayLength=1000
a = [0] * 1000;
print(len(a)); // expect: 1000
b = [0] * 1001; // expect error: LimitError: array length limit exceeded (max 1000)

// --- a configured string limit
// limits: maxStringLength=10
s = "x" * 10;
print(len(s)); // expect: 10
t = "abcdef" + "ghijk"; // expect error: LimitError: string length limit exceeded (max 10)

// --- array concatenation is limited
// limits: maxArrayLength=1000
a = [0] * 600;
b = a + a; // expect error: LimitError: array length limit exceeded (max 1000)

// --- range is limited
// limits: maxArrayLength=1000
r = range(2000); // expect error: LimitError: array length limit exceeded (max 1000)

// --- join is limited
// limits: maxStringLength=100
parts = ["abcdefghij"] * 20;
s = "".join(parts); // expect error: LimitError: string length limit exceeded (max 100)

// --- a LimitError from an allocation cannot be caught
// limits: maxStringLength=10
try {
  s = "x" * 11;
} except (e) {
  print("caught");
}
// expect error: LimitError: string length limit exceeded (max 10)

// --- a string grown by concatenation in a loop hits the limit
// limits: maxStringLength=1000
s = "";
while (true) {
  s = s + "x";
}
// expect error: LimitError: string length limit exceeded (max 1000)

// --- a huge range fails without allocating under the default limit
r = range(0, 1e10); // expect error: LimitError: array length limit exceeded (max 10000000)
