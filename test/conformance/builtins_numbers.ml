// Numeric builtins (LANGUAGE.md §6, docs/errors.md): abs, round, chr, ord, hex, bin, oct,
// format.

// --- abs
print(abs(-3), abs(3), abs(-2.5), abs(0), abs(-0)); // expect: 3 3 2.5 0 0

// --- abs of a non-number is a TypeError
try {
  x = abs("-3");
} except (e) {
  print(e.type); // expect: TypeError
}

// --- round half to even
print(round(2.5), round(3.5), round(0.5), round(1.5), round(-2.5), round(-1.5)); // expect: 2 4 0 2 -2 -2
print(round(2.4), round(2.6), round(-2.6), round(7)); // expect: 2 3 -3 7

// --- round with digits follows the binary value, as in Python
print(round(2.675, 2), round(0.125, 2), round(0.375, 2), round(0.285, 2), round(1.005, 2)); // expect: 2.67 0.12 0.38 0.28 1
print(round(1.23456, 3), round(3.14159, 0), round(10.0, 2)); // expect: 1.235 3 10

// --- round with negative digits
print(round(1234.5678, -2), round(5, -1), round(15, -1), round(25, -1)); // expect: 1200 0 20 20

// --- chr and ord
print(chr(65), chr(97), chr(233), ord("A"), ord("a"), ord("é")); // expect: A a é 65 97 233

// --- astral characters
print(chr(128512), ord("😀"), len(chr(128512)), chr(128512) == "😀"); // expect: 😀 128512 2 true

// --- chr and ord round-trip
print(ord(chr(0)), ord(chr(65535)), ord(chr(1114111))); // expect: 0 65535 1114111

// --- chr out of range
x = chr(1114112); // expect error: ValueError: chr() arg not in range(0x110000)

// --- chr of a negative number
x = chr(-1); // expect error: ValueError: chr() arg not in range(0x110000)

// --- ord of a two-character string
x = ord("ab"); // expect error: TypeError: ord() expected a character, but string of length 2 found

// --- ord of an empty string
x = ord(""); // expect error: TypeError: ord() expected a character, but string of length 0 found

// --- ord of two astral characters
x = ord("😀😀"); // expect error: TypeError: ord() expected a character, but string of length 4 found

// --- hex, bin, oct
print(hex(255), hex(0), hex(16), bin(5), bin(0), oct(8), oct(0)); // expect: 0xff 0x0 0x10 0b101 0b0 0o10 0o0

// --- negative numbers keep the sign in front
print(hex(-1), hex(-255), bin(-5), oct(-8)); // expect: -0x1 -0xff -0b101 -0o10

// --- hex of a non-integer is a TypeError
try {
  x = hex(1.5);
} except (e) {
  print(e.type); // expect: TypeError
}

// --- format with precision and thousands separators
print(format(1234567.891, ",.2f"), format(1234567, ","), format(1234567, ",d")); // expect: 1,234,567.89 1,234,567 1,234,567

// --- format percentages
print(format(0.4567, ".1%"), format(0.5, "%"), format(1, ".0%")); // expect: 45.7% 50.000000% 100%

// --- format fill and alignment
print(
  "[" + format("ab", ">5") + "]",
  "[" + format("ab", "<5") + "]",
  "[" + format("ab", "*^6") + "]",
); // expect: [   ab] [ab   ] [**ab**]
print("[" + format(42, "<6") + "]", "[" + format(42, "^6") + "]", "[" + format(42, "6") + "]"); // expect: [42    ] [  42  ] [    42]

// --- format zero padding and sign
print(
  format(42, "08d"),
  format(-42, "08d"),
  format(5, "+d"),
  format(-5, "+d"),
  "[" + format(5, " d") + "]",
); // expect: 00000042 -0000042 +5 -5 [ 5]

// --- format integer bases
print(format(255, "x"), format(255, "X"), format(255, "o"), format(255, "b"), format(5, "08b")); // expect: ff FF 377 11111111 00000101

// --- format floats
print(
  format(3.14159, ".2f"),
  format(3, "f"),
  format(2.5, ".0f"),
  format(12345.678, ".2e"),
  format(-1.5, "e"),
); // expect: 3.14 3.000000 2 1.23e+04 -1.500000e+00

// --- format strings and empty specs
print(format("hi", "s"), format(42, ""), format(1.5, ""), format("x", "")); // expect: hi 42 1.5 x

// --- format combining fill, align, sign, width, separator and precision
print(format(1234.5, "*>+12,.2f")); // expect: ***+1,234.50

// --- an invalid format type for a number
x = format(1, "q"); // expect error: ValueError: Invalid format specifier 'q' for number

// --- a number format type applied to a string
x = format("abc", "d"); // expect error: ValueError: Invalid format specifier 'd' for string

// --- rounding to zero from below prints 0
print(round(-0.5), round(-0.4), int(-0.9)); // expect: 0 0 0
