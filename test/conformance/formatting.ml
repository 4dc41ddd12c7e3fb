// printf-style `%` formatting with a string on the left (LANGUAGE.md §4, docs/errors.md).

// --- the example from the language reference
print("%s has %d items (%.1f%%)" % ["cart", 3, 42.25]); // expect: cart has 3 items (42.2%)

// --- a single value may be given without an array
print("%d items" % 3, "hello %s" % "world"); // expect: 3 items hello world

// --- %s uses str
print("%s|%s|%s|%s" % [null, true, 1.5, "x"]); // expect: null|true|1.5|x
print("%s" % [[1, "a"]], "%s" % [{k: null}]); // expect: [1, "a"] {"k": null}

// --- %r uses repr
print("%r" % "hi", "%r" % [["a"]], "%r" % 5); // expect: "hi" ["a"] 5

// --- %d and %i truncate toward zero
print("%d %i %d %d" % [42, 7, 3.7, -3.7]); // expect: 42 7 3 -3

// --- %f defaults to six decimals
print("%f" % 3.14159, "%f" % 2); // expect: 3.141590 2.000000

// --- %.Nf precision
print("%.2f" % 3.14159, "%.0f" % 3.7, "%.3f" % 1); // expect: 3.14 4 1.000

// --- %.Nf rounds the binary value half to even, as Python does
print("%.0f" % 2.5, "%.0f" % 3.5, "%.1f" % 0.25, "%.2f" % 2.675); // expect: 2 4 0.2 2.67

// --- %e
print("%e" % 12345.678, "%.2e" % 0.000123, "%.1e" % 5); // expect: 1.234568e+04 1.23e-04 5.0e+00

// --- %x and %o
print("%x" % 255, "%x" % -255, "%o" % 8, "%o" % 0); // expect: ff -ff 10 0

// --- width pads on the left
print("[%5d]" % 42, "[%5s]" % "abc", "[%8.3f]" % 3.14159); // expect: [   42] [  abc] [   3.142]

// --- the `-` flag pads on the right
print("[%-5d]" % 42, "[%-6s]" % "ab", "[%-8.2f]" % 2.5); // expect: [42   ] [ab    ] [2.50    ]

// --- the `0` flag pads with zeros after the sign
print("%05d" % 42, "%05d" % -42, "%06.2f" % -1.5, "%04x" % 255); // expect: 00042 -0042 -01.50 00ff

// --- width smaller than the value does not truncate
print("%2d" % 12345, "%1s" % "long"); // expect: 12345 long

// --- %% is a literal percent sign
print("100%%" % [], "%d%%" % 50); // expect: 100% 50%

// --- formatting several values of mixed types
print("%s: %d/%d = %.3f" % ["ratio", 1, 3, 1 / 3]); // expect: ratio: 1/3 = 0.333

// --- too few values
x = "%s and %s" % ["a"]; // expect error: TypeError: not enough arguments for format string

// --- too many values
x = "%s" % ["a", "b"]; // expect error: TypeError: not all arguments converted during string formatting

// --- a value left over when the format has no conversion
x = "plain" % 5; // expect error: TypeError: not all arguments converted during string formatting

// --- %d of a string
x = "%d" % "x"; // expect error: TypeError: %d format: a number is required, not string

// --- %d of null
x = "%d" % [null]; // expect error: TypeError: %d format: a number is required, not null

// --- %d of an array inside the value list
x = "%d" % [[1]]; // expect error: TypeError: %d format: a number is required, not array

// --- unknown conversion character
x = "%q" % 1; // expect error: ValueError: unsupported format character 'q' (0x71)

// --- another unknown conversion character
x = "%y" % [1]; // expect error: ValueError: unsupported format character 'y' (0x79)

// --- formatting errors can be caught
try {
  x = "%s %s" % "only";
} except (e) {
  print(e.type, "-", e.message); // expect: TypeError - not enough arguments for format string
}

// --- the format string may be any string expression
fmt = "%s=" + "%d";
print(fmt % ["n", 5]); // expect: n=5

// --- `%` on a string binds like multiplication
print("%d" % 2 + "!"); // expect: 2!
print("%d" % (2 + 3)); // expect: 5
