import { describe, expect, it } from "vitest";
import { ml, mlFails } from "./ml.js";
import { load } from "../../src/index.js";
import * as json from "../../src/stdlib/json.js";
import * as datetime from "../../src/stdlib/datetime.js";
import { mlFailure as hostError } from "../runtime/ml-error.js";

/** Runs `body` after `import json;` and returns the printed lines. */
async function lines(body: string, options = {}): Promise<string[]> {
  const out = await ml(`import json;\nimport math;\nimport datetime;\n${body}`, options);
  return out.trimEnd().split("\n");
}

/** `type: message` of the error an ML expression raises. */
async function caught(expr: string): Promise<string> {
  const [line] = await lines(`try { ${expr}; print("no error"); } except (e) { print(e.type + ": " + e.message); }`);
  return line!;
}

describe("json.parse", () => {
  it("gives ML values", async () => {
    expect(
      await lines(`v = json.parse('{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d\\\\u00e9\\\\n"}, "": 0}');
print(v, typeof(v), typeof(v["a"]), v.b.c == "dé\\n");
print(json.parse("42"), json.parse(' "s" '), json.parse("null"), json.parse("[]"), json.parse("{}"), json.parse("1e400"));`),
    ).toEqual(['{"a": [1, 2.5, -300, true, false, null], "b": {"c": "dé\\n"}, "": 0} object array true', '42 s null [] {} inf']);
  });

  it("keeps keys such as __proto__ and constructor as ordinary own keys", async () => {
    expect(
      await lines(`v = json.parse('{"__proto__": {"polluted": 1}, "constructor": 2}');
print(v, v.polluted, json.keys(v), v["__proto__"], json.hasKey(v, "__proto__"), {}.polluted);`),
    ).toEqual(['{"__proto__": {"polluted": 1}, "constructor": 2} null ["__proto__", "constructor"] {"polluted": 1} true null']);
    const v = json.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.hasOwn(v, "__proto__")).toBe(true);
    expect((v as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("reports the reason and position of a syntax error", () => {
    const cases: [string, string][] = [
      ["", "Expecting value at line 1 column 1"],
      ["   ", "Expecting value at line 1 column 4"],
      ['{"a":}', "Expecting value at line 1 column 6"],
      ["[1,2", "Expecting ',' delimiter at line 1 column 5"],
      ["[1 2]", "Expecting ',' delimiter at line 1 column 4"],
      ['{"a" 1}', "Expecting ':' delimiter at line 1 column 6"],
      ['{"a":1,}', "Expecting property name enclosed in double quotes at line 1 column 8"],
      ["{'a': 1}", "Expecting property name enclosed in double quotes at line 1 column 2"],
      ["[1,]", "Expecting value at line 1 column 4"],
      ['"abc', "Unterminated string starting at line 1 column 1"],
      ['"a\\qb"', "Invalid \\escape at line 1 column 3"],
      ['"\\u12G4"', "Invalid \\uXXXX escape at line 1 column 2"],
      ['"a\tb"', "Invalid control character at line 1 column 3"],
      ["[1]x", "Extra data at line 1 column 4"],
      ["[01]", "Expecting ',' delimiter at line 1 column 3"],
      ["nul", "Expecting value at line 1 column 1"],
      ["NaN", "Expecting value at line 1 column 1"],
      ['{\n  "a": 1,\n  "b": tru\n}', "Expecting value at line 3 column 8"],
      ["[\n1,\n2 3]", "Expecting ',' delimiter at line 3 column 3"],
    ];
    for (const [text, where] of cases) {
      expect(hostError(() => json.parse(text)), JSON.stringify(text)).toBe(`ValueError: JSON parsing failed: ${where}`);
    }
  });

  it("raises the same ValueError in ML, and TypeError for a non-string", async () => {
    expect(await caught("json.parse('[1, 2')")).toBe("ValueError: JSON parsing failed: Expecting ',' delimiter at line 1 column 6");
    expect(await caught("json.parse(1)")).toBe("TypeError: parse() argument 1 must be a string, not number");
    expect(await caught("json.parse()")).toBe("TypeError: json.parse() takes 1 argument but 0 were given");
  });

  it("parses very deep nesting without exhausting the host stack", () => {
    const depth = 200_000;
    let v = json.parse("[".repeat(depth) + "]".repeat(depth)) as unknown[];
    let n = 1;
    while (v.length > 0) {
      v = v[0] as unknown[];
      n++;
    }
    expect(n).toBe(depth);
  });

  it("checks parsed arrays against the program's array limit", async () => {
    expect(await mlFails('import json;\nprint(json.parse("[1,2,3,4,5]"));', { limits: { maxArrayLength: 3 } })).toEqual({
      type: "LimitError",
      message: "array length limit exceeded (max 3)",
    });
    expect(await mlFails('import json;\nprint(json.parse("{\\"a\\": [[1,2,3,4]]}"));', { limits: { maxArrayLength: 3 } })).toEqual({
      type: "LimitError",
      message: "array length limit exceeded (max 3)",
    });
    expect(await ml('import json;\nprint(json.parse("[1,2,3]"));', { limits: { maxArrayLength: 3 } })).toBe("[1, 2, 3]\n");
  });
});

describe("json.safeParse", () => {
  it("parses like parse (also as safe_parse)", async () => {
    expect(await lines(`print(json.safeParse('{"a": [1, {"b": null}]}'), json.safe_parse("[[1]]", 2));`)).toEqual(['{"a": [1, {"b": null}]} [[1]]']);
  });

  it("limits the nesting depth (default 100)", async () => {
    const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(json.safeParse(nested(100))).toBeInstanceOf(Array);
    expect(hostError(() => json.safeParse(nested(101)))).toBe("ValueError: JSON nesting exceeds the maximum depth of 100 at line 1 column 101");
    expect(hostError(() => json.safeParse('{"a": {"b": 1}}', 1))).toBe("ValueError: JSON nesting exceeds the maximum depth of 1 at line 1 column 7");
    expect(json.safeParse("5", 0)).toBe(5);
    expect(hostError(() => json.safeParse("[]", 0))).toBe("ValueError: JSON nesting exceeds the maximum depth of 0 at line 1 column 1");
    expect(hostError(() => json.safeParse("[1", 5))).toBe("ValueError: JSON parsing failed: Expecting ',' delimiter at line 1 column 3");
    expect(await caught("json.safeParse('[]', -1)")).toBe("ValueError: safeParse() maxDepth must be non-negative, got -1");
    expect(await caught("json.safeParse('[]', 1.5)")).toBe("TypeError: safeParse() argument 2 must be an integer, not float");
  });

  it("refuses text longer than the program's string limit", async () => {
    const program = await load({ source: "import json;\nfunction check(s) { return json.safeParse(s); }", filename: "safe.ml" }, { limits: { maxStringLength: 20 } });
    const check = program.exports.check as (s: string) => unknown;
    expect(check("[1, 2, 3]")).toEqual([1, 2, 3]);
    expect(() => check(`[${"1,".repeat(20)}1]`)).toThrow("JSON input too large: 43 characters (maximum 20)");
  });
});

describe("json.stringify and json.prettyPrint", () => {
  it("writes compact JSON", async () => {
    expect(
      await lines(`print(json.stringify({"a": 1, "b": [true, null, "x"], "c": {}}));
print(json.stringify([]), json.stringify("q\\"\\n"), json.stringify(-0.0), json.stringify(0.1), json.stringify(1e21), json.stringify(null));
print(json.stringify({"1": "one", "b": 2, "0": "zero"}));`),
    ).toEqual(['{"a":1,"b":[true,null,"x"],"c":{}}', '[] "q\\"\\n" 0 0.1 1e+21 null', '{"0":"zero","1":"one","b":2}']);
  });

  it("escapes strings as JSON requires and keeps other Unicode as is", () => {
    expect(json.stringify(["é😀", "\u0001", "\ud800", "a/b"])).toBe('["é😀","\\u0001","\\ud800","a/b"]');
  });

  it("serialises stdlib objects through their JSON form", async () => {
    expect(
      await lines(`print(json.stringify({"when": datetime.create(2024, 3, 15, 14, 30), "day": datetime.createDate(2024, 3, 15),
  "at": datetime.createTime(9), "took": datetime.createDelta(0, 1, 30), "zone": datetime.utc(), "z": datetime.parseISO("2024-03-15T14:30Z")}));`),
    ).toEqual(['{"when":"2024-03-15T14:30:00","day":"2024-03-15","at":"09:00:00","took":"PT1H30M","zone":"UTC","z":"2024-03-15T14:30:00+00:00"}']);
  });

  it("treats an ML object's toJSON key as data, never calling it", async () => {
    expect(await lines(`print(json.stringify({"toJSON": "data"}));`)).toEqual(['{"toJSON":"data"}']);
    expect(await caught('json.stringify({"toJSON": fn() => 1})')).toBe("TypeError: Object of type function is not JSON serializable");
  });

  it("refuses functions, modules, nan/inf and cycles", async () => {
    expect(await caught("json.stringify([1, fn(x) => x])")).toBe("TypeError: Object of type function is not JSON serializable");
    expect(await caught("json.stringify(json.parse)")).toBe("TypeError: Object of type function is not JSON serializable");
    expect(await caught("json.stringify({\"m\": math})")).toBe("TypeError: Object of type module is not JSON serializable");
    expect(await caught("json.stringify([math.nan])")).toBe("ValueError: Out of range float values are not JSON compliant: nan");
    expect(await caught('json.prettyPrint({"x": -math.inf})')).toBe("ValueError: Out of range float values are not JSON compliant: -inf");
    expect(await caught("a = [1]; a.append(a); json.stringify(a)")).toBe("ValueError: Circular reference detected");
    expect(await caught('o = {"k": 1}; o.self = [o]; json.stringify(o)')).toBe("ValueError: Circular reference detected");
    expect(hostError(() => json.stringify(new Map()))).toBe("TypeError: Object of type hostobject is not JSON serializable");
  });

  it("writes a value shared by two branches twice (it is not a cycle)", async () => {
    expect(await lines(`s = [1]; print(json.stringify([s, {"again": s}]));`)).toEqual(['[[1],{"again":[1]}]']);
  });

  it("writes the same text on the fast path and the careful one", () => {
    // Deeper than the engine is trusted with, so the careful writer runs; the engine still manages 1 100 levels.
    let deep: unknown = { s: "é\n\u0001\"", n: [-0, 0.1, 1e21, -0.0000012345678901234567], b: [true, false, null], e: {}, a: [] };
    for (let i = 0; i < 1100; i++) deep = i % 2 === 0 ? [deep, i] : { k: deep, "": "x" };
    expect(json.stringify(deep)).toBe(JSON.stringify(deep));
    const small = { a: [1, { b: [], c: "d" }], e: {}, f: null };
    const twelve = JSON.stringify(small, null, 2).replace(/^ +/gm, (spaces) => " ".repeat(spaces.length * 6));
    expect(json.prettyPrint(small, 12)).toBe(twelve);
    // A host object with an undefined value: the engine would drop the key, ML reads it as null.
    expect(json.stringify({ a: undefined, b: [undefined] })).toBe('{"a":null,"b":[null]}');
  });

  it("serialises very deep structures without exhausting the host stack", () => {
    const depth = 100_000;
    const text = "[".repeat(depth) + "]".repeat(depth);
    expect(json.stringify(json.parse(text))).toBe(text);
  });

  it("pretty-prints like JSON.stringify with an indent, 4 by default as in mlpy (also as pretty_print)", async () => {
    const value = { a: [1, { b: [] }], c: {}, d: "x" };
    const [byDefault, two, four, tab] = await lines(`v = {"a": [1, {"b": []}], "c": {}, "d": "x"};
print(json.stringify(json.prettyPrint(v)));
print(json.stringify(json.prettyPrint(v, 2)));
print(json.stringify(json.pretty_print(v, 4)));
print(json.stringify(json.prettyPrint(v, "\\t")));`);
    expect(JSON.parse(byDefault!)).toBe(JSON.stringify(value, null, 4));
    expect(JSON.parse(two!)).toBe(JSON.stringify(value, null, 2));
    expect(JSON.parse(four!)).toBe(JSON.stringify(value, null, 4));
    expect(JSON.parse(tab!)).toBe(JSON.stringify(value, null, "\t"));
  });

  it("indent 0 still puts one item per line (as Python does)", () => {
    expect(json.prettyPrint([1, [2]], 0)).toBe("[\n1,\n[\n2\n]\n]");
    expect(json.prettyPrint([])).toBe("[]");
    expect(json.prettyPrint(5)).toBe("5");
  });

  it("rejects a bad indent", async () => {
    expect(await caught("json.prettyPrint([1], -1)")).toBe("ValueError: prettyPrint() indent must be non-negative, got -1");
    expect(await caught("json.prettyPrint([1], true)")).toBe("TypeError: prettyPrint() argument 2 must be an integer, not boolean");
  });

  it("checks the output against the string length limit", async () => {
    expect(await mlFails("import json;\nprint(json.stringify(range(100)));", { limits: { maxStringLength: 50 } })).toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 50)",
    });
    expect(await mlFails("import json;\nprint(json.prettyPrint([[[[1]]]], 10));", { limits: { maxStringLength: 50 } })).toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 50)",
    });
  });

  it("counts escapes before writing a string or a key: a control character is six characters of output", async () => {
    // 1 000 control characters quote to 6 002 characters: over a 3 000 limit, under a 7 000 one.
    for (const expr of ['json.stringify(chr(1) * 1000)', 'json.stringify(keyed)', 'json.prettyPrint([chr(31) * 1000], 12)']) {
      expect(await mlFails(`import json;\nkeyed = {};\nkeyed[chr(1) * 1000] = 1;\nprint(len(${expr}));`, { limits: { maxStringLength: 3_000 } })).toEqual({
        type: "LimitError",
        message: "string length limit exceeded (max 3000)",
      });
    }
    expect(await lines("import json;\nprint(len(json.stringify(chr(1) * 1000)), len(json.stringify(chr(55296) + chr(55296) + chr(56320))));", { limits: { maxStringLength: 7_000 } })).toEqual(["6002 10"]);
  });

  it("round-trips ML data", async () => {
    expect(
      await lines(`v = {"n": [1, -2.5, 1e-7], "s": "tab\\t\\"q\\" \\u00e9", "b": [true, false, null], "o": {"__proto__": 1}};
print(json.parse(json.stringify(v)) == v, json.parse(json.prettyPrint(v)) == v);`),
    ).toEqual(["true true"]);
  });
});

