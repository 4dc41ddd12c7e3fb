/**
 * The capability vocabulary (docs/capabilities.md) and what kind of resource each one
 * is scoped by.
 */

/** Capabilities some stdlib function requires. */
export const CAPABILITY_NAMES = Object.freeze([
  "file.read",
  "file.write",
  "file.append",
  "file.delete",
  "path.read",
  "path.write",
  "network.http",
  "env.read",
  "env.write",
  "args.read",
  "datetime.now",
  "random.generate",
  "random.sample",
  "crypto.random",
] as const);

/** A capability some stdlib function requires. */
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

/**
 * Names the Python implementation (mlpy) used that nothing requires: mljs needs no capability for
 * pure computation or for output. The host API, `mljs run --allow` and `hasCapability` accept
 * them (a grant of one is harmless), so grant lists copied from an mlpy host keep working.
 */
export const LEGACY_CAPABILITY_NAMES = Object.freeze([
  "math.compute",
  "json.parse",
  "json.serialize",
  "json.stringify",
  "console.write",
  "console.error",
  "console.read",
  "regex.compile",
  "regex.match",
  "collections.read",
  "collections.transform",
  "collections.use",
  "functional.compose",
  "functional.transform",
  "functional.use",
  "log.write",
  "csv.parse",
  "http.encode",
  "network.socket",
  "crypto.hash",
  "datetime.create",
  "path.join",
] as const);

/**
 * mlpy names that stand for an mljs capability with a narrower scope: a `network.https` grant
 * authorises what `network.http` guards, for `https:` URLs only (its patterns, loopback and
 * private-address rules apply as to `network.http`).
 */
export const MAPPED_CAPABILITY_NAMES: Readonly<Record<string, { readonly capability: CapabilityName; readonly protocol: string }>> =
  Object.freeze({ "network.https": Object.freeze({ capability: "network.http", protocol: "https:" }) });

/**
 * The 30 capability names mlpy's runner grants (docs/mlpy-compat.md): every one is accepted by
 * `capability()`, `load`/`run`, `Sandbox` and `mljs run --allow`. Those mljs enforces mean the
 * same; `network.https` is mapped ({@link MAPPED_CAPABILITY_NAMES}); the rest are
 * {@link LEGACY_CAPABILITY_NAMES}, which nothing requires.
 */
export const MLPY_CAPABILITY_NAMES = Object.freeze([
  "console.write",
  "console.error",
  "file.read",
  "file.write",
  "file.append",
  "file.delete",
  "path.read",
  "path.write",
  "network.http",
  "network.https",
  "network.socket",
  "datetime.now",
  "datetime.create",
  "random.generate",
  "random.sample",
  "regex.compile",
  "regex.match",
  "math.compute",
  "json.parse",
  "json.serialize",
  "collections.read",
  "collections.transform",
  "functional.compose",
  "functional.transform",
  "crypto.hash",
  "crypto.random",
  "env.read",
  "env.write",
  "args.read",
  "log.write",
] as const);

/** What the resource of a scoped capability is: a file-system path, a URL, an environment variable name. */
export type ResourceKind = "path" | "url" | "env";

const RESOURCE_KINDS: ReadonlyMap<string, ResourceKind> = new Map<string, ResourceKind>([
  ["file.read", "path"],
  ["file.write", "path"],
  ["file.append", "path"],
  ["file.delete", "path"],
  ["path.read", "path"],
  ["path.write", "path"],
  ["network.http", "url"],
  ["network.https", "url"],
  ["env.read", "env"],
  ["env.write", "env"],
]);

const KNOWN: ReadonlySet<string> = new Set<string>([...CAPABILITY_NAMES, ...LEGACY_CAPABILITY_NAMES, ...Object.keys(MAPPED_CAPABILITY_NAMES)]);

/** The resource kind a capability's patterns range over, or undefined for unscoped ones. */
export function resourceKindOf(capability: string): ResourceKind | undefined {
  return RESOURCE_KINDS.get(capability);
}

/** Whether the host API accepts this name (enforced, mapped or legacy). */
export function isKnownCapability(name: string): boolean {
  return KNOWN.has(name);
}
