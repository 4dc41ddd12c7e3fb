import { spawnSync } from "node:child_process";
import { describe, it, expect } from "vitest";
import { createRuntime, enterHost, leaveHost } from "../../src/runtime/runtime.js";
import { standaloneContext } from "../../src/runtime/index.js";
import * as entry from "../../src/runtime/index.js";
import { MLError } from "../../src/runtime/errors.js";
import { resolveLimits, type Limits } from "../../src/runtime/state.js";
import type { Runtime } from "../../src/runtime/abi.js";
import { mlFailure as failure } from "./ml-error.js";

function runtime(limits: Limits = {}, out: string[] = []): Runtime {
  return createRuntime({ limits: resolveLimits(limits), stdout: (t) => out.push(t), stderr: () => {}, stdin: null });
}


const ABI_NAMES = ["budget", "tick", "deep", "arity", "unbound", "appendRefused", "getattr3", "truthy", "add", "sub", "mul", "div", "fdiv", "mod",
  "neg", "eq", "ne", "lt", "gt", "le", "ge", "index", "isArray", "isExtensible", "maxArrayLength", "setIndex", "slice", "member", "setMember", "invoke", "callable",
  "ret", "iter", "rangeLength", "unpack", "unpackObject", "key", "thrown", "caught", "box", "awaitable", "resume", "builtins"];

describe("createRuntime", () => {
  it("provides exactly the ABI, frozen", () => {
    const rt = runtime();
    expect(Object.keys(rt).sort()).toEqual([...ABI_NAMES].sort());
    expect(Object.isFrozen(rt)).toBe(true);
    expect(Object.isFrozen(rt.builtins)).toBe(true);
  });

  it("operators: number fast paths and ML semantics", () => {
    const rt = runtime();
    expect(rt.add(1, 2)).toBe(3);
    expect(rt.add("a", 1)).toBe("a1");
    expect(rt.sub(5, 2)).toBe(3);
    expect(rt.mul(3, 4)).toBe(12);
    expect(rt.div(7, 2)).toBe(3.5);
    expect(failure(() => rt.div(1, 0))).toBe("ZeroDivisionError: division by zero");
    expect(rt.fdiv(-7, 2)).toBe(-4);
    expect(rt.mod(-7, 3)).toBe(2);
    expect(failure(() => rt.mod(1, 0))).toBe("ZeroDivisionError: integer division or modulo by zero");
    expect(rt.neg(3)).toBe(-3);
    expect(failure(() => rt.neg("a"))).toBe("TypeError: bad operand type for unary -: string");
    expect(failure(() => rt.add(1, null))).toBe("TypeError: '+' not supported between number and null");
  });

  it("equality and ordering", () => {
    const rt = runtime();
    expect(rt.eq(1, 1)).toBe(true);
    expect(rt.eq(NaN, NaN)).toBe(false);
    expect(rt.eq(1, "1")).toBe(false);
    expect(rt.eq(1, true)).toBe(false);
    expect(rt.eq(null, false)).toBe(false);
    expect(rt.eq(null, null)).toBe(true);
    expect(rt.eq([1, { a: [2] }], [1, { a: [2] }])).toBe(true);
    expect(rt.ne([1], [2])).toBe(true);
    expect(rt.ne("a", "a")).toBe(false);
    expect(rt.lt(1, 2)).toBe(true);
    expect(rt.ge("b", "a")).toBe(true);
    expect(rt.le([1, 2], [1, 3])).toBe(true);
    expect(rt.gt(2, 2)).toBe(false);
    expect(failure(() => rt.lt(1, "a"))).toBe("TypeError: '<' not supported between number and string");
  });

  it("binds member/invoke to the load's limits", () => {
    const rt = runtime({ maxArrayLength: 2 });
    const a = [1, 2];
    expect(failure(() => rt.invoke(a, "append", 3))).toBe("LimitError: array length limit exceeded (max 2)");
    expect(failure(() => (rt.member(a, "append") as (x: unknown) => unknown)(3))).toBe("LimitError: array length limit exceeded (max 2)");
    expect(rt.invoke("a-b", "split", "-")).toEqual(["a", "b"]);
    expect(rt.member("abc", "length")).toBe(3);
  });

  it("tick and budget work together; each runtime has its own budget", () => {
    const rt = runtime({ steps: 5 });
    const other = runtime({ steps: 5 });
    expect(rt.budget).not.toBe(other.budget);
    let steps = 0;
    const L = rt.budget;
    expect(failure(() => {
      for (;;) {
        if (--L.n < 0) rt.tick();
        steps++;
      }
    })).toBe("LimitError: step limit exceeded (5 steps)");
    expect(steps).toBe(5);
    expect(failure(() => rt.deep())).toBe("RecursionError: maximum recursion depth exceeded");
    expect(rt.budget.max).toBe(1000);
  });

  it("enterHost starts a fresh run and leaveHost restores the depth", () => {
    const rt = runtime({ steps: 3 });
    const L = rt.budget;
    const spend = (n: number): void => {
      for (let i = 0; i < n; i++) if (--L.n < 0) rt.tick();
    };
    let saved = enterHost(rt);
    spend(3);
    expect(failure(() => spend(1))).toMatch(/^LimitError/);
    L.depth = 12;
    leaveHost(rt, saved);
    expect(L.depth).toBe(0);
    saved = enterHost(rt);
    spend(2);
    const nested = enterHost(rt, false); // ML → host → ML keeps counting
    expect(failure(() => spend(2))).toMatch(/^LimitError/);
    leaveHost(rt, nested);
    leaveHost(rt, saved);
  });

  it("runs a hand-written program the way generated code does", () => {
    const out: string[] = [];
    const rt = runtime({}, out);
    // function fib(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); } print(fib(15));
    const { lt, sub, add, budget: L, tick, deep, arity } = rt;
    const { print } = rt.builtins;
    function fib$(n: unknown): unknown {
      if (arguments.length !== 1) arity("fib$", 1, arguments.length);
      if (--L.n < 0) tick();
      try {
        if (++L.depth > L.max) deep();
        if (lt(n, 2)) return n;
        return add(fib$(sub(n, 1)), fib$(sub(n, 2)));
      } finally {
        L.depth--;
      }
    }
    print!(fib$(15));
    expect(out).toEqual(["610\n"]);
    expect(failure(() => (fib$ as (...a: unknown[]) => unknown)(1, 2))).toBe("TypeError: fib() takes 1 argument but 2 were given");
    // try { [][0]; } except (e) { print(e.type, e); }
    try {
      rt.index([], 0);
    } catch (e) {
      const v = rt.caught(e);
      print!(rt.member(v, "type"), v);
    }
    expect(out[1]).toBe("IndexError list index out of range\n");
  });

  it("recursion past the limit raises RecursionError, catchable, with the depth restored", () => {
    const rt = runtime({ recursion: 50 });
    const { budget: L, tick, deep } = rt;
    const down = (n: number): number => {
      if (--L.n < 0) tick();
      try {
        if (++L.depth > L.max) deep();
        return down(n + 1);
      } finally {
        L.depth--;
      }
    };
    let value: unknown;
    try {
      down(0);
    } catch (e) {
      value = rt.caught(e);
    }
    expect(value).toEqual({ type: "RecursionError", message: "maximum recursion depth exceeded" });
    expect(L.depth).toBe(0);
  });
});

