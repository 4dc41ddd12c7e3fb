/**
 * The codec values cross the sandbox boundary with (docs/security.md, "The worker sandbox"), in both directions: entry
 * arguments host → worker, results and thrown values worker → host.
 *
 * `encode` turns a value into a {@link Wire} tree that survives structured clone (the IPC channel)
 * and `decode` rebuilds it on the other side, reviving stdlib values as instances of the classes
 * *that side* has loaded, so a `DateTime` a sandbox run returns is `instanceof DateTime` in the
 * host. What crosses:
 *
 * - numbers (also `NaN`, `±Infinity`, `-0`, as tagged nodes, so an encoded value is also plain
 *   JSON: program workers talk JSON, which is faster for small messages), strings, booleans,
 *   `null` (`undefined` becomes `null`, as it does for ML), exactly;
 * - arrays and plain objects, nested, with their sharing and cycles preserved (an object that
 *   appears twice arrives as one object appearing twice); decoded objects have a `null`
 *   prototype, as ML's own objects do;
 * - `datetime` values (`DateTime`, `Date`, `Time`, `TimeDelta`, `TimeZone`) and `regex` values
 *   (`Pattern`, `Match`), revived as instances of the receiving side's classes (revive.ts);
 * - any other object with a `toJSON` method (the other stdlib objects, a JavaScript `Date`) as
 *   what `toJSON` returns, encoded by these same rules.
 *
 * Everything else — functions, modules, iterators, `bigint`s, symbols, objects without `toJSON`,
 * data nested more than {@link MAX_DEPTH} levels deep — cannot cross: `encode` throws a
 * {@link CodecError} naming where the value sits.
 *
 * Given a `maxSize`, the encoder also counts what it writes — 1 unit per node, plus the length
 * of every string and key, a shared container's later references 1 each — and throws
 * {@link WireSizeError} past it. This is what the message will hold: a stdlib value, which
 * `expandedSize` counts as 1 unit, crosses with the text it carries (a `Match` with its whole
 * subject string, a `toJSON` form) at every reference, since structured clone copies strings.
 */
import type { DateTime, Date as MLDate, Time, TimeDelta, TimeZone } from "../stdlib/datetime.js";
import type { Match, Pattern } from "../stdlib/regex.js";
import { brandSet } from "../runtime/shared.js";
import { typeOf } from "../runtime/values.js";

/**
 * Deepest nesting of arrays and objects that may cross (deeper data is rejected, not
 * truncated). Structured clone is recursive, and an encoded object is two levels deep, so this
 * keeps a message well inside the stack.
 */
export const MAX_DEPTH = 500;

/** An encoded value: primitives as themselves, an array as an array of encoded items, or a tagged node. */
export type Wire = null | boolean | number | string | Wire[] | WireNode;

/** A tagged node: an object, a reference to a container seen before, or a stdlib value. */
export type WireNode =
  | { readonly k: "object"; readonly e: Wire[] } // e: key, value, key, value…
  | { readonly k: "ref"; readonly i: number } // the i-th container, in encoding order
  | { readonly k: "num"; readonly v: "NaN" | "Infinity" | "-Infinity" | "-0" } // what JSON cannot hold
  | StdlibNode;

/** A stdlib value, in the form revive.ts rebuilds it from. */
export type StdlibNode =
  | { readonly k: "DateTime"; readonly v: string; readonly zoned: boolean }
  | { readonly k: "Date" | "Time" | "TimeDelta" | "TimeZone"; readonly v: string }
  | { readonly k: "Pattern"; readonly pattern: string; readonly flags: number }
  | {
      readonly k: "Match";
      readonly pattern: string;
      readonly flags: number;
      readonly string: string;
      readonly pos: number;
      readonly endpos: number;
      readonly spans: number[];
    };

