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
 * Names the Python implementation used that nothing requires. The host API and `hasCapability`
 * accept them, so existing grant lists keep working.
 */
export const LEGACY_CAPABILITY_NAMES = Object.freeze([
  "math.compute",
  "json.parse",
  "json.stringify",
  "console.write",
  "console.read",
  "regex.compile",
  "regex.match",
  "collections.use",
  "functional.use",
  "log.write",
  "csv.parse",
  "http.encode",
  "crypto.hash",
  "datetime.create",
  "path.join",
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
  ["env.read", "env"],
  ["env.write", "env"],
]);

const KNOWN: ReadonlySet<string> = new Set<string>([...CAPABILITY_NAMES, ...LEGACY_CAPABILITY_NAMES]);

/** The resource kind a capability's patterns range over, or undefined for unscoped ones. */
export function resourceKindOf(capability: string): ResourceKind | undefined {
  return RESOURCE_KINDS.get(capability);
}

/** Whether the host API accepts this name (enforced or legacy). */
export function isKnownCapability(name: string): boolean {
  return KNOWN.has(name);
}
