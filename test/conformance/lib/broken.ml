// A module with a compile error, for the conformance suite.
x = nowhereDefined;
