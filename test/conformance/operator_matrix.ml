// Every binary operator on every pairing of value types (LANGUAGE.md §4, docs/errors.md).
// The right operands of each row are, in order: 2, "s%s", true, null, [1], {k: 1}, f.
// Each cell is the repr of the result or `Type: message` of the error.

// --- `+` (addition) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("+", fn(a, b) => a + b, a);
}
// expect: + number | 4 | "2s%s" | TypeError: '+' not supported between number and boolean | TypeError: '+' not supported between number and null | TypeError: '+' not supported between number and array | TypeError: '+' not supported between number and object | TypeError: '+' not supported between number and function
// expect: + string | "s%s2" | "s%ss%s" | "s%strue" | "s%snull" | "s%s[1]" | "s%s{\"k\": 1}" | "s%s<function f>"
// expect: + boolean | TypeError: '+' not supported between boolean and number | "trues%s" | TypeError: '+' not supported between boolean and boolean | TypeError: '+' not supported between boolean and null | TypeError: '+' not supported between boolean and array | TypeError: '+' not supported between boolean and object | TypeError: '+' not supported between boolean and function
// expect: + null | TypeError: '+' not supported between null and number | "nulls%s" | TypeError: '+' not supported between null and boolean | TypeError: '+' not supported between null and null | TypeError: '+' not supported between null and array | TypeError: '+' not supported between null and object | TypeError: '+' not supported between null and function
// expect: + array | TypeError: '+' not supported between array and number | "[1]s%s" | TypeError: '+' not supported between array and boolean | TypeError: '+' not supported between array and null | [1, 1] | TypeError: '+' not supported between array and object | TypeError: '+' not supported between array and function
// expect: + object | TypeError: '+' not supported between object and number | "{\"k\": 1}s%s" | TypeError: '+' not supported between object and boolean | TypeError: '+' not supported between object and null | TypeError: '+' not supported between object and array | TypeError: '+' not supported between object and object | TypeError: '+' not supported between object and function
// expect: + function | TypeError: '+' not supported between function and number | "<function f>s%s" | TypeError: '+' not supported between function and boolean | TypeError: '+' not supported between function and null | TypeError: '+' not supported between function and array | TypeError: '+' not supported between function and object | TypeError: '+' not supported between function and function

// --- `-` (subtraction) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("-", fn(a, b) => a - b, a);
}
// expect: - number | 0 | TypeError: '-' not supported between number and string | TypeError: '-' not supported between number and boolean | TypeError: '-' not supported between number and null | TypeError: '-' not supported between number and array | TypeError: '-' not supported between number and object | TypeError: '-' not supported between number and function
// expect: - string | TypeError: '-' not supported between string and number | TypeError: '-' not supported between string and string | TypeError: '-' not supported between string and boolean | TypeError: '-' not supported between string and null | TypeError: '-' not supported between string and array | TypeError: '-' not supported between string and object | TypeError: '-' not supported between string and function
// expect: - boolean | TypeError: '-' not supported between boolean and number | TypeError: '-' not supported between boolean and string | TypeError: '-' not supported between boolean and boolean | TypeError: '-' not supported between boolean and null | TypeError: '-' not supported between boolean and array | TypeError: '-' not supported between boolean and object | TypeError: '-' not supported between boolean and function
// expect: - null | TypeError: '-' not supported between null and number | TypeError: '-' not supported between null and string | TypeError: '-' not supported between null and boolean | TypeError: '-' not supported between null and null | TypeError: '-' not supported between null and array | TypeError: '-' not supported between null and object | TypeError: '-' not supported between null and function
// expect: - array | TypeError: '-' not supported between array and number | TypeError: '-' not supported between array and string | TypeError: '-' not supported between array and boolean | TypeError: '-' not supported between array and null | TypeError: '-' not supported between array and array | TypeError: '-' not supported between array and object | TypeError: '-' not supported between array and function
// expect: - object | TypeError: '-' not supported between object and number | TypeError: '-' not supported between object and string | TypeError: '-' not supported between object and boolean | TypeError: '-' not supported between object and null | TypeError: '-' not supported between object and array | TypeError: '-' not supported between object and object | TypeError: '-' not supported between object and function
// expect: - function | TypeError: '-' not supported between function and number | TypeError: '-' not supported between function and string | TypeError: '-' not supported between function and boolean | TypeError: '-' not supported between function and null | TypeError: '-' not supported between function and array | TypeError: '-' not supported between function and object | TypeError: '-' not supported between function and function

