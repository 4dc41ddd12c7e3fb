import { describe, it, expect } from "vitest";
import { compile } from "../../src/compiler/index.js";
import { BUILTINS } from "../../src/compiler/resolver.js";
import { createRuntime } from "../../src/runtime/runtime.js";
import { resolveLimits } from "../../src/runtime/state.js";
import { compileOk, execute, failure, output, runML, testRuntime } from "./codegen-helpers.js";

describe("codegen: basics", () => {
  it("runs arithmetic with ML semantics and folds literal-only arithmetic", () => {
    expect(output("print(1 + 2 * 3, 7 / 2, -7 // 2, -7 % 3, 60 * 60 * 24, -(2 - 5));")).toBe("7 3.5 -4 2 86400 3\n");
    const code = compileOk("x = 60 * 60 * 24; y = -5; z = 1 / 0 + 1;").code;
    expect(code).toContain("x = 86400;");
    expect(code).toContain("y = (-5);");
    expect(code).toContain("$div(1, 0)"); // not folded: the runtime raises ZeroDivisionError
    expect(failure("z = 1 / 0;")).toBe("ZeroDivisionError: division by zero");
  });

  it("keeps ML semantics in the inline paths of computed operands, // and computed indexes", () => {
    // Two computed operands: evaluated once each, left first; strings and arrays take the helper.
    expect(output('log = []; function v(x) { log.append(x); return x; } print(v(1) + v(2), v("a") + v("b"), v([1]) + v([2]), v(3) * v(4) < v(5) - v(6)); print(log);'))
      .toBe('3 ab [1, 2] false\n[1, 2, "a", "b", [1], [2], 3, 4, 5, 6]\n');
    expect(failure("function f() { return 1; } x = f() + f() * null;")).toBe("TypeError: '*' not supported between number and null");
    // // on int32 and other numbers, as the runtime computes it (-0 becomes 0 for integers).
    expect(output("a = 7; b = -2; c = 0; d = 2147483647; print(a // b, -a // 2, c // b, d // -1, -2147483648 // -1, 7.5 // 2, -7.5 // 2, 1e10 // 3);"))
      .toBe("-4 -4 0 -2147483647 2147483648 3 -4 3333333333\n");
    expect(failure("a = 1; z = 0; x = a // z;")).toBe("ZeroDivisionError: integer division or modulo by zero");
    // A computed index: the object first, then the index; negative, float and out-of-range
    // positions, strings and objects take the helper.
    expect(output('xs = [10, 20, 30]; i = 1; s = "abc"; o = {"2": "two"}; print(xs[(i + 3) // 2], xs[i - 2], s[i + 1], o[i + 1], xs[xs[0] // 10]);'))
      .toBe("30 30 c two 20\n");
    expect(failure("xs = [1, 2]; i = 1; x = xs[i + 0.5];")).toBe("TypeError: list indices must be integers, not float");
    expect(failure("xs = [1, 2]; i = 1; x = xs[i + 1];")).toBe("IndexError: list index out of range");
    expect(output('log = []; function v(x) { log.append(x); return x; } xs = [5, 6]; print(v(xs)[v(0) + 1]); print(log);')).toBe("6\n[[5, 6], 0]\n");
  });

  it("drops the type checks on a counting loop's variable only when nothing else can assign it", () => {
    const counted = (body: string): string => {
      const code = compileOk(`function f(xs, n) { s = 0; ${body} return s; }`).code;
      return code.slice(code.indexOf("f$ = function"));
    };
    // `k` only ever holds range(n)'s non-negative integers: index and add without `typeof k`.
    const plain = counted("for (k in range(n)) { s = s + xs[k] * (k + 1); }");
    expect(plain).toContain("k < $a.length");
    expect(plain).toContain("(k + 1)");
    expect(plain).not.toContain("typeof k");
    // Literal non-negative start and positive step still count in non-negative integers.
    expect(counted("for (k in range(2, n, 3)) { s = s + xs[k]; }")).not.toContain("typeof k");
    // Anything else that assigns `k`, or a start or step that may be negative, keeps the checks.
    for (const body of [
      "for (k in range(n)) { k = k - 0.5; s = s + xs[k]; }",
      "for (k in range(-2, n)) { s = s + xs[k]; }",
      "for (k in range(0, n, -1)) { s = s + xs[k]; }",
      "for (k in range(n)) { s = s + xs[k]; } for (k in xs) { s = s + k; }",
      "try { s = 1; } except (k) { s = 2; } for (k in range(n)) { s = s + xs[k]; }",
      "range = fn(m) => [-1]; for (k in range(n)) { s = s + xs[k]; }",
    ]) expect(counted(body), body).toContain("typeof k");
    // A parameter is never a counter, nor a module variable (the REPL and the host may assign those).
    expect(counted("for (n in range(3)) { s = s + xs[n]; }")).toContain("typeof n");
    expect(compileOk("xs = [1, 2]; s = 0; for (k in range(2)) { s = s + xs[k]; }").code).toContain("typeof k");
    // The values seen are those of the checked paths.
    expect(output("function f(xs) { s = []; for (k in range(len(xs))) { s.append(xs[k] * k + k / 2 - k); } for (k in range(1, 4, 2)) { s.append(xs[k]); } return s; } print(f([5, 6, 7, 8]));"))
      .toBe("[0, 5.5, 13, 22.5, 6, 8]\n");
    expect(failure("function f(xs) { for (k in range(3)) { x = xs[k]; } } f([1]);")).toBe("IndexError: list index out of range");
  });

  it("never takes a loop variable for a counter when another scope can make it hold something else", () => {
    // A user `range` assigned later in the module, or by an enclosing function.
    expect(failure('function f(xs) { for (k in range(1)) { x = xs[k]; } } range = fn(n) => ["0"]; f([1]);'))
      .toBe("TypeError: list indices must be integers, not string");
    expect(failure('function outer() { range = fn(n) => ["a"]; function f() { for (k in range(1)) { x = k - 1; } } f(); } outer();'))
      .toBe("TypeError: '-' not supported between string and number");
    // A nested function assigning it through `nonlocal`, by a loop over its own `range` or by destructuring.
    expect(failure('function f() { function g() { nonlocal k; range = fn(n) => ["q"]; for (k in range(1)) { } } for (k in range(1)) { g(); x = k - 1; } } f();'))
      .toBe("TypeError: '-' not supported between string and number");
    expect(failure('function f(xs) { function g() { nonlocal k; [k] = ["0"]; } for (k in range(1)) { g(); x = xs[k]; } } f([1]);'))
      .toBe("TypeError: list indices must be integers, not string");
    // A closure reading it before any loop assigned it reports the unbound name.
    expect(failure("function f(xs) { g = fn() => xs[k] + k; g(); for (k in range(1)) { } } f([1]);"))
      .toBe("NameError: name 'k' is not defined");
  });

  it("concatenates strings and reports type errors from helpers", () => {
    expect(output('print("a" + 1, [1] + [2]);')).toBe("a1 [1, 2]\n");
    expect(failure("x = 1 + null;")).toBe("TypeError: '+' not supported between number and null");
    expect(failure('x = -"a";')).toBe("TypeError: bad operand type for unary -: string");
  });

  it("&& and || return an operand; ! returns a boolean; conditions use ML truthiness", () => {
    expect(output('print(0 || "d", 1 && 2, [] || "empty", null && 1, !0, ![], !"x");')).toBe("d 2 empty null true true false\n");
    expect(output('if ([]) { print("yes"); } else { print("no"); } if ({a: 1}) { print("obj"); }')).toBe("no\nobj\n");
    expect(output('x = 0; while (x < 3 && !(x == 2)) { x = x + 1; } print(x);')).toBe("2\n");
    expect(output('print(1 < 2 && 2 < 3, 1 > 2 || "z", (fn() => 1) || 2, (fn() => 1) && 5);')).toBe("true z <function <fn>> 5\n");
    expect(output('print(true ? 1 : 2, [] ? 1 : 2, (1 < 2) && "s");')).toBe("1 2 s\n");
  });

  it("short-circuits: the right operand is not evaluated", () => {
    expect(output("n = 0; function f() { nonlocal n; n = n + 1; return true; } x = true || f(); y = false && f(); z = 1 || f(); print(n);")).toBe("0\n");
  });

  it("evaluates each operand once in logical values", () => {
    expect(output("n = 0; function f() { nonlocal n; n = n + 1; return n; } x = f() || 5; y = f() && 7; print(x, y, n);")).toBe("1 7 2\n");
  });

  it("emits numbers and strings safely", () => {
    expect(output('print("line\\u2028sep" == "line" + chr(0x2028) + "sep", len("\\u2029"), 0xff, 1e3, .5);')).toBe("true 1 255 1000 0.5\n");
    const code = compileOk('s = "a\\u2028b";').code;
    expect(code).toContain("\\u2028");
    expect(code).not.toContain("\u2028");
    expect(output("x = 1e999; print(x > 1e308);")).toBe("true\n");
  });

  it("indexes, slices and sets members and elements", () => {
    expect(output('a = [1, 2, 3]; a[0] = 9; o = {}; o.k = 1; o["j"] = 2; print(a, a[-1], a[1:], a[::-1], o, o.k, "abc"[1]);'))
      .toBe('[9, 2, 3] 3 [2, 3] [3, 2, 9] {"k": 1, "j": 2} 1 b\n');
    expect(failure("a = [1]; x = a[5];")).toBe("IndexError: list index out of range");
  });

  it("evaluates an assigned value before the target's object and index (as Python)", () => {
    expect(output(`
      function idx() { print("index"); return 0; }
      function val() { print("value"); return 42; }
      function obj() { print("object"); return a; }
      a = [0]; o = {};
      obj()[idx()] = val();
      function getO() { print("o"); return o; }
      getO().k = val();
      i = 0; function bump() { nonlocal i; i = 1; return 9; }
      b = [0, 0]; b[i] = bump();
      print(a, o, b);`)).toBe('value\nobject\nindex\nvalue\no\n[42] {"k": 42} [0, 9]\n');
    const code = compileOk("a = [0]; x = 1; a[0] = x; a[0] = 5; a[0] = x + 1;").code;
    expect(code).toContain("$setIndex(a, 0, x);");
    expect(code).toContain("$setIndex(a, 0, 5);");
    expect(code).toMatch(/\$val = .*; \$setIndex\(a, 0, \$val\);/);
  });

  it("calls methods without `this` and object-stored functions", () => {
    expect(output('a = []; a.append(1); o = {f: fn(x) => x * 2}; print(a, o.f(4), "a,b".split(","));')).toBe('[1] 8 ["a", "b"]\n');
  });
});

