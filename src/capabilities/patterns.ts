/**
 * Resource patterns, checked at use time (STDLIB.md, "Capability rule"):
 * - paths: globs over canonical absolute paths (symlinks resolved with `realpath`);
 * - URLs: `host`, `host:port` or `scheme://host[:port]/path`, `*.` wildcards in the host;
 * - environment variables: globs over names.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, join, resolve, sep, dirname, basename } from "node:path";
import { BlockList, isIP } from "node:net";
import { createRequire } from "node:module";
import type Picomatch from "picomatch";

let picomatchLib: typeof Picomatch | null = null;

/** The glob library, loaded when a pattern is first compiled (most runs check none). */
function picomatch(...args: Parameters<typeof Picomatch>): ReturnType<typeof Picomatch> {
  return globLib()(...args);
}

function globLib(): typeof Picomatch {
  picomatchLib ??= createRequire(import.meta.url)("picomatch") as typeof Picomatch;
  return picomatchLib;
}

/** Why a resource was refused before any pattern was consulted. */
export class ResourceDenied extends Error {}

// --- paths ---

/**
 * The canonical absolute form of a path ML code named: relative to `baseDir`, every symlink
 * resolved. The part that does not exist yet (a file about to be written) is appended to the
 * canonical form of its deepest existing ancestor. NUL bytes and `..` segments are refused.
 */
export function canonicalPath(raw: string, baseDir: string): string {
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
      const parent = dirname(current);
      if (parent === current) throw new ResourceDenied("the path cannot be resolved");
      missing.push(basename(current));
      current = parent;
    }
  }
}

const pathMatchers = new Map<string, (p: string) => boolean>();

/**
 * Whether canonical path `p` matches `pattern` (relative patterns start at `baseDir`). The
 * pattern's literal prefix is canonicalised too, so a pattern over a symlinked directory names
 * the real directory. A pattern without glob characters naming a directory covers everything
 * below it.
 */
export function pathMatches(pattern: string, p: string, baseDir: string): boolean {
  const key = `${baseDir}\0${pattern}`;
  let matcher = pathMatchers.get(key);
  if (matcher === undefined) {
    matcher = compilePathPattern(pattern, baseDir);
    if (pathMatchers.size > 10_000) pathMatchers.clear();
    pathMatchers.set(key, matcher);
  }
  return matcher(p);
}

function compilePathPattern(pattern: string, baseDir: string): (p: string) => boolean {
  const absolute = isAbsolute(pattern) ? pattern : join(baseDir, pattern);
  const scan = globLib().scan(absolute);
  let base = scan.isGlob ? scan.base : absolute;
  try {
    base = realpathSync.native(base);
  } catch {
    base = resolve(base);
  }
  if (!scan.isGlob) {
    const exact = base;
    const below = exact.endsWith(sep) ? exact : exact + sep;
    return (p) => p === exact || p.startsWith(below);
  }
  const glob = scan.glob;
  // The root is already "/": joining it with another "/" would give "//**", which matches nothing.
  const prefix = base.split(sep).join("/").replace(/\/$/, "");
  const isMatch = picomatch(`${prefix}/${glob}`, { dot: true });
  return (p) => isMatch(p.split(sep).join("/"));
}

// --- URLs ---

interface UrlPattern {
  readonly scheme: string | null;
  readonly host: string;
  readonly port: string | null;
  readonly path: ((p: string) => boolean) | null;
  /** True when the host has no wildcard (so the pattern may name a private address). */
  readonly explicit: boolean;
}

const urlPatterns = new Map<string, UrlPattern>();

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
  const path = pathGlob === null || pathGlob === "/" || pathGlob === "/**" ? null : picomatch(pathGlob, { dot: true });
  return { scheme, host, port: port === "*" ? null : port, path, explicit: !host.includes("*") };
}

function urlPattern(pattern: string): UrlPattern {
  let p = urlPatterns.get(pattern);
  if (p === undefined) {
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

/** Host name as compared with patterns: lower case, IPv6 without brackets. */
export function urlHost(url: URL): string {
  const h = url.hostname.toLowerCase();
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

function defaultPort(url: URL): string {
  return url.port !== "" ? url.port : url.protocol === "https:" ? "443" : "80";
}

/** Whether `url` matches `pattern`. */
export function urlMatches(pattern: string, url: URL): boolean {
  const p = urlPattern(pattern);
  if (p.scheme !== null && `${p.scheme}:` !== url.protocol) return false;
  if (!hostMatches(p.host, urlHost(url))) return false;
  if (p.port !== null && p.port !== defaultPort(url)) return false;
  if (p.path !== null && !p.path(url.pathname)) return false;
  return true;
}

/** Whether `pattern` names the URL's host explicitly (no wildcard): required for private addresses. */
export function urlNamedExplicitly(pattern: string, url: URL): boolean {
  const p = urlPattern(pattern);
  return p.explicit && urlMatches(pattern, url);
}

const privateRanges = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16],
  ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 3],
] as const) {
  privateRanges.addSubnet(net, bits, "ipv4");
}
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) {
  privateRanges.addSubnet(net, bits, "ipv6");
}

/** Whether an IP address is loopback, link-local, private, unspecified or multicast. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateRanges.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return privateRanges.check(mapped[1]!, "ipv4");
    return privateRanges.check(address, "ipv6");
  }
  return true; // not an address at all: treat as unsafe
}

// --- environment variable names ---

const envMatchers = new Map<string, (name: string) => boolean>();

/** Whether variable `name` matches `pattern` (`*`, `?`, `[…]` globs; case-sensitive). */
export function envMatches(pattern: string, name: string): boolean {
  let m = envMatchers.get(pattern);
  if (m === undefined) {
    m = picomatch(pattern, { dot: true, nobrace: false });
    envMatchers.set(pattern, m);
  }
  return !name.includes("/") && m(name);
}
