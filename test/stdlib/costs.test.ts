/**
 * The stdlib's cost model (docs/limits.md): every function charges the run's step budget in
 * proportion to the work it does, so a budget that allows a call on small input refuses the same
 * call on large input with `LimitError: step limit exceeded`, and the work of one call meets the
 * step and time limits part-way.
 *
 * Each case runs three programs under the same `steps`: the setup with the call on small input
 * (must pass), the setup with the call on large input (must fail with the step limit), and the
 * large call without a limit (must pass: the refusal is about cost, not an error of the call).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { capability } from "../../src/capabilities/token.js";
import type { CapabilityToken } from "../../src/capabilities/token.js";
import { ml, mlFails } from "./ml.js";

const dir = mkdtempSync(join(tmpdir(), "mljs-costs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lit = (s: string) => JSON.stringify(s);

interface Case {
  /** ML statements run before the call (imports, building the large input). */
  readonly setup: string;
  /** The call on small input: fits in `steps` after the setup. */
  readonly small: string;
  /** The same call on large input: passes `steps`. */
  readonly large: string;
  readonly steps: number;
  readonly capabilities?: readonly CapabilityToken[];
}

/** An expression or a block as a statement. */
const statement = (s: string) => (s.endsWith("}") ? s : `${s};`);

async function chargesForWork(c: Case): Promise<void> {
  const options = { limits: { steps: c.steps }, capabilities: c.capabilities ?? [] };
  const small = `${c.setup}\n${statement(c.small)}\nprint("ok");`;
  const large = `${c.setup}\n${statement(c.large)}\nprint("ok");`;
  await expect(ml(small, options)).resolves.toMatch(/ok\n$/);
  await expect(mlFails(large, options)).resolves.toEqual({ type: "LimitError", message: `step limit exceeded (${c.steps} steps)` });
  await expect(ml(large, { capabilities: c.capabilities ?? [] })).resolves.toMatch(/ok\n$/);
}

/** `a = [a, a]` `levels` times: 2^(levels+1) - 1 values for a handful of steps. */
const dag = (levels: number, leaf = "1") => `a = [${leaf}]; for (i in range(${levels})) { a = [a, a]; }`;

describe("every stdlib call is a step", () => {
  it("a loop of stdlib calls costs a step more per iteration than an empty loop", async () => {
    const limits = { steps: 1500 };
    await expect(ml("import math; for (i in range(1000)) { x = 1; } print(1);", { limits })).resolves.toBe("1\n");
    await expect(mlFails("import math; for (i in range(1000)) { x = math.abs(-1); }", { limits })).resolves.toEqual({
      type: "LimitError",
      message: "step limit exceeded (1500 steps)",
    });
  });
});

describe("json", () => {
  it("stringify charges each value of a shared structure as it writes it", () =>
    chargesForWork({ setup: `import json; ${dag(16)}`, small: "json.stringify([1, [2, 3]])", large: "json.stringify(a)", steps: 20000 }));

  it("prettyPrint charges each value and its indentation", () =>
    chargesForWork({ setup: `import json; ${dag(14)}`, small: "json.prettyPrint([1, [2, 3]])", large: "json.prettyPrint(a, 4)", steps: 20000 }));

  it("the careful writer (indentation over 10 characters) charges as it writes", () =>
    chargesForWork({
      setup: `import json; ${dag(14, '"abc"')}`,
      small: 'json.prettyPrint([1, [2, 3]], "            ")',
      large: 'json.prettyPrint(a, "            ")',
      steps: 20000,
    }));

  it("parse charges its text and every bracket before parsing", () =>
    chargesForWork({
      setup: 'import json; t = "[" + "{},[]," * 5000 + "0]";',
      small: 'json.parse("[{}, []]")',
      large: "json.parse(t)",
      steps: 15000,
    }));

  it("safeParse and validate charge their text", async () => {
    await chargesForWork({ setup: 'import json; t = "[" + "1," * 40000 + "0]";', small: 'json.safeParse("[1]")', large: "json.safeParse(t)", steps: 22000 });
    await chargesForWork({ setup: 'import json; t = "[" + "1," * 40000 + "0]";', small: 'json.validate("[1]")', large: "json.validate(t)", steps: 18000 });
  });

  it("keys, values and merge charge a step per key", () =>
    chargesForWork({
      setup: 'import json; o = {}; for (i in range(3000)) { o[str(i)] = i; }',
      small: "json.keys({\"a\": 1})",
      large: "for (i in range(5)) { json.merge(o, o); json.values(o); }",
      steps: 30000,
    }));

  it("an over-long array is refused by a scan before it is built", async () => {
    const source = 'import json; t = "[" + "0," * 300 + "0]"; x = json.parse(t);';
    await expect(mlFails(source, { limits: { maxArrayLength: 100 } })).resolves.toEqual({
      type: "LimitError",
      message: "array length limit exceeded (max 100)",
    });
    await expect(mlFails(source.replace("json.parse", "json.safeParse"), { limits: { maxArrayLength: 100 } })).resolves.toEqual({
      type: "LimitError",
      message: "array length limit exceeded (max 100)",
    });
    // Nested arrays each within the limit are fine.
    await expect(ml('import json; print(len(json.parse("[" + "[0,0]," * 300 + "0]")));', { limits: { maxArrayLength: 400 } })).resolves.toBe("301\n");
  });

  it("stringify refuses text past the string limit while writing, before building all of it", async () => {
    await expect(mlFails(`import json; ${dag(22)} json.stringify(a);`, { limits: { maxStringLength: 100000 } })).resolves.toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 100000)",
    });
  });
});

