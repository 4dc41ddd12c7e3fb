// The standard library from ML (STDLIB.md): imports, pure modules, and capability denial
// (the conformance runner grants no capabilities).

// --- a stdlib name is found before user modules
import math;
print(typeof(math), math); // expect: module <module math>

// --- math constants and functions
import math;
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.round(2.5)); // expect: 4 2 3 2
print(math.radians(180) == math.pi, math.gcd(12, 18), math.factorial(5)); // expect: true 6 120

// --- math domain errors raise ValueError
import math;
math.sqrt(-1); // expect error: ValueError: math domain error: sqrt() of a negative number (-1)

// --- math.round follows round(): NaN cannot become an integer
import math;
print(math.round(-0.4), math.round(2.675, 2)); // expect: 0 2.67
math.round(math.nan); // expect error: ValueError: cannot convert float NaN to integer

// --- math.factorial: a non-number is a TypeError, a negative number a ValueError
import math;
math.factorial("5"); // expect error: TypeError: factorial() argument 1 must be a number, not string

// --- math.factorial of a negative number
import math;
math.factorial(-1); // expect error: ValueError: factorial() only accepts non-negative integers, got -1

// --- math.lcm stays exact where the product of its arguments would not
import math;
print(math.lcm(123456789012, 246913578024), math.lcm(-4, 6), math.lcm(0, 5)); // expect: 246913578024 12 0

// --- json.get and json.hasKey name integer keys as indexing does, also from 1e21 on
import json;
o = {};
o[1e21] = "big";
print(json.get(o, 1e21), json.hasKey(o, 1e21), o[1e21]); // expect: big true big

// --- aliases, module aliases and function values are the same function
import math as m;
f = m.degToRad;
print(f == m.radians, f(180) == m.pi); // expect: true true

// --- stdlib arity errors name the function
import math;
math.sqrt(1, 2); // expect error: TypeError: math.sqrt() takes 1 argument but 2 were given

// --- module attributes are read-only
import math;
math.pi = 3; // expect error: AttributeError: module attributes are read-only: 'pi'

// --- json round trip
import json;
s = json.stringify({"a": [1, 2, null], "b": true});
print(s, json.parse(s)["a"][1]); // expect: {"a":[1,2,null],"b":true} 2

// --- collections and functional are pure
import collections;
import functional;
xs = [3, 1, 2];
print(collections.sort(xs), xs); // expect: [1, 2, 3] [3, 1, 2]
print(functional.map(fn(x) => x * 10, xs)); // expect: [30, 10, 20]
print(functional.pipe(fn(x) => x + 1, fn(x) => x * 2)(3)); // expect: 8

// --- datetime values display, compare and compute
import datetime;
a = datetime.create(2024, 3, 15, 14, 30, 45);
print(a, a.addDays(20).month(), a == datetime.parseISO("2024-03-15T14:30:45")); // expect: 2024-03-15T14:30:45 4 true

// --- regex with Python syntax
import regex;
m = regex.search("(?P<y>\\d{4})-(\\d\\d)", "on 2024-03 ok");
print(m.group("y"), m.group(2), m.span()); // expect: 2024 03 [3, 10]

// --- effects need a capability
import datetime;
datetime.now(); // expect error: CapabilityError: datetime.now() requires capability 'datetime.now': this run was not granted it

// --- introspection
print(has_module("regex"), has_module("nope"), modules().index("math") >= 0); // expect: true false true
print(hasCapability("file.read"), getCapabilities()); // expect: false []
