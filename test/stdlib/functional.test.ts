import { describe, expect, it } from "vitest";
import { ml, mlFails } from "./ml.js";
import { load } from "../../src/index.js";
import { MLError } from "../../src/runtime/errors.js";
import * as functional from "../../src/stdlib/functional.js";

/** Runs `body` after `import functional as F;` and returns what it printed. */
const run = (body: string, options = {}) => ml(`import functional as F;\n${body}`, options);
const fails = (body: string, options = {}) => mlFails(`import functional as F;\n${body}`, options);

describe("functional: composition", () => {
  it("compose applies right to left, pipe left to right", async () => {
    expect(await run(`
      inc = fn(x) => x + 1;
      dbl = fn(x) => x * 2;
      print(F.compose(inc, dbl)(5), F.pipe(inc, dbl)(5), F.compose(inc)(1), F.pipe(inc, inc, dbl)(0));
    `)).toBe("11 12 2 4\n");
  });

  it("compose() and pipe() of no functions are the identity, as in mlpy", async () => {
    expect(await run(`print(F.compose()(5), F.pipe()("x"), F.compose()(null));`)).toBe("5 x null\n");
  });

  it("zip_with and if_else are the snake_case spellings", async () => {
    expect(await run(`print(F.zip_with(fn(a, b) => a + b, [1, 2], [10, 20]), F.if_else(fn(x) => x > 0, fn(x) => "pos", fn(x) => "neg")(-1));`)).toBe(
      "[11, 22] neg\n",
    );
  });

  it("the first function applied receives every argument", async () => {
    expect(await run(`print(F.compose(str, fn(a, b) => a + b)(2, 3), F.pipe(fn(a, b) => a * b, str)(2, 3));`)).toBe("5 6\n");
  });

  it("composeAll and pipeAll take arrays; an empty one gives the identity", async () => {
    expect(await run(`
      fs = [fn(x) => x + "a", fn(x) => x + "b"];
      print(F.composeAll(fs)(""), F.pipeAll(fs)(""), F.composeAll([])(7), F.pipeAll([])("x"));
      print(F.compose_all(fs)(""), F.pipe_all(fs)(""));
    `)).toBe("ba ab 7 x\nba ab\n");
    expect(await fails(`F.composeAll([str, 1]);`)).toEqual({
      type: "TypeError", message: "functional.composeAll() argument 1 must be an array of functions; item 1 is number",
    });
  });

  it("returned functions display with readable names", async () => {
    expect(await run(`
      f = fn(x) => x;
      print(F.compose(f), F.pipe(f), F.curry(f), F.partial(f), F.memoize(f), F.constant(1));
      print(F.ifElse(f, f, f), F.cond([]), F.juxt([]), F.composeAll([]));
    `)).toBe(
      "<function composed> <function piped> <function curried> <function partial> <function memoized> <function constant>\n" +
      "<function ifElse> <function cond> <function juxt> <function composed>\n",
    );
  });

  it("returned functions are plain frozen functions", () => {
    const composed = functional.compose((x: number) => x + 1) as (x: number) => number;
    expect(typeof composed).toBe("function");
    expect(Object.isFrozen(composed)).toBe(true);
    expect(composed(1)).toBe(2);
  });
});