describe("json.validate and the type tests", () => {
  it("validate tells valid JSON text apart", async () => {
    expect(await lines(`print(json.validate('{"a": [1]}'), json.validate("[1,"), json.validate(""), json.validate("nan"), json.validate(" true "));`)).toEqual([
      "true false false false true",
    ]);
    expect(await caught("json.validate(1)")).toBe("TypeError: validate() argument 1 must be a string, not number");
  });

  it("is* functions (with aliases) classify ML values", async () => {
    const values = '[{}, [], "s", 1, true, null, datetime.createDate(2024, 1, 1), fn(x) => x]';
    const table = await lines(`vs = ${values};
function row(f) { out = ""; for (v in vs) { out = out + (f(v) ? "1" : "0"); } return out; }
print(row(json.isObject), row(json.isArray), row(json.isString), row(json.isNumber), row(json.isBoolean), row(json.isNull));
print(row(json.is_object), row(json.is_array), row(json.is_string), row(json.is_number), row(json.is_boolean), row(json.is_null));`);
    expect(table).toEqual([
      "10000000 01000000 00100000 00010000 00001000 00000100",
      "10000000 01000000 00100000 00010000 00001000 00000100",
    ]);
  });
});

describe("object helpers", () => {
  it("keys, values, hasKey/has_key and get", async () => {
    expect(
      await lines(`o = {"b": 1, "a": [2], "1": null};
print(json.keys(o), json.values(o), json.hasKey(o, "a"), json.has_key(o, "z"), json.hasKey(o, 1), json.hasKey(o, "toString"));
print(json.get(o, "a"), json.get(o, "z"), json.get(o, "z", 0), json.get(o, "1", "default"), json.get(o, 1), json.get(o, "constructor", "none"));`),
    ).toEqual(['["1", "b", "a"] [null, 1, [2]] true false true false', '[2] null 0 null null none']);
  });

  it("treats a non-object as having no keys, as mlpy does", async () => {
    expect(
      await lines(`print(json.keys([1]), json.keys(null), json.values("s"), json.values(5), json.hasKey([1], "0"), json.has_key(null, "a"));
print(json.get(null, "a"), json.get([1, 2], "0", "d"), json.get("text", "length", 7), json.merge(null, {"a": 1}), json.merge({"b": 2}, null), json.merge(null, null));`),
    ).toEqual(["[] [] [] [] false false", 'null d 7 {"a": 1} {"b": 2} {}']);
  });

  it("rejects bad keys", async () => {
    expect(await caught("json.hasKey({}, true)")).toBe("TypeError: hasKey() argument 2 must be a string, not boolean");
    expect(await caught("json.hasKey(null, [])")).toBe("TypeError: hasKey() argument 2 must be a string, not array");
    expect(await caught("json.get({}, 1.5)")).toBe("TypeError: get() argument 2 must be a string, not number");
  });

  it("merge returns a new object and changes neither argument", async () => {
    expect(
      await lines(`a = {"x": 1, "y": {"deep": true}};
b = {"y": 2, "z": 3};
m = json.merge(a, b);
print(m, a, b, m == a);
m.x = 9;
print(a.x, json.merge({}, {}));`),
    ).toEqual(['{"x": 1, "y": 2, "z": 3} {"x": 1, "y": {"deep": true}} {"y": 2, "z": 3} false', "1 {}"]);
    // mlpy silently dropped a non-object argument; mljs refuses to lose it (null still counts as {}).
    expect(await caught("json.merge({}, [])")).toBe("TypeError: merge() argument 2 must be an object, not array");
    expect(await caught('json.merge("a", {})')).toBe("TypeError: merge() argument 1 must be an object, not string");
  });

  it("merge copies a __proto__ key as an own key without touching prototypes", () => {
    const evil = json.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const merged = json.merge({ a: 1 }, evil) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(["a", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(merged, "__proto__")?.value).toEqual({ polluted: true });
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("metadata and host use", () => {
  it("help() and requiredCapabilities(): json needs no capability", async () => {
    const out = await lines(`print(requiredCapabilities(json.parse), requiredCapabilities(json.safe_parse), requiredCapabilities(json.merge));
print(help(json.prettyPrint));`);
    expect(out[0]).toBe("[] [] []");
    expect(out.slice(1).join("\n")).toMatch(/^json\.prettyPrint\(v, indent=4\)\nJSON text of v .*\nCapabilities: none required$/);
  });

  it("host code can call the functions directly", () => {
    expect(json.stringify({ when: datetime.create(2024, 1, 2) })).toBe('{"when":"2024-01-02T00:00:00"}');
    expect(json.parse("[1]")).toEqual([1]);
    expect(json.isArray([])).toBe(true);
    expect(hostError(() => json.stringify(() => 1))).toBe("TypeError: Object of type function is not JSON serializable");
  });

  it("values from ML serialise with the host's JSON.stringify too", async () => {
    const program = await load({ source: "import json;\nimport datetime;\nfunction data() { return json.parse('{\"n\": 1}'); }", filename: "h.ml" });
    expect(JSON.stringify((program.exports.data as () => unknown)())).toBe('{"n":1}');
  });
});
