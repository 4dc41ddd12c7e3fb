// try/except/finally and throw (LANGUAGE.md §5, docs/errors.md).

// --- a caught runtime error is a {type, message} object
try {
  x = [1, 2][5];
} except (e) {
  print(typeof(e), e.type, e.message); // expect: object IndexError list index out of range
  print(keys(e)); // expect: ["type", "message"]
  print(e == {type: "IndexError", message: "list index out of range"}); // expect: true
}

// --- str(e) and print(e) show just the message
try {
  x = {}["colour"];
} except (e) {
  print(str(e)); // expect: colour
  print(e); // expect: colour
  print("Error: " + str(e)); // expect: Error: colour
  print("Error: " + e); // expect: Error: colour
}

// --- except without a name
try {
  x = 1 / 0;
} except {
  print("caught"); // expect: caught
}

// --- code after the error in the try block does not run
try {
  print("before"); // expect: before
  x = null.field;
  print("after");
} except (e) {
  print(e.type); // expect: AttributeError
}

// --- errors raised in called functions are caught
function deep(n) {
  return n == 0 ? [][0] : deep(n - 1);
}
try {
  deep(5);
} except (e) {
  print(e.message); // expect: list index out of range
}

// --- throwing a string
try {
  throw "boom";
} except (e) {
  print(e, typeof(e), e == "boom"); // expect: boom string true
}

// --- throwing a number
try {
  throw 42;
} except (e) {
  print(e + 1); // expect: 43
}

// --- throwing an array
try {
  throw [1, 2];
} except (e) {
  print(e, len(e)); // expect: [1, 2] 2
}

// --- throwing an error-like object
try {
  throw {message: "bad input", code: 7};
} except (e) {
  print(e.message, e.code, e.type); // expect: bad input 7 null
  print(str(e)); // expect: bad input
  print("Error: " + str(e)); // expect: Error: bad input
}

// --- throwing an object with a type
try {
  throw {type: "ValidationError", message: "age must be positive"};
} except (e) {
  print(e.type + ": " + e); // expect: ValidationError: age must be positive
}

// --- an object without a string message displays as usual
try {
  throw {code: 1};
} except (e) {
  print(e, str(e)); // expect: {"code": 1} {"code": 1}
}

// --- an object whose message is not a string displays as usual
try {
  throw {message: 5};
} except (e) {
  print(e); // expect: {"message": 5}
}

// --- throw takes any expression
function fail(kind) {
  throw {type: kind, message: kind + "!"};
}
try {
  fail("Custom");
} except (e) {
  print(e.type, e.message); // expect: Custom Custom!
}

// --- an uncaught thrown object reaches the host with its type and message
throw {type: "ValidationError", message: "age must be positive"}; // expect error: ValidationError: age must be positive

// --- an uncaught thrown object without a type is an Error
throw {message: "plain"}; // expect error: Error: plain

// --- an uncaught thrown string is an Error
throw "boom"; // expect error: Error: boom

// --- rethrowing a caught runtime error keeps its type and message
try {
  try {
    x = [][0];
  } except (e) {
    throw e;
  }
} except (e2) {
  print(e2.type, e2.message); // expect: IndexError list index out of range
}

// --- a rethrown runtime error reaches the host unchanged
try {
  x = "abc"[10];
} except (e) {
  print("logging", e.type); // expect: logging IndexError
  throw e; // expect error: IndexError: string index out of range
}

// --- finally runs after normal completion
try {
  print("body"); // expect: body
} finally {
  print("finally"); // expect: finally
}

// --- finally runs after a caught error
try {
  x = 1 // 0;
} except (e) {
  print("except"); // expect: except
} finally {
  print("finally"); // expect: finally
}

// --- finally runs when the error is not caught, then the error continues
try {
  print("body"); // expect: body
  x = [][1];
} finally {
  print("cleanup"); // expect: cleanup
}
print("never");
// expect error: IndexError: list index out of range

// --- finally runs when the except clause raises
try {
  try {
    x = [][0];
  } except (e) {
    x = {}["k"];
  } finally {
    print("inner finally"); // expect: inner finally
  }
} except (e) {
  print(e.type); // expect: KeyError
}

// --- finally runs on return
function f() {
  try {
    return "from try";
  } finally {
    print("finally on return"); // expect: finally on return
  }
}
print(f()); // expect: from try

