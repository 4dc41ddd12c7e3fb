/**
 * `json` (docs/stdlib/json.md): JSON text to ML values and back, plus helpers on parsed data.
 *
 * - Parsing uses the native `JSON.parse`, which is fast, iterative (deep nesting cannot overflow
 *   the host stack) and *defines* properties rather than assigning them, so a key such as
 *   `__proto__` becomes an ordinary own key and never changes a prototype. Only when it fails
 *   does a small scanner ({@link findProblem}) walk the text to report a Python-style reason
 *   with its line and column. `safeParse` runs the scanner first, to enforce its depth limit
 *   before anything is built.
 * - Serialising calls `toJSON()` only on stdlib objects (a `DateTime` becomes its ISO string;
 *   an ML object's `toJSON` key is plain data) and refuses what JSON cannot express: functions
 *   and host values (`TypeError`), `nan`/`inf` (`ValueError`, as Python's `allow_nan=False`;
 *   JavaScript would silently write `null`), and cycles (`ValueError`). Ordinary data, vetted
 *   by a quick iterative walk, is written by the native `JSON.stringify`; anything else (errors,
 *   nesting too deep for the engine's recursion, output near the size limit) by an iterative
 *   writer that produces the same text or the error.
 * - Cost (docs/limits.md): parsing and validating charge, before they start, a step per 16
 *   characters of input for counting its brackets, then a step per 16 characters and two per
 *   `[` or `{` (each may become an array or object); a scan instead of a parse (an error's
 *   position, a large text's array sizes) charges a step per 16 characters again. Serialising
 *   charges a step per value visited, per object key and per 16 characters written, while it
 *   walks, so a structure whose parts are shared many times (`a = [a, a]` over and over) meets
 *   the step and time limits part-way instead of running on in one call.
 */
import { defineModule } from "./define.js";
import { needInteger, needObject, needString, isPlainObject, typeError, typeOf, valueError } from "./support/arguments.js";
import { spendArray, spendItems, spendString, spendText, textCost } from "./support/cost.js";
import { programScope, runBudget } from "./support/scope.js";
import type { Budget } from "../runtime/abi.js";
import { argumentError } from "../runtime/calls.js";
import { limitError } from "../runtime/errors.js";
import { objectKey } from "../runtime/indexing.js";
import { charge, checkArrayLength, checkStringLength, tick } from "../runtime/limits.js";
import { formatNumber } from "../runtime/numbers.js";
import { classOf } from "../runtime/objects.js";
import type { Limits } from "../runtime/state.js";

const m = defineModule("json", "JSON text to ML values and back, and helpers for parsed data.");

// Intrinsics captured at load, so a host patching globals cannot change what ML code gets.
const nativeParse = JSON.parse;
const nativeStringify = JSON.stringify;
const quote: (s: string) => string = JSON.stringify;

/**
 * The length of `quote(s)` without building it: escaping can make a string up to six times
 * longer (`\u001f`), so a size check must not assume its length plus the quotes.
 */
function quotedLength(s: string): number {
  let n = s.length + 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
    else if (c === 0x22 || c === 0x5c) n += 1;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair is written as it is; a lone surrogate as \udxxx.
      const pair = c <= 0xdbff ? i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 : false;
      if (pair) i++;
      else n += 5;
    }
  }
  return n;
}
const isArray = Array.isArray;
const objectKeys = Object.keys;
const hasOwn = Object.hasOwn;
const defineProperty = Object.defineProperty;

type ResolvedLimits = Readonly<Required<Limits>>;

// ---------------------------------------------------------------------------------------------
// Locating syntax errors

/** What is wrong with a text: a syntax error, nesting beyond the allowed depth, or an array too long. */
interface Problem {
  readonly kind: "syntax" | "depth" | "size";
  readonly reason: string;
  readonly position: number;
}

const syntax = (reason: string, position: number): Problem => ({ kind: "syntax", reason, position });

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

function skipWhitespace(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** The end of the string literal opening at `i`, or the problem inside it. */
function scanString(s: string, i: number): number | Problem {
  const n = s.length;
  let j = i + 1;
  for (;;) {
    if (j >= n) return syntax("Unterminated string starting", i);
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      const e = s[j + 1];
      if (e === undefined) return syntax("Unterminated string starting", i);
      if (e === "u") {
        if (!HEX4.test(s.slice(j + 2, j + 6))) return syntax("Invalid \\uXXXX escape", j);
        j += 6;
      } else if (SIMPLE_ESCAPES.has(e)) {
        j += 2;
      } else {
        return syntax("Invalid \\escape", j);
      }
    } else if (c < 0x20) {
      return syntax("Invalid control character", j);
    } else {
      j++;
    }
  }
}

