import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadOptions } from "../../src/index.js";
import { capability } from "../../src/capabilities/token.js";
import { withCapabilities } from "../../src/capabilities/context.js";
import { MLError } from "../../src/runtime/errors.js";
import * as csv from "../../src/stdlib/csv.js";
import { ml, mlFails, mlAt, mlFailsAt } from "./ml.js";

const roots: string[] = [];
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mljs-"));
  roots.push(dir);
});
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function inDir(names: readonly string[] = ["file.read", "file.write"]) {
  return names.map((n) => capability(n, { resources: [dir + "/**"] }));
}

/** Runs `source` as `<dir>/main.ml` (so relative paths start at `dir`). */
const runIn = (source: string, options: LoadOptions = {}) => mlAt(join(dir, "main.ml"), source, options);
const failIn = (source: string, options: LoadOptions = {}) => mlFailsAt(join(dir, "main.ml"), source, options);

describe("csv.parse", () => {
  it("parses rows into objects keyed by the header, values as strings", async () => {
    const out = await ml('import csv; print(csv.parse("name,age\\r\\nAda,36\\r\\nAlan,41\\r\\n"));');
    expect(out).toBe('[{"name": "Ada", "age": "36"}, {"name": "Alan", "age": "41"}]\n');
  });

  it("without headers gives arrays; aliases readString and read_string", async () => {
    const out = await ml('import csv; print(csv.parse("a,b\\n1,2", ",", false)); print(csv.readString("x\\ny")); print(csv.read_string("p;q\\n1;2", ";"));');
    expect(out).toBe('[["a", "b"], ["1", "2"]]\n[{"x": "y"}]\n[{"p": "1", "q": "2"}]\n');
  });

  it("handles RFC 4180 quoting: delimiters, doubled quotes, line breaks", async () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"multi\r\nline",""\r\n';
    expect(csv.parse(text, ",", false)).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\r\nline", ""],
    ]);
  });

  it("accepts LF and CR line endings, skips blank lines, keeps empty fields", () => {
    expect(csv.parse("a,b\n\n1,\n\r\n,2\r3,4", ",", false)).toEqual([
      ["a", "b"],
      ["1", ""],
      ["", "2"],
      ["3", "4"],
    ]);
    expect(csv.parse("a,", ",", false)).toEqual([["a", ""]]);
    expect(csv.parse("", ",", false)).toEqual([]);
    expect(csv.parse("\n\n", ",", true)).toEqual([]);
    expect(csv.parse('""', ",", false)).toEqual([[""]]);
  });

  it("is lenient with stray quotes as Python's reader is", () => {
    expect(csv.parse('a"b,"c"d', ",", false)).toEqual([['a"b', "cd"]]);
  });

  it("a short row gets null for missing fields; a long row is an error", async () => {
    expect(await ml('import csv; print(csv.parse("a,b,c\\n1,2"));')).toBe('[{"a": "1", "b": "2", "c": null}]\n');
    expect(await mlFails('import csv; csv.parse("a,b\\n1,2\\n1,2,3");')).toEqual({
      type: "ValueError",
      message: "CSV record 3 has 3 fields but the header has 2",
    });
  });

  it("an unterminated quoted field is a ValueError", async () => {
    expect(await mlFails('import csv; csv.parse("a\\n\\"open");')).toEqual({
      type: "ValueError",
      message: "CSV parse error: unterminated quoted field in record 2",
    });
  });

  it("a header named __proto__ is an ordinary key", () => {
    const rows = csv.parse("__proto__,b\n1,2") as Record<string, unknown>[];
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(Object.keys(rows[0]!)).toEqual(["__proto__", "b"]);
  });

  it("validates the delimiter and headers arguments", async () => {
    expect(await mlFails('import csv; csv.parse("a", ";;");')).toEqual({
      type: "ValueError",
      message: 'csv.parse() delimiter must be a single character other than a quote or a line break, got ";;"',
    });
    expect(await mlFails("import csv; csv.parse(\"a\", \"\\\"\");")).toMatchObject({ type: "ValueError" });
    expect(await mlFails('import csv; csv.parse("a", ",", 1);')).toEqual({ type: "TypeError", message: "csv.parse() argument 3 must be a boolean, not number" });
    expect(await mlFails("import csv; csv.parse(5);")).toEqual({ type: "TypeError", message: "csv.parse() argument 1 must be a string, not number" });
  });

  it("respects the run's array limit", async () => {
    const e = await mlFails('import csv; csv.parse("1\\n2\\n3\\n4\\n5\\n", ",", false);', { limits: { maxArrayLength: 3 } });
    expect(e.type).toBe("LimitError");
  });
});

