// technique: give an object toString/valueOf/toJSON functions and display it every way ML can (print, str, repr, +, %, format, join)
// expect: {"toString": <function toString>, "valueOf": <function valueOf>, "toJSON": <function toJSON>}
// expect: 0 true
calls = 0;
function bump() {
  nonlocal calls;
  calls = calls + 1;
  return "pwned";
}
o = {"toString": fn() => bump(), "valueOf": fn() => bump(), "toJSON": fn(k) => bump()};
print(o);
shown = [str(o), repr(o), "" + o, o + "", "%s %r" % [o, o], format(o, "s"), ",".join([o])];
print(calls, shown.count(str(o)) == 6);
