// technique: assemble "constructor" from chr() codes and getattr it on a builtin function
// expect error: AttributeError: 'function' object has no attribute 'constructor'
name = "";
for (c in [99, 111, 110, 115, 116, 114, 117, 99, 116, 111, 114]) {
  name = name + chr(c);
}
ctor = getattr(print, name);
