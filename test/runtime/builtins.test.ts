import { describe, it, expect } from "vitest";
import { createBuiltins, registerFunctionInfo } from "../../src/runtime/builtins.js";
import { resolveLimits, type InputSource, type Limits } from "../../src/runtime/state.js";
import { MLIterator } from "../../src/runtime/iterators.js";
import { registerClass, members } from "../../src/runtime/objects.js";
import { str } from "../../src/runtime/display.js";
import { mlFailure as failure } from "./ml-error.js";

type Fn = (...args: unknown[]) => unknown;

function setup(options: { limits?: Limits; stdin?: InputSource } = {}) {
  const out: string[] = [];
  const b = createBuiltins({
    limits: resolveLimits(options.limits),
    stdout: (t) => out.push(t),
    stderr: () => {},
    stdin: options.stdin ?? null,
  }) as Record<string, Fn>;
  return { b, out };
}


const { b, out } = setup();

class Box {
  constructor(readonly n: number) {}
}
registerClass(Box, {
  name: "Box",
  members: members({ n: { kind: "property", get: (x: Box) => x.n }, grow: { kind: "method", call: (x: Box) => x.n + 1 } }),
  length: (x: Box) => x.n,
  display: (x: Box) => `<Box ${x.n}>`,
});

describe("the builtins object", () => {
  it("holds every builtin of LANGUAGE.md §6, frozen, with ML names", () => {
    const names = ["print", "input", "typeof", "isinstance", "str", "repr", "int", "float", "bool", "len", "range",
      "enumerate", "zip", "sorted", "reversed", "keys", "values", "min", "max", "abs", "sum", "all", "any", "callable",
      "round", "chr", "ord", "hex", "bin", "oct", "format", "iter", "next", "hasattr", "getattr", "call", "help",
      "methods", "modules", "available_modules", "has_module", "module_info", "hasCapability", "getCapabilities",
      "getCapabilityInfo", "requiredCapabilities"];
    const aliases = { availableModules: "available_modules", hasModule: "has_module", moduleInfo: "module_info",
      has_capability: "hasCapability", get_capabilities: "getCapabilities", get_capability_info: "getCapabilityInfo",
      required_capabilities: "requiredCapabilities" };
    expect(Object.keys(b).sort()).toEqual([...names, ...Object.keys(aliases)].sort());
    // Both spellings of every two-word name: the same function.
    for (const [alias, name] of Object.entries(aliases)) expect(b[alias]).toBe(b[name]);
    expect(Object.isFrozen(b)).toBe(true);
    for (const name of names) {
      expect(b[name]!.name).toBe(name);
      expect(Object.isFrozen(b[name])).toBe(true);
      expect(str(b[name])).toBe(`<function ${name}>`);
      expect(Object.hasOwn(b[name]!, "prototype")).toBe(false); // not constructors
    }
  });

  it("has mlpy's builtin namespace: a frozen module object of the same functions, made once per load", async () => {
    const { member } = await import("../../src/runtime/members.js");
    const { typeOf } = await import("../../src/runtime/values.js");
    const { meterOf } = await import("./meter.js");
    const ns = b.builtin as unknown as object;
    expect(Object.keys(b)).not.toContain("builtin"); // the functions only
    expect(b.builtin).toBe(ns);
    expect(Object.isFrozen(ns)).toBe(true);
    expect(typeOf(ns)).toBe("module");
    expect(str(ns)).toBe("<module builtin>");
    const m = meterOf();
    for (const name of Object.keys(b)) expect(member(ns, name, m)).toBe(b[name]);
    expect(failure(() => member(ns, "constructor", m))).toBe("AttributeError: 'module' object has no attribute 'constructor'");
    expect(setup().b.builtin).not.toBe(ns); // another load's builtins
  });

  it("each load gets its own builtins bound to its sinks", () => {
    const one = setup();
    const two = setup();
    one.b.print!("a");
    expect(one.out).toEqual(["a\n"]);
    expect(two.out).toEqual([]);
  });
});

