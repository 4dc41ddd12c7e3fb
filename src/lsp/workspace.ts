/**
 * The language server's view of the files: open documents (their text as the editor has it) and
 * `.ml` files on disk, each analysed once per version. Imports resolve relative to the importing
 * file and then in the configured import roots, as the host loader resolves them
 * (`src/host/resolve.ts`). Cross-file features (references, rename) look at the open documents
 * and at the `.ml` files of the workspace folders.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolveUserModule } from "../host/resolve.js";
import { DEFAULT_MAX_SOURCE_LENGTH } from "../compiler/index.js";
import { analyze, type Analysis } from "./analysis.js";

/** Files looked at per workspace folder for references and renames, at most. */
export const MAX_WORKSPACE_FILES = 2000;

/**
 * Directory entries read per workspace folder when listing its `.ml` files, at most: a folder
 * such as a home directory is not walked whole on every search.
 */
export const MAX_WORKSPACE_ENTRIES = 50_000;

/** Files a cross-file search analyses in all (open documents, folders' files and their imports), at most. */
export const MAX_SEARCHED_FILES = 4000;

/** Characters a cross-file search analyses in all, at most: it stops after the file that passes this. */
export const MAX_SEARCHED_CHARACTERS = 20_000_000;

/** Bytes of a file on disk beyond which its text is surely longer than the compiler accepts (3 bytes per UTF-16 unit at most). */
const MAX_FILE_BYTES = 3 * DEFAULT_MAX_SOURCE_LENGTH;

/**
 * The `.ml` files under `dir`, breadth first, in name order within a directory: at most
 * {@link MAX_WORKSPACE_FILES}, after reading at most {@link MAX_WORKSPACE_ENTRIES} directory
 * entries. Skips `node_modules` and dot-directories; symbolic links are not followed (a link
 * cycle cannot make the walk endless).
 */
export function workspaceFiles(dir: string): string[] {
  const out: string[] = [];
  const dirs = [dir];
  let entries = 0;
  for (let i = 0; i < dirs.length && out.length < MAX_WORKSPACE_FILES && entries < MAX_WORKSPACE_ENTRIES; i++) {
    let list;
    try {
      list = readdirSync(dirs[i]!, { withFileTypes: true });
    } catch {
      continue; // unreadable: skipped
    }
    list.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const e of list) {
      if (++entries > MAX_WORKSPACE_ENTRIES || out.length >= MAX_WORKSPACE_FILES) break;
      if (e.isDirectory()) {
        if (e.name !== "node_modules" && !e.name.startsWith(".")) dirs.push(join(dirs[i]!, e.name));
      } else if (e.isFile() && e.name.endsWith(".ml")) out.push(join(dirs[i]!, e.name));
    }
  }
  return out;
}

interface Entry {
  /** The document version, or the file's modification time for a file on disk. */
  readonly stamp: string;
  readonly analysis: Analysis;
  /** The length of the text analysed (an analysis of a text too long to compile holds none of it). */
  readonly length: number;
}

/** A document's file path, or null for a URI that is not a file. */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith("file:")) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** The file URI of a path. */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Open documents, files on disk and their analyses. */
export class Workspace {
  private readonly open = new Map<string, { version: number; text: string }>();
  private readonly cache = new Map<string, Entry>();
  private folders: string[] = [];
  private roots: string[] = [];

  /** Sets the workspace folders (paths) and the extra import roots (absolute paths). */
  configure(folders: readonly string[], importRoots: readonly string[]): void {
    this.folders = [...folders];
    this.roots = [...importRoots];
    this.cache.clear();
  }

  /** Records the editor's text of a document. */
  setDocument(uri: string, version: number, text: string): void {
    this.open.set(uri, { version, text });
  }

  /** Forgets an open document (its file on disk, if any, is read again when needed). */
  closeDocument(uri: string): void {
    this.open.delete(uri);
    this.cache.delete(uri);
  }

  /** URIs of the open documents. */
  openDocuments(): string[] {
    return [...this.open.keys()];
  }

  /** The analysis of an open document or a file on disk, or null when it cannot be read. */
  analysis(uri: string): Analysis | null {
    const doc = this.open.get(uri);
    const path = uriToPath(uri);
    let stamp: string;
    let text: string | null = null;
    if (doc !== undefined) {
      stamp = `v${doc.version}`;
      text = doc.text;
    } else {
      if (path === null) return null;
      try {
        const st = statSync(path);
        // Not a file, or surely too long to compile: nothing to search in it.
        if (!st.isFile() || st.size > MAX_FILE_BYTES) return null;
        stamp = `m${st.mtimeMs}:${st.size}`;
      } catch {
        this.cache.delete(uri);
        return null;
      }
    }
    const cached = this.cache.get(uri);
    if (cached !== undefined && cached.stamp === stamp) return cached.analysis;
    if (text === null) {
      try {
        text = readFileSync(path!, "utf8");
      } catch {
        return null;
      }
    }
    const dir = path === null ? null : dirname(path);
    const analysis = analyze(uri, text, path ?? uri, (segments) => {
      const found = resolveUserModule(segments, dir, this.roots);
      return found.ok ? { uri: pathToUri(found.path) } : { near: found.candidates ?? [] };
    });
    this.cache.set(uri, { stamp, analysis, length: text.length });
    return analysis;
  }

  /**
   * Analyses of every file a cross-file search looks at: the open documents, then the `.ml` files
   * of the workspace folders (see {@link workspaceFiles}) and the files they import, at most
   * {@link MAX_SEARCHED_FILES} files and about {@link MAX_SEARCHED_CHARACTERS} characters.
   */
  allAnalyses(): Analysis[] {
    const uris = new Set(this.open.keys());
    for (const folder of this.folders) for (const f of workspaceFiles(folder)) uris.add(pathToUri(f));
    const out: Analysis[] = [];
    const queue = [...uris];
    let characters = 0;
    for (let i = 0; i < queue.length && i < MAX_SEARCHED_FILES && characters <= MAX_SEARCHED_CHARACTERS; i++) {
      const a = this.analysis(queue[i]!);
      if (a === null) continue;
      out.push(a);
      characters += this.cache.get(queue[i]!)?.length ?? 0;
      for (const imp of a.imports) {
        if (imp.target !== null && "uri" in imp.target && !uris.has(imp.target.uri)) {
          uris.add(imp.target.uri);
          queue.push(imp.target.uri);
        }
      }
    }
    return out;
  }
}
