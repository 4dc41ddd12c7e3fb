/**
 * The builtin functions of docs/language/reference.md §6, bound to one load's {@link RunState} (output sinks,
 * input source, limits).
 *
 * Every builtin checks its argument count and types and raises the ML errors of
 * docs/errors.md; its JavaScript `name` is its ML name (so it displays as `<function print>`).
 * The builtins object and every builtin in it are frozen: ML code cannot change them.
 */
import type { MLFunction } from "./abi.js";
import { MLError, typeError, valueError } from "./errors.js";
import { argumentError, arityRange, callable, demangle } from "./calls.js";
import { charge, checkArrayLength, checkStringLength, createBudget, tick } from "./limits.js";
import { chargeText, createMeter, keysCost, type RunMeter } from "./meter.js";
import { stripSpace } from "./methods-string.js";
import { chargeKey, LONG_KEY } from "./indexing.js";
import { hasMember, member, methodNames } from "./members.js";
import { forIter, iterOf, nextOf, MLIterator } from "./iterators.js";
import { classOf, registerPrototype, type MLMember } from "./objects.js";
import { isPlainObject, truthy, typeOf } from "./values.js";
import { repr, str } from "./display.js";
import { add } from "./arithmetic.js";
import { gt, lt, sortValues } from "./ordering.js";
import { formatSpec, roundHalfEven } from "./format.js";
import { DEFAULT_LIMITS, type Limits, type RunState } from "./state.js";
import { functionInfoOf, type FunctionInfo } from "./function-info.js";
import * as registry from "../stdlib/registry.js";
import { capabilityInfo, capabilityNames, hasCapability } from "../capabilities/check.js";

const isArray = Array.isArray;
const isInteger = Number.isInteger;
const objectKeys = Object.keys;
const hasOwn = Object.hasOwn;
const freeze = Object.freeze;
const defineProperty = Object.defineProperty;
const fromCodePoint = String.fromCodePoint;
const mathTrunc = Math.trunc;
const mathAbs = Math.abs;
const mathCeil = Math.ceil;

// --- metadata for help() and requiredCapabilities(): function-info.ts ---
export { registerFunctionInfo, functionInfoOf, type FunctionInfo } from "./function-info.js";

