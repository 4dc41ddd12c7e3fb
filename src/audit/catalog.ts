/**
 * What the audit knows about the standard library, read from the registry's metadata: which
 * functions and methods require which capabilities, and which stdlib class a call returns (so a
 * method call on the result can be resolved).
 *
 * The metadata lists the capabilities a call always requires. A few functions require one only
 * when an optional argument is left out; those are listed in {@link CONDITIONAL} below.
 */
import { functionInfoOf } from "../runtime/function-info.js";
import * as registry from "../stdlib/registry.js";
import type { ModuleInfo } from "../stdlib/registry.js";

/**
 * A capability a function or method requires only when called with fewer than `argsBelow`
 * arguments (or with `null` in that position): the metadata cannot say so, the implementation
 * checks it at the call.
 */
interface Conditional {
  readonly capability: string;
  readonly argsBelow: number;
}

/**
 * Conditional requirements, keyed `module.function` or `module.Class.method` (primary names).
 * Kept next to the metadata reader so that a new one is added in one place.
 */
const CONDITIONAL: ReadonlyMap<string, Conditional> = new Map([
  // `parser.parse()` without argv parses the program's own arguments.
  ["args.ArgParser.parse", { capability: "args.read", argsBelow: 1 }],
  // `datetime.calculateAge(birth)` without `current` reads today's date.
  ["datetime.calculateAge", { capability: "datetime.now", argsBelow: 2 }],
]);

/** A stdlib function or method as the audit sees it. */
export interface CallableEntry {
  /** `math.random` or `ArgParser.parse`: how findings name it. */
  readonly label: string;
  /** Capabilities every call requires. */
  readonly capabilities: readonly string[];
  /** A capability required only when an optional argument is omitted. */
  readonly conditional: Conditional | null;
  /** Stdlib classes (`module.Class`) the call may return; empty when none is known. */
  readonly returnsClasses: readonly string[];
  /** True when the result is known not to be a stdlib object (a number, string, boolean, null). */
  readonly returnsPlain: boolean;
}

/** A member of a stdlib class. */
export interface MemberEntry extends CallableEntry {
  readonly kind: "method" | "property";
}

/** A stdlib module as the audit sees it. */
export interface ModuleEntry {
  readonly name: string;
  /** ML name (aliases included) → the function. */
  readonly functions: ReadonlyMap<string, CallableEntry>;
  /** Names of the module's constants. */
  readonly constants: ReadonlySet<string>;
  /** Class name → member name (aliases included) → member. */
  readonly classes: ReadonlyMap<string, ReadonlyMap<string, MemberEntry>>;
}

/** A capability-requiring method, for calls on values whose class is unknown. */
export interface MethodCandidate {
  readonly module: string;
  readonly className: string;
  readonly method: MemberEntry;
}

/** Read-only view of the registry's metadata. */
export class StdlibCatalog {
  private readonly modules = new Map<string, ModuleEntry>();

  /** Builds the catalog; call {@link loadCatalog} to make sure every stdlib module is loaded. */
  constructor(names: readonly string[]) {
    for (const name of names) this.modules.set(name, buildModule(name, registry.info(name)));
  }

  /** Whether `name` is a stdlib (or registered extension) module. */
  isModule(name: string): boolean {
    return this.modules.has(name);
  }

  /** The names of every stdlib (and registered extension) module. */
  moduleNames(): string[] {
    return [...this.modules.keys()];
  }

  /** The module's entry; throws for a name that is not a module. */
  module(name: string): ModuleEntry {
    const m = this.modules.get(name);
    if (m === undefined) throw new Error(`mljs audit: no stdlib module '${name}'`);
    return m;
  }

  /** Every capability name some function or method of some module requires (computed once). */
  knownCapabilities(): ReadonlySet<string> {
    if (this.known !== null) return this.known;
    const out = new Set<string>();
    for (const m of this.modules.values()) {
      for (const f of m.functions.values()) addAll(out, f);
      for (const members of m.classes.values()) for (const member of members.values()) addAll(out, member);
    }
    this.known = out;
    return out;
  }

