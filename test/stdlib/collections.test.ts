import { describe, expect, it } from "vitest";
import { ml, mlFails } from "./ml.js";
import { load } from "../../src/index.js";
import { MLError } from "../../src/runtime/errors.js";
import * as collections from "../../src/stdlib/collections.js";

/** Runs `body` after `import collections;` and returns what it printed. */
const run = (body: string, options = {}) => ml(`import collections;\n${body}`, options);
const fails = (body: string, options = {}) => mlFails(`import collections;\n${body}`, options);

describe("collections: building arrays", () => {
  it("length, append, prepend, concat", async () => {
    expect(await run(`
      a = [1, 2];
      print(collections.length(a), collections.length([]));
      print(collections.append(a, 3), collections.prepend(a, 0));
      print(collections.concat(a, [3], [], [4, 5]));
      print(a);
    `)).toBe("2 0\n[1, 2, 3] [0, 1, 2]\n[1, 2, 3, 4, 5]\n[1, 2]\n");
  });

  it("append of an array adds it as one item", async () => {
    expect(await run(`print(collections.append([1], [2, 3]));`)).toBe("[1, [2, 3]]\n");
  });

  it("get: negative positions, out of range gives null or the default", async () => {
    expect(await run(`
      a = [10, 20, 30];
      print(collections.get(a, 0), collections.get(a, -1), collections.get(a, 3), collections.get(a, -4), collections.get(a, 7, "none"));
    `)).toBe("10 30 null null none\n");
  });

  it("first and last, null when empty", async () => {
    expect(await run(`print(collections.first([1, 2]), collections.last([1, 2]), collections.first([]), collections.last([]));`))
      .toBe("1 2 null null\n");
  });

  it("slice follows Python slicing", async () => {
    expect(await run(`
      a = [0, 1, 2, 3, 4];
      print(collections.slice(a, 1, 3), collections.slice(a, -2), collections.slice(a, 2), collections.slice(a, 0, 100), collections.slice(a, 4, 1));
      print(collections.slice(a, null, -3), collections.slice(a));
    `)).toBe("[1, 2] [3, 4] [2, 3, 4] [0, 1, 2, 3, 4] []\n[0, 1] [0, 1, 2, 3, 4]\n");
  });

  it("reverse returns a new array", async () => {
    expect(await run(`a = [1, 2, 3]; b = collections.reverse(a); print(b, a);`)).toBe("[3, 2, 1] [1, 2, 3]\n");
  });

  it("removeAt / remove_at", async () => {
    expect(await run(`
      a = [1, 2, 3];
      print(collections.removeAt(a, 0), collections.remove_at(a, -1), a);
    `)).toBe("[2, 3] [1, 2] [1, 2, 3]\n");
    expect(await fails(`collections.removeAt([1, 2], 2);`)).toEqual({
      type: "IndexError",
      message: "collections.removeAt(): index 2 out of range for an array of length 2",
    });
  });

  it("take and drop", async () => {
    expect(await run(`
      a = [1, 2, 3];
      print(collections.take(a, 2), collections.take(a, 5), collections.take(a, 0));
      print(collections.drop(a, 1), collections.drop(a, 5), collections.drop(a, 0));
    `)).toBe("[1, 2] [1, 2, 3] []\n[2, 3] [] [1, 2, 3]\n");
  });

  it("take and drop with a negative count slice as mlpy does (lst[:n], lst[n:])", async () => {
    expect(await run(`
      a = [1, 2, 3];
      print(collections.take(a, -1), collections.take(a, -3), collections.take(a, -5), a[:-1]);
      print(collections.drop(a, -1), collections.drop(a, -2), collections.drop(a, -5), a[-2:]);
    `)).toBe("[1, 2] [] [] [1, 2]\n[3] [2, 3] [1, 2, 3] [2, 3]\n");
  });

  it("sort_by and group_by are the snake_case spellings", async () => {
    expect(await run(`
      print(collections.sort_by(["bb", "a", "ccc"], len), collections.sort_by([1, 3, 2], fn(x) => x, true));
      print(collections.group_by([1, 2, 3, 4], fn(x) => x % 2));
    `)).toBe('["a", "bb", "ccc"] [3, 2, 1]\n{"0": [2, 4], "1": [1, 3]}\n');
  });

  it("flatten one level by default, deeper on request", async () => {
    expect(await run(`
      import math;
      a = [1, [2, [3, [4]]], [], 5];
      print(collections.flatten(a));
      print(collections.flatten(a, 2));
      print(collections.flatten(a, math.inf));
      print(collections.flatten(a, 0));
    `)).toBe("[1, 2, [3, [4]], 5]\n[1, 2, 3, [4], 5]\n[1, 2, 3, 4, 5]\n[1, [2, [3, [4]]], [], 5]\n");
    expect(await fails(`collections.flatten([1], -1);`)).toEqual({
      type: "ValueError", message: "collections.flatten(): depth must be at least 0, got -1",
    });
  });

  it("flatten handles very deep nesting without recursion", async () => {
    let deep: unknown = [1];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(collections.flatten(deep, Infinity)).toEqual([1]);
  });

  it("zip pairs items and stops at the shortest", async () => {
    expect(await run(`
      print(collections.zip([1, 2, 3], ["a", "b"]));
      print(collections.zip([1, 2], [3, 4], [5, 6]));
    `)).toBe('[[1, "a"], [2, "b"]]\n[[1, 3, 5], [2, 4, 6]]\n');
  });

  it("chunk", async () => {
    expect(await run(`print(collections.chunk([1, 2, 3, 4, 5], 2), collections.chunk([], 3));`)).toBe("[[1, 2], [3, 4], [5]] []\n");
    expect(await fails(`collections.chunk([1], 0);`)).toEqual({ type: "ValueError", message: "collections.chunk(): size must be at least 1, got 0" });
  });
});