/** The end of the number or literal at `i`, or -1 when there is none. */
function scanScalar(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x74) return s.startsWith("true", i) ? i + 4 : -1;
  if (c === 0x66) return s.startsWith("false", i) ? i + 5 : -1;
  if (c === 0x6e) return s.startsWith("null", i) ? i + 4 : -1;
  NUMBER.lastIndex = i;
  return NUMBER.test(s) ? NUMBER.lastIndex : -1;
}

/** An object member's key and colon at `i`; returns where its value starts. */
function scanKey(s: string, i: number): number | Problem {
  if (s.charCodeAt(i) !== 0x22) return syntax("Expecting property name enclosed in double quotes", i);
  const end = scanString(s, i);
  if (typeof end !== "number") return end;
  const colon = skipWhitespace(s, end);
  if (s.charCodeAt(colon) !== 0x3a) return syntax("Expecting ':' delimiter", colon);
  return skipWhitespace(s, colon + 1);
}

/**
 * The first problem in `text` (a syntax error, an array/object opening deeper than `maxDepth`,
 * or an array of more than `maxItems` items), or null when it is valid JSON. Iterative: `stack`
 * holds the open brackets, `counts` the items of each open array so far.
 */
function findProblem(s: string, maxDepth: number, maxItems = Infinity): Problem | null {
  const n = s.length;
  const stack: number[] = [];
  const counts: number[] = [];
  let i = skipWhitespace(s, 0);
  for (;;) {
    // A value starts at i.
    const c = s.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (stack.length >= maxDepth) return { kind: "depth", reason: `exceeds the maximum depth of ${maxDepth}`, position: i };
      const close = c === 0x5b ? 0x5d : 0x7d;
      i = skipWhitespace(s, i + 1);
      if (s.charCodeAt(i) === close) {
        i++;
      } else {
        stack.push(close);
        counts.push(1);
        if (c === 0x7b) {
          const next = scanKey(s, i);
          if (typeof next !== "number") return next;
          i = next;
        }
        continue;
      }
    } else if (c === 0x22) {
      const end = scanString(s, i);
      if (typeof end !== "number") return end;
      i = end;
    } else {
      const end = scanScalar(s, i);
      if (end < 0) return syntax("Expecting value", i);
      i = end;
    }
    // A value ended: close brackets until the next element starts, or the text ends.
    for (;;) {
      i = skipWhitespace(s, i);
      if (stack.length === 0) return i < n ? syntax("Extra data", i) : null;
      const close = stack[stack.length - 1]!;
      const d = s.charCodeAt(i);
      if (d === close) {
        stack.pop();
        counts.pop();
        i++;
      } else if (d === 0x2c) {
        if (close === 0x5d && ++counts[counts.length - 1]! > maxItems) {
          return { kind: "size", reason: `more than ${maxItems} items`, position: i };
        }
        i = skipWhitespace(s, i + 1);
        if (close === 0x7d) {
          const next = scanKey(s, i);
          if (typeof next !== "number") return next;
          i = next;
        }
        break;
      } else {
        return syntax("Expecting ',' delimiter", i);
      }
    }
  }
}

