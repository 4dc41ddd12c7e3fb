// The sandbox codec on its own (no workers): what crosses, exactly, and what is refused.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { CodecError, MAX_DEPTH, WireSizeError, decode as decodeWith, encode, encodeExports, type Wire } from "../../src/sandbox/codec.js";
import { reviveStdlib } from "../../src/sandbox/revive.js";
import { load } from "../../src/index.js";
import { Date as MLDate, DateTime, Time, TimeDelta, TimeZone } from "../../src/stdlib/datetime.js";
import { Match, Pattern } from "../../src/stdlib/regex.js";

const decode = (w: Wire) => decodeWith(w, reviveStdlib);

/** Through the codec and a structured clone, as a value crosses between threads. */
const cross = (v: unknown, what = "value") => decode(structuredClone(encode(v, what)));

/** Structural equality with `Object.is` on primitives (so NaN equals NaN and -0 differs from 0). */
function identical(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && identical((a as never)[k], (b as never)[k]));
}

/** An ML program's top-level bindings (values made by the real stdlib). */
async function mlValues(source: string): Promise<Record<string, unknown>> {
  const program = await load({ source, filename: "values.ml" });
  return { ...program.exports };
}

describe("sandbox codec: plain values", () => {
  it("round-trips JSON-like data, NaN, infinities and -0 exactly", () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: "small" },
        fc.double(), // includes NaN, ±Infinity and -0
        fc.string({ unit: "binary" }), // lone surrogates too
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("any"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("any"), { maxKeys: 4 }),
      ),
    })).any;
    fc.assert(fc.property(value, (v) => {
      expect(identical(cross(v), v)).toBe(true);
    }), { numRuns: 200 });
  });

  it("keeps a '__proto__' key an own key, and gives objects a null prototype as ML does", () => {
    const v = JSON.parse('{"__proto__": {"x": 1}, "a": [1, {"b": 2}]}');
    const back = cross(v) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(null);
    expect(Object.keys(back)).toEqual(["__proto__", "a"]);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")!.value).toEqual({ x: 1 });
  });

  it("turns undefined into null (ML's null), also in holes", () => {
    expect(cross([undefined, , 1])).toEqual([null, null, 1]); // eslint-disable-line no-sparse-arrays
    expect(cross({ a: undefined })).toEqual({ a: null });
  });

  it("preserves shared references and cycles", () => {
    const shared = { n: 1 };
    const cyclic: Record<string, unknown> = { shared, also: shared, list: [] };
    (cyclic.list as unknown[]).push(cyclic, cyclic.list);
    const back = cross(cyclic) as typeof cyclic & { list: unknown[] };
    expect(back.shared).toBe(back.also);
    expect(back.list[0]).toBe(back);
    expect(back.list[1]).toBe(back.list);
    expect(back.shared).toEqual({ n: 1 });
  });

  it("does not blow up on a heavily shared DAG (each container is encoded once)", () => {
    let v: unknown[] = [1];
    for (let i = 0; i < 60; i++) v = [v, v]; // 2^60 paths, 61 containers
    const back = cross(v) as unknown[];
    expect(back[0]).toBe(back[1]);
  });
});

describe("sandbox codec: stdlib values", () => {
  it("revives datetime and regex values as instances of the classes, equal to the originals", async () => {
    const v = await mlValues(`import datetime; import regex;
naive = datetime.create(2024, 3, 15, 14, 30, 45, 123456);
zoned = datetime.parseISO("2024-10-27T02:30:00+01:00[Europe/Paris]"); // the second 02:30 of that day
day = datetime.createDate(2024, 2, 29);
clock = datetime.createTime(23, 59, 58, 5);
delta = datetime.createDelta(400000000, 3, 7);
zone = datetime.timezone("+05:30");
pattern = regex.compile("(?i)a(b)?", regex.MULTILINE());
found = regex.search("(x)(y)?", "--x--");`);
    const classes: [string, Function][] = [
      ["naive", DateTime], ["zoned", DateTime], ["day", MLDate], ["clock", Time],
      ["delta", TimeDelta], ["zone", TimeZone], ["pattern", Pattern], ["found", Match],
    ];
    for (const [name, cls] of classes) {
      const back = cross(v[name], name);
      expect(back, name).toBeInstanceOf(cls);
      expect(back, name).not.toBe(v[name]);
      expect(String(back), name).toBe(String(v[name]));
      expect(JSON.stringify(back), name).toBe(JSON.stringify(v[name]));
    }
    // The instant and zone of a zoned value survive, not only its display.
    const zoned = cross(v.zoned) as DateTime;
    expect(zoned.zoned!.equals((v.zoned as DateTime).zoned!)).toBe(true);
    expect(zoned.zoned!.timeZoneId).toBe("Europe/Paris");
    expect((cross(v.delta) as TimeDelta).micros).toBe((v.delta as TimeDelta).micros);
    const found = cross(v.found) as Match;
    expect(found.group(1)).toBe("x");
    expect(found.group(2)).toBe(null);
    expect((cross(v.pattern) as Pattern).flags).toBe((v.pattern as Pattern).flags);
  });

  it("sends other objects with toJSON as their JSON form", async () => {
    const v = await mlValues('import log; logger = log.createLogger("app");');
    expect(cross(v.logger)).toEqual({ name: "app", level: "INFO" });
    expect(cross(new Date(Date.UTC(2024, 0, 2)))).toBe("2024-01-02T00:00:00.000Z");
  });

  it("keeps a stdlib value inside data", () => {
    const d = new DateTime(Temporal.PlainDateTime.from("2024-01-02T03:04:05"), null);
    const back = cross({ at: [d] }) as { at: DateTime[] };
    expect(back.at[0]).toBeInstanceOf(DateTime);
    expect(String(back.at[0])).toBe("2024-01-02T03:04:05");
  });
});