/** Signature and description of each builtin (docs/language/reference.md §6). */
const BUILTIN_HELP: Readonly<Record<string, readonly [string, string]>> = {
  print: ["print(...values)", "Writes the values, converted with str() and separated by spaces, and a newline to the output."],
  input: ["input(prompt?)", "Shows the prompt and reads one line from the host's input source (null at end of input)."],
  typeof: ["typeof(v)", "The type name of v: number, string, boolean, null, array, object, function or a class name."],
  isinstance: ["isinstance(v, t)", "Whether typeof(v) is the type name t."],
  str: ["str(v)", "The display form of v (a string is itself)."],
  repr: ["repr(v)", "The source-like form of v (strings quoted)."],
  int: ["int(v, base?)", "Converts a boolean, number or numeric string (surrounding spaces allowed) to an integer, truncating toward zero; with a base, parses the string in that base. Any other string is a ValueError."],
  float: ["float(v)", "Converts a boolean, number or numeric string to a number."],
  bool: ["bool(v)", "The truthiness of v."],
  len: ["len(v)", "The length of a string or array, the key count of an object, 0 for other values."],
  range: ["range(stop) / range(start, stop, step?)", "An array of integers from start (default 0) up to, not including, stop."],
  enumerate: ["enumerate(seq, start?)", "An array of [index, item] pairs."],
  zip: ["zip(...seqs)", "An array of arrays pairing the items of each sequence, as long as the shortest."],
  sorted: ["sorted(seq, reverse?)", "A new sorted array (stable; numbers, strings or arrays of one kind); sorted(seq, true) sorts in descending order."],
  reversed: ["reversed(seq)", "A new array of the items in reverse order."],
  keys: ["keys(o)", "The keys of an object, in order (objects have no methods: keys(o), not o.keys())."],
  values: ["values(o)", "The values of an object, in key order."],
  min: ["min(seq) / min(a, b, ...)", "The smallest item (null if there is none); min(x) of one value that is not a sequence is x."],
  max: ["max(seq) / max(a, b, ...)", "The largest item (null if there is none); max(x) of one value that is not a sequence is x."],
  abs: ["abs(x)", "The absolute value of a number."],
  sum: ["sum(seq, start?)", "start (default 0) plus every item of the sequence."],
  all: ["all(seq)", "Whether every item is true (true for an empty sequence)."],
  any: ["any(seq)", "Whether some item is true (false for an empty sequence)."],
  callable: ["callable(v)", "Whether v can be called."],
  round: ["round(x, digits?)", "x rounded half to even, to an integer or to the given number of decimals."],
  chr: ["chr(code)", "The one-character string for a Unicode code point."],
  ord: ["ord(c)", "The Unicode code point of a one-character string."],
  hex: ["hex(n)", "An integer in hexadecimal, e.g. 0xff."],
  bin: ["bin(n)", "An integer in binary, e.g. 0b101."],
  oct: ["oct(n)", "An integer in octal, e.g. 0o10."],
  format: ["format(v, spec?)", "v formatted with a Python format specification, e.g. format(x, \",.2f\")."],
  iter: ["iter(seq)", "An iterator over an array, a string, an object's keys or an iterator."],
  next: ["next(it, default?)", "The iterator's next item; at the end the default, or a ValueError without one."],
  hasattr: ["hasattr(o, name)", "Whether o.name is a member (an object's own key, a method, a declared member)."],
  getattr: ["getattr(o, name, default?)", "o.name; the default (or null for objects) when there is no such member — ML's form of Python's o.get(name, default)."],
  call: ["call(f, ...args)", "Calls f with the arguments."],
  help: ["help(v)", "A description of a function, module or value."],
  methods: ["methods(v)", "The sorted names of the members ML may use on v."],
  modules: ["modules()", "The names of the available modules."],
  available_modules: ["available_modules(type?)", "The names of the available modules; with mlpy's filter, \"python_bridge\" gives the modules implemented by the host (the standard library and host modules) and \"ml_source\" gives [] (ML source modules are found by import, not listed). Also spelled availableModules."],
  has_module: ["has_module(name)", "Whether a module of that name is available. Also spelled hasModule."],
  module_info: ["module_info(name)", "A description of a module ({name, type, description, functions, constants, classes, capabilities}), or null. Also spelled moduleInfo."],
  hasCapability: ["hasCapability(name)", "Whether the current run holds the capability. Also spelled has_capability."],
  getCapabilities: ["getCapabilities()", "The sorted names of the capabilities the current run holds. Also spelled get_capabilities."],
  getCapabilityInfo: ["getCapabilityInfo(name)", "Details of a capability the run holds, or null. Also spelled get_capability_info."],
  requiredCapabilities: ["requiredCapabilities(f)", "The capabilities a call of f requires. Also spelled required_capabilities."],
};

/**
 * The other spelling of each builtin with a two-word name (mlpy has one of them; both work): the
 * alias is the same function, and `help` shows the name above.
 */
const BUILTIN_ALIASES: Readonly<Record<string, string>> = {
  availableModules: "available_modules",
  hasModule: "has_module",
  moduleInfo: "module_info",
  has_capability: "hasCapability",
  get_capabilities: "getCapabilities",
  get_capability_info: "getCapabilityInfo",
  required_capabilities: "requiredCapabilities",
};

// --- argument helpers ---

function needArgs(name: string, given: number, min: number, max: number): void {
  if (given < min || given > max) arityRange(name, given, min, max);
}

function needString(name: string, position: number, v: unknown): string {
  if (typeof v === "string") return v;
  throw argumentError(name, position, "a string", v);
}

function needInteger(name: string, position: number, v: unknown): number {
  if (typeof v === "number" && isInteger(v)) return v;
  throw argumentError(name, position, "an integer", v);
}

function needObject(name: string, v: unknown): Record<string, unknown> {
  if (isPlainObject(v)) return v as Record<string, unknown>;
  throw argumentError(name, 1, "an object", v);
}

/**
 * The items of an iterable ML value as an array (a copy for arrays when `copy` is set). Charges
 * one step per item copied or collected, and checks the array limit before splitting a string.
 */
function itemsOf(v: unknown, meter: RunMeter, copy: boolean): unknown[] {
  if (isArray(v)) {
    if (!copy) return v;
    charge(meter.budget, v.length);
    return v.slice();
  }
  if (typeof v === "string") {
    checkArrayLength(v.length, meter);
    charge(meter.budget, v.length);
    return v.split("");
  }
  const budget = meter.budget;
  const out: unknown[] = [];
  for (const item of forIter(v, meter)) {
    if (--budget.n < 0) tick(budget);
    if (out.length >= meter.maxArrayLength) checkArrayLength(out.length + 1, meter);
    out.push(item === undefined ? null : item);
  }
  return out;
}

