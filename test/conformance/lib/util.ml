// An importable module for the conformance suite's import cases (not a topic file).
print("util loaded");
greeting = "hello";
counter = 0;
items = [1, 2];
function double(x) {
  return x * 2;
}
function bump() {
  nonlocal counter;
  counter = counter + 1;
  return counter;
}
function greet(name) {
  return greeting + ", " + name;
}
