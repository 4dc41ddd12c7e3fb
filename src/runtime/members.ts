/**
 * Member access `o.name`, member assignment `o.name = v` and method calls `o.name(args)`
 * (docs/language/reference.md §4, §7).
 *
 * What ML may reach is decided here and nowhere else: own keys of plain objects; `length` and the
 * §7 methods of strings and arrays (looked up in fixed tables, never on the value); and the
 * members an ML-visible class declares (`objects.ts`). Nothing inherited, no symbol, no
 * JavaScript internal is ever read.
 */
import { attributeError, typeError } from "./errors.js";
import { classOf, type MLClass } from "./objects.js";
import { named, shareFunctionInfo } from "./function-info.js";
import { isPlainObject, typeOf } from "./values.js";
import { isOwnOnlyKey, LONG_KEY, setKey } from "./indexing.js";
import { STRING_METHODS } from "./methods-string.js";
import { ARRAY_METHODS } from "./methods-array.js";
import type { RunMeter } from "./state.js";
import { keysCost, UNMETERED } from "./meter.js";
import { charge } from "./limits.js";
import { sortCost } from "./ordering.js";
import { closestHint, memberHint, objectMethodHint } from "./hints.js";

const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const objectKeys = Object.keys;

const LENGTH = "length";

/** `o.name`. Reading a method without calling it gives a function bound to `o`, named `name`. */
export function member(o: unknown, name: string, meter: RunMeter): unknown {
  if (typeof o === "object" && o !== null) {
    if (isOwnOnlyKey(o, name)) {
      const v = (o as Record<string, unknown>)[name];
      return v === undefined ? null : v;
    }
    return objectMember(o, name, meter);
  }
  if (typeof o === "string") {
    if (name === LENGTH) return o.length;
    const m = STRING_METHODS.get(name);
    if (m !== undefined) return named(name, (...args: unknown[]) => m(o, args, meter));
  }
  throw noAttribute(o, name);
}

function objectMember(o: object, name: string, meter: RunMeter): unknown {
  if (isArray(o)) {
    if (name === LENGTH) return o.length;
    const m = ARRAY_METHODS.get(name);
    if (m !== undefined) return named(name, (...args: unknown[]) => m(o, args, meter));
    throw noAttribute(o, name);
  }
  if (isPlainObject(o)) {
    if (!hasOwn(o, name)) return null;
    const v = (o as Record<string, unknown>)[name];
    return v === undefined ? null : v;
  }
  return classMember(o, name);
}

function classMember(o: object, name: string): unknown {
  const m = classOf(o)?.members.get(name);
  if (m === undefined) throw noAttribute(o, name);
  if (m.kind === "property") {
    const v = m.get(o);
    return v === undefined ? null : v;
  }
  const call = m.call;
  const bound = named(name, (...args: unknown[]) => {
    const v = callMethod(call, o, args);
    return v === undefined ? null : v;
  });
  shareFunctionInfo(bound, call); // help() and requiredCapabilities() of the method
  return bound;
}

/** Gives a bound method its ML name, so it displays as `<function upper>`. */
/**
 * `o.name(args…)` without materialising a bound method: a string or array method, a member of an
 * ML-visible class (a method, or a property holding a function, as module exports do), or the
 * function stored under an own key of a plain object (called as a plain function, no `this`).
 */
export function invoke(o: unknown, name: string, args: unknown[], meter: RunMeter): unknown {
  if (isArray(o)) {
    const m = ARRAY_METHODS.get(name);
    if (m !== undefined) return m(o, args, meter);
    return invokeSlow(o, name, args, meter);
  }
  if (typeof o === "string") {
    const m = STRING_METHODS.get(name);
    if (m !== undefined) return m(o, args, meter);
  } else if (typeof o === "object" && o !== null && isOwnOnlyKey(o, name)) {
    const f = (o as Record<string, unknown>)[name];
    if (typeof f !== "function") throw notCallableMember(o, name, f);
    const v = callWith(f as (...a: unknown[]) => unknown, args);
    return v === undefined ? null : v;
  }
  return invokeSlow(o, name, args, meter);
}

function invokeSlow(o: unknown, name: string, args: unknown[], meter: RunMeter): unknown {
  if (typeof o === "object" && o !== null && !isArray(o)) {
    if (isPlainObject(o)) {
      const f = member(o, name, meter);
      if (typeof f !== "function") throw notCallableMember(o, name, f);
      return callValue(f, args);
    }
    const m = classOf(o)?.members.get(name);
    if (m === undefined) throw noAttribute(o, name);
    const v = m.kind === "method" ? callMethod(m.call, o, args) : callValue(m.get(o), args);
    return v === undefined ? null : v;
  }
  // `s.length()`: the member exists but is a number.
  const f = member(o, name, meter);
  if (name === LENGTH && typeof f === "number") {
    throw typeError(`'number' is not callable: length is a number, not a method; use len(${isArray(o) ? "a" : "s"}) or ${isArray(o) ? "a" : "s"}.length`);
  }
  return callValue(f, args);
}