describe("collections and functional", () => {
  it("flatten charges every item it visits", async () => {
    await chargesForWork({ setup: `import collections; ${dag(15)}`, small: "collections.flatten([[1], [2]], 100)", large: "collections.flatten(a, 100)", steps: 20000 });
    await chargesForWork({ setup: `import functional; ${dag(15)}`, small: "functional.flatten([[1], [2]], 100)", large: "functional.flatten(a, 100)", steps: 20000 });
  });

  it("contains and indexOf charge each item compared", async () => {
    const setup = "import collections; xs = range(20000);";
    await chargesForWork({ setup, small: "collections.contains([1, 2], 3)", large: "collections.contains(xs, -1)", steps: 30000 });
    await chargesForWork({ setup, small: "collections.indexOf([1, 2], 3)", large: "collections.indexOf(xs, -1)", steps: 30000 });
  });

  it("sort, sortBy, reverse and concat charge copies and comparisons", async () => {
    const setup = "import collections; xs = range(10000);";
    await chargesForWork({ setup, small: "collections.sort([3, 1, 2])", large: "collections.sort(xs, true)", steps: 30000 });
    await chargesForWork({ setup, small: "collections.sortBy([3, 1], fn(x) => -x)", large: "collections.sortBy(xs, fn(x) => -x)", steps: 30000 });
    await chargesForWork({ setup, small: "collections.reverse([1])", large: "for (i in range(5)) { collections.concat(xs, xs, collections.reverse(xs)); }", steps: 30000 });
  });

  it("a string as a sequence costs a step per character", () =>
    chargesForWork({ setup: 'import functional; s = "x" * 100000;', small: 'functional.reverse("abc")', large: "functional.reverse(s)", steps: 30000 }));

  it("range, repeat and zip charge the items they produce", async () => {
    await chargesForWork({ setup: "import functional;", small: "functional.range(10)", large: "functional.range(100000)", steps: 30000 });
    await chargesForWork({ setup: "import functional;", small: "functional.repeat(0, 10)", large: "functional.repeat(0, 100000)", steps: 30000 });
    await chargesForWork({ setup: "import functional; xs = range(20000);", small: "functional.zip([1], [2])", large: "functional.zip(xs, xs, xs)", steps: 40000 });
  });

  it("take and drop with a negative count charge the items they copy", async () => {
    const setup = "import collections; import functional; xs = range(20000);";
    const large = "for (i in range(2)) { collections.take(xs, -1); collections.drop(xs, -19999); functional.take(-1, xs); functional.drop(-19999, xs); }";
    await chargesForWork({ setup, small: "collections.take([1, 2], -1)", large, steps: 60000 });
  });
});