describe("functional: currying and partial application", () => {
  it("curry uses the declared parameter count", async () => {
    expect(await run(`
      add3 = F.curry(fn(a, b, c) => a + b + c);
      print(add3(1)(2)(3), add3(1, 2)(3), add3(1)(2, 3), add3(1, 2, 3));
      add1 = add3(1);
      print(add1(10)(100), add1(20)(200));
    `)).toBe("6 6 6 6\n111 221\n");
  });

  it("curry with an explicit arity (builtins declare none)", async () => {
    expect(await run(`
      m3 = F.curry(max, 3);
      print(m3(1)(7)(2), F.curry(fn() => "now", 0)());
    `)).toBe("7 now\n");
    expect(await fails(`F.curry(max, -1);`)).toEqual({ type: "ValueError", message: "functional.curry(): arity must be at least 0, got -1" });
  });

  it("curry2", async () => {
    expect(await run(`sub = F.curry2(fn(a, b) => a - b); print(sub(10)(3), sub(10, 4));`)).toBe("7 6\n");
  });

  it("partial / partial_apply", async () => {
    expect(await run(`
      greet = fn(greeting, name, mark) => greeting + ", " + name + mark;
      hello = F.partial(greet, "Hello");
      print(hello("Ann", "!"), F.partial_apply(greet, "Hi", "Bob")("?"), F.partial(greet, "a", "b", "c")());
    `)).toBe("Hello, Ann! Hi, Bob? a, bc\n");
  });

  it("identity and constant", async () => {
    expect(await run(`k = F.constant([1]); print(F.identity("x"), k(), k(1, 2, 3));`)).toBe('x [1] [1]\n');
  });
});

describe("functional: memoize", () => {
  it("computes once per distinct argument value", async () => {
    expect(await run(`
      calls = 0;
      function slow(x) { nonlocal calls; calls = calls + 1; return x * 2; }
      fast = F.memoize(slow);
      print(fast(2), fast(2), fast(3), calls);
    `)).toBe("4 4 6 2\n");
  });

  it("keys on the structure of the arguments", async () => {
    expect(await run(`
      calls = 0;
      function total(xs, o) { nonlocal calls; calls = calls + 1; return len(xs) + len(o); }
      m = F.memoize(total);
      a = m([1, 2], {"a": 1});
      b = m([1, 2], {"a": 1});
      c = m([1, "2"], {"a": 1});
      print(a, b, c, calls);
    `)).toBe("3 3 3 2\n");
  });

  it("different functions that display alike are different arguments", async () => {
    expect(await run(`
      apply = F.memoize(fn(f, x) => f(x));
      print(apply(fn(x) => x + 1, 1), apply(fn(x) => x + 2, 1));
    `)).toBe("2 3\n");
  });

  it("errors are not cached", async () => {
    expect(await run(`
      calls = 0;
      function flaky(x) { nonlocal calls; calls = calls + 1; if (calls == 1) { throw {"message": "first"}; } return x; }
      m = F.memoize(flaky);
      try { m(1); } except (e) { print(e.message); }
      print(m(1), m(1), calls);
    `)).toBe("first\n1 1 2\n");
  });
});

describe("functional: conditionals", () => {
  it("ifElse", async () => {
    expect(await run(`
      sign = F.ifElse(fn(x) => x >= 0, fn(x) => "pos", fn(x) => "neg");
      print(sign(1), sign(-1), F.ifElse(fn(a, b) => a > b, fn(a, b) => a, fn(a, b) => b)(3, 9));
    `)).toBe("pos neg 9\n");
  });

  it("cond: the first matching pair, else null", async () => {
    expect(await run(`
      size = F.cond([[fn(n) => n < 10, fn(n) => "small"], [fn(n) => n < 100, fn(n) => "medium"]]);
      print(size(5), size(50), size(500));
    `)).toBe("small medium null\n");
    expect(await fails(`F.cond([[fn(x) => x]]);`)).toEqual({
      type: "TypeError", message: "functional.cond() argument 1 must be an array of [predicate, fn] pairs; item 0 is [<function <fn>>]",
    });
  });

  it("juxt", async () => {
    expect(await run(`print(F.juxt([min, max, len])([3, 1, 2]));`)).toBe("[1, 3, 3]\n");
  });
});

