"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $maxArray = $rt.maxArrayLength, $append = ($p, $q) => { if ($isArray($p) && $p.length < $maxArray) { try { $p.push($q); } catch ($x) { $appendRefused($x); } return null; } return $invoke($p, "append", $q); }, $deep = $rt.deep, $tick = $rt.tick, $arity = $rt.arity, $unbound = $rt.unbound, $iter = $rt.iter, $ret = $rt.ret, $callable = $rt.callable, $isArray = $rt.isArray, $index = $rt.index, $add = $rt.add, $caught = $rt.caught, $member = $rt.member, $appendRefused = $rt.appendRefused, $invoke = $rt.invoke, $b_print = $rt.builtins.print;
let x, readX, localX, late, later, handlers, i, outer, broken, e, never, readX$, localX$, late$, outer$, broken$, $a, $e;
x = "module";
readX$ = function () {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return x;
};
readX = function () {
  if (arguments.length !== 0) $arity("readX", 0, arguments.length);
  return readX$();
};
localX$ = function () {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let x;
  x = "local";
  $L.depth = $d - 1; return x;
};
localX = function () {
  if (arguments.length !== 0) $arity("localX", 0, arguments.length);
  return localX$();
};
$b_print(readX$(), localX$(), x);
late$ = function () {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return (later !== void 0 ? later : $unbound("later"));
};
late = function () {
  if (arguments.length !== 0) $arity("late", 0, arguments.length);
  return late$();
};
later = "bound later";
$b_print(late$());
handlers = [];
for (i of $iter([1, 2, 3])) {
  if (--$L.n < 0) $tick();
  $append(handlers, function () {
    if (arguments.length !== 0) $arity("<fn>", 0, arguments.length);
    const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
    $L.depth = $d - 1; return i;
  });
}
$b_print($ret($callable(($isArray($a = handlers) && 0 < $a.length && ($e = $a[0]) !== void 0 ? $e : $index($a, 0)))()), $ret($callable(($isArray($a = handlers) && 2 < $a.length && ($e = $a[2]) !== void 0 ? $e : $index($a, 2)))()));
outer$ = function () {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let value, middle, middle$;
  value = 1;
  middle$ = function () {
    const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let inner, inner$;
    inner$ = function () {
      const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let $o;
      value = (typeof ($o = value) === "number" ? $o + 10 : $add($o, 10));
      $L.depth = $d - 1; return null;
    };
    inner = function () {
      if (arguments.length !== 0) $arity("inner", 0, arguments.length);
      return inner$();
    };
    inner$();
    inner$();
    $L.depth = $d - 1; return null;
  };
  middle = function () {
    if (arguments.length !== 0) $arity("middle", 0, arguments.length);
    return middle$();
  };
  middle$();
  $L.depth = $d - 1; return value;
};
outer = function () {
  if (arguments.length !== 0) $arity("outer", 0, arguments.length);
  return outer$();
};
$b_print(outer$());
try {
  broken$ = function () {
    const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let y, missing;
    y = (missing !== void 0 ? missing : $unbound("missing"));
    missing = 1;
    $L.depth = $d - 1; return y;
  };
  broken = function () {
    if (arguments.length !== 0) $arity("broken", 0, arguments.length);
    return broken$();
  };
  broken$();
} catch ($e) {
  $L.depth = $d;
  e = $caught($e);
  $b_print($member(e, "type"), $member(e, "message"));
}
if (false) {
  never = 1;
}
try {
  $b_print((never !== void 0 ? never : $unbound("never")));
} catch ($e) {
  $L.depth = $d;
  e = $caught($e);
  $b_print($member(e, "message"));
}
return { "x": () => x, "readX": () => readX, "localX": () => localX, "late": () => late, "later": () => later, "handlers": () => handlers, "i": () => i ?? null, "outer": () => outer, "broken": () => broken ?? null, "e": () => e ?? null, "never": () => never ?? null };
