// mlpy's call forms of the builtins (issue 13, docs/mlpy-compat.md "builtins"): the `builtin`
// namespace, min/max of one value, available_modules(type), module_info's type.

// --- builtin.len and builtin.abs call the builtins
print(builtin.len([1, 2, 3]), builtin.abs(-1), builtin.str(12) + "!"); // expect: 3 1 12!

// --- every builtin is a member of the namespace, the same function
print(
  builtin.len == len,
  builtin.print == print,
  builtin.requiredCapabilities == requiredCapabilities,
); // expect: true true true
print(typeof(builtin), str(builtin)); // expect: module <module builtin>

// --- builtin works inside functions and as a value
function count(xs) {
  return builtin.len(xs);
}
b = builtin;
f = builtin.max;
print(count("abcd"), b.min(3, 1, 2), f([4, 9, 2])); // expect: 4 1 9

// --- help of a namespace member is the builtin's help
print(help(builtin.len) == help(len)); // expect: true
print(hasattr(builtin, "sorted"), hasattr(builtin, "nope"), methods(builtin).count("len")); // expect: true false 1

// --- getattr on the namespace
print(getattr(builtin, "abs")(-2), getattr(builtin, "nope", "d")); // expect: 2 d

// --- an unknown member of the namespace is an AttributeError
x = builtin.nope; // expect error: AttributeError: 'module' object has no attribute 'nope'

// --- the namespace is read-only
builtin.len = 5; // expect error: AttributeError: module attributes are read-only: 'len'

// --- the namespace is not callable
x = builtin(1); // expect error: TypeError: 'module' is not callable

// --- a user binding named builtin shadows the namespace
builtin = {len: fn(x) => 42};
print(builtin.len([1]), len([1])); // expect: 42 1

// --- a parameter named builtin shadows it in its function only
function g(builtin) {
  return builtin;
}
print(g(7), typeof(builtin)); // expect: 7 module

// --- min and max of one value that is not a sequence return it (mlpy's min(42))
print(min(42), max(42), min(-1.5), max(true), min(null)); // expect: 42 42 -1.5 true null

// --- min and max of one sequence still look inside it
print(min([3, 1]), max("abc"), min({b: 1, a: 2}), max(iter([1, 5, 2]))); // expect: 1 c a 5

// --- available_modules with mlpy's filter argument
all = available_modules();
print(available_modules(null) == all, available_modules("python_bridge") == all, all.count("math")); // expect: true true 1
print(available_modules("ml_source")); // expect: []

// --- available_modules with an unknown filter
x = available_modules("java"); // expect error: ValueError: available_modules() type must be "python_bridge" or "ml_source", got 'java'

// --- module_info gives mlpy's type key
import json;
i = module_info("json");
print(i.name, i.type, i.functions.count("parse")); // expect: json python_bridge 1

// --- both spellings of the two-word builtins are the same functions
print(
  availableModules == available_modules,
  hasModule("math"),
  moduleInfo("nope"),
  has_capability("file.read"),
); // expect: true true null false
print(
  get_capabilities(),
  get_capability_info("file.read"),
  required_capabilities(len),
  builtin.has_capability == hasCapability,
); // expect: [] null [] true
