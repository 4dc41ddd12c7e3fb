"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $maxArray = $rt.maxArrayLength, $append = ($p, $q) => { if ($isArray($p) && $p.length < $maxArray) { try { $p.push($q); } catch ($x) { $appendRefused($x); } return null; } return $invoke($p, "append", $q); }, $member = $rt.member, $index = $rt.index, $setMember = $rt.setMember, $invoke = $rt.invoke, $isArray = $rt.isArray, $slice = $rt.slice, $setIndex = $rt.setIndex, $arity = $rt.arity, $deep = $rt.deep, $tick = $rt.tick, $mul = $rt.mul, $eq = $rt.eq, $caught = $rt.caught, $appendRefused = $rt.appendRefused, $b_print = $rt.builtins.print, $b_keys = $rt.builtins.keys, $b_len = $rt.builtins.len;
let user, nums, text, nested, ops, e, $a, $e;
user = {"name": "Ada", "full name": "Ada Lovelace", ["__proto__"]: "own key", "tags": ["math"]};
$b_print($member(user, "name"), $index(user, "full name"), $member(user, "__proto__"), $b_keys(user));
$setMember(user, "age", 36);
$append($index(user, "tags"), "code");
$b_print($member(user, "age"), $member(user, "tags"), $member(user, "missing"));
nums = [5, 3, 8, 1];
$invoke(nums, "sort");
$b_print(nums, ($isArray($a = nums) && 0 < $a.length && ($e = $a[0]) !== void 0 ? $e : $index($a, 0)), $index(nums, (-1)), $slice(nums, 1, 3, null), $slice(nums, null, null, (-1)), $b_len(nums));
$setIndex(nums, 0, 100);
$b_print(nums, $invoke(nums, "index", 8), $invoke(nums, "pop"), nums);
text = "Hello, World";
$b_print($invoke(text, "upper"), $invoke(text, "split", ", "), $slice(text, 0, 5, null), $member(text, "length"));
nested = {"a": {"b": {"c": [1, 2, {"d": "deep"}]}}};
$b_print($member(($isArray($a = $member($member($member(nested, "a"), "b"), "c")) && 2 < $a.length && ($e = $a[2]) !== void 0 ? $e : $index($a, 2)), "d"));
ops = {"double": function (x) {
  if (arguments.length !== 1) $arity("double", 1, arguments.length);
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();
  $L.depth = $d - 1; return (typeof x === "number" ? x * 2 : $mul(x, 2));
}};
$b_print($invoke(ops, "double", 21));
$b_print($eq({}, {}), $eq([1, [2]], [1, [2]]), $eq({"a": 1}, {"a": 2}));
try {
  $b_print($index(user, "nope"));
} catch ($e) {
  $L.depth = $d;
  e = $caught($e);
  $b_print($member(e, "type"), $member(e, "message"));
}
return { "user": () => user, "nums": () => nums, "text": () => text, "nested": () => nested, "ops": () => ops, "e": () => e ?? null };
