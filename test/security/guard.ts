/**
 * What "nothing escaped" means for the hostile-program runner, checked after every program:
 * the JavaScript intrinsics and globals are exactly as before, no marker file appeared, no
 * prototype was polluted, and no host internals leaked into what ML printed or raised.
 */
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";

/** Where programs try to drop a marker file (`/tmp/mljs-escape-<name>`), and the OS temp dir. */
export const MARKER_DIRS: readonly string[] = [...new Set(["/tmp", tmpdir()])];
export const MARKER_PREFIX = "mljs-escape-";

/** Marker files currently present in `dirs` (absolute paths). */
export function markerFiles(dirs: readonly string[] = MARKER_DIRS): string[] {
  return dirs.flatMap((dir) => readdirSync(dir).filter((n) => n.startsWith(MARKER_PREFIX)).map((n) => `${dir}/${n}`));
}

// Prototypes and namespaces a program could try to patch, compared property by property.
const INTRINSICS: Readonly<Record<string, object>> = {
  "Object.prototype": Object.prototype,
  "Array.prototype": Array.prototype,
  "Function.prototype": Function.prototype,
  "String.prototype": String.prototype,
  "Number.prototype": Number.prototype,
  "Boolean.prototype": Boolean.prototype,
  "Symbol.prototype": Symbol.prototype,
  "Promise.prototype": Promise.prototype,
  "RegExp.prototype": RegExp.prototype,
  "Error.prototype": Error.prototype,
  "Map.prototype": Map.prototype,
  "Set.prototype": Set.prototype,
  "Date.prototype": Date.prototype,
  Object,
  Array,
  Function,
  String,
  Promise,
  JSON,
  Math,
  Reflect,
};

const INTRINSIC_NAMES = Object.keys(INTRINSICS);

/** One own property as a comparable record (values compared by identity). */
interface Slot {
  value: unknown;
  get: unknown;
  set: unknown;
  flags: string;
}

/** Own properties of the intrinsics, and the own property names of `globalThis`. */
export interface Snapshot {
  intrinsics: Map<string, Map<PropertyKey, Slot>>;
  extensible: Map<string, boolean>;
  globals: string[];
  /** Own keys of the process-wide mljs state object (HOST.md §2). */
  shared: string[];
}

function slots(o: object): Map<PropertyKey, Slot> {
  const out = new Map<PropertyKey, Slot>();
  for (const key of Reflect.ownKeys(o)) {
    const d = Reflect.getOwnPropertyDescriptor(o, key)!;
    out.set(key, { value: d.value, get: d.get, set: d.set, flags: `${d.writable}${d.enumerable}${d.configurable}` });
  }
  return out;
}

/**
 * Takes a snapshot to compare with {@link changes} after a program ran. Written with plain loops
 * so that a patched `Array.prototype` method cannot blind it.
 */
export function snapshot(): Snapshot {
  const intrinsics = new Map<string, Map<PropertyKey, Slot>>();
  const extensible = new Map<string, boolean>();
  for (const name of INTRINSIC_NAMES) {
    const o = INTRINSICS[name]!;
    intrinsics.set(name, slots(o));
    extensible.set(name, Object.isExtensible(o));
  }
  const state = (globalThis as Record<symbol, object | undefined>)[Symbol.for("mljs.runtime/1")];
  return { intrinsics, extensible, globals: names(globalThis), shared: state === undefined ? [] : names(state) };
}

function names(o: object): string[] {
  const out: string[] = [];
  for (const key of Reflect.ownKeys(o)) out.push(String(key));
  return out.sort();
}

/** Human-readable differences between `before` and now (empty when nothing changed). */
export function changes(before: Snapshot): string[] {
  const now = snapshot();
  const out: string[] = [];
  for (const [name, was] of before.intrinsics) {
    const is = now.intrinsics.get(name)!;
    for (const key of new Set([...was.keys(), ...is.keys()])) {
      const a = was.get(key);
      const b = is.get(key);
      if (a === undefined || b === undefined) out.push(`${name}[${String(key)}] ${a === undefined ? "added" : "removed"}`);
      else if (a.value !== b.value || a.get !== b.get || a.set !== b.set || a.flags !== b.flags) out.push(`${name}[${String(key)}] changed`);
    }
    if (before.extensible.get(name) !== now.extensible.get(name)) out.push(`${name} extensibility changed`);
  }
  if (before.globals.join() !== now.globals.join()) out.push(`globalThis own names changed: ${diff(before.globals, now.globals)}`);
  if (before.shared.join() !== now.shared.join()) out.push(`shared mljs state changed: ${diff(before.shared, now.shared)}`);
  // A polluted prototype shows up on every fresh object (also covered by the slots above).
  const fresh = {} as Record<string, unknown>;
  for (const name of ["polluted", "isAdmin"]) if (fresh[name] !== undefined) out.push(`({}).${name} is defined`);
  return out;
}

function diff(a: string[], b: string[]): string {
  return `+[${b.filter((x) => !a.includes(x)).join(", ")}] -[${a.filter((x) => !b.includes(x)).join(", ")}]`;
}

/**
 * Text that only host internals produce. ML output and ML error messages never contain it:
 * JavaScript source or stack frames, Node internals, `[object …]`, symbols, or the project's
 * own source paths.
 */
const LEAKS: readonly RegExp[] = [
  /\[native code\]/,
  /node:internal/,
  /\n\s+at .*\(/,
  /\[object [A-Z]/,
  /Symbol\(/,
  /=>\s*\{|function\s*\(/,
  /\/src\/(runtime|stdlib|host|capabilities)\//,
  /\.(ts|js):\d+/,
];

/** The leak patterns `text` matches. */
export function leaks(text: string): string[] {
  return LEAKS.filter((re) => re.test(text)).map(String);
}