describe("mljs-lang/runtime entry", () => {
  it("exports the runtime pieces", () => {
    for (const name of ["createRuntime", "standaloneContext", "MLError", "str", "repr", "equals", "typeOf", "registerClass", "enterHost", "leaveHost", "beginRun"]) {
      expect(typeof (entry as Record<string, unknown>)[name]).toBe("function");
    }
  });

  it("standaloneContext uses the given sinks, or console by default", () => {
    const out: string[] = [];
    const ctx = standaloneContext({ stdout: (t) => out.push(t) });
    expect(ctx.rt.builtins.print!("hi", 1)).toBe(null);
    expect(out).toEqual(["hi 1\n"]);
    // The default sinks write through the console captured at load: checked in a child process,
    // so the test run prints nothing.
    const script = `const { standaloneContext } = await import(${JSON.stringify(new URL("../../dist/runtime/index.js", import.meta.url).href)});
const rt = standaloneContext().rt;
rt.builtins.print("to stdout");
rt.builtins.print("then", 2);`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stdout).toBe("to stdout\nthen 2\n");
    expect(child.stderr).toBe("");
  });

  it("standaloneContext refuses imports and applies limits", () => {
    const ctx = standaloneContext({ limits: { steps: 1 } });
    expect(failure(() => ctx.import(["math"], false))).toBe(
      "ImportError: imports need the mljs host: load the program with mljs-lang's load(), or compile it with `mljs compile` (docs/compiling.md)",
    );
    const L = ctx.rt.budget;
    if (--L.n < 0) ctx.rt.tick();
    expect(failure(() => {
      if (--L.n < 0) ctx.rt.tick();
    })).toBe("LimitError: step limit exceeded (1 steps)");
    expect(Object.isFrozen(ctx)).toBe(true);
  });
});

describe("rangeLength (counted `for (x in range(…))` loops)", () => {
  it("validates like range() and counts without allocating", () => {
    const rt = runtime();
    expect(rt.rangeLength(0, 5, 1)).toBe(5);
    expect(rt.rangeLength(5, 0, -2)).toBe(3);
    expect(rt.rangeLength(3, 1, 1)).toBe(0);
    expect(failure(() => rt.rangeLength(0, 5, 0))).toBe("ValueError: range() arg 3 must not be zero");
    expect(failure(() => rt.rangeLength(0, 1.5, 1))).toMatch(/^TypeError/);
    expect(failure(() => rt.rangeLength(0, 1e12, 1))).toMatch(/^LimitError: array length limit exceeded/);
  });
});
