"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $invoke = $rt.invoke, $member = $rt.member, $deep = $rt.deep, $tick = $rt.tick, $mul = $rt.mul, $arity = $rt.arity, $b_print = $rt.builtins.print;
let mathx, t, tools, area, area$;
mathx = $ctx.import(["mathx"], false);
t = $ctx.import(["tools", "text"], true);
tools = $ctx.import(["tools", "text"], false);
$b_print($invoke(mathx, "square", 7), $invoke(t, "shout", "hi"), $invoke($member(tools, "text"), "shout", "ok"));
area$ = function (r) {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let $o, $o1;
  { const $r = ($o = $member(mathx, "pi"), typeof ($o1 = $invoke(mathx, "square", r)) === "number" && typeof $o === "number" ? $o * $o1 : $mul($o, $o1)); $L.depth = $d - 1; return $r; }
};
area = function (r) {
  if (arguments.length !== 1) $arity("area", 1, arguments.length);
  return area$(r);
};
$b_print(area$(2));
return { "area": () => area };