// --- `*` (multiplication) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("*", fn(a, b) => a * b, a);
}
// expect: * number | 4 | "s%ss%s" | TypeError: '*' not supported between number and boolean | TypeError: '*' not supported between number and null | [1, 1] | TypeError: '*' not supported between number and object | TypeError: '*' not supported between number and function
// expect: * string | "s%ss%s" | TypeError: can't multiply sequence by non-integer of type string | TypeError: can't multiply sequence by non-integer of type boolean | TypeError: can't multiply sequence by non-integer of type null | TypeError: can't multiply sequence by non-integer of type array | TypeError: can't multiply sequence by non-integer of type object | TypeError: can't multiply sequence by non-integer of type function
// expect: * boolean | TypeError: '*' not supported between boolean and number | TypeError: can't multiply sequence by non-integer of type boolean | TypeError: '*' not supported between boolean and boolean | TypeError: '*' not supported between boolean and null | TypeError: can't multiply sequence by non-integer of type boolean | TypeError: '*' not supported between boolean and object | TypeError: '*' not supported between boolean and function
// expect: * null | TypeError: '*' not supported between null and number | TypeError: can't multiply sequence by non-integer of type null | TypeError: '*' not supported between null and boolean | TypeError: '*' not supported between null and null | TypeError: can't multiply sequence by non-integer of type null | TypeError: '*' not supported between null and object | TypeError: '*' not supported between null and function
// expect: * array | [1, 1] | TypeError: can't multiply sequence by non-integer of type string | TypeError: can't multiply sequence by non-integer of type boolean | TypeError: can't multiply sequence by non-integer of type null | TypeError: can't multiply sequence by non-integer of type array | TypeError: can't multiply sequence by non-integer of type object | TypeError: can't multiply sequence by non-integer of type function
// expect: * object | TypeError: '*' not supported between object and number | TypeError: can't multiply sequence by non-integer of type object | TypeError: '*' not supported between object and boolean | TypeError: '*' not supported between object and null | TypeError: can't multiply sequence by non-integer of type object | TypeError: '*' not supported between object and object | TypeError: '*' not supported between object and function
// expect: * function | TypeError: '*' not supported between function and number | TypeError: can't multiply sequence by non-integer of type function | TypeError: '*' not supported between function and boolean | TypeError: '*' not supported between function and null | TypeError: can't multiply sequence by non-integer of type function | TypeError: '*' not supported between function and object | TypeError: '*' not supported between function and function