describe("codegen: scoping", () => {
  it("assignment in a function makes a local; module variables are unaffected", () => {
    expect(output("x = 1; function f() { x = 2; return x; } print(f(), x);")).toBe("2 1\n");
  });

  it("reads module variables from functions (late binding)", () => {
    expect(output("function f() { return x; } x = 5; print(f()); x = 6; print(f());")).toBe("5\n6\n");
  });

  it("a local read before assignment is a NameError even when the module has the name", () => {
    expect(failure("x = 1; function f() { y = x; x = 2; return y; } f();")).toBe("NameError: name 'x' is not defined");
  });

  it("nonlocal assigns the module or the enclosing function", () => {
    expect(output("n = 0; function inc() { nonlocal n; n = n + 1; } inc(); inc(); print(n);")).toBe("2\n");
    expect(output(`
      function counter() {
        count = 0;
        function step() { nonlocal count; count = count + 1; return count; }
        return step;
      }
      c = counter(); c(); c(); d = counter();
      print(c(), d());`)).toBe("3 1\n");
    expect(output(`
      function outer() {
        x = 1;
        function middle() {
          function inner() { nonlocal x; x = x + 10; }
          inner();
          return x;
        }
        return middle();
      }
      print(outer());`)).toBe("11\n");
  });

  it("closures capture variables, not values (a for variable is one variable)", () => {
    expect(output("fs = []; for (i in [1, 2, 3]) { fs.append(fn() => i); } print(fs[0](), fs[2]());")).toBe("3 3\n");
    expect(output("fs = []; for (i in range(3)) { fs.append(fn() => i); } print(fs[0]());")).toBe("2\n");
  });

  it("a for variable keeps its last value after the loop", () => {
    expect(output("for (x in [1, 2, 3]) { } print(x); for (y in range(4)) { if (y == 2) { break; } } print(y);")).toBe("3\n2\n");
    expect(output('for (c in "ab") { } for (k in {p: 1, q: 2}) { } print(c, k);')).toBe("b q\n");
    expect(failure("for (x in []) { } print(x);")).toBe("NameError: name 'x' is not defined");
  });

  it("blocks create no scope", () => {
    expect(output("if (true) { a = 1; } while (true) { b = 2; break; } try { c = 3; } except { } print(a, b, c);")).toBe("1 2 3\n");
  });

  it("an unassigned branch is detected at run time only when taken", () => {
    expect(failure("if (false) { x = 1; } print(x);")).toBe("NameError: name 'x' is not defined");
    expect(output("if (true) { x = 1; } print(x);")).toBe("1\n");
  });

  it("functions are bound when the statement runs (no hoisting)", () => {
    expect(failure("f(); function f() { }")).toBe("NameError: name 'f' is not defined");
    expect(output("function a() { return b(); } function b() { return 7; } print(a());")).toBe("7\n");
  });

  it("user bindings shadow builtins in their scope", () => {
    expect(output("function len(x) { return 42; } print(len([1]));")).toBe("42\n");
    expect(output('function f() { print = 5; return print; } print(f()); print("still builtin");')).toBe("5\nstill builtin\n");
    expect(output("str = fn(v) => \"S\"; print(str(1));")).toBe("S\n");
  });

  it("a function name may be reassigned (calls see the current value)", () => {
    expect(output("function f() { return 1; } g = f; f = 2; print(g(), f);")).toBe("1 2\n");
    expect(failure("function f() { return 1; } f = 2; f();")).toBe("TypeError: 'number' is not callable");
  });

  it("inside a function, its own name refers to the variable, not the function object", () => {
    expect(output("function f() { return f; } g = f; f = 1; print(g());")).toBe("1\n");
  });
});

