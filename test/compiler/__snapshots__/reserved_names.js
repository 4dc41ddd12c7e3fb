"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $arity = $rt.arity, $deep = $rt.deep, $tick = $rt.tick, $add = $rt.add, $mul = $rt.mul, $member = $rt.member, $iter = $rt.iter, $unbound = $rt.unbound, $unpack = $rt.unpack, $b_print = $rt.builtins.print;
let class$, new$, delete$, undefined$, Object, eval$, async$, yield$, static$, enum$, $t;
class$ = "a class";
new$ = 1;
delete$ = function (this$, arguments$) {
  if (arguments.length !== 2) $arity("delete", 2, arguments.length);
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return (typeof this$ === "number" && typeof arguments$ === "number" ? this$ + arguments$ : $add(this$, arguments$));
};
$b_print(class$, delete$(new$, 2));
undefined$ = "defined";
Object = {"keys": "not a function"};
eval$ = function (let$) {
  if (arguments.length !== 1) $arity("eval", 1, arguments.length);
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return (typeof let$ === "number" ? let$ * 2 : $mul(let$, 2));
};
$b_print(undefined$, $member(Object, "keys"), eval$(21));
for (async$ of $iter([1, 2])) {
  if (--$L.n < 0) $tick();
  yield$ = async$;
}
$b_print((yield$ !== void 0 ? yield$ : $unbound("yield")), (async$ !== void 0 ? async$ : $unbound("async")));
$t = $unpack(["s", "e"], 2); static$ = $t[0]; enum$ = $t[1];
$b_print((typeof static$ === "number" && typeof enum$ === "number" ? static$ + enum$ : $add(static$, enum$)));
return { "class": () => class$, "new": () => new$, "delete": () => delete$, "undefined": () => undefined$, "Object": () => Object, "eval": () => eval$, "async": () => async$ ?? null, "yield": () => yield$ ?? null, "static": () => static$, "enum": () => enum$ };