// --- `/` (division) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("/", fn(a, b) => a / b, a);
}
// expect: / number | 1 | TypeError: '/' not supported between number and string | TypeError: '/' not supported between number and boolean | TypeError: '/' not supported between number and null | TypeError: '/' not supported between number and array | TypeError: '/' not supported between number and object | TypeError: '/' not supported between number and function
// expect: / string | TypeError: '/' not supported between string and number | TypeError: '/' not supported between string and string | TypeError: '/' not supported between string and boolean | TypeError: '/' not supported between string and null | TypeError: '/' not supported between string and array | TypeError: '/' not supported between string and object | TypeError: '/' not supported between string and function
// expect: / boolean | TypeError: '/' not supported between boolean and number | TypeError: '/' not supported between boolean and string | TypeError: '/' not supported between boolean and boolean | TypeError: '/' not supported between boolean and null | TypeError: '/' not supported between boolean and array | TypeError: '/' not supported between boolean and object | TypeError: '/' not supported between boolean and function
// expect: / null | TypeError: '/' not supported between null and number | TypeError: '/' not supported between null and string | TypeError: '/' not supported between null and boolean | TypeError: '/' not supported between null and null | TypeError: '/' not supported between null and array | TypeError: '/' not supported between null and object | TypeError: '/' not supported between null and function
// expect: / array | TypeError: '/' not supported between array and number | TypeError: '/' not supported between array and string | TypeError: '/' not supported between array and boolean | TypeError: '/' not supported between array and null | TypeError: '/' not supported between array and array | TypeError: '/' not supported between array and object | TypeError: '/' not supported between array and function
// expect: / object | TypeError: '/' not supported between object and number | TypeError: '/' not supported between object and string | TypeError: '/' not supported between object and boolean | TypeError: '/' not supported between object and null | TypeError: '/' not supported between object and array | TypeError: '/' not supported between object and object | TypeError: '/' not supported between object and function
// expect: / function | TypeError: '/' not supported between function and number | TypeError: '/' not supported between function and string | TypeError: '/' not supported between function and boolean | TypeError: '/' not supported between function and null | TypeError: '/' not supported between function and array | TypeError: '/' not supported between function and object | TypeError: '/' not supported between function and function

// --- `//` (floor division) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("//", fn(a, b) => a // b, a);
}
// expect: // number | 1 | TypeError: '//' not supported between number and string | TypeError: '//' not supported between number and boolean | TypeError: '//' not supported between number and null | TypeError: '//' not supported between number and array | TypeError: '//' not supported between number and object | TypeError: '//' not supported between number and function
// expect: // string | TypeError: '//' not supported between string and number | TypeError: '//' not supported between string and string | TypeError: '//' not supported between string and boolean | TypeError: '//' not supported between string and null | TypeError: '//' not supported between string and array | TypeError: '//' not supported between string and object | TypeError: '//' not supported between string and function
// expect: // boolean | TypeError: '//' not supported between boolean and number | TypeError: '//' not supported between boolean and string | TypeError: '//' not supported between boolean and boolean | TypeError: '//' not supported between boolean and null | TypeError: '//' not supported between boolean and array | TypeError: '//' not supported between boolean and object | TypeError: '//' not supported between boolean and function
// expect: // null | TypeError: '//' not supported between null and number | TypeError: '//' not supported between null and string | TypeError: '//' not supported between null and boolean | TypeError: '//' not supported between null and null | TypeError: '//' not supported between null and array | TypeError: '//' not supported between null and object | TypeError: '//' not supported between null and function
// expect: // array | TypeError: '//' not supported between array and number | TypeError: '//' not supported between array and string | TypeError: '//' not supported between array and boolean | TypeError: '//' not supported between array and null | TypeError: '//' not supported between array and array | TypeError: '//' not supported between array and object | TypeError: '//' not supported between array and function
// expect: // object | TypeError: '//' not supported between object and number | TypeError: '//' not supported between object and string | TypeError: '//' not supported between object and boolean | TypeError: '//' not supported between object and null | TypeError: '//' not supported between object and array | TypeError: '//' not supported between object and object | TypeError: '//' not supported between object and function
// expect: // function | TypeError: '//' not supported between function and number | TypeError: '//' not supported between function and string | TypeError: '//' not supported between function and boolean | TypeError: '//' not supported between function and null | TypeError: '//' not supported between function and array | TypeError: '//' not supported between function and object | TypeError: '//' not supported between function and function