describe("codegen: reserved and unusual names", () => {
  it("mangles JavaScript reserved words consistently", () => {
    const src = `
      class = 1; new = 2; let = 3; this = 4; delete = 5; yield = 6; await = 7; static = 8;
      undefined = 9; NaN = 10; Infinity = 11; arguments = 12; eval = 13; var = 14; async = 15; of = 16;
      print(class + new + let + this + delete + yield + await + static + undefined + NaN + Infinity + arguments + eval + var + async + of);
      function enum(arguments, eval) { return arguments + eval; }
      print(enum(1, 2));
      for (async in [1]) { } for (let in [2]) { } print(async, let);
      function default(x) { return fn(this) => this + x; }
      print(default(1)(2), default);`;
    const r = runML(src);
    expect(r.error).toBeNull();
    expect(r.out).toBe("136\n3\n1 2\n3 <function default>\n");
    expect(Object.keys(r.exports!)).toContain("class");
    expect(r.exports!["class"]!()).toBe(1);
    expect(r.compiled.exports).toContain("arguments");
  });

  it("uses names of JavaScript globals as ordinary variables", () => {
    expect(output("Object = 1; Array = 2; Math = 3; JSON = 4; globalThis = 5; Function = 6; print(Object + Array + Math + JSON + globalThis + Function, len([1, 2]));"))
      .toBe("21 2\n");
  });

  it("reports arity errors with the ML name", () => {
    expect(failure("function class(a, b) { } class(1);")).toBe("TypeError: class() takes 2 arguments but 1 was given");
    expect(failure("f = fn(x) => x; f(1, 2);")).toBe("TypeError: f() takes 1 argument but 2 were given");
    expect(failure("[fn() => 1][0](5);")).toBe("TypeError: <fn>() takes 0 arguments but 1 was given");
  });

  it("checks the arity of a declared function however it is called (direct calls with the right count skip it)", () => {
    const code = compileOk("function f(a, b) { return a + b; } x = f(1, 2);").code;
    expect(code).toContain("x = f$(1, 2);");
    expect(code).toContain('if (arguments.length !== 2) $arity("f", 2, arguments.length);\n  return f$(a, b);');
    expect(failure("function f(a, b) { return a; } f(1);")).toBe("TypeError: f() takes 2 arguments but 1 was given");
    expect(failure("function f(a, b) { return a; } g = f; g(1, 2, 3);")).toBe("TypeError: f() takes 2 arguments but 3 were given");
    expect(failure("function f(a) { return a; } x = call(f);")).toBe("TypeError: f() takes 1 argument but 0 were given");
    expect(output("function f(a) { return a * 2; } g = f; print(f(2), g(3), call(f, 4), f == g, f);")).toBe("4 6 8 true <function f>\n");
    // Two declarations of one name (either may be current), or a reassigned name: one checked function.
    expect(compileOk("function f(a) { return 1; } function f(a, b) { return 2; } f(1, 2);").code).not.toContain("f$");
    expect(compileOk("function f(a) { return 1; } f = 3;").code).not.toContain("f$");
    // Nested declarations and recursion keep the depth limit.
    expect(output("function outer(n) { function inner(k) { return k <= 0 ? 0 : 1 + inner(k - 1); } return inner(n); } print(outer(50));")).toBe("50\n");
    expect(failure("function r(n) { return r(n + 1); } r(0);")).toBe("RecursionError: maximum recursion depth exceeded");
  });

  it("getattr with a default answers a plain object's own keys inline, anything else as the builtin", () => {
    expect(compileOk("o = {}; x = getattr(o, \"a\", 0);").code).toContain('$getattr3(o, "a", 0)');
    expect(output('o = {a: 1, n: null}; print(getattr(o, "a", 0), getattr(o, "b", 0), getattr(o, "n", 0), getattr(o, "toString", 5), getattr(o, "__proto__", 6));'))
      .toBe("1 0 null 5 6\n");
    expect(output('print(getattr("abc", "length", 0), getattr([1], "nope", 2), getattr(null, "x", 3));')).toBe("3 2 3\n");
    expect(failure('x = getattr({}, 5, 0);')).toBe(failure('g = getattr; x = g({}, 5, 0);'));
    expect(output('counts = {}; for (w in "a b a c a".split()) { counts[w] = getattr(counts, w, 0) + 1; } print(counts);')).toBe('{"a": 3, "b": 1, "c": 1}\n');
  });

  it("creates own `__proto__` keys and never touches prototypes", () => {
    expect(output('o = {__proto__: 5, "constructor": 1}; print(keys(o), o.__proto__, o["__proto__"], o.constructor);'))
      .toBe('["__proto__", "constructor"] 5 5 1\n');
    const code = compileOk("o = {__proto__: 1};").code;
    expect(code).toContain('["__proto__"]: 1');
    expect(output("__proto__ = 3; print(__proto__);")).toBe("3\n");
    const r = runML("__proto__ = 3; constructor = 4;");
    expect(Object.getPrototypeOf(r.exports)).toBe(Object.prototype);
    expect(r.exports!.__proto__!()).toBe(3);
    expect(Object.keys(r.exports!)).toEqual(["__proto__", "constructor"]);
  });

  it("destructures into reserved names", () => {
    expect(output("[class, new] = [1, 2]; {this} = {this: 3}; print(class, new, this);")).toBe("1 2 3\n");
  });
});