describe("collections: searching and testing", () => {
  it("contains and indexOf / index_of use ML ==", async () => {
    expect(await run(`
      a = [1, "1", [1, 2], {"k": 1, "j": 2}];
      print(collections.contains(a, [1, 2]), collections.contains(a, {"j": 2, "k": 1}), collections.contains(a, true), collections.contains(a, 2));
      print(collections.indexOf(a, "1"), collections.index_of(a, [1, 2]), collections.indexOf(a, 9));
    `)).toBe("true true false false\n1 2 -1\n");
  });

  it("isEmpty / is_empty", async () => {
    expect(await run(`print(collections.isEmpty([]), collections.is_empty([0]));`)).toBe("true false\n");
  });

  it("find returns the first match or null", async () => {
    expect(await run(`
      print(collections.find([1, 4, 6], fn(x) => x % 2 == 0), collections.find([1, 3], fn(x) => x > 5));
    `)).toBe("4 null\n");
  });

  it("every and some with ML truthiness", async () => {
    expect(await run(`
      print(collections.every([1, "a", [0]], fn(x) => x), collections.every([1, 0], fn(x) => x), collections.every([], fn(x) => false));
      print(collections.some([0, "", [], {}, null], fn(x) => x), collections.some([0, {"a": 1}], fn(x) => x), collections.some([], fn(x) => true));
    `)).toBe("true false true\nfalse true false\n");
  });
});