/** The message for an integer argument that is not one (`'float' object cannot be interpreted as an integer`). */
function notInteger(v: unknown): MLError {
  const kind = typeof v === "number" ? "float" : typeOf(v);
  return typeError(`'${kind}' object cannot be interpreted as an integer`);
}

// --- numeric conversions ---

const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*";
const DIGITS = "\\d(?:_?\\d)*";
const DECIMAL = `(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?`;
const DECIMAL_TEXT = new RegExp(`^${PY_SPACE}([+-]?${DECIMAL})${PY_SPACE}$`);
const SPECIAL_FLOAT = new RegExp(`^${PY_SPACE}([+-]?)(inf|infinity|nan)${PY_SPACE}$`, "i");

/** Longest input a conversion error message quotes in full. */
const QUOTED_LENGTH = 200;

/** Python-like quoting for conversion error messages: `'x'` (a long input cut short: `'xxx…'`). */
function quoted(s: string): string {
  if (s.length > QUOTED_LENGTH) return quoted(s.slice(0, QUOTED_LENGTH)).slice(0, -1) + "…'";
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r")}'`;
}

function parseDecimal(s: string): number | null {
  const m = DECIMAL_TEXT.exec(s);
  return m === null ? null : Number(m[1]!.replace(/_/g, ""));
}

function toInt(v: unknown): number {
  if (typeof v === "number") return truncate(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const n = parseDecimal(v);
    if (n === null || !Number.isFinite(n)) throw valueError(`invalid literal for int(): ${quoted(v)}`);
    return truncate(n);
  }
  throw typeError(`int() argument must be a string, number or boolean, not ${typeOf(v)}`);
}

function truncate(n: number): number {
  if (n !== n) throw valueError("cannot convert float NaN to integer");
  if (n === Infinity || n === -Infinity) throw valueError("cannot convert float infinity to integer");
  const t = mathTrunc(n);
  return t === 0 ? 0 : t;
}

/** `int(s, base)`: Python's integer literal rules for an explicit base (2–36, or 0 to use the prefix). */
function toIntBase(v: unknown, base: unknown): number {
  if (typeof v !== "string") throw typeError("int() can't convert non-string with explicit base");
  if (typeof base !== "number" || !isInteger(base)) throw notInteger(base);
  if (base !== 0 && (base < 2 || base > 36)) throw valueError("int() base must be >= 2 and <= 36, or 0");
  const fail = (): never => {
    throw valueError(`invalid literal for int() with base ${base}: ${quoted(v)}`);
  };
  // Not a regex: `^\s*|\s*$` takes quadratic time on a long run of inner spaces.
  let s = stripSpace(v, true, true);
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  let b = base;
  const prefix = s.slice(0, 2).toLowerCase();
  const prefixBase = prefix === "0x" ? 16 : prefix === "0o" ? 8 : prefix === "0b" ? 2 : 0;
  if (prefixBase !== 0 && (b === 0 || b === prefixBase)) {
    b = prefixBase;
    s = s.slice(2);
    if (s.startsWith("_")) s = s.slice(1);
  } else if (b === 0) {
    b = 10;
    if (/^0+[1-9]/.test(s.replace(/_/g, ""))) fail(); // "010" is not a valid base-0 literal
  }
  if (s === "" || s.startsWith("_") || s.endsWith("_") || s.includes("__")) fail();
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95 /* _ */) continue;
    // ASCII digits and letters only (36 for anything else, which no base accepts).
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : c >= 65 && c <= 90 ? c - 55 : 36;
    if (!(d < b)) fail(); // a digit too large for the base, or not a digit
    n = n * b + d;
  }
  return n === 0 ? 0 : sign * n;
}

function toFloat(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const n = parseDecimal(v);
    if (n !== null) return n;
    const m = SPECIAL_FLOAT.exec(v);
    if (m !== null) {
      if (m[2]!.toLowerCase() === "nan") return NaN;
      return m[1] === "-" ? -Infinity : Infinity;
    }
    throw valueError(`could not convert string to float: ${quoted(v)}`);
  }
  throw typeError(`float() argument must be a string, number or boolean, not ${typeOf(v)}`);
}