describe("print / input", () => {
  it("prints str() of each argument joined by spaces", () => {
    out.length = 0;
    b.print!(1, "a", true, null, [1, "b"], { k: 2.5 });
    b.print!();
    expect(out).toEqual(['1 a true null [1, "b"] {"k": 2.5}\n', "\n"]);
  });

  it("limits the printed line", () => {
    const s = setup({ limits: { maxStringLength: 5 } });
    expect(failure(() => s.b.print!("abc", "def"))).toBe("LimitError: string length limit exceeded (max 5)");
    s.b.print!("ab", "cd");
    s.b.print!("abcde");
    expect(s.out).toEqual(["ab cd\n", "abcde\n"]);
    expect(failure(() => s.b.print!([1, 2, 3, 4]))).toBe("LimitError: string length limit exceeded (max 5)");
  });

  it("input reads through the host's source or raises CapabilityError", () => {
    expect(failure(() => b.input!("name? "))).toBe("CapabilityError: input() is not available: the host gives no input source");
    const prompts: string[] = [];
    const lines = ["Ada", "Bob\n", "Cy\r\n"];
    const s = setup({ stdin: (p) => (prompts.push(p), lines.shift() ?? null) });
    expect(s.b.input!("name? ")).toBe("Ada");
    expect(s.b.input!(1)).toBe("Bob");
    expect(s.b.input!(null)).toBe("Cy");
    expect(s.b.input!()).toBe(null);
    expect(prompts).toEqual(["name? ", "1", "", ""]);
  });
});

describe("types and conversions", () => {
  it("typeof / isinstance", () => {
    expect(b.typeof!(null)).toBe("null");
    expect(b.typeof!([])).toBe("array");
    expect(b.typeof!(new Box(1))).toBe("Box");
    expect(b.isinstance!(1, "number")).toBe(true);
    expect(b.isinstance!(1, "string")).toBe(false);
    expect(failure(() => b.isinstance!(1, null))).toBe("TypeError: isinstance() argument 2 must be a string, not null");
    expect(failure(() => b.typeof!())).toBe("TypeError: typeof() takes 1 argument but 0 were given");
  });

  it("str / repr", () => {
    expect(b.str!("x")).toBe("x");
    expect(b.str!(1.5)).toBe("1.5");
    expect(b.str!()).toBe("");
    expect(b.repr!("x")).toBe('"x"');
  });

  it("int", () => {
    expect(b.int!(true)).toBe(1);
    expect(b.int!(false)).toBe(0);
    expect(b.int!(3.9)).toBe(3);
    expect(b.int!(-3.9)).toBe(-3);
    expect(Object.is(b.int!(-0.5), 0)).toBe(true);
    expect(b.int!("3.9")).toBe(3);
    expect(b.int!(" 42 ")).toBe(42);
    expect(b.int!("-7")).toBe(-7);
    expect(b.int!("+7")).toBe(7);
    expect(b.int!("1_000")).toBe(1000);
    expect(b.int!("\t12\n")).toBe(12);
    expect(b.int!()).toBe(0);
    expect(failure(() => b.int!("x"))).toBe("ValueError: invalid literal for int(): 'x'");
    expect(failure(() => b.int!(""))).toBe("ValueError: invalid literal for int(): ''");
    expect(failure(() => b.int!("1 2"))).toBe("ValueError: invalid literal for int(): '1 2'");
    expect(failure(() => b.int!("0x10"))).toBe("ValueError: invalid literal for int(): '0x10'");
    expect(failure(() => b.int!("inf"))).toBe("ValueError: invalid literal for int(): 'inf'");
    expect(failure(() => b.int!(NaN))).toBe("ValueError: cannot convert float NaN to integer");
    expect(failure(() => b.int!(Infinity))).toBe("ValueError: cannot convert float infinity to integer");
    expect(failure(() => b.int!(null))).toBe("TypeError: int() argument must be a string, number or boolean, not null");
    expect(failure(() => b.int!([1]))).toBe("TypeError: int() argument must be a string, number or boolean, not array");
  });

  it("int with a base", () => {
    expect(b.int!("ff", 16)).toBe(255);
    expect(b.int!("0xff", 16)).toBe(255);
    expect(b.int!("0xff", 0)).toBe(255);
    expect(b.int!("-0b101", 0)).toBe(-5);
    expect(b.int!("z", 36)).toBe(35);
    expect(b.int!(" 1_0 ", 2)).toBe(2);
    expect(failure(() => b.int!("12", 2))).toBe("ValueError: invalid literal for int() with base 2: '12'");
    expect(failure(() => b.int!("010", 0))).toBe("ValueError: invalid literal for int() with base 0: '010'");
    expect(failure(() => b.int!("1", 1))).toBe("ValueError: int() base must be >= 2 and <= 36, or 0");
    expect(failure(() => b.int!(5, 10))).toBe("TypeError: int() can't convert non-string with explicit base");
  });

  it("float", () => {
    expect(b.float!("3.5")).toBe(3.5);
    expect(b.float!(" -1e3 ")).toBe(-1000);
    expect(b.float!(".5")).toBe(0.5);
    expect(b.float!("5.")).toBe(5);
    expect(b.float!("inf")).toBe(Infinity);
    expect(b.float!("-Infinity")).toBe(-Infinity);
    expect(b.float!("nan")).toBeNaN();
    expect(b.float!(true)).toBe(1);
    expect(b.float!(2)).toBe(2);
    expect(b.float!()).toBe(0);
    expect(failure(() => b.float!("x"))).toBe("ValueError: could not convert string to float: 'x'");
    expect(failure(() => b.float!("1e"))).toBe("ValueError: could not convert string to float: '1e'");
    expect(failure(() => b.float!("0x1"))).toBe("ValueError: could not convert string to float: '0x1'");
    expect(failure(() => b.float!({}))).toBe("TypeError: float() argument must be a string, number or boolean, not object");
  });

  it("bool / callable", () => {
    expect(b.bool!(0)).toBe(false);
    expect(b.bool!("0")).toBe(true);
    expect(b.bool!([])).toBe(false);
    expect(b.bool!()).toBe(false);
    expect(b.callable!(b.print)).toBe(true);
    expect(b.callable!({})).toBe(false);
  });
});

