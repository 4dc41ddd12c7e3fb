/**
 * The capability check (docs/capabilities.md): the one place that decides whether a stdlib call may
 * proceed. It finds the current frame, intersects its tokens with the program's manifest, picks
 * a valid token (not expired, uses left, operation and resource allowed), counts the use, and
 * otherwise throws a `CapabilityError` naming the function, the capability and what is missing.
 *
 * Unscoped capabilities (`datetime.now`, `random.generate`…) are checked entirely by the wrapper
 * every stdlib function gets from its metadata (`stdlib/define.ts`). Scoped ones (paths, URLs,
 * variable names) are checked there for presence, then again with the resource by
 * {@link authorizePath}, {@link authorizeUrl} or {@link authorizeEnv} at the moment of use.
 */
import { MLError } from "../runtime/errors.js";
import { currentFrame, flowBudget, type DeclaredCapability, type Frame } from "./frame.js";
import { countUse, type CapabilityToken } from "./token.js";
import { MAPPED_CAPABILITY_NAMES } from "./names.js";
import {
  canonicalPath,
  envMatches,
  pathMatches,
  ResourceDenied,
  urlHost,
  urlMatches,
  urlFits,
  urlNamedExplicitly,
  type Pay,
} from "./patterns.js";
import { charge, checkStringLength } from "../runtime/limits.js";
import { DEFAULT_LIMITS } from "../runtime/state.js";

const now = Date.now;

/** A capability a stdlib function requires; `scoped` ones are checked again with the resource. */
export interface Requirement {
  readonly capability: string;
  readonly scoped: boolean;
}

/** The resource of a scoped check. */
type Resource =
  | { kind: "path"; canonical: string; shown: string }
  | { kind: "env"; name: string }
  | { kind: "url"; url: URL; private: boolean };

function denied(fn: string, capability: string, missing: string): MLError {
  return new MLError("CapabilityError", `${fn}() requires capability '${capability}': ${missing}`);
}

function declaration(frame: Frame | undefined, capability: string): DeclaredCapability | null | undefined {
  const manifest = frame?.program?.manifest ?? null;
  if (manifest === null) return null; // no declaration: the host's grant alone decides
  return manifest.find((d) => d.capability === capability);
}

/**
 * The program's declaration of `capability`, or of a mapped mlpy name standing for it
 * (`allow network.https …;` declares `network.http` for `https:` URLs). Null: no declarations.
 */
function declarationFor(frame: Frame | undefined, capability: string, resource: Resource | null): DeclaredCapability | null | undefined {
  const direct = declaration(frame, capability);
  if (direct !== undefined) return direct;
  for (const [name, mapped] of Object.entries(MAPPED_CAPABILITY_NAMES)) {
    if (mapped.capability !== capability) continue;
    const d = declaration(frame, name);
    if (d == null) continue;
    if (resource === null || (resource.kind === "url" && resource.url.protocol === mapped.protocol)) return d;
  }
  return undefined;
}

function describeResource(r: Resource): string {
  return r.kind === "path" ? `'${r.shown}'` : r.kind === "env" ? `variable '${r.name}'` : `'${r.url.href}'`;
}

/**
 * Charges checking work to the budget of the program whose call is checked (a match costs pattern
 * size × text length); plain host code has no budget to charge. The budget holds the counters of
 * the host entry this flow runs for (frame.ts): a check made after an `await` (a URL's second
 * check, after its DNS lookup) may find another entry's counters there and switches its own back
 * in first, as the stdlib's charges do.
 */
const pay: Pay = (units) => {
  const frame = currentFrame();
  const program = frame?.program;
  if (program == null) return;
  charge(flowBudget(program, frame), units);
};

/**
 * Whether `token` stands for `capability`: its own name, or a mapped mlpy name
 * (`network.https` for `network.http`) when the resource is within the mapping's scheme. False
 * when it does not; a reason string when it is mapped but the resource is outside its scheme.
 */
function standsFor(token: CapabilityToken, capability: string, resource: Resource | null): boolean | string {
  if (token.name === capability) return true;
  const mapped = MAPPED_CAPABILITY_NAMES[token.name];
  if (mapped === undefined || mapped.capability !== capability) return false;
  if (resource === null) return true; // the presence check: the URL is checked at the moment of use
  if (resource.kind === "url" && resource.url.protocol === mapped.protocol) return true;
  return `${describeResource(resource)} is not an ${mapped.protocol} URL, the only kind a '${token.name}' grant allows`;
}