describe("crypto", () => {
  const entropy = [capability("crypto.random")];

  it("hashing and HMACs charge a step per 16 bytes", async () => {
    const setup = 'import crypto; s = "é" * 200000;';
    await chargesForWork({ setup, small: 'crypto.sha256("abc")', large: "crypto.sha256(s)", steps: 30000 });
    await chargesForWork({ setup, small: 'crypto.hmac("abc", "k")', large: 'crypto.hmac(s, "k")', steps: 30000 });
    await chargesForWork({ setup, small: 'crypto.sha256("abc", "salt")', large: 'crypto.sha256("abc", s)', steps: 30000 });
    await chargesForWork({ setup, small: 'crypto.verify_hmac("abc", "00", "k")', large: 'crypto.verify_hmac(s, "00", "k", "sha3_256")', steps: 30000 });
    await chargesForWork({ setup, small: 'crypto.verify_hmac("abc", "00", "k")', large: 'crypto.verifyHmac("abc", s, "k")', steps: 30000 });
  });

  it("random values charge what they produce", async () => {
    await chargesForWork({ setup: "import crypto;", small: "crypto.randomBytes(10)", large: "crypto.randomBytes(100000)", steps: 30000, capabilities: entropy });
    await chargesForWork({ setup: "import crypto;", small: "crypto.randomString(10)", large: "crypto.randomString(100000)", steps: 30000, capabilities: entropy });
  });

  it("hashFile charges the bytes it reads", () => {
    const path = join(dir, "big.bin");
    writeFileSync(path, Buffer.alloc(2_000_000, 7));
    return chargesForWork({
      setup: "import crypto;",
      small: 'crypto.sha256("a")',
      large: `crypto.hashFile(${lit(path)})`,
      steps: 30000,
      capabilities: [capability("file.read", { resources: [dir + "/**"] })],
    });
  });
});

describe("csv", () => {
  it("parse charges each field and the text it reads", () =>
    chargesForWork({ setup: 'import csv; t = "a,b\\n" + "1,2\\n" * 20000;', small: 'csv.parse("a,b\\n1,2\\n")', large: "csv.parse(t)", steps: 30000 }));

  it("stringify charges each row and field", () =>
    chargesForWork({ setup: "import csv; rows = [[1, 2, 3]] * 5000;", small: "csv.stringify([[1, 2]])", large: "csv.stringify(rows)", steps: 20000 }));
});

describe("datetime", () => {
  it("format charges each directive", () =>
    chargesForWork({
      setup: 'import datetime; d = datetime.create(2024, 3, 15); f = "%Y" * 50000;',
      small: 'd.format("%Y-%m-%d")',
      large: "d.format(f)",
      steps: 30000,
    }));

  it("parseISO refuses text no ISO date-time is as long as, before any pattern runs", async () => {
    await expect(mlFails('import datetime; datetime.parseISO("2024-03-15T10:00[" + "[" * 100000 + "]");')).resolves.toMatchObject({
      type: "ValueError",
      message: expect.stringContaining("Invalid isoformat string"),
    });
  });
});

describe("random", () => {
  const sampling = [capability("random.sample")];

  it("shuffle, sample and randomIndices charge each item", async () => {
    const setup = "import random; xs = range(20000);";
    await chargesForWork({ setup, small: "random.shuffle([1, 2])", large: "random.shuffle(xs)", steps: 30000, capabilities: sampling });
    await chargesForWork({ setup, small: "random.sample([1, 2], 1)", large: "random.sample(xs, 10000)", steps: 30000, capabilities: sampling });
    await chargesForWork({ setup: "import random;", small: "random.randomIndices(10)", large: "random.randomIndices(100000)", steps: 30000, capabilities: sampling });
  });

  it("mlpy's whole-range forms charge each item too: sample(k >= length), randomIndices(n, k >= n)", async () => {
    const setup = "import random; xs = range(20000);";
    await chargesForWork({ setup, small: "random.sample([1, 2], 5)", large: "random.sample(xs, 50000)", steps: 30000, capabilities: sampling });
    await chargesForWork({ setup: "import random;", small: "random.randomIndices(10, 10)", large: "random.randomIndices(100000, 100000)", steps: 30000, capabilities: sampling });
  });
});

