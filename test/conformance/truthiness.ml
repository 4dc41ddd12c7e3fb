// Truthiness, `!`, `&&`/`||` returning operands, and the conditional operator (LANGUAGE.md §4).

// --- false values
print(bool(false), bool(null), bool(0), bool(0.0), bool(""), bool([]), bool({})); // expect: false false false false false false false

// --- -0 is false
print(bool(-0), !(-0)); // expect: false true

// --- true values
print(bool(true), bool(1), bool(-1), bool(0.5), bool("a"), bool([0]), bool({a: null})); // expect: true true true true true true true

// --- strings that look false are true
print(bool("0"), bool("false"), bool(" "), bool("null")); // expect: true true true true

// --- nested empty containers are true
print(bool([[]]), bool([null]), bool([false]), bool({"": 0})); // expect: true true true true

// --- functions and iterators are true
print(bool(print), bool(fn() => 0), bool(iter([])), bool(len)); // expect: true true true true

// --- an empty object is false; one key, even with a null value, makes it true
o = {};
print(bool(o)); // expect: false
o.k = null;
print(bool(o)); // expect: true

// --- an array emptied by methods becomes false
a = [1];
a.pop();
print(bool(a)); // expect: false

// --- `!` returns a boolean
print(!0, !1, !"", !"x", ![], ![0], !{}, !{a: 1}, !null); // expect: true false true false true false true false true
print(typeof(!5), !!"a", !!0); // expect: boolean true false

// --- `||` returns the first true operand or the last
print(0 || "d"); // expect: d
print("a" || "b"); // expect: a
print(null || 0); // expect: 0
print("" || [] || {}); // expect: {}
print(false || null); // expect: null

// --- `&&` returns the first false operand or the last
print(1 && 2); // expect: 2
print(0 && 2); // expect: 0
print([] && 1); // expect: []
print("x" && [1] && "last"); // expect: last
function boom() {
  return [][0];
}
print(null && boom()); // expect: null

// --- `&&` and `||` short-circuit
function loud(v) {
  print("evaluated", v);
  return v;
}
r1 = false && loud(1);
r2 = true || loud(2);
r3 = true && loud(3); // expect: evaluated 3
r4 = false || loud(4); // expect: evaluated 4
print(r1, r2, r3, r4); // expect: false true 3 4

// --- `&&` binds tighter than `||`
print(true || false && false); // expect: true
print((true || false) && false); // expect: false
print(0 || 1 && 2); // expect: 2

// --- truthiness in if and while
function kind(v) {
  if (v) {
    return "truthy";
  } else {
    return "falsy";
  }
}
print(kind(0), kind("0"), kind([]), kind([[]]), kind({}), kind(null), kind(0.1)); // expect: falsy truthy falsy truthy falsy falsy truthy
items = [1, 2, 3];
while (items) {
  items.pop();
}
print(items); // expect: []

// --- the conditional operator tests truthiness
print(0 ? "a" : "b", [] ? "a" : "b", "0" ? "a" : "b", {} ? "a" : "b"); // expect: b b a b

// --- the conditional operator binds loosest
print(true ? 1 : 2 + 10); // expect: 1
print(false ? 1 : 2 + 10); // expect: 12
print((false ? 1 : 2) + 10); // expect: 12
print(1 + (true ? 1 : 2)); // expect: 2
x = true || false ? "y" : "n";
print(x); // expect: y
print(1 == 2 ? "eq" : "ne"); // expect: ne

// --- nested conditionals group to the right
function sign(x) {
  return x > 0 ? "pos" : x < 0 ? "neg" : "zero";
}
print(sign(5), sign(-5), sign(0)); // expect: pos neg zero

// --- only the chosen branch is evaluated
function loud(v) {
  print("evaluated", v);
  return v;
}
r = true ? loud("yes") : loud("no"); // expect: evaluated yes
print(r); // expect: yes

// --- a parenthesized conditional inside a larger expression groups as written
n = 3;
print("n is " + (n % 2 == 0 ? "even" : "odd") + "!"); // expect: n is odd!
print([1, 2][n > 2 ? 1 : 0]); // expect: 2