describe("len / range", () => {
  it("len", () => {
    expect(b.len!("😀")).toBe(2);
    expect(b.len!([1, 2])).toBe(2);
    expect(b.len!({ a: 1, b: 2 })).toBe(2);
    expect(b.len!(new Box(7))).toBe(7);
    expect(b.len!(5)).toBe(0);
    expect(b.len!(null)).toBe(0);
    expect(failure(() => b.len!())).toBe("TypeError: len() takes 1 argument but 0 were given");
  });

  it("range", () => {
    expect(b.range!(4)).toEqual([0, 1, 2, 3]);
    expect(b.range!(2, 5)).toEqual([2, 3, 4]);
    expect(b.range!(0, 10, 3)).toEqual([0, 3, 6, 9]);
    expect(b.range!(5, 0, -2)).toEqual([5, 3, 1]);
    expect(b.range!(0)).toEqual([]);
    expect(b.range!(-3)).toEqual([]);
    expect(b.range!(3, 1)).toEqual([]);
    expect(failure(() => b.range!(1, 2, 0))).toBe("ValueError: range() arg 3 must not be zero");
    expect(failure(() => b.range!(1.5))).toBe("TypeError: 'float' object cannot be interpreted as an integer");
    expect(failure(() => b.range!("3"))).toBe("TypeError: 'string' object cannot be interpreted as an integer");
    expect(failure(() => b.range!())).toBe("TypeError: range() takes from 1 to 3 arguments but 0 were given");
    expect(failure(() => b.range!(1, 2, 3, 4))).toBe("TypeError: range() takes from 1 to 3 arguments but 4 were given");
  });

  it("range checks its size before allocating", () => {
    expect(failure(() => b.range!(1e12))).toBe("LimitError: array length limit exceeded (max 10000000)");
    expect(failure(() => b.range!(-1e15, 1e15, 1))).toMatch(/^LimitError/);
    const s = setup({ limits: { maxArrayLength: 3 } });
    expect(s.b.range!(3)).toEqual([0, 1, 2]);
    expect(failure(() => s.b.range!(4))).toBe("LimitError: array length limit exceeded (max 3)");
  });
});

