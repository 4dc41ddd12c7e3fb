/**
 * Resolution of user-module imports (LANGUAGE.md §8): `import a.b;` finds `a/b.ml` in the
 * importing file's directory, then in each configured import root. Nothing outside those roots
 * can be reached: path segments are ML identifiers (no `.`, `/` or `..` can be written), and the
 * real path of the file found (symlinks resolved) must still lie inside the root it was found in.
 */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep, isAbsolute } from "node:path";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a module was found, or why not. */
export type Resolution =
  | { ok: true; path: string }
  | { ok: false; reason: "invalid" | "not-found" | "escapes"; tried: string[]; candidates: string[] };

/**
 * Finds the file for an import path.
 * @param segments the dotted path, e.g. `["a", "b"]`
 * @param importerDir directory of the importing file, or null for inline source without a file name
 * @param roots the host's import roots (absolute)
 */
export function resolveUserModule(
  segments: readonly string[],
  importerDir: string | null,
  roots: readonly string[],
): Resolution {
  const searched = importerDir === null ? [...roots] : [importerDir, ...roots];
  if (segments.length === 0 || !segments.every((s) => IDENTIFIER.test(s))) {
    return { ok: false, reason: "invalid", tried: [], candidates: [] };
  }
  const tried: string[] = [];
  let escaped = false;
  for (const root of searched) {
    const candidate = join(root, ...segments.slice(0, -1), `${segments[segments.length - 1]}.ml`);
    tried.push(candidate);
    if (!isFile(candidate)) continue;
    if (!inside(realpathSafe(candidate), realpathSafe(root))) {
      escaped = true;
      continue;
    }
    return { ok: true, path: candidate };
  }
  return {
    ok: false,
    reason: escaped ? "escapes" : "not-found",
    tried,
    candidates: nearbyModuleNames(segments, searched),
  };
}

/** Dotted names of `.ml` modules next to where the import was looked for (for suggestions). */
function nearbyModuleNames(segments: readonly string[], roots: readonly string[]): string[] {
  const prefix = segments.slice(0, -1);
  const names = new Set<string>();
  for (const root of roots) {
    const dir = join(root, ...prefix);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.endsWith(".ml")) {
        const base = entry.slice(0, -3);
        if (IDENTIFIER.test(base)) names.add([...prefix, base].join("."));
      }
    }
  }
  return [...names];
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

function realpathSafe(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/** The directory imports of `file` are resolved from. */
export function importerDirectory(file: string | null): string | null {
  return file === null ? null : dirname(resolve(file));
}