/**
 * `o.name()` on a plain object where `o.name` is not a function: a missing key gets the hint
 * that objects have no methods (`o.keys()` → `keys(o)`).
 */
function notCallableMember(o: object, name: string, f: unknown): Error {
  if ((f === undefined || f === null) && !hasOwn(o, name)) {
    return typeError(`'null' is not callable: the object has no key '${name}'; ${objectMethodHint(name)}`);
  }
  return typeError(`'${typeOf(f)}' is not callable`);
}

function callValue(f: unknown, args: unknown[]): unknown {
  if (typeof f !== "function") throw typeError(`'${typeOf(f)}' is not callable`);
  const v = callWith(f as (...a: unknown[]) => unknown, args);
  return v === undefined ? null : v;
}

/** `fn(...args)` with direct calls for the usual counts: a spread call is several times slower. */
function callWith(fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
  switch (args.length) {
    case 0:
      return fn();
    case 1:
      return fn(args[0]);
    case 2:
      return fn(args[0], args[1]);
    case 3:
      return fn(args[0], args[1], args[2]);
    default:
      return fn(...args);
  }
}

/** `call(self, ...args)` for a class method, without a spread call for the usual counts. */
function callMethod(call: (self: unknown, ...a: unknown[]) => unknown, self: unknown, args: unknown[]): unknown {
  switch (args.length) {
    case 0:
      return call(self);
    case 1:
      return call(self, args[0]);
    case 2:
      return call(self, args[0], args[1]);
    case 3:
      return call(self, args[0], args[1], args[2]);
    default:
      return call(self, ...args);
  }
}

/**
 * `getattr(o, name, fallback)` called with three arguments, for generated code: a plain object
 * with a string key shorter than `LONG_KEY` is answered here in one own-key lookup (its value,
 * or the fallback), exactly as the builtin answers it; everything else goes to the builtin.
 */
export function getattrWith(builtin: (o: unknown, name: unknown, fallback: unknown) => unknown):
  (o: unknown, name: unknown, fallback: unknown) => unknown {
  return (o, name, fallback) => {
    if (typeof name === "string" && name.length < LONG_KEY && isPlainObject(o)) {
      if (!hasOwn(o, name)) return fallback;
      const v = (o as Record<string, unknown>)[name];
      return v === undefined ? null : v;
    }
    return builtin(o, name, fallback);
  };
}

/** `o.name = v`: sets an own key of a plain object; everything else is read-only. */
export function setMember(o: unknown, name: string, v: unknown): void {
  if ((typeof o === "object" && o !== null && isOwnOnlyKey(o, name)) || isPlainObject(o)) {
    setKey(o as Record<string, unknown>, name, v);
    return;
  }
  if (typeof o === "object" && o !== null && classOf(o)?.name === "module") {
    throw attributeError(`module attributes are read-only: '${name}'`);
  }
  throw attributeError(`cannot set attribute '${name}' on ${typeOf(o)}`);
}

/** Whether `o.name` is a member ML may use (`hasattr`): own object keys and declared members. */
export function hasMember(o: unknown, name: string): boolean {
  if (typeof o === "string") return name === LENGTH || STRING_METHODS.has(name);
  if (typeof o !== "object" || o === null) return false;
  if (isArray(o)) return name === LENGTH || ARRAY_METHODS.has(name);
  if (isPlainObject(o)) return hasOwn(o, name);
  return classOf(o)?.members.has(name) ?? false;
}

/**
 * Sorted names of the members ML may use on `v` (the `methods()` builtin): for strings and
 * arrays their methods and `length`; for plain objects the own keys holding functions (what
 * `o.m()` can call); for ML-visible classes their declared members; otherwise none.
 */
export function methodNames(v: unknown, meter: RunMeter = UNMETERED): string[] {
  if (typeof v === "string") return sortedNames(STRING_METHODS.keys());
  if (typeof v !== "object" || v === null) return [];
  if (isArray(v)) return sortedNames(ARRAY_METHODS.keys());
  if (isPlainObject(v)) {
    // One step per key looked at, and per comparison of the sort.
    const o = v as Record<string, unknown>;
    const keys = objectKeys(o);
    charge(meter.budget, keysCost(keys.length));
    const names = keys.filter((k) => typeof o[k] === "function");
    charge(meter.budget, sortCost(names.length));
    return names.sort(byCodeUnit);
  }
  const cls: MLClass | undefined = classOf(v);
  return cls === undefined ? [] : [...cls.members.keys()].sort(byCodeUnit);
}

function sortedNames(methods: Iterable<string>): string[] {
  return [...methods, LENGTH].sort(byCodeUnit);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function noAttribute(o: unknown, name: string): Error {
  const message = `'${typeOf(o)}' object has no attribute '${name}'`;
  const hint = isArray(o) ? memberHint("array", name, ARRAY_METHODS.keys())
    : typeof o === "string" ? memberHint("string", name, STRING_METHODS.keys())
    : typeof o === "object" && o !== null ? closestHint(name, classOf(o)?.members.keys() ?? [])
    : null;
  return attributeError(hint === null ? message : `${message}; ${hint}`);
}