describe("codegen: destructuring", () => {
  it("evaluates the source once", () => {
    expect(output("n = 0; function g() { nonlocal n; n = n + 1; return [1, 2]; } [a, b] = g(); print(a, b, n);")).toBe("1 2 1\n");
    expect(output("n = 0; function g() { nonlocal n; n = n + 1; return {a: 1, b: 2}; } {a, b} = g(); print(a, b, n);")).toBe("1 2 1\n");
  });

  it("swaps and unpacks strings", () => {
    expect(output('a = 1; b = 2; [a, b] = [b, a]; [x, y] = "hi"; print(a, b, x, y);')).toBe("2 1 h i\n");
  });

  it("raises the documented errors", () => {
    expect(failure("[a, b] = [1, 2, 3];")).toBe("ValueError: too many values to unpack (expected 2, got 3)");
    expect(failure("[a, b] = 5;")).toBe("TypeError: cannot unpack non-sequence number");
    expect(failure("{a} = {b: 1};")).toBe("KeyError: a");
    expect(failure("{a} = [1];")).toBe("TypeError: cannot destructure array");
  });
});

describe("codegen: functions and calls", () => {
  it("returns null by default and supports block-bodied arrows", () => {
    expect(output("function f() { } g = fn(x) => { if (x) { return 1; } }; print(f(), g(true), g(false));")).toBe("null 1 null\n");
  });

  it("calls any callable value and rejects others", () => {
    expect(output("print((fn(x) => x + 1)(1), [fn() => 2][0](), {f: fn() => 3}.f());")).toBe("2 2 3\n");
    expect(failure("x = 5; x();")).toBe("TypeError: 'number' is not callable");
    expect(failure('x = "s"; y = x(1);')).toBe("TypeError: 'string' is not callable");
  });

  it("turns a host function's undefined result into null", () => {
    const r = runML("import host as f; x = f(); print(x, typeof(x));", { imports: { host: () => undefined } });
    expect(r.error).toBeNull();
    expect(r.out).toBe("null null\n");
  });

  it("calls builtins directly, relying on them never returning undefined", () => {
    const rt = testRuntime([]);
    const undefinedResults: string[] = [];
    const samples: unknown[][] = [[], [1], ["a"], [[1, 2]], [{ a: 1 }], [1, 2], [[1], 0], [null]];
    for (const name of BUILTINS) {
      const f = rt.builtins[name];
      expect(typeof f, name).toBe("function");
      for (const args of samples) {
        try {
          if (f!(...args) === undefined) undefinedResults.push(`${name}(${JSON.stringify(args)})`);
        } catch {
          // errors are fine here
        }
      }
    }
    expect(undefinedResults).toEqual([]);
    expect(compileOk("x = len([1]);").code).toContain("x = $b_len([1]);");
  });

  it("recursion works and is bounded by the depth limit", () => {
    expect(output("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } print(fib(15));")).toBe("610\n");
    expect(failure("function f(n) { return f(n + 1); } f(0);", { recursion: 50 })).toBe("RecursionError: maximum recursion depth exceeded");
  });

  it("counts steps on loops and calls", () => {
    expect(failure("while (true) { }", { steps: 1000 })).toMatch(/^LimitError: step limit exceeded/);
    expect(failure("function f() { return 1; } for (i in range(100000)) { f(); }", { steps: 1000 })).toMatch(/^LimitError/);
  });

  it("keeps the depth balanced on normal and error paths", () => {
    const r = runML(`
      function f(n) { if (n == 0) { return 0; } return f(n - 1); }
      function boom(n) { if (n == 0) { throw {message: "x"}; } return boom(n - 1); }
      function catcher() { try { boom(10); } except (e) { return f(5); } }
      catcher();
      try { boom(20); } except { }
      function fin() { try { return f(3); } finally { f(2); } }
      fin();
      function finret() { try { boom(3); } finally { return 7; } }
      print(finret());
      function exc_fin() { try { boom(2); } except (e) { boom(4); } finally { x = f(1); } }
      try { exc_fin(); } except { }
    `);
    expect(r.error).toBeNull();
    expect(r.out).toBe("7\n");
    expect(r.rt.budget.depth).toBe(0);
  });

  it("a caught RecursionError leaves the depth correct for later calls", () => {
    const r = runML(`
      function deep(n) { return deep(n + 1); }
      function count(n) { return n == 0 ? 0 : 1 + count(n - 1); }
      try { deep(0); } except (e) { print(e.type); }
      print(count(40));
      function again() { try { deep(0); } except (e) { return count(40); } }
      print(again());
    `, { limits: { recursion: 50 } });
    expect(r.error).toBeNull();
    expect(r.out).toBe("RecursionError\n40\n40\n");
    expect(r.rt.budget.depth).toBe(0);
  });
});