  private known: ReadonlySet<string> | null = null;

  /**
   * Capability-requiring methods named `name` of classes of the given modules: what a method
   * call on a value of unknown class may be.
   */
  methodCandidates(name: string, modules: Iterable<string>): MethodCandidate[] {
    const out: MethodCandidate[] = [];
    for (const moduleName of modules) {
      const m = this.modules.get(moduleName);
      if (m === undefined) continue;
      for (const [className, members] of m.classes) {
        const method = members.get(name);
        if (method !== undefined && method.kind === "method" && requiresAny(method)) out.push({ module: moduleName, className, method });
      }
    }
    return out;
  }
}

/** True when a call of `entry` may require a capability. */
export function requiresAny(entry: CallableEntry): boolean {
  return entry.capabilities.length > 0 || entry.conditional !== null;
}

function addAll(out: Set<string>, entry: CallableEntry): void {
  for (const c of entry.capabilities) out.add(c);
  if (entry.conditional !== null) out.add(entry.conditional.capability);
}

/** Loads every registered module (the registry loads them lazily) and builds the catalog. */
export async function loadCatalog(): Promise<StdlibCatalog> {
  const names = registry.list();
  // One catalog serves every file of an audit; a newly registered extension module makes a new one.
  const key = names.join("\0");
  if (cached !== null && cached.key === key) return cached.catalog;
  await Promise.all(names.map((n) => registry.load(n)));
  const catalog = new StdlibCatalog(names);
  cached = { key, catalog };
  return catalog;
}

let cached: { key: string; catalog: StdlibCatalog } | null = null;

const PLAIN_RETURN = /^(number|string|boolean|null)\b/;

/** `"Match or null"` → the module's classes it names; whether the rest is plain data. */
function returnsOf(moduleName: string, returns: string, classNames: ReadonlySet<string>): { classes: string[]; plain: boolean } {
  const classes = returns.split(/\s+or\s+/).map((r) => r.trim()).filter((r) => classNames.has(r)).map((r) => `${moduleName}.${r}`);
  return { classes, plain: classes.length === 0 && PLAIN_RETURN.test(returns) && !/\b(any|value|default|array|object)\b/.test(returns) };
}

function buildModule(name: string, meta: ModuleInfo): ModuleEntry {
  const def = registry.definition(name);
  const classNames = new Set(meta.classes.map((c) => c.name));
  const functions = new Map<string, CallableEntry>();
  for (const f of meta.functions) {
    const impl = def.functions.get(f.name);
    // The checked function's own metadata is what the capability check enforces.
    const capabilities = impl !== undefined ? [...(functionInfoOf(impl)?.capabilities ?? f.capabilities)] : [...f.capabilities];
    const r = returnsOf(name, f.returns, classNames);
    const entry: CallableEntry = {
      label: `${name}.${f.name}`, capabilities, conditional: CONDITIONAL.get(`${name}.${f.name}`) ?? null,
      returnsClasses: r.classes, returnsPlain: r.plain,
    };
    for (const n of [f.name, ...f.aliases]) functions.set(n, entry);
  }
  const classes = new Map<string, Map<string, MemberEntry>>();
  for (const c of meta.classes) {
    const members = new Map<string, MemberEntry>();
    for (const m of c.members) {
      const r = returnsOf(name, m.returns, classNames);
      const entry: MemberEntry = {
        kind: m.kind === "property" ? "property" : "method", label: `${c.name}.${m.name}`, capabilities: [...m.capabilities],
        conditional: CONDITIONAL.get(`${name}.${c.name}.${m.name}`) ?? null, returnsClasses: r.classes, returnsPlain: r.plain,
      };
      for (const n of [m.name, ...m.aliases]) members.set(n, entry);
    }
    classes.set(c.name, members);
  }
  return { name, functions, constants: new Set(meta.constants.map((c) => c.name)), classes };
}
