/**
 * The examples menu: short programs that run in the playground as they are (only pure stdlib
 * modules, no capability), each in the formatter's canonical layout
 * (test/playground/examples.test.ts checks both).
 */
export interface Example {
  readonly id: string;
  readonly title: string;
  readonly source: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: "hello",
    title: "Hello, world",
    source: `// Edit the program and press Run (or Ctrl+Enter).
name = "world";
print("Hello, " + name + "!");
print("7 / 2 =", 7 / 2, "and 7 // 2 =", 7 // 2); // '//' after an operand divides
`,
  },
  {
    id: "functions",
    title: "Functions and closures",
    source: `function fib(n) {
  if (n < 2) {
    return n;
  }
  return fib(n - 1) + fib(n - 2);
}

function memo(f) {
  cache = {};
  return fn(n) => {
    if (!hasattr(cache, str(n))) {
      cache[n] = f(n);
    }
    return cache[n];
  };
}

print("fib(20) =", fib(20));
square = memo(fn(n) => n * n);
print("squares:", square(12), square(12));
double = fn(x) => x * 2;
print("doubled:", double(21));
`,
  },
  {
    id: "objects",
    title: "Objects as classes",
    source: `// ML has no classes: a function that returns an object of closures plays one.
function Account(owner, balance) {
  function deposit(amount) {
    nonlocal balance;
    if (amount <= 0) {
      throw {type: "ValueError", message: "deposit must be positive"};
    }
    balance = balance + amount;
    return balance;
  }
  return {owner: owner, deposit: deposit, balance: fn() => balance};
}

acct = Account("Ada", 100);
acct.deposit(50);
print(acct.owner, "has", acct.balance());
try {
  acct.deposit(-5);
} except (e) {
  print("refused:", e.message);
}
`,
  },
  {
    id: "collections",
    title: "Lists and collections",
    source: `import collections;
import functional;

// ML has no list comprehensions: use a loop, or functional.map and functional.filter.
squares = [];
for (n in range(1, 8)) {
  squares.append(n * n);
}
print("squares:", squares);
evens = functional.filter(fn(x) => x % 2 == 0, squares);
print("even squares:", evens, "sum", sum(evens));
print("chunks:", collections.chunk(squares, 3));
words = "the quick brown fox jumps over the lazy dog".split();
print("sorted:", sorted(words), "longest:", max(functional.map(fn(w) => len(w), words)));
`,
  },
  {
    id: "data",
    title: "Dates and JSON",
    source: `import datetime;
import json;

// datetime works without a grant, except reading the clock (datetime.now).
start = datetime.createDate(2024, 2, 27);
print("leap year?", datetime.isLeapYear(2024), "days in Feb:", datetime.daysInMonth(2024, 2));
print("in 3 days:", start.addDays(3));
order = json.parse('{"id": 7, "items": [{"sku": "A1", "qty": 2}, {"sku": "B2", "qty": 1}]}');
total = 0;
for (item in order.items) {
  total = total + item.qty;
}
order.total = total;
print(json.prettyPrint(order, 2));
`,
  },
  {
    id: "limits",
    title: "A runaway loop (limits)",
    source: `// Every run has a step limit and a time limit: this loop is stopped with a LimitError.
n = 0;
while (true) {
  n = n + 1;
}
`,
  },
  {
    id: "capabilities",
    title: "Capabilities (denied)",
    source: `// The playground grants no capability: effects are refused with a CapabilityError.
import file;

try {
  print(file.read("notes.txt"));
} except (e) {
  print(e.type + ":", e.message);
}
`,
  },
];