// --- `%` (modulo and formatting) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("%", fn(a, b) => a % b, a);
}
// expect: % number | 0 | TypeError: '%' not supported between number and string | TypeError: '%' not supported between number and boolean | TypeError: '%' not supported between number and null | TypeError: '%' not supported between number and array | TypeError: '%' not supported between number and object | TypeError: '%' not supported between number and function
// expect: % string | "s2" | "ss%s" | "strue" | "snull" | "s1" | "s{\"k\": 1}" | "s<function f>"
// expect: % boolean | TypeError: '%' not supported between boolean and number | TypeError: '%' not supported between boolean and string | TypeError: '%' not supported between boolean and boolean | TypeError: '%' not supported between boolean and null | TypeError: '%' not supported between boolean and array | TypeError: '%' not supported between boolean and object | TypeError: '%' not supported between boolean and function
// expect: % null | TypeError: '%' not supported between null and number | TypeError: '%' not supported between null and string | TypeError: '%' not supported between null and boolean | TypeError: '%' not supported between null and null | TypeError: '%' not supported between null and array | TypeError: '%' not supported between null and object | TypeError: '%' not supported between null and function
// expect: % array | TypeError: '%' not supported between array and number | TypeError: '%' not supported between array and string | TypeError: '%' not supported between array and boolean | TypeError: '%' not supported between array and null | TypeError: '%' not supported between array and array | TypeError: '%' not supported between array and object | TypeError: '%' not supported between array and function
// expect: % object | TypeError: '%' not supported between object and number | TypeError: '%' not supported between object and string | TypeError: '%' not supported between object and boolean | TypeError: '%' not supported between object and null | TypeError: '%' not supported between object and array | TypeError: '%' not supported between object and object | TypeError: '%' not supported between object and function
// expect: % function | TypeError: '%' not supported between function and number | TypeError: '%' not supported between function and string | TypeError: '%' not supported between function and boolean | TypeError: '%' not supported between function and null | TypeError: '%' not supported between function and array | TypeError: '%' not supported between function and object | TypeError: '%' not supported between function and function

// --- `<` (less than) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("<", fn(a, b) => a < b, a);
}
// expect: < number | false | TypeError: '<' not supported between number and string | TypeError: '<' not supported between number and boolean | TypeError: '<' not supported between number and null | TypeError: '<' not supported between number and array | TypeError: '<' not supported between number and object | TypeError: '<' not supported between number and function
// expect: < string | TypeError: '<' not supported between string and number | false | TypeError: '<' not supported between string and boolean | TypeError: '<' not supported between string and null | TypeError: '<' not supported between string and array | TypeError: '<' not supported between string and object | TypeError: '<' not supported between string and function
// expect: < boolean | TypeError: '<' not supported between boolean and number | TypeError: '<' not supported between boolean and string | TypeError: '<' not supported between boolean and boolean | TypeError: '<' not supported between boolean and null | TypeError: '<' not supported between boolean and array | TypeError: '<' not supported between boolean and object | TypeError: '<' not supported between boolean and function
// expect: < null | TypeError: '<' not supported between null and number | TypeError: '<' not supported between null and string | TypeError: '<' not supported between null and boolean | TypeError: '<' not supported between null and null | TypeError: '<' not supported between null and array | TypeError: '<' not supported between null and object | TypeError: '<' not supported between null and function
// expect: < array | TypeError: '<' not supported between array and number | TypeError: '<' not supported between array and string | TypeError: '<' not supported between array and boolean | TypeError: '<' not supported between array and null | false | TypeError: '<' not supported between array and object | TypeError: '<' not supported between array and function
// expect: < object | TypeError: '<' not supported between object and number | TypeError: '<' not supported between object and string | TypeError: '<' not supported between object and boolean | TypeError: '<' not supported between object and null | TypeError: '<' not supported between object and array | TypeError: '<' not supported between object and object | TypeError: '<' not supported between object and function
// expect: < function | TypeError: '<' not supported between function and number | TypeError: '<' not supported between function and string | TypeError: '<' not supported between function and boolean | TypeError: '<' not supported between function and null | TypeError: '<' not supported between function and array | TypeError: '<' not supported between function and object | TypeError: '<' not supported between function and function

