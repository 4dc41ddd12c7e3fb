/**
 * `path` (docs/stdlib/path.md): path strings, file-system queries and directory mutations.
 *
 * The string operations are pure and give what mlpy's (Python's `os.path`) give on POSIX hosts:
 * `join` restarts at an absolute part and does not normalize, `dirname("f")` is "", a trailing
 * separator makes `basename` "" and is dropped by `normalize` (other hosts: `node:path`). The queries need `path.read` and the mutations `path.write`, each checked
 * with `authorizePath` for the path it touches; they run on the canonical path that check
 * returns. Directory traversals (`glob`, `walk`) never follow symbolic links: a link is reported
 * but not entered, and `glob` reports one only when it points inside the walked directory.
 *
 * Cost (docs/limits.md): besides the step of the call, string operations charge a step per 16
 * characters of their arguments, and those that split a path into its parts (`normalize`,
 * `relative`, `absolute`) a step per 2 characters of each pass; file-system operations
 * `FS_CALL` steps each (every path checked, directory read, stat or link resolved), `FS_ENTRY`
 * per directory entry read, and a step per comparison of a sort and per 16 characters of each
 * path matched (plus the glob automaton's work).
 */
import { lstatSync, mkdirSync, readdirSync, realpathSync, rmdirSync, rmSync, type Dirent } from "node:fs";
import { homedir, tmpdir } from "node:os";
import nodePath from "node:path";
import picomatch from "picomatch";
import { authorizePath } from "../capabilities/check.js";
import { charge, checkArrayLength, checkStringLength, tick } from "../runtime/limits.js";
import { compareStrings } from "../runtime/ordering.js";
import { defineModule } from "./define.js";
import { needBoolean, needInteger, needString, valueError } from "./support/arguments.js";
import { FS_CALL, FS_ENTRY, spendItems, spendString, spendText, textCost } from "./support/cost.js";
import { errnoCode, fsError, guarded, notFound } from "./support/fs-errors.js";
import { pathIs, pathTarget, statOrNull, type PathTarget } from "./support/fs-io.js";
import { compilePathGlob, pathGlobMatches } from "./support/path-glob.js";
import { joinPath, normalizePath, relativePath, resolvePath } from "./support/path-text.js";
import { programScope, runBudget } from "./support/scope.js";

const m = defineModule(
  "path",
  "Path strings (pure) and file-system queries and directory changes, checked against the granted path capabilities.",
);

/** `names` sorted in place by code point, a step per comparison. */
function sortByName(names: string[]): string[] {
  const b = runBudget();
  return names.sort((x, y) => {
    if (--b.n < 0) tick(b);
    return compareStrings(x, y);
  });
}

/** A string argument, charged a step per 16 characters (the operations scan it). */
function scanned(fn: string, position: number, v: unknown): string {
  const s = needString(fn, position, v);
  spendText(s.length);
  return s;
}

/**
 * Charges a pass that splits `length` characters of path into parts and joins them again: a
 * string per part, and a part with its separator takes at least 2 characters.
 */
function spendParts(length: number): void {
  spendItems(Math.ceil(length / 2));
}

// --- pure string operations ---

export const sep = m.constant("sep", nodePath.sep, "The host's path separator (\"/\" on Linux and macOS), as a constant; separator() returns it.");
export const pathsep = m.constant(
  "pathsep", nodePath.delimiter, "The host's separator of paths in lists such as PATH (\":\" on Linux and macOS), as a constant; delimiter() returns it.",
);

export const separator = m.function(
  { name: "separator", params: "", returns: "string", description: "The host's path separator (\"/\" on Linux and macOS); also the constant path.sep." },
  () => nodePath.sep,
);

export const delimiter = m.function(
  {
    name: "delimiter", params: "", returns: "string",
    description: "The host's separator of paths in lists such as PATH (\":\" on Linux and macOS); also the constant path.pathsep.",
  },
  () => nodePath.delimiter,
);

export const join = m.function(
  {
    name: "join", params: "first, ...parts", returns: "string",
    description: "The parts joined with the separator, as Python's os.path.join: an absolute part starts the path again, nothing is normalized (see normalize).",
  },
  (...parts: unknown[]) => {
    const strings = parts.map((p, i) => needString("path.join", i + 1, p));
    const length = strings.reduce((n, p) => n + p.length + 1, 0);
    checkStringLength(length, programScope().state.limits);
    spendString(length);
    return pythonJoin(strings);
  },
);