/** A value that cannot cross the sandbox boundary; the message names where it sits. */
export class CodecError extends TypeError {
  /** Where the value sits, e.g. `result.handlers[0]`. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
  }
}
CodecError.prototype.name = "CodecError";

/** An encoded value larger than the encoder's `maxSize` (it is not a {@link CodecError}: nothing is left out for it). */
export class WireSizeError extends RangeError {
  constructor(readonly maxSize: number) {
    super(`more than ${maxSize} units once encoded`);
  }
}
WireSizeError.prototype.name = "WireSizeError";

const getPrototypeOf = Object.getPrototypeOf;
const ObjectPrototype = Object.prototype;
const isArray = Array.isArray;
const keys = Object.keys;

const ONLY_DATA =
  "cannot cross the sandbox boundary (only data can: numbers, strings, booleans, null, arrays, objects, datetime and regex values)";

/**
 * Encodes `value`; `what` names it in errors (`result`, `argument 1`). Throws {@link CodecError},
 * or {@link WireSizeError} when the encoded form passes `maxSize` units.
 */
export function encode(value: unknown, what: string, maxSize = Infinity): Wire {
  return new Encoder(what, maxSize).value(value, 0);
}

/**
 * Encodes the crossable bindings of a program's exports as one object: a binding whose value
 * cannot cross (a function, or data holding one) is left out rather than failing the run.
 */
export function encodeExports(exports: Readonly<Record<string, unknown>>, maxSize = Infinity): Wire {
  const encoder = new Encoder("exports", maxSize);
  return encoder.object(exports, 0, true);
}

/** Builds the receiving side's instance of a stdlib value (revive.ts). */
export type Revive = (node: StdlibNode) => unknown;

/** Rebuilds a value from its {@link Wire} form; throws `TypeError` on a malformed tree. */
export function decode(wire: Wire, revive: Revive): unknown {
  return new Decoder(revive).value(wire);
}

// Stdlib classes are recognised by their process-wide brands (runtime/shared.ts), so the codec
// loads none of their modules: a value of a class can only exist once its module is loaded.
const brand = (qualified: string) => {
  const set = brandSet(qualified);
  return (v: object) => set.has(v);
};
const isDateTime = brand("datetime.DateTime") as (v: object) => v is DateTime;
const isDate = brand("datetime.Date") as (v: object) => v is MLDate;
const isTime = brand("datetime.Time") as (v: object) => v is Time;
const isTimeDelta = brand("datetime.TimeDelta") as (v: object) => v is TimeDelta;
const isTimeZone = brand("datetime.TimeZone") as (v: object) => v is TimeZone;
const isPattern = brand("regex.Pattern") as (v: object) => v is Pattern;
const isMatch = brand("regex.Match") as (v: object) => v is Match;

class Encoder {
  /** Containers already encoded, by encoding order (their ids). */
  private readonly ids = new Map<object, number>();
  private readonly order: object[] = [];
  /** Keys from the root to the value being encoded, for error messages. */
  private readonly path: (string | number)[] = [];
  /** Units written so far (see the module comment). */
  private size = 0;

  constructor(
    private readonly root: string,
    private readonly maxSize: number,
  ) {}

  /** Counts `units` more of the encoded form; throws past `maxSize`. */
  private count(units: number): void {
    if ((this.size += units) > this.maxSize) throw new WireSizeError(this.maxSize);
  }

  value(v: unknown, depth: number): Wire {
    switch (typeof v) {
      case "string":
        this.count(1 + v.length);
        return v;
      case "number":
        this.count(1);
        // NaN, ±Infinity and -0 as tagged nodes (JSON has none of them)
        if (v !== v || v === Infinity || v === -Infinity || (v === 0 && 1 / v < 0)) {
          return { k: "num", v: v !== v ? "NaN" : v === Infinity ? "Infinity" : v === -Infinity ? "-Infinity" : "-0" };
        }
        return v;
      case "boolean":
        this.count(1);
        return v;
      case "undefined":
        this.count(1);
        return null;
      case "object":
        if (v === null) {
          this.count(1);
          return null;
        }
        return this.container(v, depth);
      case "function":
        throw this.error("a function " + ONLY_DATA);
      default:
        throw this.error(`a ${typeof v} ${ONLY_DATA}`);
    }
  }

  private container(v: object, depth: number): Wire {
    const seen = this.ids.get(v);
    if (seen !== undefined) {
      this.count(1);
      return { k: "ref", i: seen };
    }
    if (isArray(v)) {
      this.enter(v, depth);
      const out: Wire[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        this.path.push(i);
        out[i] = this.value(v[i], depth + 1);
        this.path.pop();
      }
      return out;
    }
    const proto = getPrototypeOf(v);
    if (proto === ObjectPrototype || proto === null) return this.object(v as Record<string, unknown>, depth, false);
    return this.special(v, depth);
  }

