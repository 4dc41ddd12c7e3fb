"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $deep = $rt.deep, $tick = $rt.tick, $thrown = $rt.thrown, $sub = $rt.sub, $arity = $rt.arity, $caught = $rt.caught, $member = $rt.member, $isArray = $rt.isArray, $index = $rt.index, $b_print = $rt.builtins.print, $b_str = $rt.builtins.str, $b_typeof = $rt.builtins.typeof;
let risky, attempt, keep, override, e, ignored, risky$, attempt$, keep$, override$, $a, $e;
risky$ = function (n) {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  if ((n === 0)) {
    throw $thrown({"type": "ValueError", "message": "n is zero"});
  }
  { const $r = risky$((typeof n === "number" ? n - 1 : $sub(n, 1))); $L.depth = $d - 1; return $r; }
};
risky = function (n) {
  if (arguments.length !== 1) $arity("risky", 1, arguments.length);
  return risky$(n);
};
attempt$ = function (n) {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let e;
  try {
    risky$(n);
  } catch ($e) {
    $L.depth = $d;
    try {
      e = $caught($e);
      $b_print("caught", $member(e, "type"), $b_str(e));
      $L.depth = $d - 1; return "handled";
    } catch ($e1) { $L.depth = $d; throw $e1; }
  } finally {
    $b_print("finally", n);
  }
  $L.depth = $d - 1; return null;
};
attempt = function (n) {
  if (arguments.length !== 1) $arity("attempt", 1, arguments.length);
  return attempt$(n);
};
$b_print(attempt$(5));
keep$ = function () {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let x;
  x = "first";
  try {
    $L.depth = $d - 1; return x;
  } catch ($e) {
    $L.depth = $d;
    throw $e;
  } finally {
    x = "second";
  }
  $L.depth = $d - 1; return null;
};
keep = function () {
  if (arguments.length !== 0) $arity("keep", 0, arguments.length);
  return keep$();
};
$b_print(keep$());
override$ = function () {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  try {
    $L.depth = $d - 1; return 1;
  } catch ($e) {
    $L.depth = $d;
    throw $e;
  } finally {
    $L.depth = $d - 1; return 2;
  }
  $L.depth = $d - 1; return null;
};
override = function () {
  if (arguments.length !== 0) $arity("override", 0, arguments.length);
  return override$();
};
$b_print(override$());
try {
  ($isArray($a = []) && 0 < $a.length && ($e = $a[0]) !== void 0 ? $e : $index($a, 0));
} catch ($e) {
  $L.depth = $d;
  $caught($e);
  $b_print("bare except");
}
try {
  throw $thrown("plain");
} catch ($e) {
  $L.depth = $d;
  e = $caught($e);
  $b_print(e, $b_typeof(e));
}
return { "risky": () => risky, "attempt": () => attempt, "keep": () => keep, "override": () => override, "e": () => e, "ignored": () => ignored ?? null };