describe("codegen: try / except / finally", () => {
  it("binds runtime errors and thrown values", () => {
    expect(output('try { x = [1][3]; } except (e) { print(e.type, e.message); } try { throw {message: "m", type: "ValueError"}; } except (e) { print(e.type, str(e)); } try { throw 5; } except (e) { print(e); }'))
      .toBe("IndexError list index out of range\nValueError m\n5\n");
  });

  it("runs finally on every path, and a return value is fixed before finally", () => {
    expect(output(`
      function f() { x = 1; try { return x; } finally { x = 2; print("finally"); } }
      print(f());
      function g() { try { return 1; } finally { return 2; } }
      print(g());
      for (i in [1, 2]) { try { if (i == 1) { continue; } break; } finally { print("f", i); } }
      try { try { throw 1; } finally { print("inner"); } } except (e) { print("outer", e); }
    `)).toBe("finally\n1\n2\nf 1\nf 2\ninner\nouter 1\n");
  });

  it("only the first except clause runs (it catches everything)", () => {
    const r = runML('try { throw 1; } except (a) { print("first", a); } except (b) { print("second"); }');
    expect(r.out).toBe("first 1\n");
    expect(r.compiled.diagnostics.map((d) => d.code)).toEqual(["ML2008"]);
  });

  it("bare except still rethrows uncatchable errors; finally still runs", () => {
    const r = runML('try { while (true) { } } except { print("caught"); } finally { print("fin"); }', { limits: { steps: 500 } });
    expect(r.error).toMatch(/^LimitError/);
    expect(r.out).toBe("fin\n");
  });

  it("an error in an except clause propagates after finally", () => {
    expect(failure('try { throw 1; } except (e) { x = [][0]; } finally { print("f"); }')).toBe("IndexError: list index out of range");
  });
});