/** Python's `posixpath.join` (Node's join on other hosts). */
function pythonJoin(parts: readonly string[]): string {
  if (!POSIX) return nodePath.join(...parts);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const b = parts[i]!;
    if (b.startsWith("/")) out = b;
    else if (out === "" || out.endsWith("/")) out += b;
    else out += "/" + b;
  }
  return out;
}

/** Index after the last separator of `p` (Python's `posixpath._get_sep` split point). */
function splitPoint(p: string): number {
  return p.lastIndexOf("/") + 1;
}

/** Python's `posixpath.dirname`: "" for a bare name, trailing separators of the head removed. */
function pythonDirname(p: string): string {
  if (!POSIX) return nodePath.dirname(p);
  let head = p.slice(0, splitPoint(p));
  if (head !== "" && !/^\/+$/.test(head)) head = head.replace(/\/+$/, "");
  return head;
}

/** Python's `posixpath.basename`: what follows the last separator ("" after a trailing one). */
function pythonBasename(p: string): string {
  return POSIX ? p.slice(splitPoint(p)) : nodePath.basename(p);
}

const POSIX = nodePath.sep === "/";

export const dirname = m.function(
  { name: "dirname", params: "p", returns: "string", description: "The directory part of a path (\"\" when there is none), as Python's os.path.dirname." },
  (p: unknown) => pythonDirname(scanned("path.dirname", 1, p)),
);

export const basename = m.function(
  { name: "basename", params: "p", returns: "string", description: "What follows the last separator of a path (\"\" when it ends with one), as Python's os.path.basename." },
  (p: unknown) => pythonBasename(scanned("path.basename", 1, p)),
);

export const extname = m.function(
  { name: "extname", params: "p", returns: "string", description: "The extension of the last part, from its last dot (\".txt\"), or \"\"." },
  (p: unknown) => nodePath.extname(scanned("path.extname", 1, p)),
);

export const split = m.function(
  { name: "split", params: "p", returns: "array", description: "[dirname(p), basename(p)], as Python's os.path.split." },
  (p: unknown) => {
    const s = scanned("path.split", 1, p);
    return [pythonDirname(s), pythonBasename(s)];
  },
);

export const normalize = m.function(
  {
    name: "normalize", params: "p", returns: "string",
    description: "The path with duplicate separators, \".\" and \"..\" parts and a trailing separator removed (\".\" for an empty path), as Python's os.path.normpath.",
  },
  (p: unknown) => {
    const s = needString("path.normalize", 1, p);
    spendParts(s.length);
    const n = normalizePath(s);
    return POSIX && n.length > 1 && n.endsWith("/") ? (n === "./" ? "." : n.slice(0, -1)) : n;
  },
);

export const isAbsolute = m.function(
  { name: "isAbsolute", aliases: ["is_absolute"], params: "p", returns: "boolean", description: "Whether the path is absolute." },
  (p: unknown) => nodePath.isAbsolute(needString("path.isAbsolute", 1, p)),
);

/** A fixed root for relative paths, so `relative` never depends on the host's directory. */
const VIRTUAL_ROOT = nodePath.resolve(nodePath.sep);

export const relative = m.function(
  {
    name: "relative", params: "from, to", returns: "string",
    description: "The relative path from one path to another; both must be absolute, or both relative.",
  },
  (from: unknown, to: unknown) => {
    // Normalized, then resolved and compared: two passes over each, and a scan.
    const fromText = needString("path.relative", 1, from);
    const toText = needString("path.relative", 2, to);
    spendParts(fromText.length + toText.length);
    const a = normalizePath(fromText);
    const b = normalizePath(toText);
    spendParts(a.length + b.length);
    spendText(a.length + b.length);
    if (nodePath.isAbsolute(a) !== nodePath.isAbsolute(b)) {
      throw valueError("path.relative() needs two absolute or two relative paths");
    }
    // The result ("../" per part of `from`) can be longer than both arguments.
    if (nodePath.isAbsolute(a)) return checkedText(relativePath(a, b));
    // Two relative paths are compared from a common virtual root, which ".." cannot climb out of.
    if (leadsUp(a) || leadsUp(b)) throw valueError("path.relative() cannot compare relative paths that start with '..'");
    return checkedText(relativePath(joinPath(VIRTUAL_ROOT, a), joinPath(VIRTUAL_ROOT, b)));
  },
);

function checkedText(s: string): string {
  checkStringLength(s.length, programScope().state.limits);
  spendText(s.length);
  return s;
}

function leadsUp(normalized: string): boolean {
  return normalized === ".." || normalized.startsWith(".." + nodePath.sep);
}

