/**
 * Capability contexts (docs/capabilities.md): a set of tokens, an optional parent, and `run(fn)`, which
 * makes them the capabilities of `fn` and of everything `fn` starts asynchronously.
 */
import { shared } from "../runtime/shared.js";
import { currentFrame, runInFrame } from "./frame.js";
import { capability, CapabilityToken } from "./token.js";

const genuine = shared.capabilities.contexts;
const freeze = Object.freeze;
const isArray = Array.isArray;

/** A capability as the host gives it: a name (unrestricted) or a token. */
export type CapabilityGrantInput = string | CapabilityToken;

/** What `load`/`run`/`withCapabilities` accept: a list of grants, or a context. */
export type CapabilitiesInput = readonly CapabilityGrantInput[] | CapabilityContext;

/** Options of {@link CapabilityContext}. */
export interface CapabilityContextOptions {
  /** Shown in errors and logs. */
  name?: string;
  /** The context's own grants. */
  capabilities?: readonly CapabilityGrantInput[];
  /**
   * The context whose tokens this one adds to. Default: the context current when `run` is
   * called (unless `isolated`).
   */
  parent?: CapabilityContext;
  /** When true, `run` sees only this context's own tokens (and its explicit parent's, if given). */
  isolated?: boolean;
}

/** Tokens for grants given as names or tokens; throws `TypeError` on anything else. */
export function toTokens(grants: readonly CapabilityGrantInput[]): CapabilityToken[] {
  if (!isArray(grants)) throw new TypeError("capabilities must be an array of names or capability tokens");
  return grants.map((g) => {
    if (typeof g === "string") return capability(g);
    if (g instanceof CapabilityToken) return g;
    throw new TypeError(
      "a capability must be a name or a token made by capability(name, options); " +
        `got ${g === null ? "null" : typeof g} (objects shaped like tokens are not accepted)`,
    );
  });
}

/** A set of capability tokens with an optional parent. */
export class CapabilityContext {
  readonly name: string;
  readonly tokens: readonly CapabilityToken[];
  readonly parent: CapabilityContext | null;
  readonly isolated: boolean;

  constructor(options: CapabilityContextOptions = {}) {
    if (options.parent !== undefined && !(options.parent instanceof CapabilityContext)) {
      throw new TypeError("parent must be a CapabilityContext");
    }
    this.name = options.name ?? "context";
    this.tokens = freeze(toTokens(options.capabilities ?? []));
    this.parent = options.parent ?? null;
    this.isolated = options.isolated === true;
    freeze(this);
    genuine.add(this);
  }

  static [Symbol.hasInstance](v: unknown): boolean {
    return typeof v === "object" && v !== null && genuine.has(v);
  }

  /** Every token in force when this context runs inside `outer` (own first, then inherited). */
  effectiveTokens(outer: readonly CapabilityToken[] = []): CapabilityToken[] {
    const inherited = this.parent !== null ? this.parent.effectiveTokens(this.isolated ? [] : outer) : this.isolated ? [] : outer;
    return [...this.tokens, ...inherited];
  }

  /** Runs `fn` (and what it starts asynchronously) with this context's capabilities. */
  run<T>(fn: () => T): T {
    if (typeof fn !== "function") throw new TypeError("CapabilityContext.run expects a function");
    const frame = currentFrame();
    return runInFrame({ tokens: freeze(this.effectiveTokens(frame?.tokens)), program: frame?.program ?? null, entry: frame?.entry }, fn);
  }

  /** The names this context grants when run at top level (sorted, unique). */
  names(): string[] {
    return [...new Set(this.effectiveTokens().map((t) => t.name))].sort();
  }

  toJSON(): { name: string; isolated: boolean; capabilities: ReturnType<CapabilityToken["toJSON"]>[] } {
    return { name: this.name, isolated: this.isolated, capabilities: this.effectiveTokens().map((t) => t.toJSON()) };
  }
}
freeze(CapabilityContext.prototype);

/**
 * Runs `fn` with the given capabilities added to the current ones:
 * `await withCapabilities(["datetime.now"], () => program.exports.today())`.
 */
export function withCapabilities<T>(capabilities: CapabilitiesInput, fn: () => T): T {
  const ctx = capabilities instanceof CapabilityContext ? capabilities : new CapabilityContext({ capabilities });
  return ctx.run(fn);
}

/**
 * Runs `fn` with exactly `capabilities`: a list grants those and nothing current outside (what
 * an isolated context would do, without making one); a context runs as it is. The web
 * integrations call this once per request.
 */
export function runIsolated<T>(capabilities: CapabilitiesInput, fn: () => T): T {
  if (capabilities instanceof CapabilityContext) return capabilities.run(fn);
  // The flow's host entry stays: ML called back from here spends from the run that called the host.
  return runInFrame({ tokens: freeze(toTokens(capabilities)), program: null, entry: currentFrame()?.entry }, fn);
}

/**
 * The tokens of a `load`/`run` option: a list stands for exactly those grants; a context for its
 * tokens as `run` would see them from the current frame; no option for the current frame's.
 */
export function tokensFor(capabilities: CapabilitiesInput | undefined): readonly CapabilityToken[] {
  const outer = currentFrame()?.tokens ?? [];
  if (capabilities === undefined) return outer;
  if (capabilities instanceof CapabilityContext) return freeze(capabilities.effectiveTokens(outer));
  return freeze(toTokens(capabilities));
}