describe("collections: transforming", () => {
  it("map and filter (falsy: 0, empty string, empty array and object, null)", async () => {
    expect(await run(`
      a = [0, 1, "", "x", [], [0], {}, {"a": 1}, null];
      print(collections.filter(a, fn(x) => x));
      print(collections.map([1, 2, 3], fn(x) => x * x));
      print(collections.map([1], fn(x) => { print("side"); }));
    `)).toBe('[1, "x", [0], {"a": 1}]\n[1, 4, 9]\nside\n[null]\n');
  });

  it("map accepts builtins and stdlib functions as callbacks", async () => {
    expect(await run(`import math; print(collections.map([1, 2], str), collections.map([4, 9], math.sqrt));`)).toBe('["1", "2"] [2, 3]\n');
  });

  it("reduce with and without an initial value", async () => {
    expect(await run(`
      add = fn(a, b) => a + b;
      print(collections.reduce([1, 2, 3], add, 10), collections.reduce([1, 2, 3], add), collections.reduce([], add, 0));
      print(collections.reduce(["a", "b"], add, null == null));
    `)).toBe("16 6 0\ntrueab\n");
    expect(await fails(`collections.reduce([], fn(a, b) => a);`)).toEqual({
      type: "TypeError", message: "collections.reduce() of an empty array with no initial value",
    });
  });

  it("unique keeps first occurrences, compares with ==", async () => {
    expect(await run(`
      print(collections.unique([3, 1, 3, "3", true, 1, true, null, null]));
      print(collections.unique([[1, 2], [1, 2], {"a": 1, "b": 2}, {"b": 2, "a": 1}, [2, 1]]));
      print(collections.unique([0, -0]));
    `)).toBe('[3, 1, "3", true, null]\n[[1, 2], {"a": 1, "b": 2}, [2, 1]]\n[0]\n');
    expect(collections.unique([NaN, NaN, 1]).length).toBe(3); // NaN != NaN, as ML's ==
  });

  it("sort: ML ordering, reverse, new array", async () => {
    expect(await run(`
      a = [3, 1, 2];
      print(collections.sort(a), collections.sort(a, true), a);
      print(collections.sort(["b", "a", "C"]), collections.sort([[2], [1, 5], [1]]));
    `)).toBe('[1, 2, 3] [3, 2, 1] [3, 1, 2]\n["C", "a", "b"] [[1], [1, 5], [2]]\n');
    expect(await fails(`collections.sort([1, "a"]);`)).toEqual({ type: "TypeError", message: "'<' not supported between string and number" });
    expect(await fails(`collections.sort([1], 1);`)).toEqual({ type: "TypeError", message: "collections.sort() argument 2 must be a boolean, not number" });
  });

  it("sortBy: key computed once per item, stable, stable in reverse too", async () => {
    expect(await run(`
      calls = 0;
      function key(p) { nonlocal calls; calls = calls + 1; return p[1]; }
      people = [["ann", 30], ["bob", 25], ["cid", 30], ["dan", 25]];
      print(collections.sortBy(people, key));
      print(collections.sortBy(people, key, true));
      print(calls);
    `)).toBe(
      '[["bob", 25], ["dan", 25], ["ann", 30], ["cid", 30]]\n' +
      '[["ann", 30], ["cid", 30], ["bob", 25], ["dan", 25]]\n8\n',
    );
    expect(await fails(`collections.sortBy([1, 2], fn(x) => x == 1 ? "a" : 1);`)).toMatchObject({ type: "TypeError" });
  });

  it("groupBy: keys are str() of the key function's result, in first-seen order", async () => {
    expect(await run(`
      g = collections.groupBy(["apple", "avocado", "banana", "cherry", "blueberry"], fn(w) => w[0]);
      print(g);
      print(collections.groupBy([1, 2, 3, 4], fn(x) => x % 2 == 0));
      print(collections.groupBy([1.5, 2], fn(x) => [x]));
      print(collections.groupBy([], fn(x) => x));
    `)).toBe(
      '{"a": ["apple", "avocado"], "b": ["banana", "blueberry"], "c": ["cherry"]}\n' +
      '{"false": [1, 3], "true": [2, 4]}\n{"[1.5]": [1.5], "[2]": [2]}\n{}\n',
    );
  });

  it("groupBy can use __proto__ as an ordinary key", async () => {
    const g = collections.groupBy(["x"], () => "__proto__") as Record<string, unknown>;
    expect(Object.getPrototypeOf(g)).toBe(Object.prototype);
    expect(Object.keys(g)).toEqual(["__proto__"]);
    expect(g["__proto__"]).toEqual(["x"]);
  });

  it("partition", async () => {
    expect(await run(`print(collections.partition([1, 2, 3, 4, 5], fn(x) => x > 2));`)).toBe("[[3, 4, 5], [1, 2]]\n");
  });
});

describe("collections: purity", () => {
  it("never mutates the input, even a frozen host array", () => {
    const input = Object.freeze([3, 1, 2]);
    expect(collections.sort(input)).toEqual([1, 2, 3]);
    expect(collections.reverse(input)).toEqual([2, 1, 3]);
    expect(collections.append(input, 4)).toEqual([3, 1, 2, 4]);
    expect(collections.removeAt(input, 1)).toEqual([3, 2]);
    expect(collections.sortBy(input, (x: number) => -x)).toEqual([3, 2, 1]);
    expect(input).toEqual([3, 1, 2]);
  });

  it("returns a new array even when nothing changes", () => {
    const input = [1, 2];
    expect(collections.drop(input, 0)).not.toBe(input);
    expect(collections.slice(input)).not.toBe(input);
    expect(collections.concat(input, [])).not.toBe(input);
  });
});