// --- file-system queries (path.read) ---

function target(fn: string, capability: string, path: unknown, position = 1): PathTarget {
  return pathTarget("path", fn, capability, path, position);
}

export const absolute = m.function(
  {
    name: "absolute", params: "p", returns: "string", requires: ["path.read"],
    description: "The absolute form of a path, relative paths starting at the program's directory (symbolic links are kept).",
  },
  (p: unknown) => {
    const t = target("absolute", "path.read", p);
    const base = programScope().baseDir;
    spendString(base.length + t.shown.length + 1);
    spendParts(base.length + t.shown.length + 1);
    return resolvePath(base, t.shown);
  },
);

export const exists = m.function(
  { name: "exists", params: "p", returns: "boolean", requires: ["path.read"], description: "Whether a file or directory exists at the path." },
  (p: unknown) => {
    return pathIs(target("exists", "path.read", p), "any");
  },
);

export const isFile = m.function(
  { name: "isFile", aliases: ["is_file"], params: "p", returns: "boolean", requires: ["path.read"], description: "Whether the path is an existing regular file." },
  (p: unknown) => {
    return pathIs(target("isFile", "path.read", p), "file");
  },
);

export const isDirectory = m.function(
  {
    name: "isDirectory", aliases: ["is_directory"], params: "p", returns: "boolean", requires: ["path.read"],
    description: "Whether the path is an existing directory.",
  },
  (p: unknown) => {
    return pathIs(target("isDirectory", "path.read", p), "directory");
  },
);

/** The entries of the directory `t`, or the ML error for it. */
function entriesOf(t: PathTarget): Dirent[] {
  spendItems(FS_CALL);
  const entries = guarded(t.shown, () => readdirSync(t.canonical, { withFileTypes: true }), "Directory");
  spendItems(FS_ENTRY * entries.length);
  return entries;
}

export const listDir = m.function(
  {
    name: "listDir", aliases: ["list_dir"], params: "dir=\".\"", returns: "array of strings", requires: ["path.read"],
    description: "The names of the entries of a directory, sorted.",
  },
  (dir?: unknown) => {
    const t = target("listDir", "path.read", dir === undefined || dir === null ? "." : dir);
    const names = entriesOf(t).map((e) => e.name);
    checkArrayLength(names.length, programScope().state.limits);
    return sortByName(names);
  },
);

/** Whether the canonical path `p` is `root` or inside it. */
function within(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(nodePath.sep) ? root : root + nodePath.sep);
}

/**
 * Paths below the directory `start` (relative, "/"-separated) that `isMatch` accepts, entering
 * directories at most `maxDepth` levels deep. Unreadable subdirectories are skipped, as in
 * Python's glob.
 */
function matchBelow(start: string, isMatch: (rel: string) => boolean, maxDepth: number): string[] {
  const limits = programScope().state.limits;
  const b = runBudget();
  const out: string[] = [];
  const pending: { dir: string; rel: string; depth: number }[] = [{ dir: start, rel: "", depth: 0 }];
  while (pending.length > 0) {
    const { dir, rel, depth } = pending.pop()!;
    charge(b, FS_CALL);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
      // The entry, and a step per 16 characters of the path matched against the pattern.
      charge(b, FS_ENTRY + textCost(childRel.length));
      if (e.isSymbolicLink() && (charge(b, FS_CALL), !linksInside(start, nodePath.join(dir, e.name)))) continue;
      if (isMatch(childRel)) {
        out.push(childRel);
        checkArrayLength(out.length, limits);
      }
      if (e.isDirectory() && depth + 1 < maxDepth) pending.push({ dir: nodePath.join(dir, e.name), rel: childRel, depth: depth + 1 });
    }
  }
  return out;
}

function linksInside(root: string, link: string): boolean {
  try {
    return within(root, realpathSync.native(link));
  } catch {
    return false; // dangling
  }
}