describe("sandbox codec: what cannot cross", () => {
  it("refuses functions, naming where they sit", () => {
    expect(() => encode({ handlers: [1, () => 1] }, "result")).toThrow(CodecError);
    expect(() => encode({ handlers: [1, () => 1] }, "result")).toThrow(/^result\.handlers\[1\]: a function cannot cross the sandbox boundary/);
    expect(() => encode({ "odd key": Symbol("s") }, "args")).toThrow(/^args\["odd key"\]: a symbol cannot cross/);
  });

  it("refuses bigints, Maps and other objects without a JSON form", () => {
    expect(() => encode(1n, "result")).toThrow(/a bigint cannot cross/);
    expect(() => encode([new Map()], "result")).toThrow(/^result\[0\]: a Map object cannot cross/);
  });

  it("names ML values that cannot cross as ML does", async () => {
    const v = await mlValues("import math; m = math;");
    expect(() => encode({ m: v.m }, "result")).toThrow(/^result\.m: a module cannot cross/);
  });

  it("refuses data nested deeper than MAX_DEPTH, without overflowing the stack", () => {
    let deep: unknown[] = [];
    for (let i = 0; i < MAX_DEPTH + 5; i++) deep = [deep];
    expect(() => encode(deep, "result")).toThrow(/nested more than 500 levels deep/);
    let ok: unknown[] = [];
    for (let i = 0; i < MAX_DEPTH - 1; i++) ok = i % 2 === 0 ? [ok] : ({ a: ok } as never);
    expect(() => cross(ok)).not.toThrow();
  });

  it("leaves out exports that cannot cross, keeping the others and their sharing intact", async () => {
    const exports = await mlValues('import datetime; shared = [1]; f = fn(x) => x; mixed = [shared, fn(y) => y]; later = {"s": shared}; n = 3;');
    const back = decode(structuredClone(encodeExports(exports))) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(["shared", "later", "n"]);
    expect((back.later as { s: unknown }).s).toBe(back.shared);
  });

  it("counts what it writes against maxSize: a stdlib value's text at every reference, a shared container's later references 1 each", async () => {
    const v = await mlValues('import regex; text = "x" * 1000; m = regex.search("x", text); shared = [text];');
    // A Match carries its subject text each time it appears (structured clone copies strings).
    expect(() => encode([v.m, v.m], "result", 2000)).toThrow(WireSizeError);
    expect(() => encode([v.m, v.m], "result", 2100)).not.toThrow();
    // A shared container is written once, then referenced.
    expect(() => encode([v.shared, v.shared, v.shared], "result", 1010)).not.toThrow();
    expect(() => encode([v.text, v.text], "result", 1010)).toThrow(WireSizeError);
    // An export left out does not count.
    const back = decode(encodeExports({ f: ["abcde", () => 1], n: 1 }, 10)) as Record<string, unknown>;
    expect(back).toEqual({ n: 1 });
  });

  it("rejects a malformed tree clearly", () => {
    expect(() => decode({ k: "ref", i: 3 })).toThrow(/malformed sandbox message/);
    expect(() => decode({ k: "nope" } as never)).toThrow(/unknown node "nope"/);
  });
});