  /** A plain object; with `lenient`, entries that cannot cross are dropped instead of failing. */
  object(v: Readonly<Record<string, unknown>>, depth: number, lenient: boolean): Wire {
    this.enter(v, depth);
    const e: Wire[] = [];
    for (const key of keys(v)) {
      const mark = this.order.length;
      const size = this.size;
      const at = this.path.length;
      this.path.push(key);
      try {
        this.count(key.length);
        const item = this.value(v[key], depth + 1);
        e.push(key, item);
      } catch (err) {
        if (!(lenient && err instanceof CodecError)) throw err;
        this.rollback(mark);
        this.size = size;
      } finally {
        this.path.length = at; // a failure deep inside leaves the keys of its containers behind
      }
    }
    return { k: "object", e };
  }

  /** Stdlib values, and other objects by their `toJSON` form. */
  private special(v: object, depth: number): Wire {
    const node = this.stdlib(v);
    if (node !== null) {
      // The strings it carries are copied at every reference (Match: its whole subject text).
      this.count(
        node.k === "Match"
          ? 1 + node.pattern.length + node.string.length + node.spans.length
          : 1 + (node.k === "Pattern" ? node.pattern.length : node.v.length),
      );
      return node;
    }
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") {
      const json: unknown = toJSON.call(v, "");
      if (json === v) throw this.error("an object whose toJSON returns itself " + ONLY_DATA);
      this.count(1);
      return this.value(json, depth + 1);
    }
    // Name it as ML does (`module`, a stdlib class) or, for a host object, by its constructor.
    const type = typeOf(v);
    const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
    const what = type !== "hostobject" ? `a ${type}` : typeof name === "string" && name !== "" ? `a ${name} object` : "this object";
    throw this.error(`${what} ${ONLY_DATA}`);
  }

  /** The node of a datetime or regex value, or null for any other object. */
  private stdlib(v: object): StdlibNode | null {
    if (isDateTime(v)) {
      return v.zoned === null ? { k: "DateTime", v: v.local.toString(), zoned: false } : { k: "DateTime", v: v.zoned.toString(), zoned: true };
    }
    if (isDate(v)) return { k: "Date", v: v.date.toString() };
    if (isTime(v)) return { k: "Time", v: v.time.toString() };
    if (isTimeDelta(v)) return { k: "TimeDelta", v: v.micros.toString() };
    if (isTimeZone(v)) return { k: "TimeZone", v: v.id };
    if (isPattern(v)) return { k: "Pattern", pattern: v.pattern, flags: v.flags };
    if (isMatch(v)) {
      return { k: "Match", pattern: v.re.pattern, flags: v.re.flags, string: v.string, pos: v.pos, endpos: v.endpos, spans: [...v.spans] };
    }
    return null;
  }

  private enter(v: object, depth: number): void {
    this.count(1);
    if (depth >= MAX_DEPTH) throw this.error(`data nested more than ${MAX_DEPTH} levels deep cannot cross the sandbox boundary`);
    this.ids.set(v, this.order.length);
    this.order.push(v);
  }

  /** Forgets the containers registered since `mark` (a dropped export must not hold ids). */
  private rollback(mark: number): void {
    for (let i = mark; i < this.order.length; i++) this.ids.delete(this.order[i]!);
    this.order.length = mark;
  }

  private error(problem: string): CodecError {
    let where = this.root;
    for (const key of this.path) {
      where += typeof key === "number" ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    }
    return new CodecError(where, problem);
  }
}

class Decoder {
  /** Containers rebuilt so far, by encoding order, for `ref` nodes. */
  private readonly containers: object[] = [];

  constructor(private readonly revive: Revive) {}

  value(w: Wire): unknown {
    if (typeof w !== "object" || w === null) return w;
    if (isArray(w)) {
      const out: unknown[] = new Array(w.length);
      this.containers.push(out);
      for (let i = 0; i < w.length; i++) out[i] = this.value(w[i]!);
      return out;
    }
    switch (w.k) {
      case "object": {
        // A null prototype, as ML's own objects: a "__proto__" key is then an ordinary own key.
        const out: Record<string, unknown> = Object.create(null);
        this.containers.push(out);
        for (let i = 0; i < w.e.length; i += 2) out[w.e[i] as string] = this.value(w.e[i + 1]!);
        return out;
      }
      case "num":
        switch (w.v) {
          case "NaN":
            return NaN;
          case "Infinity":
            return Infinity;
          case "-Infinity":
            return -Infinity;
          case "-0":
            return -0;
          default:
            throw new TypeError(`malformed sandbox message: unknown number ${JSON.stringify((w as { v?: unknown }).v)}`);
        }
      case "ref": {
        const target = this.containers[w.i];
        if (target === undefined) throw new TypeError(`malformed sandbox message: reference to unknown container ${w.i}`);
        return target;
      }
      default:
        return this.revive(w);
    }
  }
}
