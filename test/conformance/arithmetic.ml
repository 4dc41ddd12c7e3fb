// Arithmetic operators on every pairing of types (LANGUAGE.md §4, docs/errors.md).

// --- addition of numbers
print(1 + 2, 1.5 + 2.25, -3 + 1, 0.1 + 0.2); // expect: 3 3.75 -2 0.30000000000000004

// --- `+` with a string on either side concatenates with str()
print("a" + 1, 1 + "a", "x" + 1.5, "x" + -2); // expect: a1 1a x1.5 x-2
print("x" + null, null + "x", "x" + true, false + "x"); // expect: xnull nullx xtrue falsex
print("x" + [1, "a", null], "v=" + {a: "b"}); // expect: x[1, "a", null] v={"a": "b"}
print("" + 1e21, "" + 0.1 * 3); // expect: 1e+21 0.30000000000000004

// --- concatenation is left-associative
print("a" + 1 + 2, 1 + 2 + "a"); // expect: a12 3a

// --- concatenating a function uses its display
function f() {
  return 1;
}
print("fn: " + f); // expect: fn: <function f>

// --- array + array concatenates into a new array
a = [1];
b = a + [2, 3];
print(b, a, [] + []); // expect: [1, 2, 3] [1] []

// --- array + number is a TypeError
x = [1] + 2; // expect error: TypeError: '+' not supported between array and number

// --- number + boolean is a TypeError
x = 1 + true; // expect error: TypeError: '+' not supported between number and boolean

// --- boolean + boolean is a TypeError
x = true + true; // expect error: TypeError: '+' not supported between boolean and boolean

// --- null + number is a TypeError
x = null + 1; // expect error: TypeError: '+' not supported between null and number

// --- object + object is a TypeError
x = {} + {}; // expect error: TypeError: '+' not supported between object and object

// --- array + object is a TypeError
x = [] + {}; // expect error: TypeError: '+' not supported between array and object

// --- function + number is a TypeError
x = print + 1; // expect error: TypeError: '+' not supported between function and number

// --- subtraction
print(5 - 7, 2.5 - 0.5, 10 - 4 - 3); // expect: -2 2 3

// --- subtraction of strings is a TypeError
x = "a" - 1; // expect error: TypeError: '-' not supported between string and number

// --- subtraction of arrays is a TypeError
x = [1] - [1]; // expect error: TypeError: '-' not supported between array and array

// --- subtraction with booleans is a TypeError
x = 1 - false; // expect error: TypeError: '-' not supported between number and boolean

// --- multiplication
print(3 * 4, 2.5 * 2, -2 * 3, 0.1 * 3); // expect: 12 5 -6 0.30000000000000004

// --- string and array repetition, either order
print("ab" * 3, 3 * "ab", [1, 2] * 2, 2 * [0]); // expect: ababab ababab [1, 2, 1, 2] [0, 0]

// --- a zero or negative count gives an empty result
print("ab" * 0 == "", "ab" * -1 == "", [1] * -3, [1, 2] * 0); // expect: true true [] []

// --- an integer-valued count is fine
print("ab" * 2.0); // expect: abab

// --- repetition copies references, not values
a = [[0]] * 2;
a[0].append(1);
print(a); // expect: [[0, 1], [0, 1]]

// --- a non-integer count is a TypeError
x = "ab" * 1.5; // expect error: TypeError: can't multiply sequence by non-integer number

// --- a string count is a TypeError
x = "ab" * "c"; // expect error: TypeError: can't multiply sequence by non-integer of type string

// --- a boolean count is a TypeError
x = [1] * true; // expect error: TypeError: can't multiply sequence by non-integer of type boolean

// --- a null count is a TypeError
x = null * [1]; // expect error: TypeError: can't multiply sequence by non-integer of type null

// --- multiplying an object is a TypeError
x = {} * 2; // expect error: TypeError: '*' not supported between object and number

// --- multiplying null by a number is a TypeError
x = null * 2; // expect error: TypeError: '*' not supported between null and number

// --- multiplying booleans is a TypeError
x = true * 2; // expect error: TypeError: '*' not supported between boolean and number

// --- true division
print(7 / 2, 6 / 3, -7 / 2, 1 / 4, 1 / 3); // expect: 3.5 2 -3.5 0.25 0.3333333333333333

// --- division by zero
x = 1 / 0; // expect error: ZeroDivisionError: division by zero

// --- zero divided by zero
x = 0 / 0.0; // expect error: ZeroDivisionError: division by zero

// --- dividing strings is a TypeError
x = "a" / 1; // expect error: TypeError: '/' not supported between string and number

// --- floor division rounds toward negative infinity
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 6 // 3); // expect: 3 -4 -4 3 2
print(7.5 // 2, -0.5 // 1, 1 // 3); // expect: 3 -1 0

// --- floor division by zero
x = 1 // 0; // expect error: ZeroDivisionError: integer division or modulo by zero

// --- floor division of arrays is a TypeError
x = [4] // 2; // expect error: TypeError: '//' not supported between array and number

// --- modulo takes the sign of the divisor
print(7 % 3, -7 % 3, 7 % -3, -7 % -3); // expect: 1 2 -2 -1
print(5.5 % 2, -5.5 % 2, 6 % 3, -6 % 3, 0 % 5); // expect: 1.5 0.5 0 0 0
// --- a zero remainder of floats has the divisor's sign (seen through atan2), of integers none
import math;
fx = 4.5;
fy = -1.5;
ix = 6;
iy = -3;
print(math.atan2(fx % fy, -1), math.atan2(4.5 % -1.5, -1), math.atan2(ix % iy, -1)); // expect: -3.141592653589793 -3.141592653589793 3.141592653589793

// --- modulo by zero
x = 7 % 0; // expect error: ZeroDivisionError: integer division or modulo by zero

// --- modulo with a non-string left operand and a string right operand is a TypeError
x = 5 % "a"; // expect error: TypeError: '%' not supported between number and string

// --- modulo of an array is a TypeError
x = [1] % 2; // expect error: TypeError: '%' not supported between array and number

// --- division by zero can be caught
try {
  x = 10 // 0;
} except (e) {
  print(e.type + ": " + e.message); // expect: ZeroDivisionError: integer division or modulo by zero
}

// --- unary minus
x = 5;
print(-x, -(-x), -0.5, -(2 - 5)); // expect: -5 5 -0.5 3

// --- unary minus on a string is a TypeError
x = -"a"; // expect error: TypeError: bad operand type for unary -: string

// --- unary minus on null is a TypeError
x = -null; // expect error: TypeError: bad operand type for unary -: null

// --- unary minus on a boolean is a TypeError
x = -true; // expect error: TypeError: bad operand type for unary -: boolean

// --- unary minus on an array is a TypeError
x = -[1]; // expect error: TypeError: bad operand type for unary -: array

// --- precedence and associativity
print(2 + 3 * 4, (2 + 3) * 4, 2 * 3 % 4, 100 / 10 / 5, 2 - 3 - 4); // expect: 14 20 2 2 -5
print(-2 * 3, 10 - -2, 7 // 2 * 2, 1 + 7 % 4); // expect: -6 12 6 4
print(2 * -3 + 1, -(1 + 2) * 2); // expect: -5 -6

// --- integers are exact up to 2^53
print(9007199254740991 + 1, 123456789 * 1000); // expect: 9007199254740992 123456789000

// --- overflow gives inf
print(1e308 * 10, -1e308 * 10); // expect: inf -inf
