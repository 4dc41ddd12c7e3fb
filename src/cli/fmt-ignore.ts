/**
 * `.mljsfmtignore`: files `mljs fmt` leaves alone when it walks a directory (docs/formatting.md).
 *
 * One pattern per line, relative to the directory holding the ignore file; `#` starts a comment
 * line. `*` matches within one path segment, `**` across segments, `?` one character; a pattern
 * naming a directory covers everything under it.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/** The ignore file's name, looked for in the current directory. */
export const IGNORE_FILE = ".mljsfmtignore";

/** Decides whether a path is ignored. */
export type IgnoreMatcher = (path: string) => boolean;

/** Parses the patterns of an ignore file's text. */
export function parseIgnorePatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.replace(/^\.?\//, "").replace(/\/+$/, ""));
}

function patternToRegExp(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      i++;
      if (pattern[i + 1] === "/") {
        i++;
        out += "(?:.*/)?";
      } else {
        out += ".*";
      }
    } else if (c === "*") {
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  // The pattern names the path itself or a directory above it.
  return new RegExp(`^${out}(?:/.*)?$`);
}

/**
 * A matcher for `patterns`, relative to `base`: paths (relative to the current directory or
 * absolute) are resolved and compared relative to `base`, with `/` separators.
 */
export function ignoreMatcher(patterns: readonly string[], base: string): IgnoreMatcher {
  const regexps = patterns.map(patternToRegExp);
  return (path) => {
    const rel = relative(base, resolve(path)).split(sep).join("/");
    if (rel.startsWith("../")) return false;
    return regexps.some((r) => r.test(rel));
  };
}

/** The matcher of `.mljsfmtignore` in `dir` (nothing ignored when there is no such file). */
export function loadIgnoreFile(dir: string): IgnoreMatcher {
  let text: string;
  try {
    text = readFileSync(join(dir, IGNORE_FILE), "utf8");
  } catch {
    return () => false;
  }
  return ignoreMatcher(parseIgnorePatterns(text), dir);
}
