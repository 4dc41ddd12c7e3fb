/**
 * The `.ml` files that command-line arguments name: a file as given, a directory as every `.ml`
 * file under it (recursively, in name order), skipping `node_modules` and dot-directories.
 * Symbolic links to directories are not followed, so a link cycle cannot make the walk endless.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Expands `paths` (files and directories, mixed) to files; each file once, in order met. */
export function mlFilesIn(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // not there: kept, so the command reports it as unreadable
    }
    if (isDir) walk(p, out);
    else out.add(p);
  }
  return [...out];
}

function walk(dir: string, out: Set<string>): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      walk(join(dir, e.name), out);
    } else if (e.isFile() && e.name.endsWith(".ml")) {
      out.add(join(dir, e.name));
    }
  }
}