describe("codegen: for loops", () => {
  it("iterates arrays, strings, object keys", () => {
    expect(output('s = ""; for (x in [1, 2]) { s = s + x; } for (c in "ab") { s = s + c; } for (k in {p: 1}) { s = s + k; } print(s);')).toBe("12abp\n");
  });

  it("compiles `for (x in range(...))` into counting loops with range's semantics", () => {
    expect(output("s = []; for (i in range(3)) { s.append(i); } for (i in range(2, 5)) { s.append(i); } for (i in range(10, 0, -4)) { s.append(i); } for (i in range(0)) { s.append(99); } print(s, i);"))
      .toBe("[0, 1, 2, 2, 3, 4, 10, 6, 2] 2\n");
    expect(output("for (i in range(5)) { if (i == 1) { continue; } if (i == 3) { break; } print(i); }")).toBe("0\n2\n");
    expect(failure("for (i in range(1.5)) { }")).toMatch(/^TypeError/);
    expect(failure("for (i in range(0, 5, 0)) { }")).toMatch(/^ValueError/);
    expect(failure("for (i in range(1000)) { }", { maxArrayLength: 10 })).toMatch(/^LimitError/);
    const code = compileOk("for (i in range(n)) { }\nn = 1;").code;
    expect(code).toContain("$rangeLength(0, ");
    expect(code).not.toContain("$b_range");
  });

  it("evaluates range arguments once, in order", () => {
    expect(output("log = []; function v(x) { log.append(x); return x; } for (i in range(v(1), v(9), v(3))) { } print(log, i);")).toBe("[1, 9, 3] 7\n");
  });

  it("a shadowed range is an ordinary call", () => {
    expect(output("function range(n) { return [7]; } for (i in range(3)) { print(i); }")).toBe("7\n");
  });

  it("the runtime implements the rangeLength helper the loops use", () => {
    const rt = createRuntime({ limits: resolveLimits({}), stdout: () => {}, stderr: () => {}, stdin: null });
    expect(typeof (rt as unknown as Record<string, unknown>).rangeLength).toBe("function");
  });
});