// --- finally runs on break and continue
for (i in range(3)) {
  try {
    if (i == 0) {
      continue;
    }
    if (i == 1) {
      break;
    }
  } finally {
    print("finally", i);
  }
}
// expect: finally 0
// expect: finally 1
print(i); // expect: 1

// --- a return in try whose variable finally changes returns the earlier value
function f() {
  x = 1;
  try {
    return x;
  } finally {
    x = 2;
  }
}
print(f()); // expect: 1

// --- a return of a mutable value sees finally's mutation of the same object
function f() {
  items = [1];
  try {
    return items;
  } finally {
    items.append(2);
  }
}
print(f()); // expect: [1, 2]

// --- return in finally overrides the return in try
function g() {
  try {
    return 1;
  } finally {
    return 2;
  }
}
print(g()); // expect: 2

// --- return in finally swallows an error
function h() {
  try {
    throw "lost";
  } finally {
    return "swallowed";
  }
}
print(h()); // expect: swallowed

// --- return in except
function parse(s) {
  try {
    return int(s);
  } except (e) {
    return -1;
  }
}
print(parse("12"), parse("x")); // expect: 12 -1

// --- nested try: the inner handler catches, the outer does not run
try {
  try {
    x = [][0];
  } except (e) {
    print("inner", e.type); // expect: inner IndexError
  }
  print("between"); // expect: between
} except (e) {
  print("outer");
}

// --- nested try: an error thrown from an inner except reaches the outer handler
try {
  try {
    throw "first";
  } except (e) {
    throw "second from " + e;
  }
} except (e) {
  print(e); // expect: second from first
}

// --- nested finally blocks run innermost first
function f() {
  try {
    try {
      return "r";
    } finally {
      print("inner");
    }
  } finally {
    print("outer");
  }
}
print(f());
// expect: inner
// expect: outer
// expect: r

// --- a later except clause is unreachable and the compiler warns
try {
  x = [][0];
} except (e) {
  print("first clause"); // expect: first clause
} except (e2) { // expect warning: ML2008
  print("second clause");
}

// --- every runtime error type is caught
function typeOf(f) {
  try {
    f();
  } except (e) {
    return e.type;
  }
  return "none";
}
empty = {};
print(typeOf(fn() => [][0]), typeOf(fn() => empty["k"]), typeOf(fn() => 1 / 0)); // expect: IndexError KeyError ZeroDivisionError
print(typeOf(fn() => (1).x), typeOf(fn() => 1 + "a" - 1), typeOf(fn() => int("z"))); // expect: AttributeError TypeError ValueError
print(typeOf(fn() => 1)); // expect: none

// --- the except variable inside a function is local to it
e = "module";
function f() {
  try {
    throw "local";
  } except (e) {
    return e;
  }
}
print(f(), e); // expect: local module

// --- throwing inside a loop, catching outside
total = 0;
try {
  for (i in range(10)) {
    total = total + i;
    if (i == 3) {
      throw "stop";
    }
  }
} except (e) {
  print(e, total); // expect: stop 6
}

// --- a try/finally inside a loop with errors caught per iteration
results = [];
for (v in ["1", "x", "3"]) {
  try {
    results.append(int(v));
  } except (e) {
    results.append(e.type);
  } finally {
    results.append("|");
  }
}
print(results); // expect: [1, "|", "ValueError", "|", 3, "|"]

// --- an error raised in finally replaces the original error
try {
  x = [][0];
} finally {
  y = {}["from finally"];
}
// expect error: KeyError: from finally

// --- a thrown string has no type member
try {
  throw "just a string";
} except (e) {
  print(e.type);
}
// expect error: AttributeError: 'string' object has no attribute 'type'

// --- finally blocks run in every frame an error passes through
function inner() {
  try {
    return [][0];
  } finally {
    print("inner cleanup");
  }
}
function outer() {
  try {
    return inner();
  } finally {
    print("outer cleanup");
  }
}
try {
  outer();
} except (e) {
  print("caught", e.type);
}
// expect: inner cleanup
// expect: outer cleanup
// expect: caught IndexError

// --- an error in the iterable of a for is caught like any other
try {
  for (x in [1, 2][5:][0]) {
    print(x);
  }
} except (e) {
  print(e.message); // expect: list index out of range
}

// --- a caught runtime error is a plain object that can be changed and rethrown
try {
  x = [][0];
} except (e) {
  e.message = "no first item";
  e.hint = "check the input";
  print(e, len(e)); // expect: no first item 3
  throw e; // expect error: IndexError: no first item
}
