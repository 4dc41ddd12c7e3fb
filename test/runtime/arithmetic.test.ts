import { describe, it, expect } from "vitest";
import { add, div, fdiv, floorDiv, floorMod, mod, mul, neg, sub } from "../../src/runtime/arithmetic.js";
import { meterOf } from "./meter.js";
import { mlFailure as errorOf } from "./ml-error.js";

const L = meterOf();


function fn() {}
const samples: Record<string, unknown> = {
  number: 2,
  string: "s",
  boolean: true,
  null: null,
  array: [1],
  object: { a: 1 },
  function: fn,
};
const kinds = Object.keys(samples);

/** Every binary operator, applied with default limits. */
const ops: Record<string, (a: unknown, b: unknown) => unknown> = {
  "+": (a, b) => add(a, b, L),
  "-": (a, b) => sub(a, b),
  "*": (a, b) => mul(a, b, L),
  "/": (a, b) => div(a, b),
  "//": (a, b) => fdiv(a, b),
  "%": (a, b) => mod(a, b, L),
};

/** What each operator does for a pair of kinds that is supported (anything else: TypeError). */
const supported: Record<string, Record<string, unknown>> = {
  "+": {
    "number,number": 4,
    "string,string": "ss",
    "string,number": "s2",
    "number,string": "2s",
    "string,boolean": "strue",
    "boolean,string": "trues",
    "string,null": "snull",
    "null,string": "nulls",
    "string,array": "s[1]",
    "array,string": "[1]s",
    "string,object": 's{"a": 1}',
    "object,string": '{"a": 1}s',
    "string,function": "s<function fn>",
    "function,string": "<function fn>s",
    "array,array": [1, 1],
  },
  "-": { "number,number": 0 },
  "*": { "number,number": 4, "string,number": "ss", "number,string": "ss", "array,number": [1, 1], "number,array": [1, 1] },
  "/": { "number,number": 1 },
  "//": { "number,number": 1 },
  "%": {
    "number,number": 0,
    // A string on the left formats.
    "string,string": "ERR:TypeError: not all arguments converted during string formatting",
    "string,number": "ERR:TypeError: not all arguments converted during string formatting",
    "string,boolean": "ERR:TypeError: not all arguments converted during string formatting",
    "string,null": "ERR:TypeError: not all arguments converted during string formatting",
    "string,array": "ERR:TypeError: not all arguments converted during string formatting",
    "string,object": "s", // an object is a mapping for %(key)s and may go unused, as in Python
    "string,function": "ERR:TypeError: not all arguments converted during string formatting",
  },
};

describe("every operator on every pairing of types", () => {
  for (const op of Object.keys(ops)) {
    for (const ka of kinds) {
      for (const kb of kinds) {
        const key = `${ka},${kb}`;
        it(`${ka} ${op} ${kb}`, () => {
          const f = () => ops[op]!(samples[ka], samples[kb]);
          const want = supported[op]![key];
          if (want === undefined) {
            let msg = `TypeError: '${op}' not supported between ${ka} and ${kb}`;
            if (op === "*" && (ka === "string" || ka === "array")) {
              msg = `TypeError: can't multiply sequence by non-integer of type ${kb}`;
            } else if (op === "*" && (kb === "string" || kb === "array")) {
              msg = `TypeError: can't multiply sequence by non-integer of type ${ka}`;
            }
            expect(errorOf(f)).toBe(msg);
          } else if (typeof want === "string" && want.startsWith("ERR:")) {
            expect(errorOf(f)).toBe(want.slice(4));
          } else {
            expect(f()).toEqual(want);
          }
        });
      }
    }
  }
});

