/**
 * Capability tokens (docs/capabilities.md): immutable grants created only by the host API.
 *
 * A token is genuine when the process-wide token set (shared.ts) holds it; `instanceof
 * CapabilityToken` consults that set, so an object with the same shape, or a token's JSON form,
 * grants nothing. Uses are counted outside the token, which stays frozen.
 */
import { shared } from "../runtime/shared.js";
import { didYouMean } from "../compiler/suggest.js";
import { CAPABILITY_NAMES, LEGACY_CAPABILITY_NAMES, MAPPED_CAPABILITY_NAMES, isKnownCapability } from "./names.js";

const genuine = shared.capabilities.tokens;
const uses = shared.capabilities.uses;
const now = Date.now;
const freeze = Object.freeze;
const isArray = Array.isArray;

/** Options of {@link capability}. */
export interface CapabilityOptions {
  /**
   * Resource patterns the grant is limited to: path globs for `file.*`/`path.*` (relative ones
   * are relative to the program's directory), `host`, `host:port` or `scheme://host[:port]/path`
   * for `network.http`, variable-name globs for `env.*`. Absent or empty: unrestricted.
   */
  resources?: readonly string[];
  /**
   * Operations allowed under the grant: the stdlib function names (`"read"`, `"exists"`,
   * `"listDir"`…), or HTTP methods (`"GET"`, `"POST"`…) for `network.http`. Absent: all.
   */
  operations?: readonly string[];
  /** Milliseconds from now after which the token grants nothing. */
  expiresIn?: number;
  /** Absolute expiry (a `Date` or epoch milliseconds). */
  expiresAt?: Date | number;
  /** Number of checked calls the token allows in total. */
  maxUses?: number;
  /** Free text for logs and `getCapabilityInfo`. */
  description?: string;
}

/** The JSON form of a token (for logs, and for re-creating the token inside a sandbox worker). */
export interface CapabilityTokenJSON {
  name: string;
  resources: string[];
  operations: string[] | null;
  expiresAt: number | null;
  maxUses: number | null;
  description: string;
}

const CREATE = Symbol("mljs.createToken");
/** The resources of every unrestricted token (frozen, so sharing it is safe). */
const NO_RESOURCES: readonly string[] = freeze([]);

/** An immutable capability grant. Create one with {@link capability}. */
export class CapabilityToken {
  /** The capability it grants, e.g. `"file.read"`. */
  readonly name: string;
  /** Resource patterns (`[]`: unrestricted). */
  readonly resources: readonly string[];
  /** Allowed operations (`null`: all). */
  readonly operations: readonly string[] | null;
  /** Epoch milliseconds after which it grants nothing (`null`: never expires). */
  readonly expiresAt: number | null;
  /** Total checked calls allowed (`null`: unlimited). */
  readonly maxUses: number | null;
  readonly description: string;

  /** @internal Tokens come from {@link capability}. */
  constructor(key: symbol, json: CapabilityTokenJSON) {
    if (key !== CREATE) throw new TypeError("capability tokens are created with capability(name, options)");
    this.name = json.name;
    this.resources = json.resources.length === 0 ? NO_RESOURCES : freeze([...json.resources]);
    this.operations = json.operations === null ? null : freeze([...json.operations]);
    this.expiresAt = json.expiresAt;
    this.maxUses = json.maxUses;
    this.description = json.description;
    freeze(this);
    genuine.add(this);
  }

  static [Symbol.hasInstance](v: unknown): boolean {
    return typeof v === "object" && v !== null && genuine.has(v);
  }

  /** Checked calls made with this token so far. */
  get uses(): number {
    return uses.get(this) ?? 0;
  }

  /** Whether the token has expired or spent its uses. */
  get exhausted(): boolean {
    return (this.expiresAt !== null && now() >= this.expiresAt) || (this.maxUses !== null && this.uses >= this.maxUses);
  }

