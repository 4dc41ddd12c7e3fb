// Lexical structure (LANGUAGE.md §1): comments and the `//` rule, escapes, numeric literals,
// trailing commas, reserved words as member names, JavaScript reserved words as ML names.

// --- `//` after a number is floor division
x = 7 // 2;
print(x); // expect: 3

// --- `//` after a semicolon is a comment
x = 7; // note: this is not a division
print(x); // expect: 7

// --- `//` after an identifier divides
n = 9;
print(n // 2); // expect: 4

// --- `//` after `)` and `]` divides
a = [7, 9];
print((a[0] + 1) // 3, a[1] // 2); // expect: 2 4

// --- `//` after a string divides (and strings do not support it)
x = "abc" // 2;
// expect error: TypeError: '//' not supported between string and number

// --- `//` after true/null divides
x = true // 2;
// expect error: TypeError: '//' not supported between boolean and number

// --- `//` after null divides
x = null // 2;
// expect error: TypeError: '//' not supported between null and number

// --- `//` after the `}` of an object literal divides
x = {a: 1} // 2;
// expect error: TypeError: '//' not supported between object and number

// --- `//` after the `}` of a block is a comment
if (true) { print("block"); } // a comment, not a division
// expect: block

// --- `//` after an operator or `=` is a comment
x = // the value follows on the next line
  5;
y = x + // continued
  1;
print(x, y); // expect: 5 6

// --- `//` after `(` and `,` is a comment
print( // first
  1, // second
  2
); // expect: 1 2

// --- block comments
x = 1 /* one */ + /* two */ 2;
/* a block comment
   spanning lines, with // inside */
print(x); // expect: 3

// --- a block comment containing `//` hides nothing after it
/* // */ print("ok"); // expect: ok

// --- escape sequences are processed
print(len("\t"), len("\n"), len("\r"), len("\0")); // expect: 1 1 1 1
print("\x41\u0042\u{43}"); // expect: ABC
print("\u{1F600}" == "😀", len("\u{1F600}")); // expect: true 2
print(ord("\0"), ord("\r"), ord("\t")); // expect: 0 13 9

// --- newline escape prints two lines
print("a\nb");
// expect: a
// expect: b

// --- quotes and backslashes
print("say \"hi\"", 'it\'s', "back\\slash"); // expect: say "hi" it's back\slash
print('double " inside single', "single ' inside double"); // expect: double " inside single single ' inside double

// --- unknown escapes are kept verbatim with their backslash
print('\d+', len('\d+')); // expect: \d+ 3
print('\bword\b'); // expect: \bword\b
print("\q\w\."); // expect: \q\w\.
print(repr('\d')); // expect: "\\d"

// --- raw newlines are allowed inside strings
s = "line1
line2";
print(len(s.split("\n"))); // expect: 2
print(s);
// expect: line1
// expect: line2

// --- numeric literals
print(0xff, 0o17, 0b101); // expect: 255 15 5
print(5., .5, 2.5e-3); // expect: 5 0.5 0.0025
print(1e3, 1.5e2, 0x10 + 0b1); // expect: 1000 150 17

// --- a leading minus is the unary operator
print(-5, - 5, -(3), - -5); // expect: -5 -5 -3 5

// --- trailing commas
a = [1, 2,];
o = {a: 1, b: 2,};
function f(x, y) { return x + y; }
print(a, o, f(1, 2,)); // expect: [1, 2] {"a": 1, "b": 2} 3

// --- reserved words as member names and object keys
o = {in: 1, if: 2, "while": 3, function: 4, null: 5, true: 6};
o.for = 7;
o.return = 8;
print(o.in, o.if, o.while, o.function, o.null, o.true, o.for, o.return); // expect: 1 2 3 4 5 6 7 8
print(keys(o)); // expect: ["in", "if", "while", "function", "null", "true", "for", "return"]

// --- string keys with spaces
o = {"a b": 1, 'c': 2};
print(o["a b"], o.c); // expect: 1 2

// --- JavaScript reserved words are ordinary ML names
class = 1;
new = 2;
print(class + new); // expect: 3
var = 3; let = 4; const = 5; this = 6; void = 7; yield = 8; await = 9; static = 10;
print(var + let + const + this + void + yield + await + static); // expect: 52
switch = "s"; case = "c"; default = "d"; delete = "x"; instanceof = "i"; do = "o";
print(switch + case + default + delete + instanceof + do); // expect: scdxio

// --- a function named delete
function delete(x) { return "deleted " + str(x); }
print(delete(5)); // expect: deleted 5

// --- globals of JavaScript are ordinary ML names
Object = "o"; undefined = 5; eval = 6; arguments = [1]; constructor = "c";
Array = 1; Function = 2; globalThis = 3; process = 4; require = 5;
print(Object, undefined, eval, arguments, constructor); // expect: o 5 6 [1] c
print(Array + Function + globalThis + process + require); // expect: 15

// --- JavaScript-sensitive names as parameters
function f(arguments, eval, this) { return arguments + eval + this; }
print(f(1, 2, 3)); // expect: 6
function g(__proto__, prototype, constructor) { return [__proto__, prototype, constructor]; }
print(g(1, 2, 3)); // expect: [1, 2, 3]

// --- names of Object.prototype members are ordinary variables
toString = 1; valueOf = 2; hasOwnProperty = 3; __proto__ = 4; isPrototypeOf = 5;
print(toString + valueOf + hasOwnProperty + __proto__ + isPrototypeOf); // expect: 15

// --- an inherited JavaScript name is not a defined ML name
print(toString); // expect compile error: ML2001: toString

// --- constructor is not a defined ML name
x = constructor; // expect compile error: ML2001

// --- __proto__ is not a defined ML name
x = __proto__; // expect compile error: ML2001

// --- JavaScript globals are not defined ML names
x = Math; // expect compile error: ML2001: Math

// --- undefined is not defined unless assigned
x = undefined; // expect compile error: ML2001

// --- identifiers are case-sensitive
abc = 1; ABC = 2; Abc = 3;
print(abc, ABC, Abc); // expect: 1 2 3

// --- identifiers with underscores and digits
_a = 1; a_1 = 2; __x__ = 3;
print(_a + a_1 + __x__); // expect: 6

// --- reserved words cannot be assigned
if = 1; // expect compile error: ML1010

// --- capability is a reserved word
capability = 1; // expect compile error: ML1010

// --- resource/allow/read/... are ordinary names outside capability blocks
resource = 1; allow = 2; read = 3; write = 4; execute = 5; network = 6; system = 7;
print(resource + allow + read + write + execute + network + system); // expect: 28

// --- there is no `**` operator
x = 2 ** 3; // expect compile error: ML1010

// --- there is no `++`
x = 1;
x++; // expect compile error: ML1010

// --- there is no compound assignment
x = 1;
x += 1; // expect compile error: ML1010

// --- there is no chained assignment
a = b = 1; // expect compile error: ML1010

// --- an unterminated string is a compile error
x = "abc; // expect compile error: ML1002

// --- an unterminated block comment is a compile error
x = 1; /* never closed // expect compile error: ML1003

// --- an unexpected character is a compile error
x = 1 @ 2; // expect compile error: ML1001

// --- whitespace is insignificant
x	=	[1,
  2
  ,3];print(x);print(len(x)); // expect: [1, 2, 3]
// expect: 3

// --- more JavaScript words are ordinary ML names
async = 1; of = 2; get = 3; set = 4; target = 5; meta = 6; from = 7;
enum = 8; implements = 9; interface = 10; package = 11; private = 12; protected = 13; public = 14;
super = 15; with = 16; debugger = 17; export = 18; extends = 19; NaN = 20; Infinity = 21; catch = 22; typeof_ = 23;
print(async + of + get + set + target + meta + from, enum + implements + interface + package + private + protected + public); // expect: 28 77
print(super + with + debugger + export + extends, NaN + Infinity, catch + typeof_); // expect: 85 41 45

// --- JavaScript words as loop variables and parameters
for (of in [1, 2]) { }
for (let in ["x"]) { }
for (async in [3]) { }
function yield(await, static) { return await * static; }
print(of, let, async, yield(6, 7)); // expect: 2 x 3 42

// --- `//` after an operand is never silently a comment
x = 10;
y = x // the half
;
// expect compile error: ML1010|ML1011|ML2001

// --- comment markers inside strings are text
print("// not a comment", "/* nor this */"); // expect: // not a comment /* nor this */
print("a//b" + '/*'); // expect: a//b/*

// --- identifiers are ASCII only
café = 1; // expect compile error: ML1001

// --- a malformed number is a compile error
x = 0x; // expect compile error: ML1004

// --- a duplicate key in an object literal keeps the last value at the first position
print({a: 1, b: 2, a: 3}); // expect: {"a": 3, "b": 2}

// --- arrows inside a conditional
flag = false;
f = flag ? fn() => "one" : fn() => "two";
print(f()); // expect: two

// --- a call result is not an assignment target
function f() { return [1]; }
f() = 1; // expect compile error: ML1014

// --- a literal is not an assignment target
1 = x; // expect compile error: ML1014|ML1010

// --- throw needs an expression
function f() {
  throw; // expect compile error: ML1010
}

// --- more reserved words as object keys and after `.`
o = {fn: 1, import: 2, capability: 3, nonlocal: 4, except: 5, elif: 6, as: 7, else: 8};
o.try = 9;
o.finally = 10;
print(o.fn + o.import + o.capability + o.nonlocal, o.except + o.elif + o.as + o.else, o.try + o.finally); // expect: 10 26 19

// --- escaped surrogate pairs form one character
print("\uD83D\uDE00" == "😀", "\u{1F600}" == "\uD83D\uDE00"); // expect: true true
