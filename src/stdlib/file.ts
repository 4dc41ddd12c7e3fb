/**
 * `file` (docs/stdlib/file.md): reading, writing and querying files.
 *
 * Every path is checked with `authorizePath` at the moment of use, and the operation runs on the
 * canonical path the check returns: symbolic links are resolved first, so an operation acts on
 * (and is authorized for) the file a link points to; `delete` and `move`, which Python would
 * apply to the link itself, refuse a link instead. Relative paths start at the program's base
 * directory. Text is UTF-8 unless an `encoding` argument (mlpy's parameter, support/text-encoding.ts)
 * names another. Node errors become `ValueError`s naming the path as ML wrote it.
 *
 * Cost (docs/limits.md): besides the step of the call, each file-system operation charges
 * `FS_CALL` steps and data read or written a step per 16 bytes (support/fs-io.ts); a step per
 * line or byte value produced or consumed. Sizes are checked before arrays are built.
 */
import { lstatSync, statSync, unlinkSync } from "node:fs";
import { resolve } from "node:path";
import { authorizePath } from "../capabilities/check.js";
import { str } from "../runtime/display.js";
import { checkArrayLength, checkStringLength, tick } from "../runtime/limits.js";
import { defineModule } from "./define.js";
import { needArray, needString, typeError, typeOf, valueError } from "./support/arguments.js";
import { spendItems } from "./support/cost.js";
import { errnoCode, fsError, isDirectoryError, notFound } from "./support/fs-errors.js";
import { copyFileData, moveFile, pathIs, pathTarget, readFileBytes, statOrNull, writeFileData, type PathTarget } from "./support/fs-io.js";
import { continuing, encodeText, encodingArg, readFileEncoded } from "./support/text-encoding.js";
import { programScope, runBudget, runMeter } from "./support/scope.js";

const m = defineModule(
  "file",
  "Reading, writing and querying files. Paths are checked against the granted file capabilities when used; relative paths start at the program's directory.",
);

/** A path argument checked for `capability`: the canonical path to use and the path ML wrote. */
function target(fn: string, capability: string, path: unknown, position = 1): PathTarget {
  return pathTarget("file", fn, capability, path, position);
}

function limits() {
  return programScope().state.limits;
}

/**
 * Lines of `text` without their terminators (`\n`, `\r\n` or `\r`); no empty last line. The
 * array limit is checked line by line (a text can hold far more lines than an array may have
 * items), and each line costs a step.
 */
function splitLines(text: string): string[] {
  const lim = limits();
  const b = runBudget();
  const lines: string[] = [];
  const n = text.length;
  let start = 0;
  const add = (end: number) => {
    if (lines.length >= lim.maxArrayLength) checkArrayLength(lines.length + 1, lim);
    if (--b.n < 0) tick(b);
    lines.push(text.slice(start, end));
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      add(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < n) add(n);
  return lines;
}

/** `bytes` as byte values: integers 0..255 (Python's `bytes()` errors otherwise). */
function toBytes(fn: string, bytes: unknown[]): Uint8Array {
  spendItems(bytes.length);
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (typeof b !== "number" || !Number.isInteger(b)) {
      throw typeError(`file.${fn}() byte values must be integers, got ${typeof b === "number" ? "float" : typeOf(b)} at index ${i}`);
    }
    if (b < 0 || b > 255) throw valueError(`file.${fn}() byte values must be in range(0, 256), got ${b} at index ${i}`);
    out[i] = b;
  }
  return out;
}

/** What every encoding parameter's description says. */
const ENCODINGS = "encodings: utf-8, utf-8-sig, latin-1, ascii, utf-16, utf-16-le, utf-16-be; others raise ValueError";

// --- reading ---

export const read = m.function(
  {
    name: "read", params: 'path, encoding="utf-8"', returns: "string", requires: ["file.read"],
    description: `The whole content of a text file (UTF-8 unless encoding names another; ${ENCODINGS}).`,
  },
  (path: unknown, encoding?: unknown) => {
    const e = encodingArg("file.read", 2, encoding);
    const t = target("read", "file.read", path);
    return readFileEncoded(t.canonical, t.shown, e);
  },
);

