import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { member, setMember, invoke, hasMember } from "../../src/runtime/members.js";
import { index, setIndex } from "../../src/runtime/indexing.js";
import { key } from "../../src/runtime/calls.js";
import { MLError } from "../../src/runtime/errors.js";
import { STRING_METHODS } from "../../src/runtime/methods-string.js";
import { ARRAY_METHODS } from "../../src/runtime/methods-array.js";
import { meterOf } from "./meter.js";

const L = meterOf();

/** Names that reach JavaScript internals when read naively. */
const INTERNAL = [
  "constructor", "__proto__", "prototype", "caller", "arguments", "toString", "valueOf", "hasOwnProperty",
  "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__defineSetter__",
  "__lookupGetter__", "__lookupSetter__", "call", "apply", "bind", "name", "length", "map", "filter", "push",
  "charAt", "concat", "at", "then", "Symbol(Symbol.iterator)",
];

const names = fc.oneof(fc.constantFrom(...INTERNAL), fc.string({ maxLength: 12 }));

/** The value ML sees, or the ML error type; a host error fails the test. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (e instanceof MLError) return `<${e.mlType}>`;
    throw e;
  }
}

const INTRINSICS = [Object.prototype, Array.prototype, String.prototype, Function.prototype, Number.prototype];
const snapshot = () => INTRINSICS.map((p) => Object.getOwnPropertyNames(p).length);

describe("member access never reaches JavaScript internals (property)", () => {
  it("plain objects expose own keys only", () => {
    fc.assert(
      fc.property(names, fc.dictionary(fc.string({ maxLength: 6 }), fc.integer()), (name, data) => {
        const o = { ...data };
        const got = outcome(() => member(o, name, L));
        expect(got).toBe(Object.hasOwn(o, name) ? o[name] : null);
        expect(outcome(() => index(o, name))).toBe(Object.hasOwn(o, name) ? o[name] : "<KeyError>");
        expect(outcome(() => key(o, name))).toBe(Object.hasOwn(o, name) ? o[name] : "<KeyError>");
        expect(hasMember(o, name)).toBe(Object.hasOwn(o, name));
        const call = outcome(() => invoke(o, name, [], L));
        expect(call).toBe("<TypeError>"); // values are numbers or missing: never a function to call
      }),
      { numRuns: 3000 },
    );
  });

  it("strings and arrays expose length and the §7 methods only", () => {
    fc.assert(
      fc.property(names, (name) => {
        for (const [v, table] of [["abc", STRING_METHODS], [[1, 2], ARRAY_METHODS]] as const) {
          const got = outcome(() => member(v, name, L));
          if (name === "length") expect(got).toBe(v.length);
          else if (table.has(name)) expect(typeof got).toBe("function");
          else expect(got).toBe("<AttributeError>");
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("functions, numbers, booleans and null have no members", () => {
    fc.assert(
      fc.property(names, (name) => {
        for (const v of [() => 1, function named() {}, 1, true, null, undefined, new Map(), new Date(0), Promise.resolve()]) {
          expect(outcome(() => member(v, name, L))).toBe("<AttributeError>");
          expect(outcome(() => invoke(v, name, [], L))).toBe("<AttributeError>");
          expect(outcome(() => setMember(v, name, 1))).toBe("<AttributeError>");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("writes create own data keys and never touch a prototype", () => {
    const before = snapshot();
    fc.assert(
      fc.property(names, fc.anything(), (name, value) => {
        const o: Record<string, unknown> = {};
        setMember(o, name, value);
        expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
        expect(Object.getOwnPropertyDescriptor(o, name)).toEqual({ value, writable: true, enumerable: true, configurable: true });
        const p: Record<string, unknown> = {};
        setIndex(p, name, value);
        expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
        expect(member(p, name, L)).toBe(value === undefined ? null : value);
      }),
      { numRuns: 2000 },
    );
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
