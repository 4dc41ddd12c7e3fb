/**
 * The cost model of the runtime (docs/limits.md): every builtin, method and operator that does
 * work in proportion to its input charges the run's budget, so one call on a large input fails
 * with `LimitError: step limit exceeded` under a small budget, while the same call on a small
 * input fits. Sizes are checked before allocating.
 */
import { describe, it, expect } from "vitest";
import { createBuiltins } from "../../src/runtime/builtins.js";
import { ARRAY_METHODS } from "../../src/runtime/methods-array.js";
import { STRING_METHODS } from "../../src/runtime/methods-string.js";
import { add, mul, mod } from "../../src/runtime/arithmetic.js";
import { slice } from "../../src/runtime/indexing.js";
import { equals } from "../../src/runtime/equality.js";
import { compare, sortValues } from "../../src/runtime/ordering.js";
import { preview, repr, str } from "../../src/runtime/display.js";
import { formatSpec, percentFormat } from "../../src/runtime/format.js";
import { forIter, iterOf } from "../../src/runtime/iterators.js";
import { methodNames } from "../../src/runtime/members.js";
import type { MLFunction } from "../../src/runtime/abi.js";
import type { Limits, RunMeter } from "../../src/runtime/state.js";
import { meterOf } from "./meter.js";
import { createRuntime } from "../../src/runtime/runtime.js";
import { beginRun } from "../../src/runtime/limits.js";
import { resolveLimits } from "../../src/runtime/state.js";
import { mlFailure as failure } from "./ml-error.js";

const STEPS = 2_000;
const SMALL = 100;
const LARGE = 100_000;

function builtinsOf(meter: RunMeter): Readonly<Record<string, MLFunction>> {
  return createBuiltins({ limits: meter, stdout: () => {}, stderr: () => {}, stdin: null }, meter);
}

function bi(meter: RunMeter, name: string, ...args: unknown[]): unknown {
  return builtinsOf(meter)[name]!(...args);
}

function sm(meter: RunMeter, name: string, self: string, ...args: unknown[]): unknown {
  return STRING_METHODS.get(name)!(self, args, meter);
}

function am(meter: RunMeter, name: string, self: unknown[], ...args: unknown[]): unknown {
  return ARRAY_METHODS.get(name)!(self, args, meter);
}