export const readBytes = m.function(
  {
    name: "readBytes", aliases: ["read_bytes"], params: "path", returns: "array of numbers", requires: ["file.read"],
    description: "The content of a file as an array of byte values (integers 0..255).",
  },
  (path: unknown) => {
    const t = target("readBytes", "file.read", path);
    const bytes = readFileBytes(t.canonical, t.shown, limits().maxArrayLength);
    spendItems(bytes.length); // a value per byte
    return Array.from(bytes);
  },
);

export const readLines = m.function(
  {
    name: "readLines", aliases: ["read_lines"], params: 'path, encoding="utf-8"', returns: "array of strings", requires: ["file.read"],
    description: `The lines of a text file, without their line endings (\\n, \\r\\n or \\r); UTF-8 unless encoding names another (${ENCODINGS}).`,
  },
  (path: unknown, encoding?: unknown) => {
    const e = encodingArg("file.readLines", 2, encoding);
    const t = target("readLines", "file.read", path);
    return splitLines(readFileEncoded(t.canonical, t.shown, e));
  },
);

// --- writing ---

export const write = m.function(
  {
    name: "write", params: 'path, content, encoding="utf-8"', returns: "null", requires: ["file.write"],
    description: `Writes a string to a file (UTF-8 unless encoding names another; ${ENCODINGS}), replacing its content; missing parent directories are created.`,
  },
  (path: unknown, content: unknown, encoding?: unknown) => {
    const text = needString("file.write", 2, content);
    const data = encodeText(text, encodingArg("file.write", 3, encoding), "file.write");
    const t = target("write", "file.write", path);
    writeFileData(t.canonical, t.shown, data, false, true);
  },
);

export const writeBytes = m.function(
  {
    name: "writeBytes", aliases: ["write_bytes"], params: "path, bytes", returns: "null", requires: ["file.write"],
    description: "Writes an array of byte values (integers 0..255) to a file, replacing its content; missing parent directories are created.",
  },
  (path: unknown, bytes: unknown) => {
    const data = toBytes("writeBytes", needArray("file.writeBytes", 2, bytes));
    const t = target("writeBytes", "file.write", path);
    writeFileData(t.canonical, t.shown, data, false, true);
  },
);

export const writeLines = m.function(
  {
    name: "writeLines", aliases: ["write_lines"], params: 'path, lines, encoding="utf-8"', returns: "null", requires: ["file.write"],
    description: `Writes each value (converted with str) followed by \\n to a file (UTF-8 unless encoding names another; ${ENCODINGS}), replacing its content; missing parent directories are created.`,
  },
  (path: unknown, lines: unknown, encoding?: unknown) => {
    const items = needArray("file.writeLines", 2, lines);
    const e = encodingArg("file.writeLines", 3, encoding);
    const max = limits().maxStringLength;
    let total = 0;
    spendItems(items.length);
    const meter = runMeter();
    const parts = items.map((v) => {
      const s = str(v, max, meter);
      total += s.length + 1;
      checkStringLength(total, limits());
      return s;
    });
    const t = target("writeLines", "file.write", path);
    const text = parts.length === 0 ? "" : parts.join("\n") + "\n";
    writeFileData(t.canonical, t.shown, encodeText(text, e, "file.writeLines"), false, true);
  },
);

export const append = m.function(
  {
    name: "append", params: 'path, content, encoding="utf-8"', returns: "null", requires: ["file.append"],
    description: `Adds a string to the end of a file (UTF-8 unless encoding names another; ${ENCODINGS}), creating the file and its missing parent directories if it does not exist.`,
  },
  (path: unknown, content: unknown, encoding?: unknown) => {
    const text = needString("file.append", 2, content);
    let e = encodingArg("file.append", 3, encoding);
    const t = target("append", "file.append", path);
    // As in Python, a byte-order mark starts only an empty file.
    if (continuing(e) !== e && (statOrNull(t.canonical, t.shown)?.size ?? 0) > 0) e = continuing(e);
    const data = encodeText(text, e, "file.append");
    writeFileData(t.canonical, t.shown, data, true, true);
  },
);

/**
 * Refuses a path whose last part is a symbolic link to an existing file: the check (and the
 * canonical path) is about the link's target, so deleting or moving would act on the target,
 * where Python would act on the link. A dangling link is its own canonical path and allowed.
 */