describe("csv.stringify", () => {
  it("objects: header from the first row's keys, \\r\\n line endings", async () => {
    const out = await ml('import csv; print(repr(csv.stringify([{"a": 1, "b": "x"}, {"b": "y", "a": 2.5}])));');
    expect(out).toBe('"a,b\\r\\n1,x\\r\\n2.5,y\\r\\n"\n');
  });

  it("without headers, and arrays written as they are; aliases writeString and write_string", async () => {
    const out = await ml(`import csv;
      print(repr(csv.stringify([{"a": 1}], ",", false)));
      print(repr(csv.writeString([["a", "b"], [1, true]])));
      print(repr(csv.write_string([["a", "b"]], ";")));
      print(repr(csv.stringify([])));`);
    expect(out).toBe('"1\\r\\n"\n"a,b\\r\\n1,true\\r\\n"\n"a;b\\r\\n"\n""\n');
  });

  it("quotes fields holding the delimiter, quotes or line breaks; null is an empty field", () => {
    expect(csv.stringify([["a,b", 'q"t', "l\nf", "c\rr", null, "plain"]])).toBe('"a,b","q""t","l\nf","c\rr",,plain\r\n');
    expect(csv.stringify([["a;b", "a,b"]], ";")).toBe('"a;b";a,b\r\n');
    expect(csv.stringify([[""], [null]])).toBe('""\r\n""\r\n');
  });

  it("round-trips through parse", () => {
    const rows = [
      ["id", "text"],
      ["1", 'he said "hi", then\r\nleft'],
      ["2", ""],
    ];
    expect(csv.parse(csv.stringify(rows) as string, ",", false)).toEqual(rows);
  });

  it("missing keys are empty, unknown keys and mixed rows are errors", async () => {
    expect(csv.stringify([{ a: 1, b: 2 }, { a: 3 }])).toBe("a,b\r\n1,2\r\n3,\r\n");
    expect(await mlFails('import csv; csv.stringify([{"a": 1}, {"a": 2, "z": 3}]);')).toEqual({
      type: "ValueError",
      message: "csv.stringify() row 2 has a field not in the header: 'z'",
    });
    expect(await mlFails('import csv; csv.stringify([{"a": 1}, [2]]);')).toEqual({
      type: "TypeError",
      message: "csv.stringify() row 2 must be an object like the first row, not array",
    });
    expect(await mlFails("import csv; csv.stringify([[1], 2]);")).toEqual({
      type: "TypeError",
      message: "csv.stringify() row 2 must be an array like the first row, not number",
    });
    expect(await mlFails("import csv; csv.stringify([1]);")).toEqual({
      type: "TypeError",
      message: "csv.stringify() row 1 must be an object or an array, not number",
    });
  });

  it("needs no capability", async () => {
    expect(await ml("import csv; print(requiredCapabilities(csv.parse), requiredCapabilities(csv.stringify));")).toBe("[] []\n");
  });
});

