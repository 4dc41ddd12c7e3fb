// technique: read the JavaScript arguments object inside a function without assigning it
// expect compile error: ML2001 arguments
function f(a) {
  return arguments;
}
print(f(1));
