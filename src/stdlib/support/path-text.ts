/**
 * `normalize`, `join` and `resolve` of path text in linear time, giving exactly what `node:path`
 * gives on POSIX hosts. Node's own versions remove a `..` segment by searching and slicing the
 * text built so far, which makes them quadratic in the length of a path full of `..`
 * (`"ab/./c/../" * 100000` took 10 s in one `normalize`). Segments are kept on a stack here.
 * On other hosts (Windows separators and drive letters) `node:path` is used as it is.
 */
import nodePath from "node:path";

const POSIX = nodePath.sep === "/";
const SLASH = 0x2f;

/** The segments of `path` with `.` dropped and `..` applied (kept at the front when `aboveRoot`). */
function normalizeSegments(path: string, aboveRoot: boolean): string {
  const stack: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (stack.length > 0 && stack[stack.length - 1] !== "..") stack.pop();
      else if (aboveRoot) stack.push("..");
    } else {
      stack.push(segment);
    }
  }
  return stack.join("/");
}

/** `path.normalize(p)`. */
export function normalizePath(p: string): string {
  if (!POSIX) return nodePath.normalize(p);
  if (p.length === 0) return ".";
  const absolute = p.charCodeAt(0) === SLASH;
  const trailing = p.charCodeAt(p.length - 1) === SLASH;
  let out = normalizeSegments(p, !absolute);
  if (out.length === 0) return absolute ? "/" : trailing ? "./" : ".";
  if (trailing) out += "/";
  return absolute ? `/${out}` : out;
}

/** `path.join(...parts)`. */
export function joinPath(...parts: string[]): string {
  if (!POSIX) return nodePath.join(...parts);
  const nonEmpty = parts.filter((p) => p.length > 0);
  return nonEmpty.length === 0 ? "." : normalizePath(nonEmpty.join("/"));
}

/** `path.resolve(base, p)` for an absolute `base`. */
export function resolvePath(base: string, p: string): string {
  if (!POSIX || !nodePath.isAbsolute(base)) return nodePath.resolve(base, p);
  const joined = p.charCodeAt(0) === SLASH ? p : `${base}/${p}`;
  return `/${normalizeSegments(joined, false)}`;
}

/** `path.relative(from, to)` for two absolute paths. */
export function relativePath(from: string, to: string): string {
  if (!POSIX || !nodePath.isAbsolute(from) || !nodePath.isAbsolute(to)) return nodePath.relative(from, to);
  if (from === to) return "";
  from = resolvePath("/", from);
  to = resolvePath("/", to);
  if (from === to) return "";
  // Node's algorithm, on the resolved paths (both start with "/").
  const fromEnd = from.length;
  const fromLength = fromEnd - 1;
  const toLength = to.length - 1;
  const length = fromLength < toLength ? fromLength : toLength;
  let lastCommonSep = -1;
  let i = 0;
  for (; i < length; i++) {
    const c = from.charCodeAt(1 + i);
    if (c !== to.charCodeAt(1 + i)) break;
    if (c === SLASH) lastCommonSep = i;
  }
  if (i === length) {
    if (toLength > length) {
      if (to.charCodeAt(1 + i) === SLASH) return to.slice(1 + i + 1);
      if (i === 0) return to.slice(1 + i);
    } else if (fromLength > length) {
      if (from.charCodeAt(1 + i) === SLASH) lastCommonSep = i;
      else if (i === 0) lastCommonSep = 0;
    }
  }
  const ups: string[] = [];
  for (i = 1 + lastCommonSep + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || from.charCodeAt(i) === SLASH) ups.push("..");
  }
  return `${ups.join("/")}${to.slice(1 + lastCommonSep)}`;
}
