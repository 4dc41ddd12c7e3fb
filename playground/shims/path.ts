/**
 * `node:path` for the playground's worker: the POSIX functions the host and the stdlib use,
 * with Node's results (test/playground/shims.test.ts compares them with `node:path.posix`). The
 * worker's working directory is `/`.
 */
export const sep = "/";
export const delimiter = ":";

function cwd(): string {
  return "/";
}

/** `.` and `..` segments of `path` resolved; `..` kept at the front when `allowAboveRoot`. */
function normalizeString(path: string, allowAboveRoot: boolean): string {
  const kept = path.split("/").reduce<string[]>((stack, segment) => {
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (segment === ".." && top !== undefined && top !== "..") stack.pop();
    else if (segment === ".." ? allowAboveRoot : segment !== "" && segment !== ".") stack.push(segment);
    return stack;
  }, []);
  return kept.join("/");
}

export function isAbsolute(path: string): boolean {
  return path.startsWith("/");
}

export function normalize(path: string): string {
  if (path.length === 0) return ".";
  const absolute = isAbsolute(path);
  const trailing = path.endsWith("/");
  let out = normalizeString(path, !absolute);
  if (out.length === 0) {
    if (absolute) return "/";
    return trailing ? "./" : ".";
  }
  if (trailing) out += "/";
  return absolute ? `/${out}` : out;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((p) => p.length > 0).join("/");
  return joined.length === 0 ? "." : normalize(joined);
}

export function resolve(...parts: string[]): string {
  let resolved = "";
  let absolute = false;
  for (let i = parts.length - 1; i >= -1 && !absolute; i--) {
    const p = i >= 0 ? parts[i]! : cwd();
    if (p.length === 0) continue;
    resolved = `${p}/${resolved}`;
    absolute = isAbsolute(p);
  }
  const out = normalizeString(resolved, !absolute);
  return absolute ? `/${out}` : out.length > 0 ? out : ".";
}

export function dirname(path: string): string {
  if (path.length === 0) return ".";
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  const slash = path.lastIndexOf("/", end - 1);
  if (slash < 0) return ".";
  if (slash === 0) return "/";
  let cut = slash;
  while (cut > 1 && path[cut - 1] === "/") cut--;
  return path.slice(0, cut);
}

export function basename(path: string, suffix?: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  if (end === 0) return "";
  const base = path.slice(path.lastIndexOf("/", end - 1) + 1, end);
  if (suffix !== undefined && suffix !== base && base.endsWith(suffix)) return base.slice(0, base.length - suffix.length);
  return base;
}

export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  if (dot <= 0 || (dot === 1 && base === "..")) return "";
  // A name made only of leading dots has no extension.
  if (/^\.+$/.test(base)) return "";
  return base.slice(dot);
}

export function relative(from: string, to: string): string {
  const a = resolve(from);
  const b = resolve(to);
  if (a === b) return "";
  const fromParts = a === "/" ? [] : a.slice(1).split("/");
  const toParts = b === "/" ? [] : b.slice(1).split("/");
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  return [...fromParts.slice(common).map(() => ".."), ...toParts.slice(common)].join("/");
}

const path = { sep, delimiter, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative };
export const posix = path;
export default path;
