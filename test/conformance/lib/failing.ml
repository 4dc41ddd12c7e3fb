// A module whose top-level code raises, for the conformance suite.
print("failing starts");
x = [][0];
