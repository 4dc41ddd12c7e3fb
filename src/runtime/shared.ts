/**
 * Process-wide state shared by every copy of mljs loaded in one process (docs/integration/imports.md).
 *
 * A host may end up with two installed copies of the package (its own, and one bundled by a
 * dependency). Each copy has its own module instances, so anything that must be one per process
 * lives here, behind `globalThis[Symbol.for("mljs.runtime/1")]`: the first copy to load creates
 * it, every later copy checks its ABI version and uses it.
 *
 * - `brands`: for each stdlib class (by qualified name, e.g. `datetime.DateTime`), the set of its
 *   genuine instances. Stdlib classes answer `instanceof` from it (`Symbol.hasInstance`), so an
 *   instance made by one copy is an instance of the other copy's class, and a plain object
 *   carrying some symbol is not.
 * - `classes`: the ML-visible class descriptor of each registered prototype, so the runtime of
 *   one copy can read members of the other copy's stdlib objects.
 * - `functions`: metadata of builtins and stdlib functions (`help`, `requiredCapabilities`).
 * - `capabilities`: the capability store (tokens, contexts, the async-local current frame).
 *
 * ML code never reaches any of this: generated code names no global (docs/security.md, invariant 1).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { MLClass } from "./objects.js";

/** Bump when the layout of {@link SharedState} changes incompatibly. */
export const SHARED_ABI = 1;

/** The package version that created a shared state (for error messages). */
export const PACKAGE_VERSION = "0.1.0";

/** What the capability layer keeps per process (see `src/capabilities/`). */
export interface CapabilityStore {
  /** The current frame (capability context and program scope) of the async flow. */
  readonly storage: AsyncLocalStorage<unknown>;
  /** Genuine tokens, created by `capability()` in any copy. */
  readonly tokens: WeakSet<object>;
  /** Genuine contexts. */
  readonly contexts: WeakSet<object>;
  /** Uses counted per token (tokens themselves are immutable). */
  readonly uses: WeakMap<object, number>;
}

/** The process-wide state. */
export interface SharedState {
  readonly abi: number;
  readonly version: string;
  readonly brands: Map<string, WeakSet<object>>;
  readonly classes: WeakMap<object, MLClass>;
  readonly functions: WeakMap<Function, unknown>;
  readonly capabilities: CapabilityStore;
}

const KEY = Symbol.for("mljs.runtime/1");

function createShared(): SharedState {
  return Object.freeze({
    abi: SHARED_ABI,
    version: PACKAGE_VERSION,
    brands: new Map(),
    classes: new WeakMap(),
    functions: new WeakMap(),
    capabilities: Object.freeze({
      storage: new AsyncLocalStorage<unknown>(),
      tokens: new WeakSet<object>(),
      contexts: new WeakSet<object>(),
      uses: new WeakMap<object, number>(),
    }),
  });
}

function attach(): SharedState {
  const g = globalThis as unknown as Record<symbol, SharedState | undefined>;
  const existing = g[KEY];
  if (existing === undefined) {
    const created = createShared();
    // Not enumerable, not writable, not configurable: later code cannot swap the store.
    Object.defineProperty(globalThis, KEY, { value: created, enumerable: false, writable: false, configurable: false });
    return created;
  }
  if (typeof existing !== "object" || existing === null || existing.abi !== SHARED_ABI) {
    const other = typeof existing === "object" && existing !== null ? `${String(existing.version)} (ABI ${String(existing.abi)})` : "an unknown value";
    throw new Error(
      `mljs ${PACKAGE_VERSION} (ABI ${SHARED_ABI}) cannot share this process with mljs ${other}: ` +
        `two incompatible versions of mljs are loaded. Install one version (npm dedupe) so stdlib ` +
        `classes and capabilities stay one per process.`,
    );
  }
  return existing;
}

/** The process-wide state (created by the first copy of mljs to load). */
export const shared: SharedState = attach();

/**
 * The brand set of a stdlib class: `mark` it in the constructor, answer `instanceof` with `has`.
 * Every copy of mljs gets the same set for the same qualified name.
 */
export function brandSet(qualifiedName: string): WeakSet<object> {
  let set = shared.brands.get(qualifiedName);
  if (set === undefined) {
    set = new WeakSet();
    shared.brands.set(qualifiedName, set);
  }
  return set;
}