describe("codegen: imports and exports", () => {
  it("binds the first segment or the alias through $ctx.import", () => {
    const calls: unknown[] = [];
    const out: string[] = [];
    const rt = testRuntime(out);
    const code = compileOk("import a.b.c; import x.y as m; print(a, m);").code;
    execute(code, { rt, import: (path, alias) => { calls.push([path, alias]); return alias ? "M" : "A"; } });
    expect(calls).toEqual([[["a", "b", "c"], false], [["x", "y"], true]]);
    expect(out.join("")).toBe("A M\n");
  });

  it("exports every top-level binding except imports, live", () => {
    const r = runML("import m; n = 0; function inc() { nonlocal n; n = n + 1; } if (false) { never = 1; }", { imports: { m: {} } });
    expect(Object.keys(r.exports!)).toEqual(["n", "inc", "never"]);
    (r.exports!.inc!() as () => unknown)();
    expect(r.exports!.n!()).toBe(1);
    expect(r.exports!.never!()).toBeNull();
    expect(r.compiled.exports).toEqual(["n", "inc", "never"]);
    expect(r.compiled.imports.map((i) => i.path)).toEqual([["m"]]);
  });
});

describe("codegen: output shape", () => {
  it("function mode: a strict function body returning export thunks", () => {
    const code = compileOk("x = 1;").code;
    expect(code.startsWith('"use strict";\nconst $rt = $ctx.rt')).toBe(true);
    expect(code.trimEnd().endsWith('return { "x": () => x };')).toBe(true);
  });

  it("module mode: one runtime import and a default export, runnable", () => {
    const r = compile("x = 2; print(x * 21);", { mode: "module" });
    expect(r.ok).toBe(true);
    const lines = r.code.split("\n");
    expect(lines[0]).toBe('import { standaloneContext } from "mljs-lang/runtime";');
    expect(lines[1]).toBe("export default function run($ctx = standaloneContext()) {");
    expect(r.code.match(/\bimport\b/g)).toHaveLength(1);
    const body = r.code.replace(/^import .*\n/, "").replace("export default function run", "return function run");
    const out: string[] = [];
    const run = new Function("standaloneContext", `"use strict";\n${body}`)(() => ({ rt: testRuntime(out), import() {} }));
    const thunks = run();
    expect(out.join("")).toBe("42\n");
    expect(thunks.x()).toBe(2);
  });

  it("declares only the helpers and builtins it uses", () => {
    const code = compileOk("print(1);").code;
    expect(code).toContain("$b_print = $rt.builtins.print");
    expect(code).not.toContain("$add");
    expect(code).not.toContain("$b_len");
  });

  it("calls known ML functions directly, others through $callable/$ret", () => {
    const code = compileOk("function f(x) { return x; } g = f; f(1); g(2); h = fn() => 1; h();").code;
    expect(code).toContain("f$(1);"); // the right count: the twin without the arity check
    expect(code).toContain("$ret($callable(g)(2));");
    expect(code).toContain("h();");
  });

  it("checks only uncertain reads", () => {
    const code = compileOk("x = 1; print(x); if (x) { y = 2; } print(y); function f(a) { return a + x + z; } z = 3;").code;
    expect(code).toContain("$b_print(x);");
    expect(code).toContain('(y !== void 0 ? y : $unbound("y"))');
    expect(code).toContain('typeof a === "number" && typeof x === "number" ? a + x : $add(a, x)');
    expect(code).toContain('typeof ($o1 = (z !== void 0 ? z : $unbound("z"))) === "number"');
  });

  it("never emits JavaScript method-call syntax on ML values", () => {
    const code = compileOk('o = {f: fn() => 1}; o.f(); "a".upper(); [1].append(2); o.f.g;').code;
    expect(code).toContain('$invoke(o, "f")');
    expect(code).not.toMatch(/\bo\.f\b/);
  });
});