describe("functional: sequence operations", () => {
  it("map, filter, reduce over arrays, strings, objects and iterators", async () => {
    expect(await run(`
      print(F.map(fn(x) => x * 10, [1, 2]), F.map(fn(c) => c + c, "ab"), F.map(fn(k) => k, {"a": 1, "b": 2}), F.map(fn(x) => -x, iter([1, 2])));
      print(F.filter(fn(x) => x % 2, [1, 2, 3]), F.filter(fn(c) => c != "b", "abc"));
      print(F.reduce(fn(a, b) => a + b, [1, 2, 3]), F.reduce(fn(a, b) => a + b, [1, 2, 3], 100), F.reduce(fn(a, c) => c + a, "abc"));
    `)).toBe('[10, 20] ["aa", "bb"] ["a", "b"] [-1, -2]\n[1, 3] ["a", "c"]\n6 106 cba\n');
    expect(await fails(`F.reduce(fn(a, b) => a, []);`)).toEqual({
      type: "TypeError", message: "functional.reduce() of an empty array with no initial value",
    });
  });

  it("reduce treats an explicit null initial as absent, as mlpy does", async () => {
    expect(await run(`print(F.reduce(fn(a, b) => a + b, [1, 2, 3], null), F.reduce(fn(a, b) => a + b, [], 0));`)).toBe("6 0\n");
    expect(await fails(`F.reduce(fn(a, b) => a, [], null);`)).toEqual({
      type: "TypeError", message: "functional.reduce() of an empty array with no initial value",
    });
  });

  it("forEach / for_each return null", async () => {
    expect(await run(`
      r = F.forEach(fn(x) => print("item", x), [1, 2]);
      F.for_each(print, "ab");
      print(r);
    `)).toBe("item 1\nitem 2\na\nb\nnull\n");
  });

  it("find, some, every", async () => {
    expect(await run(`
      print(F.find(fn(x) => x > 1, [1, 2, 3]), F.find(fn(x) => x > 5, [1]));
      print(F.some(fn(x) => x, [0, "", 3]), F.some(fn(x) => x, []), F.every(fn(x) => x, [1, "a"]), F.every(fn(x) => x, [1, {}]), F.every(fn(x) => x, []));
    `)).toBe("2 null\ntrue false true false true\n");
  });

  it("zip and zipWith", async () => {
    expect(await run(`
      print(F.zip([1, 2, 3], "ab"), F.zip(), F.zip([1], [2], [3]));
      print(F.zipWith(fn(a, b) => a * b, [1, 2, 3], [4, 5]), F.zipWith(fn(a, b, c) => a + b + c, "ab", "cd", "ef"));
    `)).toBe('[[1, "a"], [2, "b"]] [] [[1, 2, 3]]\n[4, 10] ["ace", "bdf"]\n');
  });

  it("range works like the builtin", async () => {
    expect(await run(`
      print(F.range(4), F.range(2, 5), F.range(10, 0, -3), F.range(5, 1), F.range(0));
      print(F.range(3) == range(3), F.range(1, 10, 2) == range(1, 10, 2));
    `)).toBe("[0, 1, 2, 3] [2, 3, 4] [10, 7, 4, 1] [] []\ntrue true\n");
    expect(await fails(`F.range(1, 5, 0);`)).toEqual({ type: "ValueError", message: "range() arg 3 must not be zero" });
    expect(await fails(`F.range(1.5);`)).toMatchObject({ type: "TypeError" });
  });

  it("repeat and times", async () => {
    expect(await run(`
      print(F.repeat("ab", 3), F.repeat(0, 0), F.repeat(1, -2));
      print(F.times(4, fn(i) => i * i), F.times(2, fn() => "x"), F.times(0, fn(i) => i));
    `)).toBe('["ab", "ab", "ab"] [] []\n[0, 1, 4, 9] ["x", "x"] []\n');
  });

  it("take, drop, takeWhile, dropWhile", async () => {
    expect(await run(`
      print(F.take(2, [1, 2, 3]), F.take(2, "hello"), F.take(-1, [1]), F.drop(1, [1, 2, 3]), F.drop(9, [1]));
      print(F.takeWhile(fn(x) => x < 3, [1, 2, 3, 1]), F.dropWhile(fn(x) => x < 3, [1, 2, 3, 1]), F.takeWhile(fn(x) => true, []));
      print(F.take_while(fn(x) => x < 2, [1, 2]), F.drop_while(fn(x) => x < 2, [1, 2]));
    `)).toBe('[1, 2] ["h", "e"] [] [2, 3] []\n[1, 2] [3, 1] []\n[1] [2]\n');
  });

  it("take and drop with a negative count slice as mlpy does (items[:n], items[n:])", async () => {
    expect(await run(`
      print(F.take(-1, [1, 2, 3]), F.take(-2, "hello"), F.take(-9, [1]), F.drop(-1, [1, 2, 3]), F.drop(-2, "hello"), F.drop(-9, [1]));
    `)).toBe('[1, 2] ["h", "e", "l"] [] [3] ["l", "o"] [1]\n');
  });

  it("take, drop and chunk take the count first, and say so when swapped", async () => {
    expect(await fails(`F.take([1, 2], 1);`)).toEqual({ type: "TypeError", message: "functional.take() takes the count first: take(n, it)" });
    expect(await fails(`F.drop("ab", 1);`)).toEqual({ type: "TypeError", message: "functional.drop() takes the count first: drop(n, it)" });
    expect(await fails(`F.chunk([1, 2], 1);`)).toEqual({ type: "TypeError", message: "functional.chunk() takes the count first: chunk(n, it)" });
  });

  it("flatten, chunk, unique, reverse, partition", async () => {
    expect(await run(`
      print(F.flatten([1, [2, [3]]]), F.flatten([1, [2, [3]]], 5), F.chunk(2, [1, 2, 3]), F.chunk(2, "abc"));
      print(F.unique([1, 1, [1], [1], "1"]), F.unique("banana"), F.reverse([1, 2, 3]), F.reverse("abc"));
      print(F.partition(fn(x) => x > 1, [1, 2, 3]));
    `)).toBe('[1, 2, [3]] [1, 2, 3] [[1, 2], [3]] [["a", "b"], ["c"]]\n[1, [1], "1"] ["b", "a", "n"] [3, 2, 1] ["c", "b", "a"]\n[[2, 3], [1]]\n');
    expect(await fails(`F.chunk(0, [1]);`)).toEqual({ type: "ValueError", message: "functional.chunk(): size must be at least 1, got 0" });
  });

  it("groupBy / group_by", async () => {
    expect(await run(`
      print(F.groupBy(len, ["a", "bb", "c"]), F.group_by(fn(x) => x > 1, [1, 2, 3]));
    `)).toBe('{"1": ["a", "c"], "2": ["bb"]} {"false": [1], "true": [2, 3]}\n');
  });

  it("never mutates its arguments", () => {
    const input = Object.freeze([3, 1, 2]);
    expect(functional.reverse(input)).toEqual([2, 1, 3]);
    expect(functional.drop(0, input)).not.toBe(input);
    expect(functional.map((x: number) => x, input)).not.toBe(input);
    expect(input).toEqual([3, 1, 2]);
  });
});

