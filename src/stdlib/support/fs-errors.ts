/**
 * Node file-system errors turned into ML errors (docs/stdlib/README.md, host-facing guarantees): the
 * message names only the path as the ML code wrote it, never a host path, and the Node error
 * object itself never reaches ML. For the host (an uncaught error, the CLI's report) the error
 * also carries the absolute path a relative one resolved to — `File not found: data/events.json
 * (resolved to /srv/app/data/events.json)` — as a host-only note: ML code learns the program's
 * directory only through a capability (`path.cwd`, `path.absolute`).
 */
import { isAbsolute, resolve } from "node:path";
import { MLError, valueError } from "./arguments.js";
import { withHostNote } from "../../runtime/errors.js";
import { programScope } from "./scope.js";

/** Whether the missing thing is called a file or a directory in messages. */
export type FsNoun = "File" | "Directory";

/** `ValueError("File not found: <shown>")` (Python's FileNotFoundError, as a ValueError). */
export function notFound(shown: string, noun: FsNoun = "File"): MLError {
  return resolvedNote(valueError(`${noun} not found: ${shown}`), shown);
}

/** `ValueError("Is a directory: <shown>")`, where a file was expected. */
export function isDirectoryError(shown: string): MLError {
  return resolvedNote(valueError(`Is a directory: ${shown}`), shown);
}

/** Adds the host-only `resolved to /abs/path` note to an error about the relative path `shown`. */
function resolvedNote(e: MLError, shown: string): MLError {
  if (shown === "" || isAbsolute(shown) || shown.includes("\0")) return e;
  try {
    return withHostNote(e, `resolved to ${resolve(programScope().baseDir, shown)}`);
  } catch {
    return e; // no program scope to resolve against: the message alone
  }
}

/** The errno code of a Node error, or undefined for anything else. */
export function errnoCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The ML error for `e`, raised while operating on the path ML wrote as `shown`. ML errors pass
 * through unchanged; Node errors map to `ValueError`s with Python's wording.
 */
export function fsError(e: unknown, shown: string, noun: FsNoun = "File"): MLError {
  if (e instanceof MLError) return e;
  return resolvedNote(errnoError(e, shown, noun), shown);
}

function errnoError(e: unknown, shown: string, noun: FsNoun): MLError {
  switch (errnoCode(e)) {
    case "ENOENT":
      return notFound(shown, noun);
    case "EACCES":
    case "EPERM":
      return valueError(`Permission denied: ${shown}`);
    case "EISDIR":
      return valueError(`Is a directory: ${shown}`);
    case "ENOTDIR":
      return valueError(`Not a directory: ${shown}`);
    case "EEXIST":
      return valueError(`File exists: ${shown}`);
    case "ENOTEMPTY":
      return valueError(`Directory not empty: ${shown}`);
    case "ELOOP":
      return valueError(`Too many levels of symbolic links: ${shown}`);
    case "ENAMETOOLONG":
      return valueError(`File name too long: ${shown}`);
    case "ENOSPC":
      return valueError(`No space left on device: ${shown}`);
    case "EROFS":
      return valueError(`Read-only file system: ${shown}`);
    case "ENXIO":
      return valueError(`No such device or address: ${shown}`);
    case "EBUSY":
      return valueError(`Resource busy: ${shown}`);
    default:
      // Unknown causes: a generic message, so that no host detail (canonical path) leaks.
      return new MLError("Error", `I/O error on ${shown}`);
  }
}

/** Runs `op`, turning any Node error into the ML error for `shown`. */
export function guarded<T>(shown: string, op: () => T, noun: FsNoun = "File"): T {
  try {
    return op();
  } catch (e) {
    throw fsError(e, shown, noun);
  }
}
