// technique: name globalThis directly
// expect compile error: ML2001 globalThis
g = globalThis;
