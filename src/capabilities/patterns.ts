/**
 * Resource patterns, checked at use time (docs/capabilities.md):
 * - paths: globs over canonical absolute paths (symlinks resolved with `realpath`);
 * - URLs: `host`, `host:port` or `scheme://host[:port]/path`, `*.` wildcards in the host;
 * - environment variables: globs over names.
 *
 * Every glob is matched by `glob.ts` in O(pattern × text) time, and every cache of compiled
 * patterns is bounded ({@link BoundedCache}), so neither a granted nor a declared pattern can
 * make a check slow or make the process hold on to memory.
 *
 * A match reports its work to `pay` (automaton steps / {@link STEPS_PER_UNIT}, rounded up) in
 * slices as it runs, and compiling a pattern that is not cached reports its cost before it
 * compiles, so the caller can charge the run's budget for both.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, join, resolve, sep, dirname, basename } from "node:path";
import { compileGlob, globCompileCost, globMatches, GLOB_SYNTAX, type Glob } from "./glob.js";

/** Receives the cost of a match, in budget steps, before the match runs. */
export type Pay = (units: number) => void;

/** Automaton steps per budget step (one automaton step is about 10 ns). */
const STEPS_PER_UNIT = 8;

/**
 * Budget steps for each ancestor {@link canonicalPath} tries after the path itself: a failed
 * `realpath` (with the error it raises) and the parent's name, 8-15 us measured.
 */
const RESOLVE_STEP = 150;

function matchGlob(glob: Glob, text: string, pay: Pay | undefined): boolean {
  // Paid in slices as the automaton reads (glob.ts), so a long match meets the time limit too.
  return pay === undefined ? globMatches(glob, text) : globMatches(glob, text, (work) => pay(Math.ceil(work / STEPS_PER_UNIT)));
}

/**
 * A cache of compiled patterns, bounded in entries and in the total length of their keys:
 * least recently used entries are dropped first.
 */
export class BoundedCache<V> {
  readonly #map = new Map<string, V>();
  #weight = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxWeight: number,
  ) {}

  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    if (this.#map.has(key)) this.delete(key);
    // An entry too heavy to keep is simply not cached.
    if (key.length > this.maxWeight) return;
    while (this.#map.size >= this.maxEntries || this.#weight + key.length > this.maxWeight) {
      this.delete(this.#map.keys().next().value!);
    }
    this.#map.set(key, value);
    this.#weight += key.length;
  }

  get size(): number {
    return this.#map.size;
  }

  private delete(key: string): void {
    if (this.#map.delete(key)) this.#weight -= key.length;
  }
}

/** Compiled patterns kept per kind (a glob's size is linear in its pattern's). */
const CACHE_ENTRIES = 1000;
const CACHE_WEIGHT = 1 << 20;

/** Why a resource was refused before any pattern was consulted. */
export class ResourceDenied extends Error {}

// --- paths ---

/**
 * The canonical absolute form of a path ML code named: relative to `baseDir`, every symlink
 * resolved. The part that does not exist yet (a file about to be written) is appended to the
 * canonical form of its deepest existing ancestor. NUL bytes and `..` segments are refused.
 * Each ancestor tried after the path itself is reported to `pay` before it is tried (a path of
 * many missing segments costs a system call per segment).
 */
export function canonicalPath(raw: string, baseDir: string, pay?: Pay): string {
  if (raw.length === 0) throw new ResourceDenied("the path is empty");
  if (raw.includes("\0")) throw new ResourceDenied("the path contains a NUL byte");
  if (raw.split(/[\\/]/).includes("..")) throw new ResourceDenied("the path contains '..'");
  const absolute = resolve(baseDir, raw);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      const real = realpathSync.native(current);
      return missing.length === 0 ? real : join(real, ...missing.reverse());
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new ResourceDenied("the path cannot be resolved");
      if (pay !== undefined) pay(RESOLVE_STEP + (current.length >>> 4));
      const parent = dirname(current);
      if (parent === current) throw new ResourceDenied("the path cannot be resolved");
      missing.push(basename(current));
      current = parent;
    }
  }
}

const pathMatchers = new BoundedCache<(p: string, pay: Pay | undefined) => boolean>(CACHE_ENTRIES, CACHE_WEIGHT);

/**
 * Whether canonical path `p` matches `pattern` (relative patterns start at `baseDir`). The
 * pattern's literal part is canonicalised too, so a pattern over a symlinked directory names
 * the real directory. A pattern without glob characters covers that path only; one ending in
 * `/` covers the directory and everything below it (as `dir/**` does).
 */
export function pathMatches(pattern: string, p: string, baseDir: string, pay?: Pay): boolean {
  const key = `${baseDir}\0${pattern}`;
  let matcher = pathMatchers.get(key);
  if (matcher === undefined) {
    if (pay !== undefined) pay(globCompileCost(key));
    matcher = compilePathPattern(pattern, baseDir, pay);
    pathMatchers.set(key, matcher);
  }
  return matcher(p, pay);
}

/** The canonical form of a pattern's literal part (as {@link canonicalPath} makes paths). */
function canonicalBase(base: string, pay: Pay | undefined): string {
  try {
    return canonicalPath(base, "/", pay);
  } catch {
    return resolve(base);
  }
}

