/**
 * A loaded program and the boundary between host code and ML code.
 *
 * Every entry from the host into ML (running the top level, calling an exported function) goes
 * through {@link HostBoundary.call}: it starts a fresh step/time budget for an outermost entry,
 * restores the call depth afterwards, and turns anything that escapes into an
 * {@link MLRuntimeError} whose stack names ML files, lines and columns.
 */
import type { Manifest } from "../compiler/index.js";
import type { ExportThunks, Runtime } from "../runtime/abi.js";
import { MLError } from "../runtime/errors.js";
import { str } from "../runtime/display.js";
import { demangle } from "../compiler/mangle.js";
import { beginRun } from "../runtime/limits.js";
import { MLRuntimeError } from "./errors.js";
import { mlStackOf, type MappedModule } from "./stack.js";
import { currentFrame, runInFrame, type ProgramScope } from "../capabilities/frame.js";
import type { CapabilityToken } from "../capabilities/token.js";

/** Converts ML errors escaping to the host and keeps budgets per host entry. */
export class HostBoundary {
  private active = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly modules: ReadonlyMap<string, MappedModule>,
    private readonly scope: ProgramScope,
  ) {}

  /**
   * Runs `fn` as an entry from the host into ML, with this program as the frame's program and
   * `tokens` (default: the tokens current at call time) as its capabilities. A promise result
   * (an asynchronous ML function) has its rejection converted the same way.
   */
  call<T>(fn: () => T, tokens?: readonly CapabilityToken[]): T {
    const frame = currentFrame();
    if (tokens === undefined && frame?.program === this.scope) return this.enter(fn);
    return runInFrame({ tokens: tokens ?? frame?.tokens ?? [], program: this.scope }, () => this.enter(fn));
  }

  private enter<T>(fn: () => T): T {
    const budget = this.rt.budget;
    const depth = budget.depth;
    if (this.active === 0) beginRun(budget);
    this.active++;
    try {
      const result = fn();
      if (result instanceof Promise) {
        return result.then(undefined, (e: unknown) => {
          throw this.toHostError(e);
        }) as T;
      }
      return result;
    } catch (e) {
      throw this.toHostError(e);
    } finally {
      this.active--;
      budget.depth = depth;
    }
  }

  /** The host-facing form of anything ML code threw. */
  toHostError(e: unknown): Error {
    if (e instanceof MLRuntimeError) return e;
    const stack = mlStackOf(e, this.modules);
    if (e instanceof MLError) {
      return new MLRuntimeError(e.mlType, e.mlMessage, stack, e.hasValue ? { cause: e, value: e.value } : { cause: e });
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return new MLRuntimeError("RecursionError", "maximum recursion depth exceeded", stack, { cause: e });
    }
    if (e instanceof Error) return new MLRuntimeError("Error", e.message, stack, { cause: e });
    return new MLRuntimeError("Error", safeString(e), stack, { cause: e });
  }
}

function safeString(v: unknown): string {
  try {
    return str(v);
  } catch {
    return "host error";
  }
}

/**
 * Builds the host's view of a module's exports: one enumerable getter per top-level binding,
 * read live; functions come wrapped so a host call gets ML error handling and budgets, and the
 * same wrapper every time (`exports.f === exports.f`). A function an exported function returns
 * is wrapped the same way, so calling it later runs under the capability context current at
 * that time, with this program's limits and error conversion.
 */
export function hostExports(thunks: ExportThunks, boundary: HostBoundary): Record<string, unknown> {
  const wrappers = new WeakMap<Function, Function>();
  const wrap = (v: unknown): unknown => {
    if (typeof v !== "function") return v;
    let w = wrappers.get(v);
    if (w === undefined) {
      const fn = v as (...args: unknown[]) => unknown;
      w = Object.defineProperty(
        (...args: unknown[]) => {
          const result = boundary.call(() => fn(...args.map(fromHost)));
          // A function ML returns (a comparator, a callback) goes through the boundary too.
          return result instanceof Promise ? result.then(wrap) : wrap(result);
        },
        "name",
        { value: demangle(fn.name) },
      );
      wrappers.set(v, w);
    }
    return w;
  };
  const exports: Record<string, unknown> = {};
  for (const name of Object.keys(thunks)) {
    const thunk = thunks[name]!;
    Object.defineProperty(exports, name, { enumerable: true, get: () => wrap(thunk()) });
  }
  return Object.freeze(exports);
}

/** Host `undefined` is ML `null`. */
function fromHost(v: unknown): unknown {
  return v === undefined ? null : v;
}

/** A loaded ML program (HOST.md §6). */
export interface Program {
  /** Top-level bindings of the entry module; functions are callable with plain values. */
  readonly exports: Readonly<Record<string, unknown>>;
  /** The entry module's capability manifest. */
  readonly manifest: Manifest;
  /** The entry file as the host named it. */
  readonly filename: string;
}
