"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $maxArray = $rt.maxArrayLength, $append = ($p, $q) => { if ($isArray($p) && $p.length < $maxArray) { try { $p.push($q); } catch ($x) { $appendRefused($x); } return null; } return $invoke($p, "append", $q); }, $deep = $rt.deep, $tick = $rt.tick, $lt = $rt.lt, $sub = $rt.sub, $add = $rt.add, $arity = $rt.arity, $ret = $rt.ret, $callable = $rt.callable, $iter = $rt.iter, $mul = $rt.mul, $gt = $rt.gt, $isArray = $rt.isArray, $appendRefused = $rt.appendRefused, $invoke = $rt.invoke, $b_print = $rt.builtins.print;
let fib, makeCounter, c, total, add, v, compose, inc, double, apply, len, early, fib$, makeCounter$, add$, len$, early$;
fib$ = function (n) {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let $o, $o1;
  { const $r = ((typeof n === "number" ? n < 2 : $lt(n, 2)) ? n : ($o = fib$((typeof n === "number" ? n - 1 : $sub(n, 1))), typeof ($o1 = fib$((typeof n === "number" ? n - 2 : $sub(n, 2)))) === "number" && typeof $o === "number" ? $o + $o1 : $add($o, $o1))); $L.depth = $d - 1; return $r; }
};
fib = function (n) {
  if (arguments.length !== 1) $arity("fib", 1, arguments.length);
  return fib$(n);
};
$b_print(fib$(20));
makeCounter$ = function (start) {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let count, step, step$;
  count = start;
  step$ = function (by) {
    const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let $o;
    count = (typeof ($o = count) === "number" && typeof by === "number" ? $o + by : $add($o, by));
    $L.depth = $d - 1; return count;
  };
  step = function (by) {
    if (arguments.length !== 1) $arity("step", 1, arguments.length);
    return step$(by);
  };
  $L.depth = $d - 1; return step;
};
makeCounter = function (start) {
  if (arguments.length !== 1) $arity("makeCounter", 1, arguments.length);
  return makeCounter$(start);
};
c = makeCounter$(10);
$ret($callable(c)(1));
$b_print($ret($callable(c)(5)));
total = 0;
add$ = function (v) {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let $o;
  total = (typeof ($o = total) === "number" && typeof v === "number" ? $o + v : $add($o, v));
  $L.depth = $d - 1; return null;
};
add = function (v) {
  if (arguments.length !== 1) $arity("add", 1, arguments.length);
  return add$(v);
};
for (v of $iter([1, 2, 3])) {
  if (--$L.n < 0) $tick();
  add$(v);
}
$b_print(total);
compose = function (f, g) {
  if (arguments.length !== 2) $arity("compose", 2, arguments.length);
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return function (x) {
    if (arguments.length !== 1) $arity("<fn>", 1, arguments.length);
    const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
    { const $r = $ret($callable(f)($ret($callable(g)(x)))); $L.depth = $d - 1; return $r; }
  };
};
inc = function (x) {
  if (arguments.length !== 1) $arity("inc", 1, arguments.length);
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return (typeof x === "number" ? x + 1 : $add(x, 1));
};
double = function (x) {
  if (arguments.length !== 1) $arity("double", 1, arguments.length);
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return (typeof x === "number" ? x * 2 : $mul(x, 2));
};
$b_print($ret($callable(compose(inc, double))(5)), $ret($callable(compose(double, inc))(5)));
apply = function (f, xs) {
  if (arguments.length !== 2) $arity("apply", 2, arguments.length);
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let out, x;
  out = [];
  for (x of $iter(xs)) {
    if (--$L.n < 0) $tick();
    $append(out, $ret($callable(f)(x)));
  }
  $L.depth = $d - 1; return out;
};
$b_print(apply(inc, [1, 2, 3]));
len$ = function (x) {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return "shadowed";
};
len = function (x) {
  if (arguments.length !== 1) $arity("len", 1, arguments.length);
  return len$(x);
};
$b_print(len$([1, 2]));
early$ = function (x) {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  if ((typeof x === "number" ? x > 0 : $gt(x, 0))) {
    $L.depth = $d - 1; return "positive";
  }
  $L.depth = $d - 1; return null;
};
early = function (x) {
  if (arguments.length !== 1) $arity("early", 1, arguments.length);
  return early$(x);
};
$b_print(early$(1), early$((-1)));
return { "fib": () => fib, "makeCounter": () => makeCounter, "c": () => c, "total": () => total, "add": () => add, "v": () => v ?? null, "compose": () => compose, "inc": () => inc, "double": () => double, "apply": () => apply, "len": () => len, "early": () => early };
