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