/** ` at line L column C` (1-based; lines end at `\n`) for a position in `s`. */
function where(s: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let nl = s.indexOf("\n"); nl >= 0 && nl < position; nl = s.indexOf("\n", nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return ` at line ${line} column ${position - lineStart + 1}`;
}

function problemError(s: string, p: Problem, limits: ResolvedLimits) {
  if (p.kind === "size") checkArrayLength(limits.maxArrayLength + 1, limits); // throws the limit's LimitError
  return p.kind === "depth"
    ? valueError(`JSON nesting ${p.reason}${where(s, p.position)}`)
    : valueError(`JSON parsing failed: ${p.reason}${where(s, p.position)}`);
}

// ---------------------------------------------------------------------------------------------
// Parsing

/**
 * Whether `text` could hold an array longer than the program allows: an array of n items takes
 * at least 2n + 1 characters, so shorter texts cannot, and are parsed without a size scan.
 */
function mayHoldLongArray(text: string, limits: ResolvedLimits): boolean {
  return text.length >= 2 * limits.maxArrayLength + 3;
}

/** How many times `c` occurs in `s` (`indexOf` skips the stretches between at native speed). */
function occurrences(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/**
 * What parsing `text` costs: a step per 16 characters, and two per array or object it may
 * build (`[{},{},…]` makes an object every three characters, and allocating one takes longer
 * than reading a long string's worth of characters). The brackets are counted before parsing.
 */
function parseCost(text: string): number {
  return textCost(text.length) + 2 * (occurrences(text, "[") + occurrences(text, "{"));
}

/**
 * JSON text → ML value; `ValueError` with reason and position on invalid text, `LimitError`
 * for an array longer than `maxArrayLength` (found by a scan before anything is built).
 * `scanned`: the caller has already run {@link findProblem} with the array limit.
 */
function parseText(text: string, scanned = false): unknown {
  const limits = programScope().state.limits;
  const b = runBudget();
  charge(b, textCost(text.length)); // for counting the brackets
  charge(b, parseCost(text));
  if (!scanned && mayHoldLongArray(text, limits)) {
    charge(b, textCost(text.length));
    const problem = findProblem(text, Infinity, limits.maxArrayLength);
    if (problem !== null) throw problemError(text, problem, limits);
  }
  try {
    return nativeParse(text);
  } catch (e) {
    // Locating the error scans the text again.
    charge(b, textCost(text.length));
    const problem = findProblem(text, Infinity);
    if (problem !== null) throw problemError(text, problem, limits);
    // The scanner and the engine follow the same grammar; should they ever disagree, report the engine's reason.
    throw valueError(`JSON parsing failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export const parse = m.function(
  {
    name: "parse", params: "s", returns: "any",
    description: "The ML value of JSON text s; invalid text raises ValueError(\"JSON parsing failed: <reason> at line L column C\").",
  },
  (s: unknown) => parseText(needString("parse", 1, s)),
);

export const safeParse = m.function(
  {
    name: "safeParse", aliases: ["safe_parse"], params: "s, maxDepth=100", returns: "any",
    description: "Like parse, for untrusted text: raises ValueError when s is longer than the program's string limit or nests arrays/objects deeper than maxDepth.",
  },
  (s: unknown, maxDepth?: unknown) => {
    const text = needString("safeParse", 1, s);
    const depth = maxDepth === undefined || maxDepth === null ? 100 : needInteger("safeParse", 2, maxDepth);
    if (depth < 0) throw valueError(`safeParse() maxDepth must be non-negative, got ${depth}`);
    const limits = programScope().state.limits;
    const max = limits.maxStringLength;
    if (text.length > max) throw valueError(`JSON input too large: ${text.length} characters (maximum ${max})`);
    charge(runBudget(), textCost(text.length));
    const problem = findProblem(text, depth, limits.maxArrayLength);
    if (problem !== null) throw problemError(text, problem, limits);
    return parseText(text, true);
  },
);

export const validate = m.function(
  { name: "validate", params: "s", returns: "boolean", description: "Whether s is valid JSON text." },
  (s: unknown) => {
    const text = needString("validate", 1, s);
    const b = runBudget();
    charge(b, textCost(text.length));
    // A text that may hold more items than an array may have is scanned, not built.
    if (mayHoldLongArray(text, programScope().state.limits)) {
      charge(b, textCost(text.length)); // the scan, at twice the text rate (a loop in JavaScript)
      return findProblem(text, Infinity) === null;
    }
    charge(b, parseCost(text)); // counting the brackets was charged above
    try {
      nativeParse(text);
      return true;
    } catch {
      return false;
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Serialising

/** A container being written: array items, or an object with its keys. */
interface Frame {
  readonly container: unknown[] | Record<string, unknown>;
  readonly keys: string[] | null;
  readonly length: number;
  index: number;
}

/** The JSON form of a stdlib object (its `toJSON()`); other values as they are. */
function jsonForm(v: unknown): unknown {
  if (typeof v !== "object" || v === null || isArray(v) || isPlainObject(v) || classOf(v) === undefined) return v;
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  return typeof toJSON === "function" ? toJSON.call(v) : v;
}

function notSerializable(v: unknown) {
  return typeError(`Object of type ${typeOf(v)} is not JSON serializable`);
}

/**
 * Deepest nesting handed to the engine's `JSON.stringify`, which recurses on the host stack
 * (it overflows at a few thousand levels, fewer when called from deep in an ML program).
 */
const NATIVE_MAX_DEPTH = 1000;

/** Longest number text (`-0.0000012345678901234567`). */
const MAX_NUMBER_LENGTH = 25;

/**
 * Whether the engine's `JSON.stringify` writes exactly what {@link serializeCarefully} would:
 * true when `root` holds only JSON data (finite numbers, strings, booleans, null, arrays, plain
 * objects without `undefined` values) and stdlib objects whose JSON form is such data, at most
 * {@link NATIVE_MAX_DEPTH} deep, and an upper bound of the output length is within `max`.
 * Anything else — including a cycle, which never bottoms out — goes to the careful writer,
 * which reports the problem. The walk is iterative and allocates no text; it spends a step of
 * `b` per value it visits.
 *
 * Returns -1 for "no", else the number of characters of strings, keys and indentation the
 * output will hold (what its writing costs beyond the values already charged).
 */
function engineCanWrite(root: unknown, indentLength: number, max: number, b: Budget): number {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  let bound = 0;
  let text = 0;
  while (values.length > 0) {
    if (--b.n < 0) tick(b);
    const v = values.pop();
    const depth = depths.pop()!;
    // The separator before the value, and in pretty output its line break and indentation.
    const lead = indentLength === 0 ? 2 : 3 + indentLength * depth;
    bound += lead;
    text += lead;
    switch (typeof v) {
      case "string":
        bound += 6 * v.length + 2; // every code unit written as \uXXXX at worst
        text += v.length;
        break;
      case "number":
        if (v - v !== 0) return -1; // nan, inf
        bound += MAX_NUMBER_LENGTH;
        text += 16; // formatting a number costs about a step
        break;
      case "boolean":
        bound += 5;
        break;
      case "object": {
        if (v === null) {
          bound += 4;
          break;
        }
        if (depth >= NATIVE_MAX_DEPTH) return -1;
        // Brackets, and in pretty output the line of the closing one.
        bound += lead;
        text += lead;
        if (isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            values.push(v[i]);
            depths.push(depth + 1);
          }
        } else if (isPlainObject(v)) {
          const keys = objectKeys(v);
          charge(b, keys.length); // a step per key, besides the one per value
          for (const k of keys) {
            const item = v[k];
            if (item === undefined) return -1; // the engine would drop the key
            bound += 6 * k.length + 4;
            text += k.length;
            values.push(item);
            depths.push(depth + 1);
          }
        } else {
          const form = jsonForm(v);
          if (form === v) return -1;
          values.push(form);
          depths.push(depth);
        }
        break;
      }
      default:
        return -1; // functions, undefined, host bigint/symbol values
    }
    if (bound > max) return -1;
  }
  return text;
}

/**
 * JSON text of `root`: compact when `indent` is null, else one item per line indented by it.
 * Ordinary data goes through the engine's `JSON.stringify` (an order of magnitude faster);
 * everything else through {@link serializeCarefully}, which gives the same text or the error.
 * Either way the current program is charged a step per value and per 16 characters written.
 */
function serialize(root: unknown, indent: string | null, limits: ResolvedLimits): string {
  const b = runBudget();
  // The engine caps indentation at 10 characters and writes "" indentation compactly.
  const engineIndent = indent === null || (indent.length > 0 && indent.length <= 10);
  if (engineIndent) {
    const text = engineCanWrite(root, indent === null ? 0 : indent.length, limits.maxStringLength, b);
    if (text >= 0) {
      // Within the size limit (checked by the walk's bound): charged before the engine writes.
      charge(b, textCost(text));
      try {
        return nativeStringify(root, null, indent ?? undefined);
      } catch (e) {
        // The host stack ran out after all (called from deep recursion): write it carefully.
        if (!(e instanceof RangeError)) throw e;
      }
    }
  }
  return serializeCarefully(root, indent, limits, b);
}

/**
 * The iterative writer behind {@link serialize}; see the file comment for its rules. It checks
 * the size limit before each piece it adds (so it never builds much more than `maxStringLength`)
 * and charges `b` a step per value and per 16 characters as it goes.
 */
function serializeCarefully(root: unknown, indent: string | null, limits: ResolvedLimits, b: Budget): string {
  const max = limits.maxStringLength;
  const onPath = new Set<object>();
  const stack: Frame[] = [];
  let out = "";

  /** Writes a value; a non-empty container gets its opening bracket and a frame. */
  const write = (value: unknown): void => {
    const v = jsonForm(value);
    switch (typeof v) {
      case "string":
        // At least its length and quotes; checked before the quoted copy is made.
        if (out.length + 6 * v.length + 2 > max) checkStringLength(out.length + quotedLength(v), limits);
        out += quote(v);
        return;
      case "number":
        if (!Number.isFinite(v)) throw valueError(`Out of range float values are not JSON compliant: ${formatNumber(v)}`);
        out += String(v);
        return;
      case "boolean":
        out += v ? "true" : "false";
        return;
      case "undefined":
        out += "null";
        return;
      case "object":
        break;
      default:
        throw notSerializable(v);
    }
    if (v === null) {
      out += "null";
    } else if (isArray(v)) {
      if (onPath.has(v)) throw valueError("Circular reference detected");
      if (v.length === 0) {
        out += "[]";
      } else {
        onPath.add(v);
        stack.push({ container: v, keys: null, length: v.length, index: 0 });
        out += "[";
      }
    } else if (isPlainObject(v)) {
      if (onPath.has(v)) throw valueError("Circular reference detected");
      const keys = objectKeys(v);
      charge(b, keys.length); // a step per key, besides the one per value
      if (keys.length === 0) {
        out += "{}";
      } else {
        onPath.add(v);
        stack.push({ container: v, keys, length: keys.length, index: 0 });
        out += "{";
      }
    } else {
      throw notSerializable(v);
    }
  };

  /** Starts a line at `depth` levels of indentation (pretty output only). */
  const newline = (depth: number): void => {
    if (indent === null) return;
    checkStringLength(out.length + 1 + indent.length * depth, limits);
    out += "\n" + indent.repeat(depth);
  };

  /** Characters of `out` already charged for. */
  let charged = 0;
  try {
    if (--b.n < 0) tick(b);
    write(root);
    while (stack.length > 0) {
      // A step per value (or closing bracket), and one per 16 characters written since the last.
      const written = (out.length - charged) >>> 4;
      charged += written << 4;
      if (!((b.n -= 1 + written) >= 0)) tick(b);
      const frame = stack[stack.length - 1]!;
      if (frame.index === frame.length) {
        stack.pop();
        onPath.delete(frame.container);
        newline(stack.length);
        out += frame.keys === null ? "]" : "}";
      } else {
        const i = frame.index++;
        if (i > 0) out += ",";
        newline(stack.length);
        if (frame.keys === null) {
          write((frame.container as unknown[])[i]);
        } else {
          const key = frame.keys[i]!;
          if (out.length + 6 * key.length + 4 > max) checkStringLength(out.length + quotedLength(key) + 2, limits);
          out += quote(key) + (indent === null ? ":" : ": ");
          write((frame.container as Record<string, unknown>)[key]);
        }
      }
      checkStringLength(out.length, limits);
    }
  } catch (e) {
    // The engine's own string-size ceiling can be below the program's limit.
    if (e instanceof RangeError) throw limitError(`string length limit exceeded (max ${max})`);
    throw e;
  }
  checkStringLength(out.length, limits);
  charge(b, textCost(out.length - charged));
  return out;
}

export const stringify = m.function(
  {
    name: "stringify", params: "v", returns: "string",
    description: "Compact JSON text of v ({\"a\":1}). Stdlib objects use their JSON form; functions raise TypeError, nan/inf and cycles ValueError.",
  },
  (v: unknown) => serialize(v, null, programScope().state.limits),
);

export const prettyPrint = m.function(
  {
    name: "prettyPrint", aliases: ["pretty_print"], params: "v, indent=4", returns: "string",
    description: "JSON text of v with one item per line, indented by indent spaces (or by the indent string); same rules as stringify.",
  },
  (v: unknown, indent?: unknown) => {
    const limits = programScope().state.limits;
    let unit: string;
    if (indent === undefined || indent === null) {
      unit = "    "; // mlpy's default (json.dumps(v, indent=4))
    } else if (typeof indent === "string") {
      unit = indent;
    } else {
      const n = needInteger("prettyPrint", 2, indent);
      if (n < 0) throw valueError(`prettyPrint() indent must be non-negative, got ${n}`);
      spendString(n);
      unit = " ".repeat(n);
    }
    return serialize(v, unit, limits);
  },
);

// ---------------------------------------------------------------------------------------------
// Type tests

function typeTest(name: string, alias: string, what: string, test: (v: unknown) => boolean) {
  return m.function({ name, aliases: [alias], params: "v", returns: "boolean", description: `Whether v is ${what}.` }, (v: unknown) => test(v));
}

export const isObject = typeTest("isObject", "is_object", "an object (not an array, null or stdlib object)", isPlainObject);
const isArrayTest = typeTest("isArray", "is_array", "an array", isArray);
export const isString = typeTest("isString", "is_string", "a string", (v) => typeof v === "string");
export const isNumber = typeTest("isNumber", "is_number", "a number (booleans are not numbers)", (v) => typeof v === "number");
export const isBoolean = typeTest("isBoolean", "is_boolean", "true or false", (v) => typeof v === "boolean");
export const isNull = typeTest("isNull", "is_null", "null", (v) => v === null || v === undefined);
export { isArrayTest as isArray };

// ---------------------------------------------------------------------------------------------
// Object helpers

/** A key argument: a string, or an integer in its canonical decimal form (as ML indexing does). */
function needKey(fn: string, position: number, v: unknown): string {
  if (typeof v === "string") {
    if (v.length > 16) spendText(v.length); // looking it up hashes it
    return v;
  }
  if (typeof v === "number" && Number.isInteger(v)) return objectKey(v); // 1e21 → "1000000000000000000000", as o[1e21]
  throw argumentError(fn, position, "a string", v);
}

export const keys = m.function(
  { name: "keys", params: "o", returns: "array of strings", description: "The keys of object o, in order ([] when o is not an object, as in mlpy)." },
  (o: unknown) => {
    if (!isPlainObject(o)) return [];
    const list = objectKeys(o);
    spendArray(list.length);
    return list;
  },
);

export const values = m.function(
  { name: "values", params: "o", returns: "array", description: "The values of object o, in key order ([] when o is not an object, as in mlpy)." },
  (o: unknown) => {
    if (!isPlainObject(o)) return [];
    const obj = o as Record<string, unknown>;
    const list = objectKeys(obj);
    spendArray(list.length);
    return list.map((k) => obj[k]);
  },
);

export const hasKey = m.function(
  { name: "hasKey", aliases: ["has_key"], params: "o, k", returns: "boolean", description: "Whether object o has key k (false when o is not an object, as in mlpy)." },
  (o: unknown, k: unknown) => {
    const key = needKey("hasKey", 2, k);
    return isPlainObject(o) && hasOwn(o, key);
  },
);

export const get = m.function(
  { name: "get", params: "o, k, default=null", returns: "any", description: "The value of key k in object o, or default when o has no such key or is not an object (as in mlpy)." },
  (o: unknown, k: unknown, fallback?: unknown) => {
    const key = needKey("get", 2, k);
    if (isPlainObject(o) && hasOwn(o, key)) return (o as Record<string, unknown>)[key];
    return fallback === undefined ? null : fallback;
  },
);

/** What `merge` reads for a null argument. */
const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

export const merge = m.function(
  {
    name: "merge", params: "a, b", returns: "object",
    description: "A new object with the keys of a, then those of b (b's values win); neither argument changes. null counts as {} (as in mlpy); other non-objects raise TypeError.",
  },
  (a: unknown, b: unknown) => {
    const first = a === null ? EMPTY : needObject("merge", 1, a);
    const second = b === null ? EMPTY : needObject("merge", 2, b);
    const out: Record<string, unknown> = {};
    for (const source of [first, second]) {
      const keys = objectKeys(source);
      spendItems(keys.length);
      for (const k of keys) {
        // Assigning `__proto__` would set the prototype; define it as an own key instead.
        if (k === "__proto__") defineProperty(out, k, { value: source[k], writable: true, enumerable: true, configurable: true });
        else out[k] = source[k];
      }
    }
    return out;
  },
);

export const definition = m.done();