export const glob = m.function(
  {
    name: "glob", params: "pattern, root=\".\"", returns: "array of strings", requires: ["path.read"],
    description:
      "Sorted paths matching a glob pattern (`*`, `?`, `[…]`, `{a,b}`, `**` for any depth; names starting with a dot only when the pattern names them). Results are relative to root, or absolute for an absolute pattern.",
  },
  (pattern: unknown, root?: unknown) => {
    const pat = scanned("path.glob", 1, pattern);
    const rootShown = root === undefined || root === null ? "." : needString("path.glob", 2, root);
    if (pat === "") return [];
    const scan = picomatch.scan(pat);
    // The pattern's literal leading directories are where the walk starts (and what is checked).
    const base = scan.base;
    const startShown = nodePath.isAbsolute(base) ? base : joinPath(rootShown, base === "" ? "." : base);
    const start = authorizePath("path.glob", "path.read", startShown, "glob");
    if (!scan.isGlob) return statOrNull(start, startShown) === null ? [] : [normalizePath(pat)];
    const st = statOrNull(start, startShown);
    if (st === null || !st.isDirectory()) return [];
    const globPart = scan.glob;
    const unbounded = globPart.includes("**") || globPart.includes("{");
    const depth = unbounded ? Infinity : globPart.split("/").length;
    const b = runBudget();
    const compiled = compilePathGlob(globPart, b);
    const found = matchBelow(start, (rel) => pathGlobMatches(compiled, rel, b), depth);
    return sortByName(found.map((rel) => (base === "" ? normalizePath(rel) : joinPath(base, rel))));
  },
);

export const walk = m.function(
  {
    name: "walk", params: "dir=\".\", maxDepth=-1", returns: "array of strings", requires: ["path.read"],
    description:
      "mlpy's walk: the paths of every file below dir, relative to it (\"/\"-separated) and sorted. maxDepth limits how many directory levels below dir are entered (0: the files directly in dir; negative: no limit). Symbolic links are never entered: a link to a directory is left out, any other link listed as a file.",
  },
  (dir?: unknown, maxDepth?: unknown) => {
    const t = target("walk", "path.read", dir === undefined || dir === null ? "." : dir);
    let limit = Infinity;
    if (maxDepth !== undefined && maxDepth !== null) {
      const d = needInteger("path.walk", 2, maxDepth);
      if (d >= 0) limit = d;
    }
    const limits = programScope().state.limits;
    const b = runBudget();
    const out: string[] = [];
    const top = entriesOf(t); // errors for the top directory are reported, below it skipped
    const pending: { dir: string; rel: string; depth: number; entries: Dirent[] | null }[] = [{ dir: t.canonical, rel: "", depth: 0, entries: top }];
    while (pending.length > 0) {
      const { dir: here, rel, depth, entries } = pending.pop()!;
      let list = entries;
      if (list === null) {
        charge(b, FS_CALL);
        try {
          list = readdirSync(here, { withFileTypes: true });
        } catch {
          continue;
        }
        charge(b, FS_ENTRY * list.length);
      }
      for (const e of list) {
        const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
        charge(b, textCost(childRel.length));
        if (e.isDirectory()) {
          if (depth < limit) pending.push({ dir: nodePath.join(here, e.name), rel: childRel, depth: depth + 1, entries: null });
          continue;
        }
        if (e.isSymbolicLink()) {
          let st = null;
          try {
            st = statOrNull(nodePath.join(here, e.name), childRel); // charges FS_CALL
          } catch {
            // unreadable: listed as a file, as os.walk does
          }
          if (st !== null && st.isDirectory()) continue;
        }
        out.push(childRel);
        checkArrayLength(out.length, limits);
      }
    }
    return sortByName(out);
  },
);

export const walkTree = m.function(
  {
    name: "walkTree", aliases: ["walk_tree"], params: "dir=\".\", maxDepth?", returns: "array of objects", requires: ["path.read"],
    description:
      "Like Python's os.walk (what path.walk returned before mljs followed mlpy's walk): one {\"path\", \"dirs\", \"files\"} object per directory, top-down, names sorted. maxDepth limits how many levels below dir are entered (0: dir only); symbolic links are listed among files and never entered.",
  },
  (dir?: unknown, maxDepth?: unknown) => {
    const t = target("walkTree", "path.read", dir === undefined || dir === null ? "." : dir);
    let limit = Infinity;
    if (maxDepth !== undefined && maxDepth !== null) {
      limit = needInteger("path.walkTree", 2, maxDepth);
      if (limit < 0) throw valueError("path.walkTree() maxDepth must be a non-negative integer");
    }
    const limits = programScope().state.limits;
    const result: Record<string, unknown>[] = [];
    const top = entriesOf(t); // errors for the top directory are reported, below it skipped
    const pending: { dir: string; shown: string; depth: number; entries: Dirent[] | null }[] = [
      { dir: t.canonical, shown: t.shown, depth: 0, entries: top },
    ];
    while (pending.length > 0) {
      const { dir, shown, depth, entries } = pending.pop()!;
      let list = entries;
      if (list === null) {
        spendItems(FS_CALL);
        try {
          list = readdirSync(dir, { withFileTypes: true });
        } catch {
          continue;
        }
      }
      const dirs: string[] = [];
      const files: string[] = [];
      if (entries === null) spendItems(FS_ENTRY * list.length); // the top directory's are charged
      for (const e of list) (e.isDirectory() ? dirs : files).push(e.name);
      sortByName(dirs);
      sortByName(files);
      result.push({ path: shown, dirs, files });
      checkArrayLength(result.length, limits);
      if (depth < limit) {
        // Pushed in reverse so that they are visited in name order (pre-order, like os.walk).
        for (let i = dirs.length - 1; i >= 0; i--) {
          pending.push({ dir: nodePath.join(dir, dirs[i]!), shown: nodePath.join(shown, dirs[i]!), depth: depth + 1, entries: null });
        }
      }
    }
    return result;
  },
);

