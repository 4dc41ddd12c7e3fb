/**
 * `mljs run --watch file.ml`: runs the program, then again whenever the file or a user module it
 * imports changes (changes within {@link DEBOUNCE_MS} make one run). Runs until interrupted.
 *
 * Directories are watched rather than files, so an editor that saves by writing a new file and
 * renaming it over the old one is still seen.
 */
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { allModules, linkProgram } from "../../host/loader.js";
import { paint, writeAllSync } from "../terminal.js";
import { runProgram, type RunProgramOptions } from "./run.js";

/** Quiet time after the last change before the program runs again. */
export const DEBOUNCE_MS = 150;

/** Runs `path` now and after every change; the returned promise never settles (Ctrl+C ends it). */
export async function watchProgram(path: string, options: Omit<RunProgramOptions, "stdin">): Promise<number> {
  const entry = resolve(path);
  const watchers = new Map<string, FSWatcher>();
  let files = new Set<string>([entry]);
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;

  const note = (text: string): void => writeAllSync(2, `${paint.dim(text, options.color)}\n`);

  /** The entry and every user module it imports (just the entry while it does not compile). */
  const programFiles = (): Set<string> => {
    try {
      const root = linkProgram(entry, options.importPaths, false, options.maxSourceLength);
      return new Set(allModules(root).flatMap((m) => (m.path === null ? [] : [m.path])));
    } catch {
      return new Set([...files, entry]);
    }
  };

  const watchDirectories = (): void => {
    const dirs = new Set([...files].map((f) => dirname(f)));
    for (const [dir, w] of watchers) {
      if (!dirs.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, (_event, name) => {
          // No name: some platforms do not say which file changed.
          const file = name === null ? entry : resolve(dir, name.toString());
          if (name === null || files.has(file)) schedule(file);
        });
        watchers.set(dir, w);
      } catch {
        note(`mljs: cannot watch ${dir}`);
      }
    }
  };

  let changed = entry;
  const schedule = (file: string): void => {
    changed = file;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void cycle(true);
    }, DEBOUNCE_MS);
  };

  const cycle = async (rerun: boolean): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    if (rerun) note(`\n── ${basename(changed)} changed: running ${basename(entry)} again (${new Date().toLocaleTimeString()}) ──`);
    const code = await runProgram(entry, { ...options, stdin: false });
    files = programFiles();
    watchDirectories();
    note(`── ${code === 0 ? "done" : `exited with code ${code}`}; watching ${files.size} file${files.size === 1 ? "" : "s"} for changes (Ctrl+C to stop) ──`);
    running = false;
    if (again) {
      again = false;
      await cycle(true);
    }
  };

  await cycle(false);
  return new Promise<number>(() => {});
}