/** Runs `f`, ignoring the ValueError it may raise (a conversion or search that fails). */
function tolerant(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (failure(() => {
      throw e;
    }).startsWith("ValueError")) return null;
    throw e;
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const objectOf = (n: number): Record<string, number> => Object.fromEntries(range(n).map((i) => [`k${i}`, i]));
const fnObject = (n: number): Record<string, unknown> => Object.fromEntries(range(n).map((i) => [`f${i}`, () => i]));
const nested = (n: number): unknown => {
  let v: unknown = 0;
  for (let i = 0; i < n; i++) v = [v, i];
  return v;
};
/** `a = [a, a]` n times: 2^n leaves, n + 1 distinct arrays. */
const shared = (n: number): unknown => {
  let a: unknown = [1];
  for (let i = 0; i < n; i++) a = [a, a];
  return a;
};

/** Each case: what one call does on `n` items (or code units, for strings). */
const CASES: [string, (m: RunMeter, n: number) => unknown][] = [
  // builtins over sequences and objects
  ["sum", (m, n) => bi(m, "sum", range(n))],
  ["min", (m, n) => bi(m, "min", range(n))],
  ["max", (m, n) => bi(m, "max", range(n))],
  ["all", (m, n) => bi(m, "all", range(n).map(() => true))],
  ["any", (m, n) => bi(m, "any", range(n).map(() => false))],
  ["keys", (m, n) => bi(m, "keys", objectOf(n))],
  ["values", (m, n) => bi(m, "values", objectOf(n))],
  ["len of an object", (m, n) => bi(m, "len", objectOf(n))],
  ["bool of an object", (m, n) => bi(m, "bool", objectOf(n))],
  ["all of an object", (m, n) => bi(m, "all", [objectOf(n)])],
  ["range", (m, n) => bi(m, "range", n)],
  ["sorted (numbers)", (m, n) => bi(m, "sorted", range(n).reverse())],
  ["sorted (strings)", (m, n) => bi(m, "sorted", range(n).map(String))],
  ["sorted (arrays)", (m, n) => bi(m, "sorted", range(n).map((i) => [n - i]))],
  ["reversed", (m, n) => bi(m, "reversed", range(n))],
  ["enumerate", (m, n) => bi(m, "enumerate", range(n))],
  ["enumerate of a string", (m, n) => bi(m, "enumerate", "a".repeat(n))],
  ["zip", (m, n) => bi(m, "zip", range(n), range(n))],
  ["zip of strings", (m, n) => bi(m, "zip", "a".repeat(n), "b".repeat(n))],
  ["str of an array", (m, n) => bi(m, "str", range(n))],
  ["repr of an object", (m, n) => bi(m, "repr", objectOf(n))],
  ["format(v, 's')", (m, n) => bi(m, "format", range(n), "s")],
  ["format(v) with a width", (m, n) => bi(m, "format", 1, `>${n * 16}`)],
  ["int of a long string", (m, n) => tolerant(() => bi(m, "int", "1".repeat(n * 16)))],
  ["int of a long string in a base", (m, n) => tolerant(() => bi(m, "int", "1".repeat(n * 16), 2))],
  ["float of a long string", (m, n) => bi(m, "float", "1".repeat(n * 16))],
  ["methods of an object", (m, n) => bi(m, "methods", fnObject(n))],
  ["help of an object", (m, n) => bi(m, "help", fnObject(n))],
  ["iter of an object", (m, n) => bi(m, "iter", objectOf(n))],
  // array methods
  ["list.count", (m, n) => am(m, "count", range(n), -1)],
  ["list.index", (m, n) => am(m, "index", [...range(n), -1], -1)],
  ["list.remove", (m, n) => am(m, "remove", [...range(n), -1], -1)],
  ["list.count of structures", (m, n) => am(m, "count", range(n).map(() => [1, 2, 3]), [1, 2, 4])],
  ["list.extend", (m, n) => am(m, "extend", [], range(n))],
  ["list.insert at the front", (m, n) => am(m, "insert", range(n), 0, 1)],
  ["list.pop from the front", (m, n) => am(m, "pop", range(n), 0)],
  ["list.copy", (m, n) => am(m, "copy", range(n))],
  ["list.reverse", (m, n) => am(m, "reverse", range(n))],
  ["list.sort", (m, n) => am(m, "sort", range(n).reverse())],
  // string methods (n items = 16·n code units, one step per 16)
  ["str.upper", (m, n) => sm(m, "upper", "a".repeat(n * 16))],
  ["str.lower", (m, n) => sm(m, "lower", "A".repeat(n * 16))],
  ["str.capitalize", (m, n) => sm(m, "capitalize", "a".repeat(n * 16))],
  ["str.title", (m, n) => sm(m, "title", "a b ".repeat(n))],
  ["str.swapcase", (m, n) => sm(m, "swapcase", "aB".repeat(n))],
  ["str.isalpha", (m, n) => sm(m, "isalpha", "a".repeat(n * 16))],
  ["str.isdigit", (m, n) => sm(m, "isdigit", "1".repeat(n * 16))],
  ["str.isspace", (m, n) => sm(m, "isspace", " ".repeat(n * 16))],
  ["str.islower", (m, n) => sm(m, "islower", "a".repeat(n * 16))],
  ["str.isupper", (m, n) => sm(m, "isupper", "A".repeat(n * 16))],
  ["str.istitle", (m, n) => sm(m, "istitle", "Ab ".repeat(n * 6))],
  ["str.strip", (m, n) => sm(m, "strip", " ".repeat(n * 16) + "x")],
  ["str.split", (m, n) => sm(m, "split", "a,".repeat(n), ",")],
  ["str.split with maxsplit", (m, n) => sm(m, "split", "a,".repeat(n), ",", n)],
  ["str.split on whitespace", (m, n) => sm(m, "split", "a ".repeat(n))],
  ["str.rsplit", (m, n) => sm(m, "rsplit", "a,".repeat(n), ",", n)],
  ["str.join", (m, n) => sm(m, "join", ",", range(n).map(String))],
  ["str.replace", (m, n) => sm(m, "replace", "ab".repeat(n), "a", "c")],
  ["str.find", (m, n) => sm(m, "find", "a".repeat(n * 16), "b")],
  ["str.rfind", (m, n) => sm(m, "rfind", "a".repeat(n * 16), "b")],
  ["str.index", (m, n) => tolerant(() => sm(m, "index", "a".repeat(n * 16), "b"))],
  ["str.count", (m, n) => sm(m, "count", "a".repeat(n), "a")],
  ["str.startswith of many affixes", (m, n) => sm(m, "startswith", "x", range(n).map(() => "y"))],
  ["str.center", (m, n) => sm(m, "center", "x", n * 16)],
  // operators
  ["string + string", (m, n) => add("a".repeat(n * 16), "b".repeat(n * 16), m)],
  ["string + array", (m, n) => add("a", range(n), m)],
  ["array + array", (m, n) => add(range(n), range(n), m)],
  ["string * n", (m, n) => mul("ab", n * 8, m)],
  ["array * n", (m, n) => mul([1], n, m)],
  ["string % values", (m, n) => mod("%s", [range(n)], m)],
  ["string % width", (m, n) => mod("%*d", [n * 16, 1], m)],
  ["array slice", (m, n) => slice(range(n), 0, null, null, m)],
  ["stepped string slice", (m, n) => slice("ab".repeat(n), null, null, 2, m)],
  // comparisons
  ["== of unequal structures", (m, n) => equals(range(n).map((i) => [i]), [...range(n - 1).map((i) => [i]), [-1]], m)],
  ["== of unequal nested arrays", (m, n) => equals(nested(n), [nested(n - 1), -1], m)],
  ["== of long strings", (m, n) => equals("a".repeat(n * 16), "a".repeat(n * 16 - 1) + "b", m)],
  ["< of arrays", (m, n) => compare(range(n), [...range(n - 1), -1], "<", m)],
  ["< of long strings", (m, n) => compare("a".repeat(n * 16), "a".repeat(n * 16 - 1) + "b", "<", m)],
  ["sortValues", (m, n) => sortValues(range(n).map((i) => [i % 7]), false, m)],
  // displays, formatting, iteration, members
  ["str of a shared structure", (m, n) => str(shared(Math.ceil(Math.log2(n))), Infinity, m)],
  ["repr of a long string", (m, n) => repr("a".repeat(n * 16), Infinity, m)],
  ["formatSpec", (m, n) => formatSpec(range(n), "", m)],
  ["percentFormat %r", (m, n) => percentFormat("%r", [range(n)], m)],
  ["percentFormat of a long format", (m, n) => percentFormat("a".repeat(n * 16), [], m)],
  ["for over an object", (m, n) => forIter(objectOf(n), m)],
  ["iter of an object (runtime)", (m, n) => iterOf(objectOf(n), m)],
  ["methodNames", (m, n) => methodNames(fnObject(n), m)],
];

describe("each builtin, method and operator charges in proportion to its work", () => {
  for (const [name, call] of CASES) {
    it(`${name}: ${SMALL} items fit ${STEPS} steps, ${LARGE} items do not`, () => {
      const small = meterOf({ steps: STEPS });
      expect(failure(() => call(small, SMALL))).toBe("no error");
      const large = meterOf({ steps: STEPS });
      expect(failure(() => call(large, LARGE))).toBe(`LimitError: step limit exceeded (${STEPS} steps)`);
    });
  }
});

describe("charges are close to the documented scale", () => {
  /** Steps a call spends (the budget starts with `cap` steps). */
  function spent(call: (m: RunMeter) => unknown, cap = 1e9): number {
    const m = meterOf({ steps: cap });
    const before = stepsLeft(m);
    call(m);
    return before - stepsLeft(m);
  }
  function stepsLeft(m: RunMeter): number {
    const b = m.budget as unknown as { steps: number; granted: number; n: number };
    return b.steps - b.granted + b.n;
  }

  it("one step per item visited", () => {
    expect(spent((m) => bi(m, "sum", range(1000)))).toBe(1000);
    expect(spent((m) => bi(m, "keys", objectOf(1000)))).toBe(1000);
    expect(spent((m) => am(m, "count", range(1000), 5))).toBe(1000);
    expect(spent((m) => add(range(300), range(700), m))).toBe(1000);
  });

  it("one step per 16 code units", () => {
    expect(spent((m) => sm(m, "upper", "a".repeat(16_000)))).toBe(1000);
    expect(spent((m) => sm(m, "find", "a".repeat(15_990), "bcdefghijk"))).toBe(1000);
    expect(spent((m) => mul("ab", 8000, m))).toBe(1000);
  });

  it("a sort costs n·⌈log2 n⌉ comparisons plus a pass over the items", () => {
    expect(spent((m) => sortValues(range(1024).reverse(), false, m))).toBe(1024 + 1024 * 10);
  });

  it("equality charges per pair of items compared, and four more per pair of containers", () => {
    const a = range(500).map((i) => [i]);
    const b = range(500).map((i) => [i]);
    // 500 outer pairs, each descending (4) into one inner pair, and each pair of arrays finished.
    expect(spent((m) => equals(a, b, m))).toBe(500 * (1 + 4 + 1 + 1) + 1);
    expect(spent((m) => equals(range(1000), range(1000), m))).toBe(1001);
  });

  it("concatenating strings costs the result's length, however short the added part", () => {
    // JavaScript defers the copy to the first read of the result (s[0] here), charged one step.
    expect(spent((m) => add("a".repeat(1_000_000), "b", m))).toBe(62_501);
    expect(spent((m) => add("ab", "c", m))).toBe(1);
  });

  it("a display charges one step per element, three per key, four more per container opened", () => {
    // Plus one step per 16 code units of output (under 10 000 characters here).
    const scalars = spent((m) => str(range(1000), Infinity, m));
    expect(scalars).toBeGreaterThanOrEqual(1000);
    expect(scalars).toBeLessThan(1000 + 400);
    const rows = spent((m) => str(range(1000).map((i) => [i]), Infinity, m));
    expect(rows).toBeGreaterThanOrEqual(6000);
    expect(rows).toBeLessThan(6000 + 700);
    const keys = spent((m) => str(objectOf(1000), Infinity, m));
    expect(keys).toBeGreaterThanOrEqual(3000);
    expect(keys).toBeLessThan(3000 + 1000);
  });

  it("repr charges two steps per character it escapes, in a container too", () => {
    expect(spent((m) => repr("\x01".repeat(1600), Infinity, m))).toBe(100 + 3200);
    expect(spent((m) => repr("ab".repeat(800), Infinity, m))).toBe(100);
    // The container's output (4 · 1600 + 4 code units) is charged as well.
    expect(spent((m) => repr(["\x01".repeat(1600)], Infinity, m))).toBe(3200 + 400 + 1);
  });

  it("listing the keys of an object over 1 024 keys costs four steps a key", () => {
    expect(spent((m) => bi(m, "keys", objectOf(1024)))).toBe(1024);
    expect(spent((m) => bi(m, "keys", objectOf(2000)))).toBe(8000);
  });

  it("a display of a widely shared structure charges its leaves and output, not its size in memory", () => {
    // 2^12 leaves of "1" and 2^12 - 1 arrays shown: over 8 000 steps for 24 arrays in memory.
    expect(spent((m) => str(shared(12), Infinity, m))).toBeGreaterThan(8_000);
  });
});

describe("sizes are checked before allocating", () => {
  const small: Limits = { maxStringLength: 1_000, maxArrayLength: 1_000 };

  it("enumerate, zip, sorted and reversed of a string check maxArrayLength before splitting it", () => {
    for (const name of ["enumerate", "sorted", "reversed", "zip"]) {
      expect(failure(() => bi(meterOf(small), name, "a".repeat(5_000)))).toBe(
        "LimitError: array length limit exceeded (max 1000)",
      );
    }
  });

  it("for (c in s) reads a long string one code unit at a time, without an array of it", () => {
    const s = "ab".repeat(50_000);
    const it = forIter(s, meterOf(small));
    expect(Array.isArray(it)).toBe(false);
    let n = 0;
    let last = "";
    for (const c of it) {
      n++;
      last = c as string;
    }
    expect([n, last]).toEqual([100_000, "b"]);
    expect([...forIter("héllo", meterOf(small))]).toEqual(["h", "é", "l", "l", "o"]);
  });

  it("case mappings that grow a string are refused before the result is built", () => {
    expect(failure(() => sm(meterOf(small), "upper", "ß".repeat(600)))).toBe(
      "LimitError: string length limit exceeded (max 1000)",
    );
    expect(sm(meterOf(small), "upper", "ß".repeat(500))).toBe("SS".repeat(500));
    expect(failure(() => sm(meterOf(small), "lower", "\u0130".repeat(600)))).toBe(
      "LimitError: string length limit exceeded (max 1000)",
    );
    expect(failure(() => sm(meterOf(small), "swapcase", "ß".repeat(600)))).toBe(
      "LimitError: string length limit exceeded (max 1000)",
    );
    expect(failure(() => sm(meterOf(small), "title", "ŉ ".repeat(400)))).toBe(
      "LimitError: string length limit exceeded (max 1000)",
    );
    expect(failure(() => sm(meterOf(small), "capitalize", "a" + "\u0130".repeat(600)))).toBe(
      "LimitError: string length limit exceeded (max 1000)",
    );
  });

  it("a split that would make more parts than maxArrayLength is refused before splitting", () => {
    expect(failure(() => sm(meterOf(small), "split", "a".repeat(5_000), "a"))).toBe(
      "LimitError: array length limit exceeded (max 1000)",
    );
    expect(failure(() => sm(meterOf(small), "split", "a ".repeat(5_000)))).toBe(
      "LimitError: array length limit exceeded (max 1000)",
    );
    expect(failure(() => sm(meterOf(small), "split", "a,".repeat(5_000), ",", 4_000))).toBe(
      "LimitError: array length limit exceeded (max 1000)",
    );
  });
});

describe("conversions stay linear on long inputs", () => {
  it("int and float of 100 000 characters with inner whitespace end at once", () => {
    const m = meterOf();
    const inputs = ["x" + " ".repeat(100_000) + "x", "1" + " ".repeat(100_000) + "x", " ".repeat(100_000) + "1"];
    const t0 = performance.now();
    for (const s of inputs) {
      failure(() => bi(m, "int", s));
      failure(() => bi(m, "int", s, 10));
      failure(() => bi(m, "float", s));
    }
    expect(bi(m, "int", " ".repeat(100_000) + "12" + " ".repeat(100_000), 10)).toBe(12);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

describe("error messages stay short", () => {
  it("a conversion error quotes a long input cut short", () => {
    const message = failure(() => bi(meterOf(), "int", "x".repeat(100_000)));
    expect(message).toBe(`ValueError: invalid literal for int(): '${"x".repeat(200)}…'`);
  });
});

describe("generated code's operators charge reads of long strings", () => {
  function rt(steps: number) {
    const r = createRuntime({ limits: resolveLimits({ steps }), stdout: () => {}, stderr: () => {}, stdin: null });
    beginRun(r.budget);
    return r;
  }
  // Distinct string objects of equal content: === compares every code unit.
  const long = (c: string): string => ["a".repeat(160_000), c].join("");

  it("== and != of two long strings of one length cost their length, equal or not", () => {
    for (const [a, b] of [[long("x"), long("x")], [long("x"), long("y")]]) {
      expect(failure(() => rt(20_000).eq(a, b))).toBe("no error");
      expect(failure(() => rt(5_000).eq(a, b))).toBe("LimitError: step limit exceeded (5000 steps)");
      expect(failure(() => rt(5_000).ne(a, b))).toBe("LimitError: step limit exceeded (5000 steps)");
    }
    // Short strings, numbers and strings of different lengths cost nothing extra.
    const r = rt(10);
    for (let i = 0; i < 100; i++) {
      r.eq("abc", "abd");
      r.eq(i, i);
      r.eq(long("x"), "short");
    }
  });

  it("an object key as long as a string slice can make costs its length to look up or set", () => {
    const o: Record<string, unknown> = {};
    expect(failure(() => rt(5_000).setIndex(o, long("k"), 1))).toBe("LimitError: step limit exceeded (5000 steps)");
    expect(failure(() => rt(5_000).index(o, long("k")))).toBe("LimitError: step limit exceeded (5000 steps)");
    const r = rt(20_000);
    r.setIndex(o, long("k"), 1);
    expect(r.index(o, long("k"))).toBe(1);
  });

  it("the truthiness of a large object costs the listing of its keys; a small one nothing", () => {
    expect(failure(() => rt(5_000).truthy(objectOf(100_000)))).toBe("LimitError: step limit exceeded (5000 steps)");
    const r = rt(10);
    for (let i = 0; i < 100; i++) if (!r.truthy(objectOf(16)) || r.truthy({})) throw new Error("wrong truthiness");
  });

  it("print charges long strings it copies to the output, not short messages", () => {
    const r = rt(5_000);
    for (let i = 0; i < 1_000; i++) r.builtins.print!("a short message");
    expect(failure(() => r.builtins.print!("x".repeat(160_000)))).toBe("LimitError: step limit exceeded (5000 steps)");
  });
});

describe("error messages that show a value charge for showing it", () => {
  function rt(steps: number) {
    const r = createRuntime({ limits: resolveLimits({ steps }), stdout: () => {}, stderr: () => {}, stdin: null });
    beginRun(r.budget);
    return r;
  }
  // Listing the keys of a large object takes time however short the message shown.
  const big = objectOf(100_000);

  it("throw of a value with no message: its display is charged (and a run out of steps ends)", () => {
    expect(failure(() => rt(STEPS).thrown(objectOf(SMALL)))).toBe("no error");
    expect(failure(() => rt(STEPS).thrown(big))).toBe(`LimitError: step limit exceeded (${STEPS} steps)`);
    // Within budget the message is the usual bounded preview.
    expect((rt(1e7).thrown(big) as Error).message).toBe("Error: <object longer than 1000 characters>");
  });

  it("list.index of a missing value: the value's display is charged", () => {
    expect(failure(() => am(meterOf({ steps: STEPS }), "index", [], objectOf(3)))).toBe(`ValueError: {"k0": 0, "k1": 1, "k2": 2} is not in list`);
    expect(failure(() => am(meterOf({ steps: STEPS }), "index", [], big))).toBe(`LimitError: step limit exceeded (${STEPS} steps)`);
    expect(failure(() => am(meterOf(), "index", [], big))).toBe("ValueError: <object longer than 1000 characters> is not in list");
  });
});

describe("escaping stops at the length limit", () => {
  it("a preview of a long string of control characters stops at its length, even inside a container", () => {
    const s = "\x01".repeat(20_000_000);
    const start = performance.now();
    for (const v of [s, [s], { k: s }, { [s]: 1 }]) expect(preview(v)).toMatch(/^<(string|array|object) longer than 1000 characters>$/);
    expect(failure(() => repr([s], 1_000_000, meterOf()))).toBe("LimitError: string length limit exceeded (max 1000000)");
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe("a stepped string slice is built a chunk at a time", () => {
  it("reverses a long string quickly, and a time limit stops a longer one part-way", () => {
    const s = "ab".repeat(5_000_000);
    let start = performance.now();
    const r = slice(s, null, null, -1, meterOf()) as string;
    expect(r.length).toBe(s.length);
    expect(r.slice(0, 3) + r.slice(-3)).toBe("bababa");
    expect(slice("abcdefg", 5, 0, -2, meterOf())).toBe("fdb");
    expect(performance.now() - start).toBeLessThan(2_000);
    const long = "a".repeat(100_000_000);
    start = performance.now();
    expect(failure(() => slice(long, null, null, -1, meterOf({ timeMs: 20 })))).toBe("LimitError: time limit exceeded (20 ms)");
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