function resourceMatches(patterns: readonly string[], r: Resource, baseDir: string): boolean {
  if (r.kind === "path") return patterns.length === 0 || patterns.some((p) => pathMatches(p, r.canonical, baseDir, pay));
  if (r.kind === "env") return patterns.length === 0 || patterns.some((p) => envMatches(p, r.name, pay));
  if (r.private) return patterns.some((p) => urlNamedExplicitly(p, r.url, pay));
  return patterns.length === 0 || patterns.some((p) => urlMatches(p, r.url, pay));
}

/**
 * Finds the token that authorises `capability` for `fn` (with `resource`/`operation` when given),
 * counts one use of it (unless `count` is false) and returns it; throws `CapabilityError`.
 */
function authorize(
  fn: string,
  capability: string,
  resource: Resource | null,
  operation: string | null,
  count: boolean,
): CapabilityToken {
  const frame = currentFrame();
  const tokens = frame?.tokens ?? [];
  const program = frame?.program ?? null;
  const baseDir = program?.baseDir ?? process.cwd();

  const declared = declarationFor(frame, capability, resource);
  if (declared === undefined) {
    throw denied(fn, capability, "the program does not declare it (add it to a `capability` block)");
  }
  if (declared !== null && resource !== null && declared.patterns.length > 0 && !resourceMatches(declared.patterns, resource, baseDir)) {
    throw denied(fn, capability, `${describeResource(resource)} is outside the program's declared patterns (${declared.patterns.join(", ")})`);
  }

  let reason = "this run was not granted it";
  const t = now();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const fits = standsFor(token, capability, resource);
    if (fits !== true) {
      if (fits !== false) reason = fits;
      continue;
    }
    if (token.expiresAt !== null && t >= token.expiresAt) {
      reason = `the grant expired at ${new Date(token.expiresAt).toISOString()}`;
      continue;
    }
    if (token.maxUses !== null && token.uses >= token.maxUses) {
      reason = `the grant's ${token.maxUses} use${token.maxUses === 1 ? " is" : "s are"} spent`;
      continue;
    }
    if (operation !== null && token.operations !== null && !token.operations.includes(operation)) {
      reason = `operation '${operation}' is not among the granted operations (${token.operations.join(", ") || "none"})`;
      continue;
    }
    if (resource !== null && !resourceMatches(token.resources, resource, baseDir)) {
      reason =
        resource.kind === "url" && resource.private
          ? `${describeResource(resource)} is a loopback or private address, which only a pattern naming '${urlHost(resource.url)}' allows`
          : `${describeResource(resource)} matches none of the granted patterns (${token.resources.join(", ")})`;
      continue;
    }
    if (count) countUse(token);
    return token;
  }
  throw denied(fn, capability, reason);
}

/** The wrapper's check: every requirement present; unscoped ones are counted here. */
export function checkRequirements(fn: string, requirements: readonly Requirement[]): void {
  for (let i = 0; i < requirements.length; i++) {
    const r = requirements[i]!;
    authorize(fn, r.capability, null, null, !r.scoped);
  }
}

/**
 * Checks a file-system path for `capability` and returns its canonical absolute form (use that
 * for the operation). `operation` is the stdlib function name (`"read"`, `"listDir"`…); `shown`
 * is how errors name the path (default: `path` itself).
 */
export function authorizePath(fn: string, capability: string, path: string, operation: string, shown: string = path): string {
  const baseDir = currentFrame()?.program?.baseDir ?? process.cwd();
  // Making the path canonical scans it.
  pay(Math.ceil(path.length / 16));
  let canonical: string;
  try {
    canonical = canonicalPath(path, baseDir, pay);
  } catch (e) {
    if (e instanceof ResourceDenied) throw denied(fn, capability, `'${shown}' is denied: ${e.message}`);
    throw e;
  }
  authorize(fn, capability, { kind: "path", canonical, shown }, operation, true);
  return canonical;
}

/** Checks an environment variable name for `capability` (`env.read`/`env.write`). */
export function authorizeEnv(fn: string, capability: string, name: string, operation: string): void {
  // Checking scans the name (for a `/`, against patterns) and looking it up hashes it.
  pay(Math.ceil(name.length / 16));
  authorize(fn, capability, { kind: "env", name }, operation, true);
}

