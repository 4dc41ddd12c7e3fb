/**
 * The language server's view of the files: open documents (their text as the editor has it) and
 * `.ml` files on disk, each analysed once per version. Imports resolve relative to the importing
 * file and then in the configured import roots, as the host loader resolves them
 * (`src/host/resolve.ts`). Cross-file features (references, rename) look at the open documents
 * and at the `.ml` files of the workspace folders.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolveUserModule } from "../host/resolve.js";
import { mlFilesIn } from "../cli/ml-files.js";
import { analyze, type Analysis } from "./analysis.js";

/** Files looked at per workspace folder for references and renames, at most. */
export const MAX_WORKSPACE_FILES = 2000;

interface Entry {
  /** The document version, or the file's modification time for a file on disk. */
  readonly stamp: string;
  readonly analysis: Analysis;
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
        stamp = `m${statSync(path).mtimeMs}`;
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
    this.cache.set(uri, { stamp, analysis });
    return analysis;
  }

  /**
   * Analyses of every file a cross-file search looks at: the open documents, then the `.ml` files
   * of the workspace folders and the files the open documents import.
   */
  allAnalyses(): Analysis[] {
    const uris = new Set(this.open.keys());
    for (const folder of this.folders) {
      let files: string[];
      try {
        files = mlFilesIn([folder]);
      } catch {
        continue;
      }
      for (const f of files.slice(0, MAX_WORKSPACE_FILES)) uris.add(pathToUri(f));
    }
    const out: Analysis[] = [];
    const queue = [...uris];
    for (let i = 0; i < queue.length; i++) {
      const a = this.analysis(queue[i]!);
      if (a === null) continue;
      out.push(a);
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
