// technique: call eval on JavaScript source
// expect compile error: ML2001 eval
eval("process.exit(1)");