function radix(prefix: string, base: number, v: unknown): string {
  if (typeof v !== "number" || !isInteger(v)) throw notInteger(v);
  return v < 0 ? `-${prefix}${(-v).toString(base)}` : `${prefix}${v.toString(base)}`;
}

/** Python's `sum` refuses strings rather than concatenating them (ML's `+` would). */
const SUM_STRINGS = 'sum() can\'t sum strings (use "".join(seq) instead)';

/** The size of `range(start, stop, step)`, computed without building it. */
function rangeLength(start: number, stop: number, step: number): number {
  const n = mathCeil((stop - start) / step);
  return n > 0 ? n : 0;
}

/**
 * Validates `range` arguments exactly as the builtin does (integers, non-zero step, the
 * `maxArrayLength` limit) and returns the number of items. Generated code uses it for
 * `for (x in range(…))` loops, which count instead of building the array.
 */
export function checkedRangeLength(start: unknown, stop: unknown, step: unknown, limits: Readonly<Required<Limits>>): number {
  if (typeof start !== "number" || !isInteger(start)) throw notInteger(start);
  if (typeof stop !== "number" || !isInteger(stop)) throw notInteger(stop);
  if (typeof step !== "number" || !isInteger(step)) throw notInteger(step);
  if (step === 0) throw valueError("range() arg 3 must not be zero");
  const length = rangeLength(start, stop, step);
  checkArrayLength(length, limits);
  return length;
}

/**
 * mlpy's module kinds (`available_modules(type)`, `module_info(name).type`): every module the
 * registry lists is implemented by the host, as mlpy's Python bridge modules are; ML source
 * modules are files found by `import`, never listed.
 */
const PYTHON_BRIDGE = "python_bridge";
const ML_SOURCE = "ml_source";

/** Whether `min`/`max` iterate `v` (anything `for` accepts); `min(42)` is 42, as in mlpy. */
function isIterable(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return typeof v === "string";
  if (isArray(v) || isPlainObject(v) || v instanceof MLIterator) return true;
  return classOf(v)?.iterate !== undefined;
}

/**
 * The metadata of each builtin by name (`help`, `requiredCapabilities`), made once per process on
 * first use and shared by the builtins of every load: a load registers nothing (its builtins are
 * closures of their own), `help` finds a load's builtin by identity only when asked.
 */
let builtinInfos: Map<string, FunctionInfo> | null = null;

/** The metadata of the builtin named `name` (its canonical name, not an alias spelling). */
export function builtinInfo(name: string): FunctionInfo | undefined {
  if (builtinInfos === null) {
    builtinInfos = new Map();
    for (const n of objectKeys(BUILTIN_HELP)) {
      const [signature, description] = BUILTIN_HELP[n]!;
      builtinInfos.set(n, freeze({ signature, description, capabilities: freeze([] as string[]) }));
    }
  }
  return builtinInfos.get(name);
}

/** Metadata registered for `f`, else that of `f` as one of `own` (a load's builtins, by canonical name). */
function infoOf(f: Function, own: Readonly<Record<string, unknown>>): FunctionInfo | undefined {
  const registered = functionInfoOf(f);
  if (registered !== undefined) return registered;
  const name = f.name;
  if (typeof name !== "string" || !hasOwn(own, name) || own[name] !== f) return undefined;
  return builtinInfo(name) ?? freeze({ signature: `${name}(…)`, description: "A builtin function.", capabilities: freeze([] as string[]) });
}

/** `help(v)` text; `own`: the calling load's builtins. */
function helpText(v: unknown, meter: RunMeter, own: Readonly<Record<string, unknown>>): string {
  if (typeof v === "function") {
    const info = infoOf(v, own);
    if (info !== undefined) {
      const caps = info.capabilities.length > 0 ? `Requires: ${info.capabilities.join(", ")}` : "Capabilities: none required";
      return `${info.signature}\n${info.description}\n${caps}`;
    }
    // A user (or host) function: its name is all that is known about it here.
    const name = demangle(v.name);
    return `${name || "<anonymous>"}(…)\nA user-defined function.\nCapabilities: none required`;
  }
  const names = methodNames(v, meter);
  const kind = typeOf(v);
  const shown = typeof v === "object" && v !== null && !isArray(v) && !isPlainObject(v) ? str(v, meter.maxStringLength, meter) : kind;
  let length = shown.length + 10;
  for (const name of names) length += name.length + 2;
  checkStringLength(length, meter);
  chargeText(meter.budget, length);
  return names.length > 0 ? `${shown}\nMembers: ${names.join(", ")}` : `${shown}\nNo members.`;
}

