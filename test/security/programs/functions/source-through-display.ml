// technique: recover a function's JavaScript source text through str, repr, + and % formatting
// expect: <function secret> <function secret> <function secret> <function secret>
// expect: <function <fn>>
function secret() {
  return "hidden body";
}
print(str(secret), repr(secret), "" + secret, "%s" % [secret]);
print(fn(x) => x);