function compilePathPattern(pattern: string, baseDir: string, pay: Pay | undefined): (p: string, pay: Pay | undefined) => boolean {
  const absolute = (isAbsolute(pattern) ? pattern : join(baseDir, pattern)).split(sep).join("/");
  const segments = absolute.split("/");
  let literal = 0;
  while (literal < segments.length && !GLOB_SYNTAX.test(segments[literal]!)) literal++;
  if (literal === segments.length) {
    const exact = canonicalBase(absolute, pay);
    if (!absolute.endsWith("/")) return (p) => p === exact;
    const below = exact.endsWith(sep) ? exact : exact + sep;
    return (p) => p === exact || p.startsWith(below);
  }
  // The root is already "/": joining it with another "/" would give "//**", which matches nothing.
  const base = segments.slice(0, literal).join("/");
  const prefix = (base === "" ? "" : canonicalBase(base, pay)).split(sep).join("/").replace(/\/$/, "");
  // The real directory's name is text, whatever characters it has.
  const escapedPrefix = prefix.replace(/[*?[\]{},\\]/g, "\\$&");
  const glob = compileGlob(`${escapedPrefix}/${segments.slice(literal).join("/")}`);
  return (p, pay) => matchGlob(glob, sep === "/" ? p : p.split(sep).join("/"), pay);
}

// --- URLs ---

interface UrlPattern {
  readonly scheme: string | null;
  readonly host: string;
  readonly port: string | null;
  readonly path: Glob | null;
  /** True when the host has no wildcard (so the pattern may name a private address). */
  readonly explicit: boolean;
}

const urlPatterns = new BoundedCache<UrlPattern>(CACHE_ENTRIES, CACHE_WEIGHT);

function parseUrlPattern(pattern: string): UrlPattern {
  let rest = pattern.trim();
  let scheme: string | null = null;
  const schemeEnd = rest.indexOf("://");
  if (schemeEnd >= 0) {
    scheme = rest.slice(0, schemeEnd).toLowerCase();
    rest = rest.slice(schemeEnd + 3);
  }
  const slash = rest.indexOf("/");
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const pathGlob = slash >= 0 ? rest.slice(slash) : null;
  let host = authority.toLowerCase();
  let port: string | null = null;
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (host.slice(close + 1).startsWith(":")) port = host.slice(close + 2);
    host = host.slice(1, close);
  } else if (host.indexOf(":") >= 0 && host.indexOf(":") === host.lastIndexOf(":")) {
    port = host.slice(host.indexOf(":") + 1);
    host = host.slice(0, host.indexOf(":"));
  }
  const path = pathGlob === null || pathGlob === "/" || pathGlob === "/**" ? null : compileGlob(pathGlob);
  return { scheme, host, port: port === "*" ? null : port, path, explicit: !host.includes("*") };
}

function urlPattern(pattern: string, pay: Pay | undefined): UrlPattern {
  let p = urlPatterns.get(pattern);
  if (p === undefined) {
    if (pay !== undefined) pay(globCompileCost(pattern));
    p = parseUrlPattern(pattern);
    urlPatterns.set(pattern, p);
  }
  return p;
}

function hostMatches(patternHost: string, host: string): boolean {
  if (patternHost === "*") return true;
  if (patternHost.startsWith("*.")) return host.endsWith(patternHost.slice(1)) && host.length > patternHost.length - 1;
  return patternHost === host;
}

/** The longest string V8 can make (2^29 − 24 code units): node aborts the process past it. */
const ENGINE_MAX_STRING = 536_870_888;

/**
 * Whether WHATWG URL parsing of `text` makes a URL of at most `max` code units, as an upper
 * bound: letters, digits and `-._~/:` stay one character, other ASCII at most three (`%XX`),
 * anything else at most nine (three UTF-8 bytes, each `%XX`). Check it before `new URL`: the
 * parser percent-encodes without a limit, and a URL longer than V8's longest string makes node
 * abort the whole process (`"http://a/" + "é" * 95 000 000`).
 */
export function urlFits(text: string, max: number): boolean {
  const most = Math.min(max, ENGINE_MAX_STRING);
  if (text.length * 9 <= most) return true;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x2d && c <= 0x3a) || c === 0x5f || c === 0x7e ? 1 : c < 0x80 ? 3 : 9;
    if (n > most) return false;
  }
  return true;
}

/** Host name as compared with patterns: lower case, IPv6 without brackets. */
export function urlHost(url: URL): string {
  const h = url.hostname.toLowerCase();
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

function defaultPort(url: URL): string {
  return url.port !== "" ? url.port : url.protocol === "https:" ? "443" : "80";
}

/** Whether `url` matches `pattern`. */
export function urlMatches(pattern: string, url: URL, pay?: Pay): boolean {
  const p = urlPattern(pattern, pay);
  if (p.scheme !== null && `${p.scheme}:` !== url.protocol) return false;
  if (!hostMatches(p.host, urlHost(url))) return false;
  if (p.port !== null && p.port !== defaultPort(url)) return false;
  if (p.path !== null && !matchGlob(p.path, url.pathname, pay)) return false;
  return true;
}

/** Whether `pattern` names the URL's host explicitly (no wildcard): required for private addresses. */
export function urlNamedExplicitly(pattern: string, url: URL, pay?: Pay): boolean {
  const p = urlPattern(pattern, pay);
  return p.explicit && urlMatches(pattern, url, pay);
}

// --- environment variable names ---

const envMatchers = new BoundedCache<Glob>(CACHE_ENTRIES, CACHE_WEIGHT);

/** Whether variable `name` matches `pattern` (globs as for paths; case-sensitive; no `/` in names). */
export function envMatches(pattern: string, name: string, pay?: Pay): boolean {
  let m = envMatchers.get(pattern);
  if (m === undefined) {
    if (pay !== undefined) pay(globCompileCost(pattern));
    m = compileGlob(pattern);
    envMatchers.set(pattern, m);
  }
  return !name.includes("/") && matchGlob(m, name, pay);
}