/**
 * Creates the builtins of one load. `state` supplies the output sinks, the input source and the
 * limits (for `print`, `range`, `format`, `sum` and the sequence builtins).
 */
/**
 * `round(x, digits?)` (also `math.round`): half to even; without `digits` (or with null) an
 * integer, for which NaN and infinities are a ValueError as in Python.
 */
export function roundNumber(label: string, x: unknown, digits: unknown): number {
  if (typeof x !== "number") throw argumentError(label, 1, "a number", x);
  if (digits === undefined || digits === null) {
    if (x !== x) throw valueError("cannot convert float NaN to integer");
    if (x === Infinity || x === -Infinity) throw valueError("cannot convert float infinity to integer");
    const r = roundHalfEven(x, 0);
    return r === 0 ? 0 : r;
  }
  return roundHalfEven(x, needInteger(label, 2, digits));
}

export function createBuiltins(
  state: RunState,
  meter: RunMeter = createMeter(state.limits, createBudget(DEFAULT_LIMITS)),
): Readonly<Record<string, MLFunction>> {
  const limits = meter;
  const budget = meter.budget;
  const stdout = state.stdout;
  const stdin = state.stdin;

  // Object-literal methods: each function's `name` is its ML name, and none is a constructor.
  const builtins = {
    print(...values: unknown[]): null {
      let text = "";
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        const part = typeof v === "string" ? v : str(v, limits.maxStringLength, meter);
        checkStringLength(text.length + (i === 0 ? 0 : 1) + part.length, limits);
        // Copied to the output: one step per whole 16 code units (a short message costs none,
        // so a finally block can still report after the budget ran out).
        if (part.length >= 16) charge(budget, part.length >>> 4);
        text = i === 0 ? part : `${text} ${part}`;
      }
      stdout(`${text}\n`);
      return null;
    },

    input(prompt?: unknown): string | null {
      needArgs("input", arguments.length, 0, 1);
      if (stdin === null) {
        throw new MLError("CapabilityError", "input() is not available: the host gives no input source");
      }
      const line = stdin(arguments.length === 0 || prompt === null ? "" : str(prompt, limits.maxStringLength, meter));
      if (typeof line !== "string") return null; // end of input
      // As in Python, the line comes without its line terminator.
      return line.endsWith("\r\n") ? line.slice(0, -2) : line.endsWith("\n") ? line.slice(0, -1) : line;
    },

    typeof(v: unknown): string {
      if (arguments.length !== 1) arityRange("typeof", arguments.length, 1, 1);
      return typeOf(v);
    },

    isinstance(v: unknown, t: unknown): boolean {
      if (arguments.length !== 2) arityRange("isinstance", arguments.length, 2, 2);
      return typeOf(v) === needString("isinstance", 2, t);
    },

    str(v: unknown): string {
      needArgs("str", arguments.length, 0, 1);
      if (arguments.length === 0) return "";
      return typeof v === "string" ? v : str(v, limits.maxStringLength, meter);
    },

    repr(v: unknown): string {
      if (arguments.length !== 1) arityRange("repr", arguments.length, 1, 1);
      return repr(v, limits.maxStringLength, meter);
    },

    int(v: unknown, base?: unknown): number {
      needArgs("int", arguments.length, 0, 2);
      if (arguments.length === 0) return 0;
      if (typeof v === "string") chargeText(budget, v.length);
      if (arguments.length === 2) return toIntBase(v, base);
      return toInt(v);
    },

    float(v: unknown): number {
      needArgs("float", arguments.length, 0, 1);
      if (typeof v === "string") chargeText(budget, v.length);
      return arguments.length === 0 ? 0 : toFloat(v);
    },

    bool(v: unknown): boolean {
      needArgs("bool", arguments.length, 0, 1);
      return arguments.length === 0 ? false : truthy(v, budget);
    },

    len(v: unknown): number {
      if (arguments.length !== 1) arityRange("len", arguments.length, 1, 1);
      if (typeof v === "string" || isArray(v)) return v.length;
      if (typeof v !== "object" || v === null) return 0;
      if (isPlainObject(v)) {
        // Counting keys lists them (keysCost).
        const n = objectKeys(v).length;
        charge(budget, keysCost(n));
        return n;
      }
      const cls = classOf(v);
      return cls !== undefined && cls.length !== undefined ? cls.length(v) : 0;
    },

    range(a: unknown, b?: unknown, c?: unknown): number[] {
      const n = arguments.length;
      needArgs("range", n, 1, 3);
      const start = n === 1 ? 0 : a;
      const stop = n === 1 ? a : b;
      const step = n === 3 ? c : 1;
      // Checked before allocating: range(1e12) must fail fast.
      const length = checkedRangeLength(start, stop, step, limits);
      charge(budget, length);
      const out = new Array<number>(length); // pre-sized: 4-5x faster than growing by push
      for (let i = 0, x = start as number; i < length; i++, x += step as number) out[i] = x;
      return out;
    },

    enumerate(seq: unknown, start?: unknown): unknown[][] {
      needArgs("enumerate", arguments.length, 1, 2);
      const first = arguments.length > 1 && start !== null ? needInteger("enumerate", 2, start) : 0;
      const items = itemsOf(seq, limits, false);
      checkArrayLength(items.length, limits);
      charge(budget, items.length);
      const out = new Array<unknown[]>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = [first + i, items[i] === undefined ? null : items[i]];
      return out;
    },

    zip(...seqs: unknown[]): unknown[][] {
      const lists = seqs.map((s) => itemsOf(s, limits, false));
      let length = lists.length === 0 ? 0 : Infinity;
      for (const l of lists) if (l.length < length) length = l.length;
      checkArrayLength(length, limits);
      charge(budget, length * (lists.length + 1));
      const out = new Array<unknown[]>(length);
      for (let i = 0; i < length; i++) out[i] = lists.map((l) => (l[i] === undefined ? null : l[i]));
      return out;
    },

    sorted(seq: unknown, reverse?: unknown): unknown[] {
      needArgs("sorted", arguments.length, 1, 2);
      return sortValues(itemsOf(seq, limits, true), arguments.length > 1 && truthy(reverse, budget), meter);
    },

    reversed(seq: unknown): unknown[] {
      if (arguments.length !== 1) arityRange("reversed", arguments.length, 1, 1);
      return itemsOf(seq, limits, true).reverse();
    },

    keys(o: unknown): string[] {
      if (arguments.length !== 1) arityRange("keys", arguments.length, 1, 1);
      const keys = objectKeys(needObject("keys", o));
      charge(budget, keysCost(keys.length));
      return keys;
    },

    values(o: unknown): unknown[] {
      if (arguments.length !== 1) arityRange("values", arguments.length, 1, 1);
      const obj = needObject("values", o);
      const keys = objectKeys(obj);
      charge(budget, keysCost(keys.length));
      return keys.map((k) => (obj[k] === undefined ? null : obj[k]));
    },

    min(...args: unknown[]): unknown {
      if (args.length === 1 && !isIterable(args[0])) return args[0] === undefined ? null : args[0];
      const items = args.length === 1 ? itemsOf(args[0], limits, false) : args;
      if (items.length === 0) return null;
      charge(budget, items.length);
      let best = items[0];
      for (let i = 1; i < items.length; i++) if (lt(items[i], best, meter)) best = items[i];
      return best === undefined ? null : best;
    },

    max(...args: unknown[]): unknown {
      if (args.length === 1 && !isIterable(args[0])) return args[0] === undefined ? null : args[0];
      const items = args.length === 1 ? itemsOf(args[0], limits, false) : args;
      if (items.length === 0) return null;
      charge(budget, items.length);
      let best = items[0];
      for (let i = 1; i < items.length; i++) if (gt(items[i], best, meter)) best = items[i];
      return best === undefined ? null : best;
    },

    abs(x: unknown): number {
      if (arguments.length !== 1) arityRange("abs", arguments.length, 1, 1);
      if (typeof x === "number") return mathAbs(x);
      throw typeError(`bad operand type for abs(): ${typeOf(x)}`);
    },

    sum(seq: unknown, start?: unknown): unknown {
      needArgs("sum", arguments.length, 1, 2);
      let total: unknown = arguments.length > 1 ? start : 0;
      const items = isArray(seq) ? seq : forIter(seq, meter);
      if (typeof total === "string") throw typeError(SUM_STRINGS);
      for (const v of items) {
        if (--budget.n < 0) tick(budget);
        if (typeof total === "number" && typeof v === "number") total = total + v;
        else if (typeof v === "string") throw typeError(SUM_STRINGS);
        else total = add(total, v, meter);
      }
      return total;
    },

    all(seq: unknown): boolean {
      if (arguments.length !== 1) arityRange("all", arguments.length, 1, 1);
      for (const v of isArray(seq) ? seq : forIter(seq, meter)) {
        if (--budget.n < 0) tick(budget);
        if (!truthy(v, budget)) return false;
      }
      return true;
    },

    any(seq: unknown): boolean {
      if (arguments.length !== 1) arityRange("any", arguments.length, 1, 1);
      for (const v of isArray(seq) ? seq : forIter(seq, meter)) {
        if (--budget.n < 0) tick(budget);
        if (truthy(v, budget)) return true;
      }
      return false;
    },

    callable(v: unknown): boolean {
      if (arguments.length !== 1) arityRange("callable", arguments.length, 1, 1);
      return typeof v === "function";
    },

    round(x: unknown, digits?: unknown): number {
      needArgs("round", arguments.length, 1, 2);
      return roundNumber("round", x, digits);
    },

    chr(code: unknown): string {
      if (arguments.length !== 1) arityRange("chr", arguments.length, 1, 1);
      if (typeof code !== "number" || !isInteger(code)) throw notInteger(code);
      if (code < 0 || code > 0x10ffff) throw valueError("chr() arg not in range(0x110000)");
      return fromCodePoint(code);
    },

    ord(c: unknown): number {
      if (arguments.length !== 1) arityRange("ord", arguments.length, 1, 1);
      if (typeof c !== "string") throw typeError(`ord() expected string of length 1, but ${typeOf(c)} found`);
      const cp = c.codePointAt(0);
      if (cp === undefined || c.length !== (cp > 0xffff ? 2 : 1)) {
        throw typeError(`ord() expected a character, but string of length ${c.length} found`);
      }
      return cp;
    },

    hex(n: unknown): string {
      if (arguments.length !== 1) arityRange("hex", arguments.length, 1, 1);
      return radix("0x", 16, n);
    },

    bin(n: unknown): string {
      if (arguments.length !== 1) arityRange("bin", arguments.length, 1, 1);
      return radix("0b", 2, n);
    },

    oct(n: unknown): string {
      if (arguments.length !== 1) arityRange("oct", arguments.length, 1, 1);
      return radix("0o", 8, n);
    },

    format(v: unknown, spec?: unknown): string {
      needArgs("format", arguments.length, 1, 2);
      const s = arguments.length > 1 && spec !== null ? needString("format", 2, spec) : "";
      return formatSpec(v, s, meter);
    },

    iter(seq: unknown): MLIterator {
      if (arguments.length !== 1) arityRange("iter", arguments.length, 1, 1);
      return iterOf(seq, meter);
    },

    next(it: unknown, fallback?: unknown): unknown {
      needArgs("next", arguments.length, 1, 2);
      return nextOf(it, arguments.length > 1, fallback);
    },

    hasattr(o: unknown, name: unknown): boolean {
      if (arguments.length !== 2) arityRange("hasattr", arguments.length, 2, 2);
      const key = needString("hasattr", 2, name);
      if (key.length >= LONG_KEY) chargeKey(key, meter);
      return hasMember(o, key);
    },

    getattr(o: unknown, name: unknown, fallback?: unknown): unknown {
      needArgs("getattr", arguments.length, 2, 3);
      const key = needString("getattr", 2, name);
      if (key.length >= LONG_KEY) chargeKey(key, meter);
      if (hasMember(o, key)) return member(o, key, limits);
      if (arguments.length > 2) return fallback;
      // Like `o.name`: null for an object's missing key, AttributeError for anything else.
      return member(o, key, limits);
    },

    call(f: unknown, ...args: unknown[]): unknown {
      if (arguments.length < 1) arityRange("call", arguments.length, 1, Infinity);
      const v = callable(f)(...args);
      return v === undefined ? null : v;
    },

    help(v: unknown): string {
      if (arguments.length !== 1) arityRange("help", arguments.length, 1, 1);
      return helpText(v, meter, builtins);
    },

    methods(v: unknown): string[] {
      if (arguments.length !== 1) arityRange("methods", arguments.length, 1, 1);
      return methodNames(v, meter);
    },

    modules(): string[] {
      if (arguments.length !== 0) arityRange("modules", arguments.length, 0, 0);
      return registry.list();
    },

    available_modules(type?: unknown): string[] {
      needArgs("available_modules", arguments.length, 0, 1);
      if (type === undefined || type === null || type === PYTHON_BRIDGE) return registry.list();
      if (type === ML_SOURCE) return [];
      const t = needString("available_modules", 1, type);
      if (t.length >= LONG_KEY) chargeKey(t, meter);
      throw valueError(`available_modules() type must be "${PYTHON_BRIDGE}" or "${ML_SOURCE}", got ${quoted(t)}`);
    },

    has_module(name: unknown): boolean {
      if (arguments.length !== 1) arityRange("has_module", arguments.length, 1, 1);
      return registry.has(needString("has_module", 1, name));
    },

    module_info(name: unknown): Record<string, unknown> | null {
      if (arguments.length !== 1) arityRange("module_info", arguments.length, 1, 1);
      const n = needString("module_info", 1, name);
      if (!registry.has(n)) return null;
      const info = registry.info(n);
      return {
        name: info.name,
        type: PYTHON_BRIDGE,
        description: info.description,
        functions: info.functions.flatMap((f) => [f.name, ...f.aliases]).sort(),
        constants: info.constants.map((c) => c.name),
        classes: info.classes.map((c) => c.name),
        capabilities: info.capabilities,
      };
    },

    hasCapability(name: unknown): boolean {
      if (arguments.length !== 1) arityRange("hasCapability", arguments.length, 1, 1);
      return hasCapability(needString("hasCapability", 1, name));
    },

    getCapabilities(): string[] {
      if (arguments.length !== 0) arityRange("getCapabilities", arguments.length, 0, 0);
      return capabilityNames();
    },

    getCapabilityInfo(name: unknown): Record<string, unknown> | null {
      if (arguments.length !== 1) arityRange("getCapabilityInfo", arguments.length, 1, 1);
      return capabilityInfo(needString("getCapabilityInfo", 1, name));
    },

    requiredCapabilities(f: unknown): string[] {
      if (arguments.length !== 1) arityRange("requiredCapabilities", arguments.length, 1, 1);
      if (typeof f !== "function") throw argumentError("requiredCapabilities", 1, "a function", f);
      return [...(infoOf(f, builtins)?.capabilities ?? [])];
    },
  };

  const out: Record<string, MLFunction> = {};
  for (const name of objectKeys(builtins)) {
    const f = (builtins as Record<string, MLFunction>)[name]!;
    out[name] = freeze(f);
  }
  for (const alias of objectKeys(BUILTIN_ALIASES)) out[alias] = out[BUILTIN_ALIASES[alias]!]!;
  // `builtin`: mlpy's namespace of the builtins (`builtin.len(x)`), always in scope like them.
  // Made on first use (most programs never read it); not enumerable, so `out` lists functions only.
  let namespace: object | undefined;
  defineProperty(out, BUILTIN_NAMESPACE, {
    get: () => (namespace ??= builtinNamespace(out)),
    enumerable: false,
  });
  return freeze(out);
}

