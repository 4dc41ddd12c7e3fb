// technique: catch RecursionError and recurse again from the handler (exponential work)
// limits: steps=20000 recursion=50
// expect error: LimitError: step limit exceeded
function f() {
  try {
    return f();
  } except (e) {
    return f();
  }
}
f();
