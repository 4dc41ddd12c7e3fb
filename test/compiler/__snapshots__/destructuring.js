"use strict";
const $rt = $ctx.rt, $L = $rt.budget, $d = $L.depth, $deep = $rt.deep, $tick = $rt.tick, $add = $rt.add, $arity = $rt.arity, $unpack = $rt.unpack, $unpackObject = $rt.unpackObject, $key = $rt.key, $caught = $rt.caught, $member = $rt.member, $b_print = $rt.builtins.print;
let calls, pair, a, b, first, second, config, host, port, x, y, e, pair$, config$, $t;
calls = 0;
pair$ = function () {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let $o;
  calls = (typeof ($o = calls) === "number" ? $o + 1 : $add($o, 1));
  $L.depth = $d - 1; return [1, 2];
};
pair = function () {
  if (arguments.length !== 0) $arity("pair", 0, arguments.length);
  return pair$();
};
$t = $unpack(pair$(), 2); a = $t[0]; b = $t[1];
$b_print(a, b, calls);
$t = $unpack([b, a], 2); a = $t[0]; b = $t[1];
$b_print(a, b);
$t = $unpack("hi", 2); first = $t[0]; second = $t[1];
$b_print(first, second);
config$ = function () {
  const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick(); let $o;
  calls = (typeof ($o = calls) === "number" ? $o + 1 : $add($o, 1));
  $L.depth = $d - 1; return {"host": "localhost", "port": 8080};
};
config = function () {
  if (arguments.length !== 0) $arity("config", 0, arguments.length);
  return config$();
};
$t = $unpackObject(config$()); host = $key($t, "host"); port = $key($t, "port");
$b_print(host, port, calls);
try {
  $t = $unpack([1, 2, 3], 2); x = $t[0]; y = $t[1];
} catch ($e) {
  $L.depth = $d;
  e = $caught($e);
  $b_print($member(e, "type"), $member(e, "message"));
}
return { "calls": () => calls, "pair": () => pair, "a": () => a, "b": () => b, "first": () => first, "second": () => second, "config": () => config, "host": () => host, "port": () => port, "x": () => x ?? null, "y": () => y ?? null, "e": () => e ?? null };
