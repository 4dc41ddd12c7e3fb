"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $maxArray = $rt.maxArrayLength, $append = ($p, $q) => { if ($isArray($p) && $p.length < $maxArray) { try { $p.push($q); } catch ($x) { $appendRefused($x); } return null; } return $invoke($p, "append", $q); }, $lt = $rt.lt, $tick = $rt.tick, $add = $rt.add, $rangeLength = $rt.rangeLength, $mul = $rt.mul, $unbound = $rt.unbound, $iter = $rt.iter, $isArray = $rt.isArray, $index = $rt.index, $appendRefused = $rt.appendRefused, $invoke = $rt.invoke, $b_print = $rt.builtins.print;
let i, squares, n, k, word, ch, ages, name, found, $a, $e;
i = 0;
while ((typeof i === "number" ? i < 5 : $lt(i, 5))) {
  if (--$L.n < 0) $tick();
  i = (typeof i === "number" ? i + 1 : $add(i, 1));
  if ((i === 2)) {
    continue;
  }
  if ((i === 4)) {
    break;
  }
  $b_print("while", i);
}
squares = [];
for (let $v1 = 1, $n1 = $rangeLength($v1, 6, 1); $n1 > 0; $n1--, $v1++) {
  n = $v1;
  if (--$L.n < 0) $tick();
  $append(squares, (typeof n === "number" ? n * n : $mul(n, n)));
}
$b_print(squares, (n !== void 0 ? n : $unbound("n")));
for (let $v2 = 10, $s2 = 0, $c2 = (-3), $n2 = $rangeLength($v2, $s2, $c2); $n2 > 0; $n2--, $v2 += $c2) {
  k = $v2;
  if (--$L.n < 0) $tick();
  $b_print("down", k);
}
word = "";
for (ch of $iter("abc")) {
  if (--$L.n < 0) $tick();
  word = (typeof ch === "number" && typeof word === "number" ? ch + word : $add(ch, word));
}
$b_print(word);
ages = {"ann": 31, "bob": 42};
for (name of $iter(ages)) {
  if (--$L.n < 0) $tick();
  $b_print(name, ($isArray($a = ages) && typeof name === "number" && (name >>> 0) === name && name < $a.length && ($e = $a[name]) !== void 0 ? $e : $index($a, name)));
}
found = null;
while (true) {
  if (--$L.n < 0) $tick();
  found = "yes";
  break;
}
$b_print(found);
return { "i": () => i, "squares": () => squares, "n": () => n ?? null, "k": () => k ?? null, "word": () => word, "ch": () => ch ?? null, "ages": () => ages, "name": () => name ?? null, "found": () => found };
