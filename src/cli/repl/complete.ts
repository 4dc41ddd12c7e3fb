/**
 * Tab completion at the REPL prompt: names in scope (the session's top-level names), builtins,
 * keywords and stdlib module names; after `name.`, the members of `name` — a stdlib module's
 * functions and constants (from the registry metadata before it is imported), the members a
 * module or stdlib object declares, an object's keys, a string's or an array's methods.
 */
import { BUILTINS } from "../../compiler/index.js";
import { KEYWORDS } from "../../compiler/tokens.js";
import { STRING_METHODS } from "../../runtime/methods-string.js";
import { ARRAY_METHODS } from "../../runtime/methods-array.js";
import { classOf } from "../../runtime/objects.js";
import * as registry from "../../stdlib/registry.js";

/** Completions of the word before the cursor and that word, as node:readline's completer returns them. */
export function completeLine(line: string, globals: Readonly<Record<string, unknown>>, names: readonly string[]): [string[], string] {
  const member = /([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_0-9]*)$/.exec(line);
  if (member !== null) {
    const [, owner, partial] = member as unknown as [string, string, string];
    return [membersOf(owner, globals).filter((m) => m.startsWith(partial)).sort(), partial];
  }
  const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(line)?.[0] ?? "";
  if (word === "" && line.trim() !== "") return [[], ""];
  const importing = /^\s*import\s+[A-Za-z_0-9]*$/.test(line);
  const pool = importing ? registry.list() : [...names, ...BUILTINS, ...KEYWORDS, ...registry.list()];
  return [[...new Set(pool)].filter((n) => n.startsWith(word)).sort(), word];
}

/** The member names to offer after `owner.`. */
function membersOf(owner: string, globals: Readonly<Record<string, unknown>>): string[] {
  const value = globals[owner];
  // A stdlib module not imported yet: by its name.
  if (value === undefined && registry.has(owner)) {
    try {
      const info = registry.info(owner);
      return [...info.functions.flatMap((f) => [f.name, ...f.aliases]), ...info.constants.map((c) => c.name)];
    } catch {
      void registry.load(owner).catch(() => {}); // not loaded yet: offered from the next Tab on
      return [];
    }
  }
  if (typeof value === "string") return [...STRING_METHODS.keys()];
  if (Array.isArray(value)) return [...ARRAY_METHODS.keys()];
  if (value !== null && typeof value === "object") {
    if (Object.getPrototypeOf(value) === Object.prototype) return Object.keys(value);
    // A module (stdlib or user), a namespace, a stdlib object: the members its class declares.
    const cls = classOf(value);
    if (cls !== undefined) return [...cls.members.keys()];
  }
  return [];
}
