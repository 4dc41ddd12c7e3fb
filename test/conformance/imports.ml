// Modules and imports (LANGUAGE.md §8). The user modules live in test/conformance/lib/.

// --- import a.b binds a so that a.b.f() works
import lib.util; // expect: util loaded
print(lib.util.double(21)); // expect: 42

// --- import a.b as m binds m
import lib.util as u; // expect: util loaded
print(u.greeting, u.greet("ml")); // expect: hello hello, ml

// --- a module imported twice is evaluated once and is one value
import lib.util;
import lib.util as u; // expect: util loaded
print(u == lib.util, typeof(u)); // expect: true module

// --- a module imported by another module is evaluated once per load
import lib.util;
import lib.other; // expect: util loaded
print(lib.other.viaUtil(2), lib.util.double(2)); // expect: 5 4

// --- module functions keep the module's state
import lib.util as u; // expect: util loaded
u.bump();
u.bump();
print(u.counter); // expect: 2

// --- module members can be used inside functions and stored
import lib.util as u; // expect: util loaded
function viaModule(x) { return u.double(x); }
d = u.double;
print(viaModule(5), d(4)); // expect: 10 8

// --- module exports are read-only
import lib.util as u; // expect: util loaded
u.greeting = "changed"; // expect error: AttributeError: module attributes are read-only: 'greeting'

// --- module exports are read-only through the full path too
import lib.util; // expect: util loaded
lib.util.counter = 5; // expect error: AttributeError: module attributes are read-only: 'counter'

// --- a missing module member is an AttributeError
import lib.util as u; // expect: util loaded
x = u.nothing; // expect error: AttributeError: 'module' object has no attribute 'nothing'

// --- a module never exposes internals
import lib.util as u; // expect: util loaded
x = u.constructor; // expect error: AttributeError: 'module' object has no attribute 'constructor'

// --- a module is not subscriptable
import lib.util as u; // expect: util loaded
x = u["greeting"]; // expect error: TypeError: 'module' object is not subscriptable

// --- hasattr and getattr on a module
import lib.util as u; // expect: util loaded
print(hasattr(u, "greeting"), hasattr(u, "nothing"), hasattr(u, "constructor"), getattr(u, "greeting")); // expect: true false false hello

// --- a failed assignment to a module can be caught and changes nothing
import lib.util as u; // expect: util loaded
try {
  u.greeting = "changed";
} except (e) {
  print(e.type); // expect: AttributeError
}
print(u.greeting); // expect: hello

// --- an alias does not bind the first path segment
import lib.util as u;
print(lib); // expect compile error: ML2001: lib

// --- an unresolvable import is a compile error
import lib.nothere; // expect compile error: ML3001

// --- an unresolvable import suggests a close module
import lib.utl; // expect compile error: ML3001: lib.util

// --- a path with `..` is rejected
import ..lib.util; // expect compile error: ML1010|ML3003

// --- a JavaScript file is never imported
import lib.jsmodule; // expect compile error: ML3001

// --- Node modules are never imported
import child_process; // expect compile error: ML3001

// --- inherited JavaScript names are not modules
import constructor; // expect compile error: ML3001

// --- __proto__ is not a module
import __proto__; // expect compile error: ML3001

// --- imports are top level only
function f() {
  import lib.util; // expect compile error: ML1012
}

// --- imports are not allowed inside blocks
if (true) {
  import lib.util; // expect compile error: ML1012
}

// --- a compile error inside an imported module fails the program
import lib.broken;
// expect compile error: ML2001: nowhereDefined

// --- a runtime error in an imported module's top level fails the program
import lib.failing; // expect: failing starts
// expect error: IndexError: list index out of range
