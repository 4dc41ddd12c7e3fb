// technique: name the Node process object directly
// expect compile error: ML2001 process
p = process;
p.exit(1);