describe("collections: errors", () => {
  it("argument types", async () => {
    expect(await fails(`collections.map(5, fn(x) => x);`)).toEqual({
      type: "TypeError", message: "collections.map() argument 1 must be an array, not number",
    });
    expect(await fails(`collections.filter([1], "x");`)).toEqual({
      type: "TypeError", message: "collections.filter() argument 2 must be a function, not string",
    });
    expect(await fails(`collections.take([1], 1.5);`)).toEqual({
      type: "TypeError", message: "collections.take() argument 2 must be an integer, not float",
    });
    expect(await fails(`collections.get([1], "0");`)).toEqual({
      type: "TypeError", message: "collections.get() argument 2 must be an integer, not string",
    });
  });

  it("argument counts", async () => {
    expect(await fails(`collections.map([1]);`)).toEqual({ type: "TypeError", message: "collections.map() takes 2 arguments but 1 was given" });
    expect(await fails(`collections.zip([1]);`)).toEqual({ type: "TypeError", message: "collections.zip() takes at least 2 arguments but 1 was given" });
  });

  it("errors raised by a callback propagate", async () => {
    expect(await fails(`collections.map([1, 0], fn(x) => 1 / x);`)).toEqual({ type: "ZeroDivisionError", message: "division by zero" });
    expect(await run(`try { collections.map([1], fn(a, b) => a); } except (e) { print(e.type); }`)).toBe("TypeError\n");
  });

  it("array size limits are checked before building", async () => {
    const limits = { maxArrayLength: 3 };
    expect(await fails(`collections.concat([1, 2], [3, 4]);`, { limits })).toEqual({
      type: "LimitError", message: "array length limit exceeded (max 3)",
    });
    expect(await fails(`collections.append([1, 2, 3], 4);`, { limits })).toMatchObject({ type: "LimitError" });
    expect(await fails(`collections.flatten([[1, 2], [3, 4]]);`, { limits })).toMatchObject({ type: "LimitError" });
  });
});

describe("collections: callbacks that return promises", () => {
  const message = "collections.map(): the callback makes network requests, which is not supported here; use a for loop";

  it("are refused when called from the host", () => {
    let error: unknown;
    try {
      collections.map([1], async (x: number) => x);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MLError);
    expect((error as MLError).mlType).toBe("TypeError");
    expect((error as MLError).mlMessage).toBe(message);
  });

  it("are refused for every callback use, through ML", async () => {
    const program = await load({
      source: `import collections;
        function apply(name, f) {
          if (name == "map") { return collections.map([1], f); }
          elif (name == "filter") { return collections.filter([1], f); }
          elif (name == "sortBy") { return collections.sortBy([1, 2], f); }
          return collections.reduce([1, 2], f, 0);
        }`,
      filename: "test.ml",
    });
    const apply = program.exports.apply as (name: string, f: unknown) => unknown;
    for (const name of ["map", "filter", "sortBy", "reduce"]) {
      expect(() => apply(name, async () => 1)).toThrow(`collections.${name}(): the callback makes network requests`);
    }
  });

  it("a rejected promise from a refused callback does not surface as an unhandled rejection", async () => {
    expect(() => collections.find([1], () => Promise.reject(new Error("boom")))).toThrow("collections.find(): the callback");
    await new Promise((r) => setTimeout(r, 10));
  });
});

describe("collections: metadata", () => {
  it("help and requiredCapabilities", async () => {
    expect(await run(`print(help(collections.sortBy)); print(requiredCapabilities(collections.map));`)).toBe(
      "collections.sortBy(lst, keyFn, reverse=false)\n" +
      "A new array sorted by keyFn(item) (each key computed once), stable; keys follow ML ordering.\n" +
      "Capabilities: none required\n[]\n",
    );
  });

  it("aliases are the same functions", async () => {
    expect(await run(`print(collections.index_of == collections.indexOf, collections.remove_at == collections.removeAt, collections.is_empty == collections.isEmpty);`))
      .toBe("true true true\n");
  });

  it("functions display with their ML names", async () => {
    expect(await run(`print(collections.groupBy, collections.map);`)).toBe("<function groupBy> <function map>\n");
  });
});
