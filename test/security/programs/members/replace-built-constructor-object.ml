// technique: derive "constructor" with str.replace and index a plain object with it
// expect error: KeyError: constructor
name = "conXXXstructor".replace("XXX", "");
ctor = {}[name];
