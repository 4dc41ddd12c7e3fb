// Capability declarations (LANGUAGE.md §1, §2, §9): they parse, and they are inert for pure
// code; they never grant anything by themselves.

// --- a declaration with resource and coarse permissions
capability ReportFiles { resource "reports/**/*.csv"; allow read; allow write "out/**"; }
print("pure code runs"); // expect: pure code runs

// --- a declaration with dotted permissions and targets
capability Upstream { allow network.http "api.example.com"; allow datetime.now; }
print(1 + 1); // expect: 2

// --- every coarse permission
capability Everything {
  allow read;
  allow write;
  allow execute;
  allow network;
  allow system;
}
print("declared"); // expect: declared

// --- an empty declaration
capability Nothing { }
print("empty"); // expect: empty

// --- several declarations and code between them
capability A { allow read; }
x = 1;
capability B { allow datetime.now; }
print(x); // expect: 1

// --- a declaration grants nothing
capability Files { allow read; allow file.read; }
print(hasCapability("file.read")); // expect: false

// --- keywords of capability blocks are ordinary names elsewhere
capability C { allow read "data/*"; }
read = "r";
allow = "a";
function resource(network) { return network + 1; }
print(read + allow, resource(1)); // expect: ra 2

// --- an unknown coarse permission is a compile error
capability Bad { allow fly; } // expect compile error: ML4001

// --- a duplicate capability name is a compile error
capability Twice { allow read; }
capability Twice { allow write; } // expect compile error: ML4002

// --- a declaration inside a function is a compile error
function f() {
  capability Inner { allow read; } // expect compile error: ML1013
}

// --- a declaration inside a block is a compile error
if (true) {
  capability Inner { allow read; } // expect compile error: ML1013
}

// --- a malformed declaration is a compile error
capability Broken { allow read } // expect compile error: ML1010

// --- a resource must be a string
capability Broken { resource data; } // expect compile error: ML1010