/** The name of the namespace of the builtins (`builtin.len(x)`, as in mlpy). */
export const BUILTIN_NAMESPACE = "builtin";

/**
 * The `builtin` namespace of one load: a frozen module-like object (`typeof` "module", displayed
 * `<module builtin>`) whose read-only members are that load's builtins, so `builtin.len` follows
 * the member rules of module objects (an unknown name is an AttributeError) and `help(builtin.len)`
 * is `help(len)`.
 */
function builtinNamespace(builtins: Readonly<Record<string, MLFunction>>): object {
  const table = new Map<string, MLMember>();
  for (const name of objectKeys(builtins)) {
    const f = builtins[name]!;
    table.set(name, { kind: "property", get: () => f });
  }
  const proto = freeze(Object.create(null) as object);
  registerPrototype(proto, { name: "module", members: table, display: () => `<module ${BUILTIN_NAMESPACE}>` });
  return freeze(Object.create(proto) as object);
}

/** Names of all builtins (for the compiler's resolver and tooling), without the alias spellings. */
export const BUILTIN_NAMES: readonly string[] = freeze(objectKeys(BUILTIN_HELP));

/** Each alias spelling of a builtin → the builtin's name (`has_capability` → `hasCapability`). */
export const BUILTIN_ALIAS_NAMES: Readonly<Record<string, string>> = freeze({ ...BUILTIN_ALIASES });

