// technique: use the JavaScript names arguments/eval/this as variables, hoping to read the generated function's arguments object
// expect: 5 7 8 number
function f(a) {
  arguments = a + 1;
  eval = arguments + 1;
  this = eval + 1;
  return [a, eval, this + arguments - 6, typeof(arguments)];
}
[a, b, c, d] = f(5);
print(a, b, c, d);