describe("path", () => {
  it("string operations charge a step per 16 characters", async () => {
    const setup = 'import path; p = "ab/" * 100000;';
    await chargesForWork({ setup, small: 'path.normalize("a/./b")', large: "for (i in range(3)) { path.normalize(p); path.basename(p); }", steps: 40000 });
    await chargesForWork({ setup, small: 'path.join("a", "b")', large: "path.join(p, p, p)", steps: 40000 });
  });

  it("glob charges each entry and its match, and matches without backtracking", async () => {
    const root = mkdtempSync(join(dir, "glob-"));
    for (let i = 0; i < 50; i++) writeFileSync(join(root, `${"a".repeat(200)}${i}`), "");
    const read = [capability("path.read", { resources: [root, root + "/**"] })];
    const pattern = "*a".repeat(40) + "*b";
    await chargesForWork({
      setup: "import path;",
      small: `path.glob("*.none", ${lit(root)})`,
      large: `path.glob(${lit(pattern)}, ${lit(root)})`,
      steps: 20000,
      capabilities: read,
    });
    const t = Date.now();
    await expect(ml(`import path; print(path.glob(${lit(pattern)}, ${lit(root)}), len(path.glob("*a*a*a*a*a*a*a*a*0", ${lit(root)})));`, { capabilities: read })).resolves.toBe("[] 5\n");
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it("walk (mlpy's flat list) and walkTree charge each directory and entry", async () => {
    const root = mkdtempSync(join(dir, "walk-"));
    for (let i = 0; i < 300; i++) writeFileSync(join(root, `f${i}`), "");
    const read = [capability("path.read", { resources: [root, root + "/**"] })];
    await chargesForWork({ setup: "import path;", small: `path.exists(${lit(root)})`, large: `path.walk(${lit(root)})`, steps: 2000, capabilities: read });
    await chargesForWork({ setup: "import path;", small: `path.exists(${lit(root)})`, large: `path.walkTree(${lit(root)})`, steps: 2000, capabilities: read });
  });
});

describe("file", () => {
  const grants = () => ["file.read", "file.write"].map((n) => capability(n, { resources: [dir + "/**"] }));

  it("reads charge a step per 16 bytes, and per line or byte value produced", async () => {
    const path = join(dir, "lines.txt");
    writeFileSync(path, "line\n".repeat(20000));
    await chargesForWork({ setup: "import file;", small: `file.exists(${lit(path)})`, large: `file.read(${lit(path)})`, steps: 3000, capabilities: grants() });
    await chargesForWork({ setup: "import file;", small: `file.exists(${lit(path)})`, large: `file.readLines(${lit(path)})`, steps: 15000, capabilities: grants() });
    await chargesForWork({ setup: "import file;", small: `file.exists(${lit(path)})`, large: `file.readBytes(${lit(path)})`, steps: 50000, capabilities: grants() });
  });

  it("reads and writes in another encoding charge the conversion too", async () => {
    const path = join(dir, "latin.txt");
    writeFileSync(path, Buffer.alloc(200000, 0xe9));
    await chargesForWork({ setup: "import file;", small: `file.exists(${lit(path)})`, large: `file.read(${lit(path)}, "latin-1")`, steps: 20000, capabilities: grants() });
    await chargesForWork({
      setup: 'import file; s = "é" * 200000;',
      small: `file.write(${lit(join(dir, "l.txt"))}, "x", "latin-1")`,
      large: `file.write(${lit(join(dir, "l.txt"))}, s, "latin-1")`,
      steps: 20000,
      capabilities: grants(),
    });
  });

  it("writes charge a step per 16 bytes", () =>
    chargesForWork({
      setup: 'import file; s = "x" * 400000;',
      small: `file.write(${lit(join(dir, "w.txt"))}, "x")`,
      large: `file.write(${lit(join(dir, "w.txt"))}, s)`,
      steps: 40000,
      capabilities: grants(),
    }));

  it("readLines checks the array limit line by line", async () => {
    const path = join(dir, "many.txt");
    writeFileSync(path, "\n".repeat(5000));
    await expect(mlFails(`import file; file.readLines(${lit(path)});`, { limits: { maxArrayLength: 1000 }, capabilities: grants() })).resolves.toEqual({
      type: "LimitError",
      message: "array length limit exceeded (max 1000)",
    });
  });
});

describe("args and console", () => {
  it("ArgParser.parse charges each argument, character and combined flag", () =>
    chargesForWork({
      setup: 'import args; p = args.createParser("t").addFlag("v"); argv = ["-" + "v" * 50000];',
      small: 'p.parse(["-v"])',
      large: "p.parse(argv)",
      steps: 20000,
    }));

  it("console output charges a step per 16 characters and what its display costs", async () => {
    await chargesForWork({ setup: `import console; ${dag(14)}`, small: "console.log([1, 2])", large: "console.log(a)", steps: 20000 });
  });
});
