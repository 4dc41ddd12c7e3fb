import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import type { LoadOptions } from "../../src/index.js";
import { capability } from "../../src/capabilities/token.js";
import { withCapabilities } from "../../src/capabilities/context.js";
import { MLError } from "../../src/runtime/errors.js";
import * as file from "../../src/stdlib/file.js";
import { writeFileData } from "../../src/stdlib/support/fs-io.js";
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

const ALL = ["file.read", "file.write", "file.append", "file.delete"];

/** Grants of every file capability, limited to the test directory. */
function inDir(names: readonly string[] = ALL) {
  return names.map((n) => capability(n, { resources: [dir + "/**"] }));
}

/** ML string literal of a host path. */
const lit = (s: string) => JSON.stringify(s);

/** Runs `source` as `<dir>/main.ml` (so relative paths start at `dir`). */
const runIn = (source: string, options: LoadOptions = {}) => mlAt(join(dir, "main.ml"), source, options);
const failIn = (source: string, options: LoadOptions = {}) => mlFailsAt(join(dir, "main.ml"), source, options);

describe("file: reading and writing", () => {
  it("writes and reads text, creating parent directories", async () => {
    const out = await runIn(
      'import file; file.write("a/b/c.txt", "héllo 😀\\nworld\\n"); print(repr(file.read("a/b/c.txt")));',
      { capabilities: inDir() },
    );
    expect(out).toBe('"héllo 😀\\nworld\\n"\n');
    expect(readFileSync(join(dir, "a/b/c.txt"), "utf8")).toBe("héllo 😀\nworld\n");
  });

  it("write replaces the content and returns null", async () => {
    writeFileSync(join(dir, "x.txt"), "old content that is long");
    expect(await runIn('import file; print(file.write("x.txt", "new")); print(file.read("x.txt"));', { capabilities: inDir() })).toBe(
      "null\nnew\n",
    );
  });

  it("a replacement is complete or absent: written beside the file, renamed over it, keeping its permissions", async () => {
    writeFileSync(join(dir, "kept.txt"), "old", { mode: 0o640 });
    writeFileSync(join(dir, "src.txt"), "copied");
    writeFileSync(join(dir, "over.txt"), "old copy target", { mode: 0o600 });
    await runIn('import file; file.write("kept.txt", "new"); file.writeLines("lines.txt", [1, 2]); file.copy("src.txt", "over.txt");', { capabilities: inDir() });
    expect(readFileSync(join(dir, "kept.txt"), "utf8")).toBe("new");
    expect(statSync(join(dir, "kept.txt")).mode & 0o777).toBe(0o640);
    expect(statSync(join(dir, "over.txt")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "over.txt"), "utf8")).toBe("copied");
    // No temporary file is left behind.
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("a replacement that fails part-way leaves the old content and no temporary file", () => {
    const path = join(dir, "precious.txt");
    writeFileSync(path, "precious");
    // Data the writer cannot write makes the write fail after the temporary file was opened.
    const unwritable = { toString: () => { throw new Error("disk full"); } } as unknown as string;
    expect(() => writeFileData(path, "precious.txt", unwritable, false, false)).toThrow();
    expect(readFileSync(path, "utf8")).toBe("precious");
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("reads lines with any line ending, without an empty last line", async () => {
    writeFileSync(join(dir, "l.txt"), "a\r\nb\nc\rd\n");
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "blank.txt"), "x\n\ny");
    const src = 'import file; print(file.readLines("l.txt")); print(file.read_lines("empty.txt")); print(file.readLines("blank.txt"));';
    expect(await runIn(src, { capabilities: inDir() })).toBe('["a", "b", "c", "d"]\n[]\n["x", "", "y"]\n');
  });

  it("drops a UTF-8 byte-order mark and rejects invalid UTF-8", async () => {
    writeFileSync(join(dir, "bom.txt"), Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69]));
    writeFileSync(join(dir, "bad.txt"), Buffer.from([0x68, 0xff, 0x69]));
    expect(await runIn('import file; print(len(file.read("bom.txt")));', { capabilities: inDir() })).toBe("2\n");
    expect(await failIn('import file; file.read("bad.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "File is not valid UTF-8 text: bad.txt",
    });
  });

  it("writeLines writes each value with str and a newline", async () => {
    const out = await runIn('import file; file.writeLines("w.txt", ["a", 1, true, null]); file.write_lines("e.txt", []); print(file.readLines("w.txt"));', {
      capabilities: inDir(),
    });
    expect(out).toBe('["a", "1", "true", "null"]\n');
    expect(readFileSync(join(dir, "w.txt"), "utf8")).toBe("a\n1\ntrue\nnull\n");
    expect(readFileSync(join(dir, "e.txt"), "utf8")).toBe("");
  });

  it("reads and writes bytes", async () => {
    writeFileSync(join(dir, "b.bin"), Buffer.from([0, 1, 127, 128, 255]));
    const out = await runIn('import file; print(file.readBytes("b.bin")); file.writeBytes("c.bin", [255, 0, 65]); file.write_bytes("d.bin", []); print(file.read_bytes("c.bin"));', {
      capabilities: inDir(),
    });
    expect(out).toBe("[0, 1, 127, 128, 255]\n[255, 0, 65]\n");
    expect([...readFileSync(join(dir, "c.bin"))]).toEqual([255, 0, 65]);
    expect(readFileSync(join(dir, "d.bin")).length).toBe(0);
  });

  it("validates byte values like Python's bytes()", async () => {
    expect(await failIn('import file; file.writeBytes("x.bin", [1, 256]);', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "file.writeBytes() byte values must be in range(0, 256), got 256 at index 1",
    });
    expect(await failIn('import file; file.writeBytes("x.bin", [1.5]);', { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "file.writeBytes() byte values must be integers, got float at index 0",
    });
    expect(await failIn('import file; file.writeBytes("x.bin", ["a"]);', { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "file.writeBytes() byte values must be integers, got string at index 0",
    });
    expect(existsSync(join(dir, "x.bin"))).toBe(false);
  });

  it("appends, creating the file and its missing directories (as mlpy)", async () => {
    const out = await runIn('import file; file.append("log.txt", "a"); file.append("log.txt", "b\\n"); print(repr(file.read("log.txt")));', {
      capabilities: inDir(),
    });
    expect(out).toBe('"ab\\n"\n');
    expect(await runIn('import file; file.append("nodir/log.txt", "a"); print(file.read("nodir/log.txt"));', { capabilities: inDir() })).toBe("a\n");
  });

  it("rejects arguments of the wrong type", async () => {
    expect(await failIn("import file; file.write(1, \"x\");", { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "file.write() argument 1 must be a string, not number",
    });
    expect(await failIn('import file; file.write("x.txt", 5);', { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "file.write() argument 2 must be a string, not number",
    });
    expect(await failIn('import file; file.writeLines("x.txt", "abc");', { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "file.writeLines() argument 2 must be an array, not string",
    });
    expect(await failIn("import file; file.read();", { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "file.read() takes from 1 to 2 arguments but 0 were given",
    });
  });
});

describe("file: delete, copy, move", () => {
  it("delete returns true, false when missing, and refuses directories", async () => {
    writeFileSync(join(dir, "d.txt"), "x");
    mkdirSync(join(dir, "sub"));
    const out = await runIn('import file; print(file.delete("d.txt")); print(file.delete("d.txt"));', { capabilities: inDir() });
    expect(out).toBe("true\nfalse\n");
    expect(existsSync(join(dir, "d.txt"))).toBe(false);
    expect(await failIn('import file; file.delete("sub");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "Is a directory: sub",
    });
  });

  it("copies a file, creating the destination's directories", async () => {
    writeFileSync(join(dir, "src.txt"), "data");
    writeFileSync(join(dir, "over.txt"), "a much longer old content");
    await runIn('import file; file.copy("src.txt", "x/y/dst.txt"); file.copy("src.txt", "over.txt");', { capabilities: inDir() });
    expect(readFileSync(join(dir, "x/y/dst.txt"), "utf8")).toBe("data");
    expect(readFileSync(join(dir, "over.txt"), "utf8")).toBe("data");
    expect(readFileSync(join(dir, "src.txt"), "utf8")).toBe("data");
  });

  it("copy refuses to copy a file onto itself (which would empty it)", async () => {
    writeFileSync(join(dir, "same.txt"), "keep");
    symlinkSync(join(dir, "same.txt"), join(dir, "alias.txt"));
    expect(await failIn('import file; file.copy("same.txt", "alias.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "same.txt and alias.txt are the same file",
    });
    expect(readFileSync(join(dir, "same.txt"), "utf8")).toBe("keep");
  });

  it("copy and move report a missing source and a directory source", async () => {
    mkdirSync(join(dir, "sub"));
    expect(await failIn('import file; file.copy("none.txt", "b.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "File not found: none.txt",
    });
    expect(await failIn('import file; file.move("none.txt", "b.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "File not found: none.txt",
    });
    expect(await failIn('import file; file.copy("sub", "b.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "Is a directory: sub",
    });
  });

  it("delete and move refuse a symbolic link instead of acting on its target", async () => {
    writeFileSync(join(dir, "target.txt"), "keep");
    symlinkSync(join(dir, "target.txt"), join(dir, "link.txt"));
    expect(await failIn('import file; file.delete("link.txt");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Is a symbolic link: link.txt" });
    expect(await failIn('import file; file.move("link.txt", "moved.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "Is a symbolic link: link.txt",
    });
    expect(readFileSync(join(dir, "target.txt"), "utf8")).toBe("keep");
    expect(await runIn('import file; print(file.read("link.txt"));', { capabilities: inDir() })).toBe("keep\n");
  });

  it("moves a file", async () => {
    writeFileSync(join(dir, "m.txt"), "moved");
    await runIn('import file; file.move("m.txt", "n/m2.txt");', { capabilities: inDir() });
    expect(existsSync(join(dir, "m.txt"))).toBe(false);
    expect(readFileSync(join(dir, "n/m2.txt"), "utf8")).toBe("moved");
  });
});

describe("file: queries", () => {
  it("exists, isFile, isDirectory and their aliases", async () => {
    writeFileSync(join(dir, "f.txt"), "x");
    mkdirSync(join(dir, "d"));
    const src = `import file;
      print(file.exists("f.txt"), file.exists("d"), file.exists("none"));
      print(file.isFile("f.txt"), file.is_file("d"), file.isFile("none"));
      print(file.isDirectory("d"), file.is_directory("f.txt"), file.isDirectory("none"));`;
    expect(await runIn(src, { capabilities: inDir() })).toBe("true true false\ntrue false false\ntrue false false\n");
  });

  it("size and modifiedTime", async () => {
    writeFileSync(join(dir, "s.txt"), "12345");
    const out = await runIn('import file; print(file.size("s.txt")); print(file.modifiedTime("s.txt")); print(file.modified_time("s.txt"));', {
      capabilities: inDir(),
    });
    const [size, mtime, mtime2] = out.trim().split("\n");
    expect(size).toBe("5");
    expect(Number(mtime)).toBeCloseTo(statSync(join(dir, "s.txt")).mtimeMs / 1000, 3);
    expect(mtime2).toBe(mtime);
  });

  it("size of a missing file or a directory is a ValueError", async () => {
    mkdirSync(join(dir, "d"));
    expect(await failIn('import file; file.size("none.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "File not found: none.txt",
    });
    expect(await failIn('import file; file.size("d");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Is a directory: d" });
    expect(await failIn('import file; file.modifiedTime("none.txt");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "File not found: none.txt",
    });
  });
});

describe("file: errors name only the path ML wrote", () => {
  it("missing file, directory, absolute path", async () => {
    mkdirSync(join(dir, "sub"));
    const missing = await failIn('import file; file.read("missing.txt");', { capabilities: inDir() });
    expect(missing).toEqual({ type: "ValueError", message: "File not found: missing.txt" });
    expect(await failIn('import file; file.read("sub");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Is a directory: sub" });
    expect(await failIn('import file; file.write("sub", "x");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Is a directory: sub" });
    const abs = join(dir, "nope.txt");
    expect(await failIn(`import file; file.read(${lit(abs)});`, { capabilities: inDir() })).toEqual({ type: "ValueError", message: `File not found: ${abs}` });
  });

  it("the canonical path of a symlinked directory never appears", async () => {
    const real = join(dir, "real");
    mkdirSync(real);
    symlinkSync(real, join(dir, "link"));
    const e = await failIn('import file; file.read("link/none.txt");', { capabilities: inDir() });
    expect(e.message).toBe("File not found: link/none.txt");
    expect(e.message).not.toContain(dir);
  });

  it.skipIf(process.platform === "win32")("a named pipe is refused without blocking the run", async () => {
    execFileSync("mkfifo", [join(dir, "fifo")]);
    expect(await failIn('import file; file.read("fifo");', { capabilities: inDir() })).toEqual({ type: "ValueError", message: "Not a regular file: fifo" });
    expect(await failIn('import file; file.write("fifo", "x");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "No such device or address: fifo",
    });
  });

  it("errors are catchable ML errors", async () => {
    const out = await runIn('import file; try { file.read("none"); } except (e) { print(e.type, e.message); }', { capabilities: inDir() });
    expect(out).toBe("ValueError File not found: none\n");
  });

  it("a file larger than the run's string limit is refused before reading", async () => {
    writeFileSync(join(dir, "big.txt"), "x".repeat(100));
    expect(await failIn('import file; file.read("big.txt");', { capabilities: inDir(), limits: { maxStringLength: 50 } })).toEqual({
      type: "ValueError",
      message: "File too large: big.txt (more than 50 bytes)",
    });
    expect(await failIn('import file; file.readBytes("big.txt");', { capabilities: inDir(), limits: { maxArrayLength: 10 } })).toEqual({
      type: "ValueError",
      message: "File too large: big.txt (more than 10 bytes)",
    });
    expect(await runIn('import file; print(len(file.read("big.txt")));', { capabilities: inDir(), limits: { maxStringLength: 100 } })).toBe("100\n");
  });
});

describe("file: capabilities", () => {
  const calls: [string, string, string][] = [
    ["read", 'file.read("f.txt")', "file.read"],
    ["readBytes", 'file.readBytes("f.txt")', "file.read"],
    ["readLines", 'file.readLines("f.txt")', "file.read"],
    ["write", 'file.write("f.txt", "x")', "file.write"],
    ["writeBytes", 'file.writeBytes("f.txt", [1])', "file.write"],
    ["writeLines", 'file.writeLines("f.txt", ["a"])', "file.write"],
    ["append", 'file.append("f.txt", "x")', "file.append"],
    ["delete", 'file.delete("f.txt")', "file.delete"],
    ["copy", 'file.copy("f.txt", "g.txt")', "file.read"],
    ["move", 'file.move("f.txt", "g.txt")', "file.read"],
    ["exists", 'file.exists("f.txt")', "file.read"],
    ["isFile", 'file.isFile("f.txt")', "file.read"],
    ["isDirectory", 'file.isDirectory("f.txt")', "file.read"],
    ["size", 'file.size("f.txt")', "file.read"],
    ["modifiedTime", 'file.modifiedTime("f.txt")', "file.read"],
  ];

  for (const [name, call, cap] of calls) {
    it(`${name} is denied without ${cap} and works with it`, async () => {
      writeFileSync(join(dir, "f.txt"), "content");
      const e = await failIn(`import file; ${call};`);
      expect(e.type).toBe("CapabilityError");
      expect(e.message).toBe(`file.${name}() requires capability '${cap}': this run was not granted it`);
      await expect(runIn(`import file; ${call};`, { capabilities: inDir() })).resolves.toBe("");
    });
  }

  it("copy needs file.write on the destination, move needs file.delete on the source", async () => {
    writeFileSync(join(dir, "f.txt"), "content");
    const copyErr = await failIn('import file; file.copy("f.txt", "g.txt");', { capabilities: inDir(["file.read"]) });
    expect(copyErr.message).toBe("file.copy() requires capability 'file.write': this run was not granted it");
    const moveErr = await failIn('import file; file.move("f.txt", "g.txt");', { capabilities: inDir(["file.read", "file.write"]) });
    expect(moveErr.message).toBe("file.move() requires capability 'file.delete': this run was not granted it");
    expect(existsSync(join(dir, "f.txt"))).toBe(true);
    const grants = [
      capability("file.read", { resources: [dir + "/f.txt"] }),
      capability("file.write", { resources: [dir + "/out/**"] }),
    ];
    const denied = await failIn('import file; file.copy("f.txt", "g.txt");', { capabilities: grants });
    expect(denied.type).toBe("CapabilityError");
    expect(denied.message).toContain("'g.txt' matches none of the granted patterns");
    await runIn('import file; file.copy("f.txt", "out/g.txt");', { capabilities: grants });
    expect(readFileSync(join(dir, "out/g.txt"), "utf8")).toBe("content");
  });

  it("paths outside the granted patterns are denied", async () => {
    const other = mkdtempSync(join(tmpdir(), "mljs-other-"));
    roots.push(other);
    writeFileSync(join(other, "secret.txt"), "secret");
    const e = await failIn(`import file; file.read(${lit(join(other, "secret.txt"))});`, { capabilities: inDir() });
    expect(e.type).toBe("CapabilityError");
    expect(e.message).toContain("matches none of the granted patterns");
    const w = await failIn(`import file; file.write(${lit(join(other, "new.txt"))}, "x");`, { capabilities: inDir() });
    expect(w.type).toBe("CapabilityError");
    expect(existsSync(join(other, "new.txt"))).toBe(false);
  });

  it("'..' and NUL bytes are denied", async () => {
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "f.txt"), "x");
    const dots = await failIn('import file; file.read("sub/../f.txt");', { capabilities: inDir() });
    expect(dots).toEqual({ type: "CapabilityError", message: "file.read() requires capability 'file.read': 'sub/../f.txt' is denied: the path contains '..'" });
    const nul = await failIn('import file; file.read("f.txt\\0");', { capabilities: inDir() });
    expect(nul.type).toBe("CapabilityError");
    expect(nul.message).toContain("NUL byte");
  });

  it("a symlink inside the granted directory pointing outside is denied", async () => {
    const other = mkdtempSync(join(tmpdir(), "mljs-other-"));
    roots.push(other);
    writeFileSync(join(other, "secret.txt"), "secret");
    symlinkSync(join(other, "secret.txt"), join(dir, "escape.txt"));
    symlinkSync(other, join(dir, "escdir"));
    for (const call of ['file.read("escape.txt")', 'file.write("escape.txt", "x")', 'file.write("escdir/new.txt", "x")', 'file.delete("escape.txt")']) {
      const e = await failIn(`import file; ${call};`, { capabilities: inDir() });
      expect(e.type).toBe("CapabilityError");
    }
    expect(readFileSync(join(other, "secret.txt"), "utf8")).toBe("secret");
    expect(existsSync(join(other, "new.txt"))).toBe(false);
  });

  it("a dangling symlink is never followed to create a file", async () => {
    const other = mkdtempSync(join(tmpdir(), "mljs-other-"));
    roots.push(other);
    symlinkSync(join(other, "created.txt"), join(dir, "dangling.txt"));
    symlinkSync(join(other, "newdir"), join(dir, "danglingdir"));
    const e = await failIn('import file; file.write("dangling.txt", "x");', { capabilities: inDir() });
    expect(e.type).toBe("ValueError");
    const d = await failIn('import file; file.write("danglingdir/f.txt", "x");', { capabilities: inDir() });
    expect(d.type).toBe("ValueError");
    expect(existsSync(join(other, "created.txt"))).toBe(false);
    expect(existsSync(join(other, "newdir"))).toBe(false);
    // Deleting the dangling link removes the link itself.
    expect(await runIn('import file; print(file.delete("dangling.txt"));', { capabilities: inDir() })).toBe("true\n");
  });

  it("operations in the grant's list are allowed, others denied", async () => {
    writeFileSync(join(dir, "f.txt"), "x");
    const grant = [capability("file.read", { resources: [dir + "/**"], operations: ["exists"] })];
    expect(await runIn('import file; print(file.exists("f.txt"));', { capabilities: grant })).toBe("true\n");
    const e = await failIn('import file; file.read("f.txt");', { capabilities: grant });
    expect(e.message).toContain("operation 'read' is not among the granted operations");
  });

  it("help and requiredCapabilities describe the functions", async () => {
    const out = await ml("import file; print(help(file.read)); print(requiredCapabilities(file.copy)); print(requiredCapabilities(file.move)); print(requiredCapabilities(file.read_bytes));");
    expect(out).toContain('file.read(path, encoding="utf-8")');
    expect(out).toContain("Requires: file.read");
    expect(out).toContain('["file.read", "file.write"]\n["file.read", "file.write", "file.delete"]\n["file.read"]\n');
  });

  it("host calls are denied outside a context and allowed inside one", () => {
    const p = join(dir, "h.txt");
    writeFileSync(p, "host");
    expect(() => file.read(p)).toThrow(MLError);
    try {
      file.read(p);
    } catch (e) {
      expect((e as MLError).mlType).toBe("CapabilityError");
    }
    expect(withCapabilities(inDir(), () => file.read(p))).toBe("host");
    expect(withCapabilities(inDir(), () => file.delete(p))).toBe(true);
    expect(withCapabilities(inDir(), () => file.exists(p))).toBe(false);
  });

  it("inline programs resolve relative paths from the host's directory", async () => {
    const e = await mlFails('import file; file.read("definitely-missing-file.txt");', { capabilities: ["file.read"] });
    expect(e).toEqual({ type: "ValueError", message: "File not found: definitely-missing-file.txt" });
  });
});

describe("file: mlpy's encoding parameter", () => {
  it("read/readLines/write/writeLines/append take an encoding (both spellings)", async () => {
    const out = await runIn(
      `import file;
       file.write("l1.txt", "café\\n", "latin-1");
       file.write_lines("u16.txt", ["né", "x"], "utf-16-le");
       file.append("l1.txt", "ü", "iso-8859-1");
       file.writeLines("a.txt", ["ab", 1], "ascii");
       file.write("s.txt", "x", "utf-8-sig");
       file.append("s.txt", "y", "utf-8-sig");
       print(file.read("l1.txt", "latin1"), file.readLines("u16.txt", "utf16le"), file.read_lines("a.txt", "ASCII"), file.read("s.txt", "utf_8"));`,
      { capabilities: inDir() },
    );
    expect(out).toBe('café\nü ["né", "x"] ["ab", "1"] xy\n');
    expect([...readFileSync(join(dir, "l1.txt"))]).toEqual([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xfc]);
    expect([...readFileSync(join(dir, "u16.txt"))].slice(0, 4)).toEqual([0x6e, 0, 0xe9, 0]);
    expect([...readFileSync(join(dir, "s.txt"))]).toEqual([0xef, 0xbb, 0xbf, 0x78, 0x79]);
  });

  it("an encoding Node does not support, or text it cannot hold, raises ValueError", async () => {
    expect(await failIn('import file; file.read("x.txt", "cp1252");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "file.read() unknown encoding: 'cp1252' (supported: utf-8, utf-8-sig, latin-1 (iso-8859-1), ascii, utf-16, utf-16-le, utf-16-be)",
    });
    expect(await failIn('import file; file.write("x.txt", "é", "ascii");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "file.write() cannot encode character U+00E9 at position 0 as ascii",
    });
    expect(await failIn('import file; file.write("x.txt", "€", "latin-1");', { capabilities: inDir() })).toMatchObject({ type: "ValueError" });
    writeFileSync(join(dir, "hi.txt"), Buffer.from([0x68, 0xe9]));
    expect(await failIn('import file; file.read("hi.txt", "ascii");', { capabilities: inDir() })).toEqual({
      type: "ValueError",
      message: "File is not valid ASCII text: hi.txt (byte 233 at offset 1)",
    });
    expect(await failIn('import file; file.read("hi.txt", 8);', { capabilities: inDir() })).toEqual({
      type: "TypeError",
      message: "file.read() argument 2 must be a string, not number",
    });
    expect(existsSync(join(dir, "x.txt"))).toBe(false);
  });

  it("utf-16 writes a byte-order mark (once) and reads by it; utf-16-be is big-endian", async () => {
    const out = await runIn(
      `import file;
       file.write("u.txt", "hé", "utf-16"); file.append("u.txt", "!", "UTF_16");
       file.write("b.txt", "hé", "utf-16-be");
       print(file.read("u.txt", "utf-16"), file.read("b.txt", "utf-16-be"), file.read("b.txt", "utf-16"));`,
      { capabilities: inDir() },
    );
    expect(out).toBe("hé! hé \u6800\ue900\n".replace(/\\u([0-9a-f]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    expect([...readFileSync(join(dir, "u.txt"))]).toEqual([0xff, 0xfe, 0x68, 0, 0xe9, 0, 0x21, 0]);
    expect([...readFileSync(join(dir, "b.txt"))]).toEqual([0, 0x68, 0, 0xe9]);
    writeFileSync(join(dir, "be-bom.txt"), Buffer.from([0xfe, 0xff, 0, 0x68, 0, 0x69]));
    expect(await runIn('import file; print(file.read("be-bom.txt", "utf-16"));', { capabilities: inDir() })).toBe("hi\n");
  });

  it("an encoding argument of null means utf-8", async () => {
    expect(await runIn('import file; file.write("n.txt", "é", null); print(file.read("n.txt", null));', { capabilities: inDir() })).toBe("é\n");
  });
});