/** A directory the host names, returned only when the grant covers it. */
function hostDirectory(fn: string, dir: string): string {
  authorizePath(`path.${fn}`, "path.read", dir, fn);
  return dir;
}

export const cwd = m.function(
  {
    name: "cwd", params: "", returns: "string", requires: ["path.read"],
    description: "The program's base directory (where relative paths start), not the host process's working directory; the grant must cover it.",
  },
  () => hostDirectory("cwd", programScope().baseDir),
);

export const home = m.function(
  { name: "home", params: "", returns: "string", requires: ["path.read"], description: "The user's home directory; the grant must cover it." },
  () => hostDirectory("home", homedir()),
);

export const tempDir = m.function(
  {
    name: "tempDir", aliases: ["temp_dir"], params: "", returns: "string", requires: ["path.read"],
    description: "The system's directory for temporary files; the grant must cover it.",
  },
  () => hostDirectory("tempDir", tmpdir()),
);

// --- directory mutations (path.write) ---

/** `lstat` of the checked path, or null when nothing is there. */
function lstatOrNull(t: PathTarget) {
  spendItems(FS_CALL);
  try {
    return lstatSync(t.canonical);
  } catch (e) {
    const code = errnoCode(e);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw fsError(e, t.shown, "Directory");
  }
}

export const createDir = m.function(
  {
    name: "createDir", aliases: ["create_dir"], params: "p, parents=true", returns: "boolean", requires: ["path.write"],
    description: "Creates a directory (and missing parents unless parents is false): true when created, false when it already existed.",
  },
  (p: unknown, parents?: unknown) => {
    const recursive = parents === undefined || parents === null ? true : needBoolean("path.createDir", 2, parents);
    const t = target("createDir", "path.write", p);
    const st = statOrNull(t.canonical, t.shown);
    if (st !== null) {
      if (st.isDirectory()) return false;
      throw valueError(`File exists: ${t.shown}`);
    }
    spendItems(FS_CALL);
    try {
      mkdirSync(t.canonical, { recursive });
    } catch (e) {
      if (errnoCode(e) === "ENOENT") throw valueError(`Parent directory not found: ${t.shown}`);
      throw fsError(e, t.shown, "Directory");
    }
    return true;
  },
);

/** Removes the directory `t` with `remove`; a missing directory raises, as in mlpy. */
function removeDirectory(t: PathTarget, remove: (canonical: string) => void): boolean {
  const st = lstatOrNull(t);
  if (st === null) throw notFound(t.shown, "Directory");
  if (!st.isDirectory()) throw valueError(`Not a directory: ${t.shown}`);
  spendItems(FS_CALL);
  guarded(t.shown, () => remove(t.canonical), "Directory");
  return true;
}

export const removeDir = m.function(
  {
    name: "removeDir", aliases: ["remove_dir"], params: "p", returns: "boolean", requires: ["path.write"],
    description: "Removes an empty directory and returns true; a missing directory raises ValueError (as in mlpy).",
  },
  (p: unknown) => removeDirectory(target("removeDir", "path.write", p), (c) => rmdirSync(c)),
);

export const removeDirRecursive = m.function(
  {
    name: "removeDirRecursive", aliases: ["remove_dir_recursive"], params: "p", returns: "boolean", requires: ["path.write"],
    description: "Removes a directory and everything in it (symbolic links inside are removed, not followed) and returns true; a missing directory raises ValueError (as in mlpy).",
  },
  (p: unknown) => removeDirectory(target("removeDirRecursive", "path.write", p), (c) => rmSync(c, { recursive: true })),
);

export const definition = m.done();