// --- `<=` (less or equal) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("<=", fn(a, b) => a <= b, a);
}
// expect: <= number | true | TypeError: '<=' not supported between number and string | TypeError: '<=' not supported between number and boolean | TypeError: '<=' not supported between number and null | TypeError: '<=' not supported between number and array | TypeError: '<=' not supported between number and object | TypeError: '<=' not supported between number and function
// expect: <= string | TypeError: '<=' not supported between string and number | true | TypeError: '<=' not supported between string and boolean | TypeError: '<=' not supported between string and null | TypeError: '<=' not supported between string and array | TypeError: '<=' not supported between string and object | TypeError: '<=' not supported between string and function
// expect: <= boolean | TypeError: '<=' not supported between boolean and number | TypeError: '<=' not supported between boolean and string | TypeError: '<=' not supported between boolean and boolean | TypeError: '<=' not supported between boolean and null | TypeError: '<=' not supported between boolean and array | TypeError: '<=' not supported between boolean and object | TypeError: '<=' not supported between boolean and function
// expect: <= null | TypeError: '<=' not supported between null and number | TypeError: '<=' not supported between null and string | TypeError: '<=' not supported between null and boolean | TypeError: '<=' not supported between null and null | TypeError: '<=' not supported between null and array | TypeError: '<=' not supported between null and object | TypeError: '<=' not supported between null and function
// expect: <= array | TypeError: '<=' not supported between array and number | TypeError: '<=' not supported between array and string | TypeError: '<=' not supported between array and boolean | TypeError: '<=' not supported between array and null | true | TypeError: '<=' not supported between array and object | TypeError: '<=' not supported between array and function
// expect: <= object | TypeError: '<=' not supported between object and number | TypeError: '<=' not supported between object and string | TypeError: '<=' not supported between object and boolean | TypeError: '<=' not supported between object and null | TypeError: '<=' not supported between object and array | TypeError: '<=' not supported between object and object | TypeError: '<=' not supported between object and function
// expect: <= function | TypeError: '<=' not supported between function and number | TypeError: '<=' not supported between function and string | TypeError: '<=' not supported between function and boolean | TypeError: '<=' not supported between function and null | TypeError: '<=' not supported between function and array | TypeError: '<=' not supported between function and object | TypeError: '<=' not supported between function and function

// --- `>` (greater than) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row(">", fn(a, b) => a > b, a);
}
// expect: > number | false | TypeError: '>' not supported between number and string | TypeError: '>' not supported between number and boolean | TypeError: '>' not supported between number and null | TypeError: '>' not supported between number and array | TypeError: '>' not supported between number and object | TypeError: '>' not supported between number and function
// expect: > string | TypeError: '>' not supported between string and number | false | TypeError: '>' not supported between string and boolean | TypeError: '>' not supported between string and null | TypeError: '>' not supported between string and array | TypeError: '>' not supported between string and object | TypeError: '>' not supported between string and function
// expect: > boolean | TypeError: '>' not supported between boolean and number | TypeError: '>' not supported between boolean and string | TypeError: '>' not supported between boolean and boolean | TypeError: '>' not supported between boolean and null | TypeError: '>' not supported between boolean and array | TypeError: '>' not supported between boolean and object | TypeError: '>' not supported between boolean and function
// expect: > null | TypeError: '>' not supported between null and number | TypeError: '>' not supported between null and string | TypeError: '>' not supported between null and boolean | TypeError: '>' not supported between null and null | TypeError: '>' not supported between null and array | TypeError: '>' not supported between null and object | TypeError: '>' not supported between null and function
// expect: > array | TypeError: '>' not supported between array and number | TypeError: '>' not supported between array and string | TypeError: '>' not supported between array and boolean | TypeError: '>' not supported between array and null | false | TypeError: '>' not supported between array and object | TypeError: '>' not supported between array and function
// expect: > object | TypeError: '>' not supported between object and number | TypeError: '>' not supported between object and string | TypeError: '>' not supported between object and boolean | TypeError: '>' not supported between object and null | TypeError: '>' not supported between object and array | TypeError: '>' not supported between object and object | TypeError: '>' not supported between object and function
// expect: > function | TypeError: '>' not supported between function and number | TypeError: '>' not supported between function and string | TypeError: '>' not supported between function and boolean | TypeError: '>' not supported between function and null | TypeError: '>' not supported between function and array | TypeError: '>' not supported between function and object | TypeError: '>' not supported between function and function