describe("sequences", () => {
  it("enumerate / zip", () => {
    expect(b.enumerate!(["a", "b"])).toEqual([[0, "a"], [1, "b"]]);
    expect(b.enumerate!("ab", 1)).toEqual([[1, "a"], [2, "b"]]);
    expect(b.zip!([1, 2, 3], "ab")).toEqual([[1, "a"], [2, "b"]]);
    expect(b.zip!()).toEqual([]);
    expect(b.zip!([1])).toEqual([[1]]);
    expect(failure(() => b.zip!([1], 2))).toBe("TypeError: 'number' object is not iterable");
  });

  it("sorted / reversed return new arrays", () => {
    const a = [3, 1, 2];
    expect(b.sorted!(a)).toEqual([1, 2, 3]);
    expect(b.sorted!(a, true)).toEqual([3, 2, 1]);
    expect(a).toEqual([3, 1, 2]);
    expect(b.sorted!("cab")).toEqual(["a", "b", "c"]);
    expect(b.sorted!({ b: 1, a: 2 })).toEqual(["a", "b"]);
    expect(failure(() => b.sorted!([1, "a"]))).toMatch(/^TypeError: '<' not supported between/);
    expect(b.reversed!(a)).toEqual([2, 1, 3]);
    expect(a).toEqual([3, 1, 2]);
    expect(b.reversed!("ab")).toEqual(["b", "a"]);
  });

  it("keys / values", () => {
    expect(b.keys!({ b: 1, a: 2 })).toEqual(["b", "a"]);
    expect(b.values!({ b: 1, a: undefined })).toEqual([1, null]);
    expect(failure(() => b.keys!([1]))).toBe("TypeError: keys() argument 1 must be an object, not array");
  });

  it("min / max", () => {
    expect(b.min!([3, 1, 2])).toBe(1);
    expect(b.max!([3, 1, 2])).toBe(3);
    expect(b.min!(3, 1, 2)).toBe(1);
    expect(b.max!("b", "c", "a")).toBe("c");
    expect(b.min!([])).toBe(null);
    expect(b.max!()).toBe(null);
    expect(b.max!("bca")).toBe("c");
    // mlpy's min(42): one value that is not a sequence is its own minimum and maximum.
    expect(b.max!(5)).toBe(5);
    expect(b.min!(null)).toBe(null);
    expect(b.min!(true)).toBe(true);
    const f = (): number => 1;
    expect(b.max!(f)).toBe(f);
    expect(failure(() => b.min!([1, "a"]))).toMatch(/^TypeError: '<' not supported between/);
  });

  it("abs / sum / all / any", () => {
    expect(b.abs!(-2.5)).toBe(2.5);
    expect(failure(() => b.abs!("x"))).toBe("TypeError: bad operand type for abs(): string");
    expect(b.sum!([1, 2, 3])).toBe(6);
    expect(b.sum!([1, 2], 10)).toBe(13);
    expect(b.sum!([])).toBe(0);
    expect(b.sum!([[1], [2]], [])).toEqual([1, 2]);
    expect(b.all!([1, "a", [0]])).toBe(true);
    expect(b.all!([1, 0])).toBe(false);
    expect(b.all!([])).toBe(true);
    expect(b.any!([0, "", null])).toBe(false);
    expect(b.any!([0, "x"])).toBe(true);
    expect(b.any!([])).toBe(false);
  });
});