describe("csv files", () => {
  it("write then read, countRows, getHeaders and aliases", async () => {
    const out = await runIn(
      `import csv;
       csv.write("out/data.csv", [{"name": "Ada", "note": "a, b"}, {"name": "Alan", "note": ""}]);
       print(csv.read("out/data.csv"));
       print(csv.read("out/data.csv", ",", false));
       print(csv.countRows("out/data.csv"), csv.count_rows("out/data.csv", ",", false));
       print(csv.getHeaders("out/data.csv"), csv.get_headers("out/data.csv"));`,
      { capabilities: inDir() },
    );
    expect(out).toBe(
      '[{"name": "Ada", "note": "a, b"}, {"name": "Alan", "note": ""}]\n' +
        '[["name", "note"], ["Ada", "a, b"], ["Alan", ""]]\n' +
        "2 3\n" +
        '["name", "note"] ["name", "note"]\n',
    );
    expect(readFileSync(join(dir, "out/data.csv"), "utf8")).toBe('name,note\r\nAda,"a, b"\r\nAlan,\r\n');
  });

  it("reads a file with a byte-order mark and a custom delimiter", async () => {
    writeFileSync(join(dir, "bom.csv"), "\ufeffa;b\n1;2\n");
    expect(await runIn('import csv; print(csv.read("bom.csv", ";"));', { capabilities: inDir() })).toBe('[{"a": "1", "b": "2"}]\n');
  });

  it("getHeaders and countRows of an empty file", async () => {
    writeFileSync(join(dir, "empty.csv"), "");
    expect(await runIn('import csv; print(csv.getHeaders("empty.csv"), csv.countRows("empty.csv"));', { capabilities: inDir() })).toBe("[] 0\n");
  });

  it("append orders object rows by the existing header", async () => {
    writeFileSync(join(dir, "a.csv"), "x,y\r\n1,2");
    await runIn('import csv; csv.append("a.csv", {"y": "4", "x": "3"}); csv.append("a.csv", ["5", "6"]); csv.append("a.csv", {"x": "7"});', {
      capabilities: inDir(),
    });
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toBe("x,y\r\n1,2\r\n3,4\r\n5,6\r\n7,\r\n");
  });

  it("append to a new file writes the header first", async () => {
    await runIn('import csv; csv.append("new/n.csv", {"a": 1, "b": "x,y"}); csv.append("new/n.csv", {"b": 2, "a": 3});', { capabilities: inDir() });
    expect(readFileSync(join(dir, "new/n.csv"), "utf8")).toBe('a,b\r\n1,"x,y"\r\n3,2\r\n');
    await runIn('import csv; csv.append("arr.csv", [1, 2]);', { capabilities: inDir() });
    expect(readFileSync(join(dir, "arr.csv"), "utf8")).toBe("1,2\r\n");
  });

  it("append errors", async () => {
    writeFileSync(join(dir, "a.csv"), "x,y\r\n");
    expect(await failIn('import csv; csv.append("a.csv", {"z": 1});', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "csv.append() row 1 has a field not in the header: 'z'",
    });
    expect(await failIn('import csv; csv.append("a.csv", "x");', { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "csv.append() argument 2 must be an object or an array, not string",
    });
  });

  it("file errors name the path as written", async () => {
    expect(await failIn('import csv; csv.read("none.csv");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "File not found: none.csv" });
  });

  const calls: [string, string, string][] = [
    ["read", 'csv.read("f.csv")', "file.read"],
    ["countRows", 'csv.countRows("f.csv")', "file.read"],
    ["getHeaders", 'csv.getHeaders("f.csv")', "file.read"],
    ["write", 'csv.write("f.csv", [[1]])', "file.write"],
    ["append", 'csv.append("f.csv", [1])', "file.read"],
  ];
  for (const [name, call, cap] of calls) {
    it(`${name} is denied without ${cap} and works with it`, async () => {
      writeFileSync(join(dir, "f.csv"), "a\r\n1\r\n");
      expect(await failIn(`import csv; ${call};`)).toEqual({
        type: "CapabilityError",
        message: `csv.${name}() requires capability '${cap}': this run was not granted it`,
      });
      await expect(runIn(`import csv; ${call};`, { capabilities: inDir() })).resolves.toBe("");
    });
  }

  it("append needs file.write too, and paths are checked against the patterns", async () => {
    writeFileSync(join(dir, "f.csv"), "a\r\n");
    expect(await failIn('import csv; csv.append("f.csv", [1]);', { capabilities: inDir(["file.read"]) })).toEqual({
      type: "CapabilityError",
      message: "csv.append() requires capability 'file.write': this run was not granted it",
    });
    const narrow = [capability("file.read", { resources: [dir + "/data/**"] }), capability("file.write", { resources: [dir + "/data/**"] })];
    const e = await failIn('import csv; csv.read("f.csv");', { capabilities: narrow });
    expect(e.type).toBe("CapabilityError");
    expect(e.message).toContain("'f.csv' matches none of the granted patterns");
    const w = await failIn('import csv; csv.write("../x.csv", [[1]]);', { capabilities: narrow });
    expect(w.type).toBe("CapabilityError");
    expect(existsSync(join(dir, "..", "x.csv"))).toBe(false);
  });

  it("help and requiredCapabilities", async () => {
    const out = await ml("import csv; print(help(csv.append)); print(requiredCapabilities(csv.append));");
    expect(out).toContain('csv.append(path, row, delimiter=",", encoding="utf-8")');
    expect(out).toContain('["file.read", "file.write"]');
  });

  it("host calls are denied outside a context and allowed inside one", () => {
    const p = join(dir, "h.csv");
    writeFileSync(p, "a\n1\n");
    expect(() => csv.read(p)).toThrow(MLError);
    expect(withCapabilities(inDir(), () => csv.read(p))).toEqual([{ a: "1" }]);
  });
});

describe("csv: mlpy's encoding parameter and count_rows(path, delimiter, encoding)", () => {
  it("read, write, count_rows, get_headers and append take an encoding", async () => {
    const out = await runIn(
      `import csv;
       csv.write("p.csv", [{"name": "José", "n": 1}], ",", true, "latin-1");
       csv.append("p.csv", {"name": "Zoë", "n": 2}, ",", "latin-1");
       print(csv.read("p.csv", ",", true, "latin-1"));
       print(csv.count_rows("p.csv", ",", "latin-1"), csv.countRows("p.csv", ",", "iso-8859-1"), csv.count_rows("p.csv", null, "L1"));
       print(csv.get_headers("p.csv", ",", "latin-1"), csv.getHeaders("p.csv", null, "latin1"));
       csv.write("a.csv", [["h"], ["1"], ["2"]]);
       print(csv.countRows("a.csv", ",", false, null), csv.count_rows("a.csv", ",", false), csv.countRows("a.csv", ",", "utf-8", false), csv.count_rows("a.csv", ","));`,
      { capabilities: inDir() },
    );
    expect(out).toBe(
      '[{"name": "José", "n": "1"}, {"name": "Zoë", "n": "2"}]\n' +
        "2 2 2\n" +
        '["name", "n"] ["name", "n"]\n' +
        "3 3 3 2\n",
    );
    expect(readFileSync(join(dir, "p.csv")).includes(Buffer.from([0x4a, 0x6f, 0x73, 0xe9]))).toBe(true);
  });

  it("an unknown encoding raises ValueError before the file is touched", async () => {
    expect(await failIn('import csv; csv.write("q.csv", [[1]], ",", true, "ebcdic");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "csv.write() unknown encoding: 'ebcdic' (supported: utf-8, utf-8-sig, latin-1 (iso-8859-1), ascii, utf-16, utf-16-le, utf-16-be)",
    });
    expect(existsSync(join(dir, "q.csv"))).toBe(false);
    expect(await failIn('import csv; csv.count_rows("q.csv", ",", "klingon");', { capabilities: inDir() })).toMatchObject({ type: "ValueError" });
  });
});