  toJSON(): CapabilityTokenJSON {
    return {
      name: this.name,
      resources: [...this.resources],
      operations: this.operations === null ? null : [...this.operations],
      expiresAt: this.expiresAt,
      maxUses: this.maxUses,
      description: this.description,
    };
  }
}
freeze(CapabilityToken.prototype);

const extraNames = new Set<string>();

/** Lets the host API accept a capability name an extension module requires. */
export function registerCapabilityName(name: string): void {
  checkNameSyntax(name);
  extraNames.add(name);
}

function checkNameSyntax(name: unknown): asserts name is string {
  if (typeof name !== "string" || !/^[A-Za-z_][\w-]*(\.[\w*-]+)+$/.test(name)) {
    throw new TypeError(`invalid capability name ${JSON.stringify(name)}: expected a dotted name such as "file.read"`);
  }
}

/** Throws a `TypeError` for names that are neither stdlib, legacy nor registered capabilities. */
export function checkCapabilityName(name: unknown): asserts name is string {
  // Known and registered names are well-formed: the syntax check is for the error message.
  if (typeof name === "string" && (isKnownCapability(name) || extraNames.has(name))) return;
  checkNameSyntax(name);
  const near = didYouMean(name, [...CAPABILITY_NAMES, ...LEGACY_CAPABILITY_NAMES, ...Object.keys(MAPPED_CAPABILITY_NAMES), ...extraNames]);
  throw new TypeError(`unknown capability "${name}"${near === undefined ? "" : ` (did you mean "${near}"?)`}`);
}

function stringList(what: string, v: unknown): string[] {
  if (!isArray(v) || v.some((x) => typeof x !== "string" || x.length === 0 || x.includes("\0"))) {
    throw new TypeError(`capability ${what} must be an array of non-empty strings`);
  }
  return [...(v as string[])];
}

function positive(what: string, v: unknown, integer: boolean): number {
  if (typeof v !== "number" || !(v >= 0) || (integer && !Number.isInteger(v))) {
    throw new TypeError(`capability ${what} must be a non-negative ${integer ? "integer" : "number"}, got ${String(v)}`);
  }
  return v;
}

/**
 * Creates a capability token: `capability("file.read", { resources: ["data/**\/*.csv"], maxUses: 100 })`.
 * Throws `TypeError` for an unknown name or invalid options.
 */
export function capability(name: string, options: CapabilityOptions = {}): CapabilityToken {
  checkCapabilityName(name);
  if (options.expiresIn !== undefined && options.expiresAt !== undefined) {
    throw new TypeError("capability options: give expiresIn or expiresAt, not both");
  }
  let expiresAt: number | null = null;
  if (options.expiresIn !== undefined) expiresAt = now() + positive("expiresIn", options.expiresIn, false);
  if (options.expiresAt !== undefined) {
    const at = options.expiresAt instanceof Date ? options.expiresAt.getTime() : options.expiresAt;
    expiresAt = positive("expiresAt", at, false);
  }
  return new CapabilityToken(CREATE, {
    name,
    resources: options.resources === undefined ? [] : stringList("resources", options.resources),
    operations: options.operations === undefined ? null : stringList("operations", options.operations),
    expiresAt,
    maxUses: options.maxUses === undefined ? null : positive("maxUses", options.maxUses, true),
    description: options.description === undefined ? "" : String(options.description),
  });
}

/** Re-creates a token from its JSON form (sandbox workers; the host side already vetted it). */
export function tokenFromJSON(json: CapabilityTokenJSON): CapabilityToken {
  checkCapabilityName(json.name);
  return new CapabilityToken(CREATE, {
    name: json.name,
    resources: stringList("resources", json.resources),
    operations: json.operations === null ? null : stringList("operations", json.operations),
    expiresAt: json.expiresAt === null ? null : positive("expiresAt", json.expiresAt, false),
    maxUses: json.maxUses === null ? null : positive("maxUses", json.maxUses, true),
    description: String(json.description ?? ""),
  });
}

/** Counts `n` uses (default one) of `token`. */
export function countUse(token: CapabilityToken, n = 1): void {
  uses.set(token, (uses.get(token) ?? 0) + n);
}