describe("numbers and characters", () => {
  it("round", () => {
    expect(b.round!(2.5)).toBe(2);
    expect(b.round!(3.5)).toBe(4);
    expect(Object.is(b.round!(-0.4), 0)).toBe(true);
    expect(b.round!(1.25, 1)).toBe(1.2);
    expect(failure(() => b.round!("1"))).toBe("TypeError: round() argument 1 must be a number, not string");
    expect(failure(() => b.round!(1, 0.5))).toBe("TypeError: round() argument 2 must be an integer, not float");
    expect(failure(() => b.round!(NaN))).toBe("ValueError: cannot convert float NaN to integer");
  });

  it("chr / ord over code points", () => {
    expect(b.chr!(65)).toBe("A");
    expect(b.chr!(0x1f600)).toBe("😀");
    expect(b.ord!("A")).toBe(65);
    expect(b.ord!("😀")).toBe(0x1f600);
    expect(failure(() => b.chr!(0x110000))).toBe("ValueError: chr() arg not in range(0x110000)");
    expect(failure(() => b.chr!(-1))).toBe("ValueError: chr() arg not in range(0x110000)");
    expect(failure(() => b.chr!(1.5))).toBe("TypeError: 'float' object cannot be interpreted as an integer");
    expect(failure(() => b.ord!("ab"))).toBe("TypeError: ord() expected a character, but string of length 2 found");
    expect(failure(() => b.ord!(""))).toBe("TypeError: ord() expected a character, but string of length 0 found");
    expect(failure(() => b.ord!("😀a"))).toBe("TypeError: ord() expected a character, but string of length 3 found");
    expect(failure(() => b.ord!(1))).toBe("TypeError: ord() expected string of length 1, but number found");
  });

  it("hex / bin / oct", () => {
    expect(b.hex!(255)).toBe("0xff");
    expect(b.hex!(-1)).toBe("-0x1");
    expect(b.hex!(0)).toBe("0x0");
    expect(b.bin!(5)).toBe("0b101");
    expect(b.bin!(-5)).toBe("-0b101");
    expect(b.oct!(8)).toBe("0o10");
    expect(b.hex!(2 ** 60)).toBe("0x1000000000000000");
    expect(failure(() => b.hex!(1.5))).toBe("TypeError: 'float' object cannot be interpreted as an integer");
    expect(failure(() => b.oct!("8"))).toBe("TypeError: 'string' object cannot be interpreted as an integer");
  });

  it("format delegates to the format-spec implementation", () => {
    expect(b.format!("x")).toBe("x");
    expect(failure(() => b.format!(1, 2))).toBe("TypeError: format() argument 2 must be a string, not number");
  });
});

