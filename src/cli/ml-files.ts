/**
 * The `.ml` files that command-line arguments name: a file as given, a directory as every `.ml`
 * file under it (recursively, in name order), skipping `node_modules` and dot-directories.
 * Symbolic links to directories are not followed, so a link cycle cannot make the walk endless.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeAllSync } from "./terminal.js";

/**
 * Expands `paths` (files and directories, mixed) to files; each file once, in order met.
 * `keep` filters the files found under directories (`mljs fmt`'s ignore file); files named
 * explicitly are always kept.
 */
export function mlFilesIn(paths: readonly string[], keep: (file: string) => boolean = () => true): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // not there: kept, so the command reports it as unreadable
    }
    if (isDir) walk(p, out, keep);
    else out.add(p);
  }
  return [...out];
}

/** The text of `file`, or null after reporting on standard error that it cannot be read. */
export function readMlFile(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    writeAllSync(2, `mljs: cannot read '${file}': ${(e as Error).message}\n`);
    return null;
  }
}

function walk(dir: string, out: Set<string>, keep: (file: string) => boolean): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      walk(join(dir, e.name), out, keep);
    } else if (e.isFile() && e.name.endsWith(".ml")) {
      const file = join(dir, e.name);
      if (keep(file)) out.add(file);
    }
  }
}