/** Whether `name` is readable under `capability` without counting a use (`env.all()` filtering). */
export function envVisible(capability: string, name: string): boolean {
  try {
    authorize("", capability, { kind: "env", name }, null, false);
    return true;
  } catch {
    return false;
  }
}

/** The addresses a URL's host resolves to, to connect to exactly the ones that were checked. */
export interface AuthorizedUrl {
  readonly url: URL;
  readonly addresses: readonly { address: string; family: number }[];
}

/**
 * Checks a URL for `network.http` (every redirect hop is checked again): scheme http/https, the
 * URL matched against the patterns, then the host resolved, and loopback/link-local/private
 * addresses refused unless a granted pattern names the host. `operation` is the HTTP method.
 *
 * No DNS query is made for a URL that no pattern allows: a lookup of a name the program chose
 * could carry data out (a DNS exfiltration channel) even when the request is refused.
 */
export async function authorizeUrl(fn: string, href: string, operation: string): Promise<AuthorizedUrl> {
  // Parsing reads the URL, and may percent-encode it to up to nine times its length.
  pay(Math.ceil(href.length / 16));
  const limits = currentFrame()?.program?.state.limits ?? DEFAULT_LIMITS;
  if (!urlFits(href, limits.maxStringLength)) checkStringLength(Infinity, limits);
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new MLError("ValueError", `${fn}(): invalid URL '${href}'`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw denied(fn, "network.http", `'${url.protocol}' URLs are not allowed (only http and https)`);
  }
  const host = urlHost(url);
  const { isIP, isPrivateAddress } = await import("./addresses.js");
  // Before any lookup: a token must allow this URL (private or not, as far as known without DNS).
  const knownPrivate = host === "localhost" || (isIP(host) !== 0 && isPrivateAddress(host));
  authorize(fn, "network.http", { kind: "url", url, private: knownPrivate }, operation, false);
  let addresses: { address: string; family: number }[];
  if (isIP(host) !== 0) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      // Loaded when first needed: programs that make no request do not pay for the resolver.
      const { lookup } = await import("node:dns/promises");
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new MLError("Error", `Network error: cannot resolve host '${host}'`);
    }
  }
  const isPrivate = host === "localhost" || addresses.some((a) => isPrivateAddress(a.address));
  authorize(fn, "network.http", { kind: "url", url, private: isPrivate }, operation, true);
  return { url, addresses };
}

// --- introspection (builtins, docs/capabilities.md) ---

function usableTokens(frame: Frame | undefined, name: string): CapabilityToken[] {
  if (declaration(frame, name) === undefined) return [];
  return (frame?.tokens ?? []).filter((t) => t.name === name);
}

function valid(t: CapabilityToken): boolean {
  return !t.exhausted;
}

/** `hasCapability(name)`: a valid token of that name, within the manifest. */
export function hasCapability(name: string): boolean {
  return usableTokens(currentFrame(), name).some(valid);
}

/** `getCapabilities()`: sorted names of the valid capabilities in force. */
export function capabilityNames(): string[] {
  const frame = currentFrame();
  const names = new Set<string>();
  for (const t of frame?.tokens ?? []) if (valid(t) && declaration(frame, t.name) !== undefined) names.add(t.name);
  return [...names].sort();
}

/** `getCapabilityInfo(name)`: details of the tokens of that name, or null when there is none. */
export function capabilityInfo(name: string): Record<string, unknown> | null {
  const tokens = usableTokens(currentFrame(), name);
  if (tokens.length === 0) return null;
  const patterns = [...new Set(tokens.flatMap((t) => [...t.resources]))];
  const operations = tokens.some((t) => t.operations === null) ? null : [...new Set(tokens.flatMap((t) => [...t.operations!]))];
  const limits = tokens.map((t) => t.maxUses);
  const expiries = tokens.map((t) => t.expiresAt);
  return {
    type: name,
    available: tokens.some(valid),
    usage_count: tokens.reduce((n, t) => n + t.uses, 0),
    patterns,
    operations,
    max_usage: limits.includes(null) ? null : (limits as number[]).reduce((a, b) => a + b, 0),
    expires_at: expiries.includes(null) ? null : new Date(Math.max(...(expiries as number[]))).toISOString(),
  };
}