describe("codegen: statements that emit nothing", () => {
  it("capability declarations and nonlocal produce no code", () => {
    const r = compileOk('capability C { allow read "x"; }\nn = 1; function f() { nonlocal n; n = 2; }');
    expect(r.code).not.toContain("capability");
    expect(r.code).not.toContain("nonlocal");
  });
});

describe("codegen: pathological nesting", () => {
  it("compiles very long operator chains into code JavaScript engines can parse", () => {
    const n = 20_000;
    const r = runML(`x = 1;\ny = ${Array(n).fill("x").join(" + ")};\ns = ${Array(300).fill('"a"').join(" + ")};\nprint(y, len(s));`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(`${n} 300\n`);
    expect(r.compiled.code).toContain("$c = $add($c, x)");
  });

  it("reports a statement nested too deeply instead of throwing", () => {
    for (const source of ["x = 1;\ny = x" + ".a".repeat(5000) + ";", "x = 1;\ny = x" + "(1)".repeat(3000) + ";", "x = 1;\nif (" + Array(3000).fill("x").join(" && ") + ") { }"]) {
      const r = compile(source);
      expect(r.ok).toBe(false);
      expect(r.diagnostics.map((d) => `${d.code} ${d.loc.start.line}`)).toEqual(["ML1010 2"]);
    }
  });
});