describe("+", () => {
  it("adds numbers and concatenates", () => {
    expect(add(0.1, 0.2, L)).toBe(0.30000000000000004);
    expect(add("n=", 1.5, L)).toBe("n=1.5");
    expect(add("", -0, L)).toBe("0");
    expect(add(NaN, "", L)).toBe("nan");
    expect(add("x", [1, "a", null], L)).toBe('x[1, "a", null]');
  });

  it("builds a new array for array + array", () => {
    const a = [1];
    const b = [2];
    const c = add(a, b, L) as unknown[];
    expect(c).toEqual([1, 2]);
    expect(c).not.toBe(a);
    expect(a).toEqual([1]);
    expect(add([], [], L)).toEqual([]);
  });

  it("does not let booleans act as numbers", () => {
    expect(errorOf(() => add(true, 1, L))).toBe("TypeError: '+' not supported between boolean and number");
    expect(errorOf(() => add(1, false, L))).toBe("TypeError: '+' not supported between number and boolean");
  });

  it("checks string and array limits before allocating", () => {
    const small = meterOf({ maxStringLength: 5, maxArrayLength: 3 });
    expect(add("ab", "cde", small)).toBe("abcde");
    expect(errorOf(() => add("abc", "def", small))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(errorOf(() => add("abc", 1234, small))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(errorOf(() => add([1, 2, 3, 4, 5, 6], "", small))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(errorOf(() => add("abc", [1, 2, 3, 4, 5, 6], small))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(errorOf(() => add({ a: 1 }, "x", small))).toBe("LimitError: string length limit exceeded (max 5)");
    expect(add([1, 2], [3], small)).toEqual([1, 2, 3]);
    expect(errorOf(() => add([1, 2], [3, 4], small))).toBe("LimitError: array length limit exceeded (max 3)");
  });
});

describe("-", () => {
  it("subtracts numbers only", () => {
    expect(sub(5, 7)).toBe(-2);
    expect(sub(Infinity, 1)).toBe(Infinity);
    expect(errorOf(() => sub("a", "a"))).toBe("TypeError: '-' not supported between string and string");
    expect(errorOf(() => sub([1], [1]))).toBe("TypeError: '-' not supported between array and array");
  });
});

describe("*", () => {
  it("repeats strings and arrays in either order", () => {
    expect(mul("ab", 3, L)).toBe("ababab");
    expect(mul(3, "ab", L)).toBe("ababab");
    expect(mul([1, 2], 2, L)).toEqual([1, 2, 1, 2]);
    expect(mul(2, [0], L)).toEqual([0, 0]);
    expect(mul("ab", 0, L)).toBe("");
    expect(mul("ab", -3, L)).toBe("");
    expect(mul([1], -1, L)).toEqual([]);
    expect(mul("", 1e15, L)).toBe("");
    expect(mul([], 1e15, L)).toEqual([]);
  });

  it("repeats by reference, like Python", () => {
    const inner = [0];
    const out = mul([inner], 2, L) as unknown[];
    expect(out[0]).toBe(inner);
    expect(out[1]).toBe(inner);
  });

  it("needs an integer count", () => {
    expect(errorOf(() => mul("a", 1.5, L))).toBe("TypeError: can't multiply sequence by non-integer number");
    expect(errorOf(() => mul(2.5, [1], L))).toBe("TypeError: can't multiply sequence by non-integer number");
    expect(errorOf(() => mul("a", NaN, L))).toBe("TypeError: can't multiply sequence by non-integer number");
    expect(errorOf(() => mul("a", Infinity, L))).toBe("TypeError: can't multiply sequence by non-integer number");
    expect(errorOf(() => mul("a", true, L))).toBe("TypeError: can't multiply sequence by non-integer of type boolean");
    expect(errorOf(() => mul("a", "b", L))).toBe("TypeError: can't multiply sequence by non-integer of type string");
    expect(errorOf(() => mul([1], [1], L))).toBe("TypeError: can't multiply sequence by non-integer of type array");
    expect(errorOf(() => mul(null, "a", L))).toBe("TypeError: can't multiply sequence by non-integer of type null");
  });

  it("checks limits before allocating", () => {
    expect(errorOf(() => mul("x", 2 ** 31, L))).toBe("LimitError: string length limit exceeded (max 100000000)");
    expect(errorOf(() => mul([0], 1e10, L))).toBe("LimitError: array length limit exceeded (max 10000000)");
    const small = meterOf({ maxStringLength: 6, maxArrayLength: 4 });
    expect(mul("ab", 3, small)).toBe("ababab");
    expect(errorOf(() => mul("ab", 4, small))).toBe("LimitError: string length limit exceeded (max 6)");
    expect(mul([1, 2], 2, small)).toEqual([1, 2, 1, 2]);
    expect(errorOf(() => mul(3, [1, 2], small))).toBe("LimitError: array length limit exceeded (max 4)");
  });

  it("does not let booleans act as numbers", () => {
    expect(errorOf(() => mul(true, 2, L))).toBe("TypeError: '*' not supported between boolean and number");
  });
});

describe("/", () => {
  it("is true division", () => {
    expect(div(7, 2)).toBe(3.5);
    expect(div(-7, 2)).toBe(-3.5);
    expect(div(1, 3)).toBe(1 / 3);
  });

  it("raises ZeroDivisionError on a zero divisor", () => {
    expect(errorOf(() => div(1, 0))).toBe("ZeroDivisionError: division by zero");
    expect(errorOf(() => div(0, -0))).toBe("ZeroDivisionError: division by zero");
    expect(errorOf(() => div("a", 0))).toBe("TypeError: '/' not supported between string and number");
  });
});

describe("//", () => {
  it("floors toward negative infinity", () => {
    expect(fdiv(7, 2)).toBe(3);
    expect(fdiv(-7, 2)).toBe(-4);
    expect(fdiv(7, -2)).toBe(-4);
    expect(fdiv(-7, -2)).toBe(3);
    expect(fdiv(6, 3)).toBe(2);
    expect(Object.is(fdiv(0, -5), 0)).toBe(true);
  });

  it("matches Python for floats and large values", () => {
    // Values computed with CPython 3.11.
    expect(fdiv(7.5, 2)).toBe(3);
    expect(fdiv(-7.5, 2)).toBe(-4);
    expect(fdiv(7, 0.1)).toBe(69);
    expect(fdiv(1, 0.1)).toBe(9);
    expect(fdiv(2 ** 53 - 1, 2)).toBe(4503599627370495);
    expect(fdiv(-(2 ** 53 - 1), 2)).toBe(-4503599627370496);
    expect(fdiv(1e300, 1e-300)).toBe(Infinity);
    expect(fdiv(1, Infinity)).toBe(0);
    expect(fdiv(-1, Infinity)).toBe(-1);
    expect(fdiv(2 ** 40, 3)).toBe(366503875925);
    expect(floorDiv(-0.5, 1)).toBe(-1);
  });

  it("raises ZeroDivisionError on a zero divisor", () => {
    expect(errorOf(() => fdiv(1, 0))).toBe("ZeroDivisionError: integer division or modulo by zero");
    expect(errorOf(() => fdiv(1.5, -0))).toBe("ZeroDivisionError: integer division or modulo by zero");
  });
});

describe("%", () => {
  it("takes the sign of the divisor", () => {
    expect(mod(-7, 3, L)).toBe(2);
    expect(mod(7, -3, L)).toBe(-2);
    expect(mod(-7, -3, L)).toBe(-1);
    expect(mod(7, 3, L)).toBe(1);
    expect(Object.is(mod(-6, 3, L), 0)).toBe(true);
  });

  it("matches Python for floats", () => {
    expect(mod(7.5, 2, L)).toBe(1.5);
    expect(mod(-7.5, 2, L)).toBe(0.5);
    expect(mod(7, 0.1, L)).toBe(0.09999999999999962);
    expect(mod(-1, Infinity, L)).toBe(Infinity);
    expect(mod(1, Infinity, L)).toBe(1);
    expect(mod(2 ** 40 + 1, -2, L)).toBe(-1);
    expect(Object.is(floorMod(6.0, -3.5), -1)).toBe(true);
    expect(Object.is(floorMod(7, -3.5), -0)).toBe(true);
    expect(Object.is(floorMod(-7, 3.5), 0)).toBe(true);
  });

  it("formats with a string on the left", () => {
    expect(mod("%s has %d items (%.1f%%)", ["cart", 3, 42.25], L)).toBe("cart has 3 items (42.2%)");
    expect(mod("n=%d", 5, L)).toBe("n=5");
    expect(mod("%s", [[1, 2]], L)).toBe("[1, 2]");
  });

  it("raises ZeroDivisionError on a zero divisor", () => {
    expect(errorOf(() => mod(1, 0, L))).toBe("ZeroDivisionError: integer division or modulo by zero");
    expect(errorOf(() => mod(1, "a", L))).toBe("TypeError: '%' not supported between number and string");
  });
});

describe("unary -", () => {
  it("negates numbers only", () => {
    expect(neg(5)).toBe(-5);
    expect(neg(-Infinity)).toBe(Infinity);
    for (const [v, t] of [["1", "string"], [true, "boolean"], [null, "null"], [[1], "array"], [{}, "object"],
      [fn, "function"], [undefined, "null"]] as const) {
      expect(errorOf(() => neg(v))).toBe(`TypeError: bad operand type for unary -: ${t}`);
    }
  });
});