describe("iteration and reflection", () => {
  it("iter / next", () => {
    const it = b.iter!([1, 2]);
    expect(it).toBeInstanceOf(MLIterator);
    expect(b.next!(it)).toBe(1);
    expect(b.next!(it)).toBe(2);
    expect(b.next!(it, "done")).toBe("done");
    expect(failure(() => b.next!(it))).toBe("ValueError: StopIteration: iterator is exhausted");
  });

  it("hasattr / getattr follow the member rules", () => {
    const o = { a: 1 };
    expect(b.hasattr!(o, "a")).toBe(true);
    expect(b.hasattr!(o, "b")).toBe(false);
    expect(b.hasattr!(o, "constructor")).toBe(false);
    expect(b.hasattr!("s", "upper")).toBe(true);
    expect(b.hasattr!(new Box(1), "n")).toBe(true);
    expect(b.hasattr!(5, "x")).toBe(false);
    expect(b.getattr!(o, "a")).toBe(1);
    expect(b.getattr!(o, "b")).toBe(null);
    expect(b.getattr!(o, "b", 7)).toBe(7);
    expect(b.getattr!(o, "__proto__", 7)).toBe(7);
    expect(b.getattr!(new Box(3), "n")).toBe(3);
    expect((b.getattr!("ab", "upper") as Fn)()).toBe("AB");
    expect(b.getattr!(5, "x", "d")).toBe("d");
    expect(failure(() => b.getattr!(5, "x"))).toBe("AttributeError: 'number' object has no attribute 'x'");
    expect(failure(() => b.getattr!(() => 1, "constructor"))).toBe("AttributeError: 'function' object has no attribute 'constructor'");
    expect(failure(() => b.hasattr!(o, 1))).toBe("TypeError: hasattr() argument 2 must be a string, not number");
  });

  it("call", () => {
    expect(b.call!((a: number, c: number) => a - c, 5, 3)).toBe(2);
    expect(b.call!(() => undefined)).toBe(null);
    expect(failure(() => b.call!(5))).toBe("TypeError: 'number' is not callable");
    expect(failure(() => b.call!())).toBe("TypeError: call() takes at least 1 argument but 0 were given");
  });

  it("methods", () => {
    expect(b.methods!([])).toContain("append");
    expect(b.methods!({ f: () => 1, x: 1 })).toEqual(["f"]);
    expect(b.methods!(new Box(1))).toEqual(["grow", "n"]);
  });

  it("help describes builtins, registered functions and other values", () => {
    const h = b.help!(b.len) as string;
    expect(h).toContain("len(v)");
    expect(h.endsWith("Capabilities: none required")).toBe(true);
    const fetch = (): null => null;
    registerFunctionInfo(fetch, { signature: "get(url)", description: "Fetches a URL.", capabilities: ["network.http"] });
    expect(b.help!(fetch)).toBe("get(url)\nFetches a URL.\nRequires: network.http");
    expect(b.requiredCapabilities!(fetch)).toEqual(["network.http"]);
    expect(b.requiredCapabilities!(b.print)).toEqual([]);
    function area$(w: number, h: number): number {
      return w * h;
    }
    expect(b.help!(area$)).toBe("area(…)\nA user-defined function.\nCapabilities: none required");
    expect(b.help!("s")).toContain("upper");
  });

  it("registry and capability introspection outside any context", () => {
    expect(b.modules!()).toEqual(expect.arrayContaining(["datetime", "http", "math"]));
    expect(b.available_modules!()).toEqual(b.modules!());
    // mlpy's filter: every listed module is implemented by the host (mlpy's "python_bridge").
    expect(b.available_modules!(null)).toEqual(b.modules!());
    expect(b.available_modules!("python_bridge")).toEqual(b.modules!());
    expect(b.available_modules!("ml_source")).toEqual([]);
    expect(failure(() => b.available_modules!(1))).toBe("TypeError: available_modules() argument 1 must be a string, not number");
    expect(failure(() => b.available_modules!("x", 2))).toBe("TypeError: available_modules() takes from 0 to 1 arguments but 2 were given");
    expect(b.has_module!("math")).toBe(true);
    expect(b.has_module!("nope")).toBe(false);
    expect(b.module_info!("nope")).toBe(null);
    expect(b.hasCapability!("file.read")).toBe(false);
    expect(b.getCapabilities!()).toEqual([]);
    expect(b.getCapabilityInfo!("file.read")).toBe(null);
    expect(failure(() => b.modules!(1))).toBe("TypeError: modules() takes 0 arguments but 1 was given");
    expect(failure(() => b.requiredCapabilities!(1))).toBe("TypeError: requiredCapabilities() argument 1 must be a function, not number");
  });
});

describe("sum refuses strings", () => {
  const b = createBuiltins({ limits: resolveLimits({}), stdout: () => {}, stderr: () => {}, stdin: null });
  it("raises TypeError for string items or start, adds numbers and arrays", () => {
    expect(() => b.sum!([1, "a"])).toThrow(/can't sum strings/);
    expect(() => b.sum!(["a", "b"], "")).toThrow(/can't sum strings/);
    expect(b.sum!([1, 2, 3])).toBe(6);
    expect(b.sum!([[1], [2]], [])).toEqual([1, 2]);
  });
});
