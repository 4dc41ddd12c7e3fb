// Welcome to ML: JavaScript-like syntax, Python-like semantics, no ambient authority.
// Run it with:  npx mljs run examples/welcome.ml

print("Welcome to ML!");

// Closures: each counter keeps its own state.
function makeCounter(start) {
  count = start;
  function next() {
    nonlocal count;
    count = count + 1;
    return count;
  }
  return next;
}
tick = makeCounter(10);
tick();
print("counter:", tick());

// Destructuring and slicing.
[first, second] = ["alpha", "beta"];
{name, langs} = {name: "Ada", langs: ["ML", "JavaScript", "Python", "Lisp"]};
print(first, second, "|", name, "knows", langs[0:2], "and", len(langs[2:]), "more");
print("reversed:", "stressed"[::-1]);

// Higher-order functions and arrows.
squares = [];
for (n in range(1, 6)) {
  squares.append(n * n);
}
evens = [];
for (s in squares) {
  if (s % 2 == 0) {
    evens.append(s);
  }
}
total = sum(squares);
print("squares:", squares, "even ones:", evens, "total:", total);
apply = fn(f, xs) => [f(xs[0]), f(xs[-1])];
print("apply:", apply(fn(x) => x * 10, squares));

// Floor division versus comments: `//` right after an operand divides.
print("7 // 2 =", 7 // 2, "and -7 // 2 =", -7 // 2); // this, after the semicolon, is a comment

// Errors are values you can catch.
try {
  print(langs[10]);
} except (e) {
  print("caught", e.type + ":", str(e));
} finally {
  print("finally always runs");
}

// String formatting, printf-style and format-spec style.
price = 1234.5;
print("%-8s|%8.2f|%03d" % ["total", price, 7]);
print("with separators:", format(price, ",.2f"), "share:", format(0.4567, ".1%"));

// Structural equality: values, not identities.
print([1, {a: [2, 3]}] == [1, {a: [2, 3]}], 1 == "1", {x: 1, y: 2} == {y: 2, x: 1});
