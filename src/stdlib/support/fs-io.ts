/**
 * File-system operations shared by `file`, `path` and `csv`, on canonical paths that
 * `authorizePath` has already checked. `shown` is always the path as the ML code wrote it: it
 * is the only path error messages name.
 *
 * Hardening, because the canonical path was checked a moment before it is used:
 * - reads open with `O_NONBLOCK` and accept only regular files (a FIFO cannot block the run);
 * - writes open with `O_NOFOLLOW`, so a dangling symbolic link (which canonicalisation cannot
 *   resolve) is never followed to create a file outside the checked location;
 * - reads are bounded while they happen, not only by the size `fstat` reported.
 *
 * Cost (docs/limits.md): each file-system operation charges {@link FS_CALL} steps (checking a
 * path, opening, stating…), replacing a file {@link FS_REPLACE}, and data read or written a step
 * per 16 bytes, before the bytes are allocated or written where their size is known.
 */
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  type Stats,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { needString, valueError } from "./arguments.js";
import { FS_CALL, FS_REPLACE, spendItems, spendText } from "./cost.js";
import { authorizePath } from "../../capabilities/check.js";
import { errnoCode, fsError, guarded, isDirectoryError, notFound } from "./fs-errors.js";

// Flags absent on a platform are 0 (Windows has neither).
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const READ_FLAGS = constants.O_RDONLY | O_NONBLOCK;
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK;
const CHUNK = 64 * 1024;
/** A temporary file is always new: never an existing file, never through a symbolic link. */
const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A path argument after its capability check: where it leads, and how ML wrote it. */
export interface PathTarget {
  readonly canonical: string;
  readonly shown: string;
}

/**
 * Checks the path argument of `module.fn` (a string at `position`) against `capability` and
 * returns its canonical form with the path as written.
 */
export function pathTarget(module: string, fn: string, capability: string, path: unknown, position = 1): PathTarget {
  const label = `${module}.${fn}`;
  const shown = needString(label, position, path);
  spendItems(FS_CALL); // the check resolves the path on disk and matches it
  return { canonical: authorizePath(label, capability, shown, fn), shown };
}

/** Whether something (`"any"`), a regular file or a directory is at the target (links followed). */
export function pathIs(t: PathTarget, kind: "any" | "file" | "directory"): boolean {
  const st = statOrNull(t.canonical, t.shown);
  return st !== null && (kind === "any" || (kind === "file" ? st.isFile() : st.isDirectory()));
}

/** `ValueError("File too large: …")` for a read over the run's limit. */
function tooLarge(shown: string, maxBytes: number): Error {
  return valueError(`File too large: ${shown} (more than ${maxBytes} bytes)`);
}

/** Rejects anything but a regular file behind an open descriptor. */
function requireRegular(st: Stats, shown: string): void {
  if (st.isDirectory()) throw isDirectoryError(shown);
  if (!st.isFile()) throw valueError(`Not a regular file: ${shown}`);
}

/** The content of the regular file at `canonical`; more than `maxBytes` bytes is a `ValueError`. */
export function readFileBytes(canonical: string, shown: string, maxBytes: number): Uint8Array {
  return guarded(shown, () => {
    const fd = openSync(canonical, READ_FLAGS);
    try {
      const st = fstatSync(fd);
      requireRegular(st, shown);
      if (st.size > maxBytes) throw tooLarge(shown, maxBytes);
      spendItems(2 * FS_CALL); // open, stat, read, close
      spendText(st.size);
      // One byte more than the reported size, to notice a file that grew since fstat.
      let buf = Buffer.allocUnsafe(st.size + 1);
      let length = 0;
      for (;;) {
        if (length === buf.length) {
          if (length > maxBytes) throw tooLarge(shown, maxBytes);
          const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
          spendText(bigger.length - buf.length); // the file grew since fstat
          buf.copy(bigger, 0, 0, length);
          buf = bigger;
        }
        const n = readSync(fd, buf, length, buf.length - length, null);
        if (n === 0) break;
        length += n;
      }
      if (length > maxBytes) throw tooLarge(shown, maxBytes);
      return buf.subarray(0, length);
    } finally {
      closeSync(fd);
    }
  });
}

/**
 * Calls `onChunk` with successive pieces of the regular file at `canonical` (each valid only
 * during the call), so a file of any size is processed without being held in memory.
 */
