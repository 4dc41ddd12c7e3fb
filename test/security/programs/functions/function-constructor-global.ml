// technique: call the Function constructor by name
// expect compile error: ML2001 Function
f = Function("return process")();