function refuseLink(t: PathTarget): void {
  const lexical = resolve(programScope().baseDir, t.shown);
  if (lexical === t.canonical) return;
  try {
    if (!lstatSync(lexical).isSymbolicLink()) return;
    statSync(lexical); // throws for a dangling link
  } catch {
    return; // missing or dangling: the operation itself handles it
  }
  throw valueError(`Is a symbolic link: ${t.shown}`);
}

function deleteFile(path: unknown): boolean {
  const t = target("delete", "file.delete", path);
  refuseLink(t);
  let isDir: boolean;
  try {
    // lstat: the canonical path's last part is a link only when the link is dangling; remove it.
    isDir = lstatSync(t.canonical).isDirectory();
  } catch (e) {
    const code = errnoCode(e);
    if (code === "ENOENT" || code === "ENOTDIR") return false;
    throw fsError(e, t.shown);
  }
  if (isDir) throw isDirectoryError(t.shown);
  try {
    unlinkSync(t.canonical);
  } catch (e) {
    if (errnoCode(e) === "ENOENT") return false;
    throw fsError(e, t.shown);
  }
  return true;
}

const del = m.function(
  {
    name: "delete", params: "path", returns: "boolean", requires: ["file.delete"],
    description:
      "Deletes a file: true when it was deleted, false when it did not exist; a directory, or a symbolic link to an existing file, raises ValueError.",
  },
  deleteFile,
);
export { del as delete };

export const copy = m.function(
  {
    name: "copy", params: "src, dst", returns: "null", requires: ["file.read", "file.write"],
    description: "Copies the file src to dst (replacing dst); needs file.read on src and file.write on dst.",
  },
  (src: unknown, dst: unknown) => {
    const from = target("copy", "file.read", src, 1);
    const to = target("copy", "file.write", dst, 2);
    copyFileData(from.canonical, from.shown, to.canonical, to.shown);
  },
);

export const move = m.function(
  {
    name: "move", params: "src, dst", returns: "null", requires: ["file.read", "file.write", "file.delete"],
    description:
      "Moves (renames) the file src to dst (replacing dst); needs file.read and file.delete on src and file.write on dst. src may not be a symbolic link.",
  },
  (src: unknown, dst: unknown) => {
    const from = target("move", "file.read", src, 1);
    authorizePath("file.move", "file.delete", from.shown, "move");
    refuseLink(from);
    const to = target("move", "file.write", dst, 2);
    moveFile(from.canonical, from.shown, to.canonical, to.shown);
  },
);

// --- queries ---

export const exists = m.function(
  { name: "exists", params: "path", returns: "boolean", requires: ["file.read"], description: "Whether a file or directory exists at path." },
  (path: unknown) => {
    return pathIs(target("exists", "file.read", path), "any");
  },
);

export const isFile = m.function(
  { name: "isFile", aliases: ["is_file"], params: "path", returns: "boolean", requires: ["file.read"], description: "Whether path is an existing regular file." },
  (path: unknown) => {
    return pathIs(target("isFile", "file.read", path), "file");
  },
);

export const isDirectory = m.function(
  {
    name: "isDirectory", aliases: ["is_directory"], params: "path", returns: "boolean", requires: ["file.read"],
    description: "Whether path is an existing directory.",
  },
  (path: unknown) => {
    return pathIs(target("isDirectory", "file.read", path), "directory");
  },
);

/** The stats of what exists at the checked path (a directory only when `allowDirectory`). */
function existingStat(fn: string, path: unknown, allowDirectory: boolean) {
  const t = target(fn, "file.read", path);
  const st = statOrNull(t.canonical, t.shown);
  if (st === null) throw notFound(t.shown);
  if (!allowDirectory && st.isDirectory()) throw isDirectoryError(t.shown);
  return st;
}

export const size = m.function(
  { name: "size", params: "path", returns: "number", requires: ["file.read"], description: "The size of a file in bytes." },
  (path: unknown) => existingStat("size", path, false).size,
);

export const modifiedTime = m.function(
  {
    name: "modifiedTime", aliases: ["modified_time"], params: "path", returns: "number", requires: ["file.read"],
    description: "When a file or directory was last modified, in seconds since the Unix epoch (a number with a fractional part).",
  },
  (path: unknown) => existingStat("modifiedTime", path, true).mtimeMs / 1000,
);

export const definition = m.done();