export function readFileChunks(canonical: string, shown: string, onChunk: (bytes: Uint8Array) => void): void {
  spendItems(FS_CALL);
  guarded(shown, () => {
    const fd = openSync(canonical, READ_FLAGS);
    try {
      requireRegular(fstatSync(fd), shown);
      const chunk = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const n = readSync(fd, chunk, 0, CHUNK, null);
        if (n === 0) break;
        onChunk(chunk.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
  });
}

/**
 * The UTF-8 text of the file at `canonical` (a leading byte-order mark is dropped). The size
 * limit is `maxChars` bytes: a UTF-8 file never decodes to more UTF-16 code units than bytes.
 */
export function readFileText(canonical: string, shown: string, maxChars: number): string {
  const bytes = readFileBytes(canonical, shown, maxChars);
  try {
    return utf8.decode(bytes);
  } catch {
    throw valueError(`File is not valid UTF-8 text: ${shown}`);
  }
}

/**
 * Writes `data` to the file at `canonical`, replacing it (`append` false) or adding to its end.
 * With `createParents`, missing parent directories are created first. A replacement is written
 * to a temporary file and renamed over the old one, so a write that fails part-way (a full
 * disk) leaves the old content in place.
 */
export function writeFileData(canonical: string, shown: string, data: string | Uint8Array, append: boolean, createParents: boolean): void {
  spendItems(append ? FS_CALL : FS_REPLACE);
  spendText(typeof data === "string" ? (data.length > 16 ? Buffer.byteLength(data, "utf8") : data.length) : data.byteLength || 0);
  if (!append) {
    replaceFile(canonical, shown, createParents, (fd) => void writeFileSync(fd, data));
    return;
  }
  guarded(shown, () => {
    if (createParents) mkdirSync(dirname(canonical), { recursive: true });
    const fd = openSync(canonical, WRITE_FLAGS | constants.O_APPEND, 0o666);
    try {
      requireRegular(fstatSync(fd), shown);
      writeFileSync(fd, data);
    } finally {
      closeSync(fd);
    }
  });
}

/**
 * Replaces the regular file `canonical` (created if missing) with what `fill` writes to a
 * descriptor. The destination is opened first as a plain write would open it — no symbolic link
 * followed, nothing but a regular file accepted — and `check` sees its stats; the new content
 * goes to a fresh file in the same directory (with the old file's permissions), renamed over the
 * destination only once complete. On failure the temporary file is removed.
 */
function replaceFile(canonical: string, shown: string, createParents: boolean, fill: (fd: number) => void, check?: (st: Stats) => void): void {
  const mode = guarded(shown, () => {
    if (createParents) mkdirSync(dirname(canonical), { recursive: true });
    const fd = openSync(canonical, WRITE_FLAGS, 0o666);
    try {
      const st = fstatSync(fd);
      requireRegular(st, shown);
      check?.(st);
      return st.mode & 0o7777;
    } finally {
      closeSync(fd);
    }
  });
  const temporary = join(dirname(canonical), `.${basename(canonical)}.${randomBytes(6).toString("hex")}.tmp`);
  guarded(shown, () => {
    const fd = openSync(temporary, TEMP_FLAGS, mode);
    let replaced = false;
    try {
      try {
        fill(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, canonical);
      replaced = true;
    } finally {
      if (!replaced) rmSync(temporary, { force: true });
    }
  });
}

/** The stats of `canonical` (symlinks followed), or null when nothing is there. */
export function statOrNull(canonical: string, shown: string): Stats | null {
  spendItems(FS_CALL);
  try {
    return statSync(canonical);
  } catch (e) {
    const code = errnoCode(e);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw fsError(e, shown);
  }
}

/**
 * Copies the regular file `src` to `dst` (created or replaced; parents created). The copy is
 * written next to `dst` and renamed over it when complete (see {@link replaceFile}).
 */
export function copyFileData(src: string, srcShown: string, dst: string, dstShown: string): void {
  spendItems(FS_CALL + FS_REPLACE); // open the source, and replace the destination
  const input = guarded(srcShown, () => openSync(src, READ_FLAGS));
  try {
    const srcStat = guarded(srcShown, () => fstatSync(input));
    requireRegular(srcStat, srcShown);
    const sameFile = (dstStat: Stats) => {
      if (dstStat.dev === srcStat.dev && dstStat.ino === srcStat.ino) {
        throw valueError(`${srcShown} and ${dstShown} are the same file`);
      }
    };
    replaceFile(dst, dstShown, true, (output) => {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const n = guarded(srcShown, () => readSync(input, buf, 0, CHUNK, null));
        if (n === 0) break;
        spendText(n);
        let written = 0;
        while (written < n) written += writeSync(output, buf, written, n - written);
      }
    }, sameFile);
  } finally {
    closeSync(input);
  }
}

/** Moves the regular file `src` to `dst` (parents created), copying across devices. */
export function moveFile(src: string, srcShown: string, dst: string, dstShown: string): void {
  const st = statOrNull(src, srcShown);
  if (st === null) throw notFound(srcShown);
  requireRegular(st, srcShown);
  if (src === dst) return;
  spendItems(FS_CALL);
  guarded(dstShown, () => mkdirSync(dirname(dst), { recursive: true }));
  try {
    renameSync(src, dst);
  } catch (e) {
    const code = errnoCode(e);
    if (code !== "EXDEV") throw fsError(e, code === "EISDIR" || code === "ENOTDIR" ? dstShown : srcShown);
    copyFileData(src, srcShown, dst, dstShown);
    guarded(srcShown, () => unlinkSync(src));
  }
}
