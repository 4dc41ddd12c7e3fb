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

/** Node's own algorithm (a path starting `//x` keeps both slashes; inner runs of slashes are kept). */
export function dirname(path: string): string {
  if (path.length === 0) return ".";
  const hasRoot = path[0] === "/";
  let end = -1;
  let matchedSlash = true;
  for (let i = path.length - 1; i >= 1; i--) {
    if (path[i] === "/") {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      matchedSlash = false;
    }
  }
  if (end === -1) return hasRoot ? "/" : ".";
  if (hasRoot && end === 1) return "//";
  return path.slice(0, end);
}

/** Node's own algorithm, quirks included (`basename("////", ".txt")` is `"////"`). */
export function basename(path: string, suffix?: string): string {
  let start = 0;
  let end = -1;
  let matchedSlash = true;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return "";
    let extIdx = suffix.length - 1;
    let firstNonSlashEnd = -1;
    for (let i = path.length - 1; i >= 0; i--) {
      const c = path[i];
      if (c === "/") {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else {
        if (firstNonSlashEnd === -1) {
          matchedSlash = false;
          firstNonSlashEnd = i + 1;
        }
        if (extIdx >= 0) {
          if (c === suffix[extIdx]) {
            if (--extIdx === -1) end = i;
          } else {
            extIdx = -1;
            end = firstNonSlashEnd;
          }
        }
      }
    }
    if (start === end) end = firstNonSlashEnd;
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] === "/") {
      if (!matchedSlash) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
  }
  return end === -1 ? "" : path.slice(start, end);
}

/** Node's own algorithm: the last `.` of the last segment, unless the segment starts with it or is `..`. */
export function extname(path: string): string {
  let startDot = -1;
  let startPart = 0;
  let end = -1;
  let matchedSlash = true;
  // 0: no dot yet before the last one; 1: only dots before it; -1: some other character before it.
  let preDotState = 0;
  for (let i = path.length - 1; i >= 0; i--) {
    const c = path[i];
    if (c === "/") {
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
    if (c === ".") {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  if (startDot === -1 || end === -1 || preDotState === 0 || (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)) return "";
  return path.slice(startDot, end);
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