// --- `>=` (greater or equal) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row(">=", fn(a, b) => a >= b, a);
}
// expect: >= number | true | TypeError: '>=' not supported between number and string | TypeError: '>=' not supported between number and boolean | TypeError: '>=' not supported between number and null | TypeError: '>=' not supported between number and array | TypeError: '>=' not supported between number and object | TypeError: '>=' not supported between number and function
// expect: >= string | TypeError: '>=' not supported between string and number | true | TypeError: '>=' not supported between string and boolean | TypeError: '>=' not supported between string and null | TypeError: '>=' not supported between string and array | TypeError: '>=' not supported between string and object | TypeError: '>=' not supported between string and function
// expect: >= boolean | TypeError: '>=' not supported between boolean and number | TypeError: '>=' not supported between boolean and string | TypeError: '>=' not supported between boolean and boolean | TypeError: '>=' not supported between boolean and null | TypeError: '>=' not supported between boolean and array | TypeError: '>=' not supported between boolean and object | TypeError: '>=' not supported between boolean and function
// expect: >= null | TypeError: '>=' not supported between null and number | TypeError: '>=' not supported between null and string | TypeError: '>=' not supported between null and boolean | TypeError: '>=' not supported between null and null | TypeError: '>=' not supported between null and array | TypeError: '>=' not supported between null and object | TypeError: '>=' not supported between null and function
// expect: >= array | TypeError: '>=' not supported between array and number | TypeError: '>=' not supported between array and string | TypeError: '>=' not supported between array and boolean | TypeError: '>=' not supported between array and null | true | TypeError: '>=' not supported between array and object | TypeError: '>=' not supported between array and function
// expect: >= object | TypeError: '>=' not supported between object and number | TypeError: '>=' not supported between object and string | TypeError: '>=' not supported between object and boolean | TypeError: '>=' not supported between object and null | TypeError: '>=' not supported between object and array | TypeError: '>=' not supported between object and object | TypeError: '>=' not supported between object and function
// expect: >= function | TypeError: '>=' not supported between function and number | TypeError: '>=' not supported between function and string | TypeError: '>=' not supported between function and boolean | TypeError: '>=' not supported between function and null | TypeError: '>=' not supported between function and array | TypeError: '>=' not supported between function and object | TypeError: '>=' not supported between function and function

// --- `==` (equality) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("==", fn(a, b) => a == b, a);
}
// expect: == number | true | false | false | false | false | false | false
// expect: == string | false | true | false | false | false | false | false
// expect: == boolean | false | false | true | false | false | false | false
// expect: == null | false | false | false | true | false | false | false
// expect: == array | false | false | false | false | true | false | false
// expect: == object | false | false | false | false | false | true | false
// expect: == function | false | false | false | false | false | false | true

// --- `!=` (inequality) on every pairing
function f() {
  return 1;
}
values = [2, "s%s", true, null, [1], {k: 1}, f];
function outcome(op, a, b) {
  try {
    return repr(op(a, b));
  } except (e) {
    return e.type + ": " + e.message;
  }
}
function row(name, op, a) {
  cells = [];
  for (b in values) {
    cells.append(outcome(op, a, b));
  }
  print(name, typeof(a), "|", " | ".join(cells));
}
for (a in values) {
  row("!=", fn(a, b) => a != b, a);
}
// expect: != number | false | true | true | true | true | true | true
// expect: != string | true | false | true | true | true | true | true
// expect: != boolean | true | true | false | true | true | true | true
// expect: != null | true | true | true | false | true | true | true
// expect: != array | true | true | true | true | false | true | true
// expect: != object | true | true | true | true | true | false | true
// expect: != function | true | true | true | true | true | true | false