describe("functional: errors and limits", () => {
  it("argument types", async () => {
    expect(await fails(`F.map([1], fn(x) => x);`)).toEqual({ type: "TypeError", message: "functional.map() argument 1 must be a function, not array" });
    expect(await fails(`F.map(str, 5);`)).toEqual({ type: "TypeError", message: "functional.map() argument 2 must be iterable, not number" });
    expect(await fails(`F.compose(str, 1);`)).toEqual({ type: "TypeError", message: "functional.compose() argument 2 must be a function, not number" });
    expect(await fails(`F.repeat(1, "3");`)).toEqual({ type: "TypeError", message: "functional.repeat() argument 2 must be an integer, not string" });
  });

  it("argument counts", async () => {
    expect(await run(`print(F.compose()(5), F.pipe()("x"));`)).toBe("5 x\n");
    expect(await fails(`F.identity(1, 2);`)).toEqual({ type: "TypeError", message: "functional.identity() takes 1 argument but 2 were given" });
  });

  it("array size limits are checked before building", async () => {
    const limits = { maxArrayLength: 5 };
    expect(await fails(`F.range(6);`, { limits })).toEqual({ type: "LimitError", message: "array length limit exceeded (max 5)" });
    expect(await fails(`F.repeat(0, 1000000000);`, { limits })).toMatchObject({ type: "LimitError" });
    expect(await fails(`F.times(6, fn(i) => i);`, { limits })).toMatchObject({ type: "LimitError" });
    expect(await run(`print(len(F.range(5)));`, { limits })).toBe("5\n");
  });
});

