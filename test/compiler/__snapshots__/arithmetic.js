"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $fdiv = ($p, $q) => { if (typeof $p === "number" && typeof $q === "number" && ($p | 0) === $p && ($q | 0) === $q && $q !== 0) { const $r = $p % $q; return ($p - $r) / $q - ($r !== 0 && ($r ^ $q) < 0 ? 1 : 0) + 0; } return $rt.fdiv($p, $q); }, $mod = ($p, $q) => { if (typeof $p === "number" && typeof $q === "number" && $q !== 0) { const $r = $p % $q; if ($r !== 0) return ($r < 0) !== ($q < 0) ? $r + $q : $r; return $q < 0 && (($p | 0) !== $p || ($q | 0) !== $q) ? -0 : 0; } return $rt.mod($p, $q); }, $add = $rt.add, $sub = $rt.sub, $mul = $rt.mul, $div = $rt.div, $neg = $rt.neg, $gt = $rt.gt, $ne = $rt.ne, $lt = $rt.lt, $le = $rt.le, $truthy = $rt.truthy, $caught = $rt.caught, $member = $rt.member, $b_print = $rt.builtins.print;
let seconds, x, y, label, z, e, $t;
seconds = 86400;
$b_print(seconds, 3.5, $fdiv(7, 2), $fdiv((-7), 2), $mod((-7), 3), 10);
x = 10;
y = 3;
$b_print((typeof x === "number" && typeof y === "number" ? x + y : $add(x, y)), (typeof x === "number" && typeof y === "number" ? x - y : $sub(x, y)), (typeof x === "number" && typeof y === "number" ? x * y : $mul(x, y)), (typeof x === "number" && typeof y === "number" && y !== 0 ? x / y : $div(x, y)), $fdiv(x, y), $mod(x, y), (typeof x === "number" ? -x : $neg(x)));
$b_print($add("n=", x), $mul("ab", 3), $add([1, 2], [3]));
$b_print((typeof x === "number" && typeof y === "number" ? x > y : $gt(x, y)), (x === 10), $ne(x, y), $lt("a", "b"), $le([1, 2], [1, 3]));
$b_print(($truthy($t = 0) ? $t : "default"), ($truthy($t = 1) ? "both" : $t), !$truthy(x), !(typeof x === "number" && typeof y === "number" ? x < y : $lt(x, y)));
label = ((typeof x === "number" ? x > 5 : $gt(x, 5)) ? "big" : "small");
$b_print(label, $mod("%s has %d items", ["cart", 3]));
try {
  z = $div(x, 0);
} catch ($e) {
  $L.depth = $d;
  e = $caught($e);
  $b_print($member(e, "type"), $member(e, "message"));
}
return { "seconds": () => seconds, "x": () => x, "y": () => y, "label": () => label, "z": () => z ?? null, "e": () => e ?? null };
