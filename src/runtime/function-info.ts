/**
 * Metadata of builtins and stdlib functions, for `help()` and `requiredCapabilities()`.
 * Process-wide (shared.ts): every copy of mljs sees the metadata of every stdlib function.
 */
import { shared } from "./shared.js";

const freeze = Object.freeze;

/** What `help()` and `requiredCapabilities()` know about a function. */
export interface FunctionInfo {
  /** Call signature shown by `help`, e.g. `math.sqrt(x)`. */
  readonly signature: string;
  /** One-line description. */
  readonly description: string;
  /** Capabilities a call requires (empty: none). */
  readonly capabilities: readonly string[];
}

const functionInfo = shared.functions as WeakMap<Function, FunctionInfo>;

/**
 * Attaches metadata to a function (builtins, stdlib functions and methods when declared).
 * Later registrations of the same function replace earlier ones.
 */
export function registerFunctionInfo(f: Function, info: FunctionInfo): void {
  functionInfo.set(f, freeze({ ...info, capabilities: freeze([...info.capabilities]) }));
}

/** Gives `derived` (e.g. a method bound to its object) the metadata of `original`. */
export function shareFunctionInfo(derived: Function, original: Function): void {
  const info = functionInfo.get(original);
  if (info !== undefined) functionInfo.set(derived, info);
}

/** The metadata registered for `f`, if any. */
export function functionInfoOf(f: Function): FunctionInfo | undefined {
  return functionInfo.get(f);
}

const defineProperty = Object.defineProperty;

/** Gives `f` the display name `name` (what `str(f)` and host stack traces show) and returns it. */
export function named<F extends Function>(name: string, f: F): F {
  return defineProperty(f, "name", { value: name });
}