describe("functional: callbacks that return promises", () => {
  const refused = (name: string) => `functional.${name}(): the callback makes network requests, which is not supported here; use a for loop`;
  const asyncDouble = async (x: number) => x * 2;

  it("are refused wherever this module uses the result", () => {
    const attempts: [string, () => unknown][] = [
      ["map", () => functional.map(asyncDouble, [1])],
      ["filter", () => functional.filter(asyncDouble, [1])],
      ["find", () => functional.find(asyncDouble, [1])],
      ["every", () => functional.every(asyncDouble, [1])],
      ["times", () => functional.times(1, asyncDouble)],
      ["compose", () => (functional.compose(asyncDouble, asyncDouble) as (x: number) => unknown)(1)],
      ["ifElse", () => (functional.ifElse(asyncDouble, asyncDouble, asyncDouble) as (x: number) => unknown)(1)],
      ["juxt", () => (functional.juxt([asyncDouble]) as (x: number) => unknown)(1)],
    ];
    for (const [name, attempt] of attempts) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(MLError);
      expect((error as MLError).mlMessage).toBe(refused(name));
    }
  });

  it("are refused through ML with a host function passed in", async () => {
    const program = await load({ source: "import functional; function apply(f) { return functional.map(f, [1, 2]); }", filename: "test.ml" });
    expect(() => (program.exports.apply as (f: unknown) => unknown)(asyncDouble)).toThrow(refused("map"));
  });

  it("a final result is passed through, so an async caller can await it", async () => {
    const add = async (a: number, b: number) => a + b;
    expect(await (functional.partial(add, 1) as (b: number) => Promise<number>)(2)).toBe(3);
    expect(await (functional.pipe(() => 20, asyncDouble) as () => Promise<number>)()).toBe(40);
    expect(await (functional.curry(add) as (a: number) => (b: number) => Promise<number>)(1)(5)).toBe(6);
  });

  it("memoize keeps a promise, and forgets it if it fails", async () => {
    let calls = 0;
    const fetchish = async (x: number) => {
      calls++;
      if (calls === 1) throw new Error("network down");
      return x;
    };
    const memo = functional.memoize(fetchish) as (x: number) => Promise<number>;
    await expect(memo(1)).rejects.toThrow("network down");
    expect(await memo(1)).toBe(1);
    expect(await memo(1)).toBe(1);
    expect(calls).toBe(2);
  });
});

describe("functional: metadata", () => {
  it("help, requiredCapabilities, aliases", async () => {
    expect(await run(`print(help(F.curry)); print(requiredCapabilities(F.memoize));`)).toBe(
      "functional.curry(fn, arity?)\n" +
      "A curried fn: it takes arguments one or more at a time and calls fn once it has arity of them. " +
      "The arity defaults to the number of parameters fn declares (give it for builtins and stdlib functions).\n" +
      "Capabilities: none required\n[]\n",
    );
    expect(await run(`print(F.partial_apply == F.partial, F.for_each == F.forEach, F.group_by == F.groupBy);`)).toBe("true true true\n");
  });
});
