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
import { MLError, hostNoteOf, recordOrigin } from "../runtime/errors.js";
import { named } from "../runtime/function-info.js";
import { preview, PREVIEW_LENGTH } from "../runtime/display.js";
import { demangle } from "../compiler/mangle.js";
import { activate, beginRun, closeEntry, openEntry, type RunBudget, type RunEntry } from "../runtime/limits.js";
import { unbox } from "../runtime/settle.js";
import { expandedSize, isContainer, leafSize } from "../runtime/size.js";
import { MLRuntimeError } from "./errors.js";
import { mlStackOf, type MappedModule } from "./stack.js";
import { currentFrame, frameOver, runDirect, runInFrame, storedFrame, type Frame, type ProgramScope } from "../capabilities/frame.js";
import type { CapabilityToken } from "../capabilities/token.js";

/** Converts ML errors escaping to the host and keeps budgets per host entry. */
export class HostBoundary {
  /** Entries running synchronously on the stack now (host → ML → host → ML counts 2). */
  private active = 0;
  /** How values cross between this program and its host (one set of wrappers per program). */
  readonly crossing: Crossing;

  /**
   * Whether an outermost call may make its frame current without AsyncLocalStorage
   * (capabilities/frame.ts `runDirect`): only code running synchronously can read it then, so it
   * must be a program that starts nothing asynchronous — see {@link HostBoundary.constructor}.
   */
  private readonly directCalls: boolean;
  /** See {@link HostBoundary.openDirectEntry}. */
  private directEntry: RunEntry | null = null;
  /** The frame of direct calls, kept while the capabilities they inherit stay the same. */
  private directFrame: Frame | null = null;
  private readonly enterOutermost: (fn: (...args: unknown[]) => unknown, args: unknown[] | undefined, entry: RunEntry) => unknown;

  /**
   * `asyncProgram`: some module of the program is asynchronous (it awaits what host functions
   * return). `directCalls`: the program is synchronous, imports no stdlib or extension module and
   * has no output sinks or input source from the host — its code alone cannot start anything
   * asynchronous, so a host call may use a frame current for synchronous code only, until the
   * host passes it a function or an object other than arrays and plain objects (whose code
   * could). Everything running synchronously sees the same frame either way.
   */
  constructor(
    private readonly rt: Runtime,
    private readonly modules: ReadonlyMap<string, MappedModule>,
    private readonly scope: ProgramScope,
    asyncProgram = false,
    directCalls = false,
  ) {
    this.crossing = new Crossing(this, scope.state.limits.maxResultSize, asyncProgram);
    this.directCalls = directCalls && !asyncProgram;
    this.enterOutermost = (fn, args, entry) => this.enterDirect(fn, args, entry);
  }

  /**
   * Runs `fn` as an entry from the host into ML, with this program as the frame's program and
   * `tokens` (default: the tokens current at call time) as its capabilities.
   *
   * An *outermost* entry gets a budget of its own (runtime/limits.ts `RunEntry`), kept in the
   * flow's frame, so it follows the call across every `await`. An entry made while ML code of
   * this load runs below on the stack, or from a flow whose entry is still open (a host function
   * ML awaited, calling back into ML), spends from that entry instead of starting afresh.
   *
   * A promise result (an asynchronous ML function) fulfils with the value still boxed
   * (runtime/settle.ts): callers unwrap it with `unbox` before host code sees it. Its rejection
   * is converted like a synchronous error.
   */
  call<T>(fn: () => T, tokens?: readonly CapabilityToken[]): T {
    return this.run(fn, undefined, tokens) as T;
  }

  /**
   * Calls the ML function `fn` from the host, as {@link call} does: `args` (a fresh array the
   * caller gives up) cross the host → ML way inside the entry, the result is returned as ML has it.
   */
  callML(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    return this.run(fn, args, undefined);
  }

  private run(fn: (...args: unknown[]) => unknown, args: unknown[] | undefined, tokens: readonly CapabilityToken[] | undefined): unknown {
    const stored = storedFrame();
    const frame = frameOver(stored);
    const budget = this.rt.budget as RunBudget;
    let entry: RunEntry | null = null;
    if (this.active > 0) entry = budget.entry;
    else if (frame?.entry !== undefined && frame.entry.open && frame.entry.budget === budget) entry = frame.entry;
    if (entry !== null) {
      const running = entry;
      if (tokens === undefined && frame?.program === this.scope && frame.entry === running) return this.enter(fn, args, running, false);
      return runInFrame({ tokens: tokens ?? frame?.tokens ?? [], program: this.scope, entry: running }, () => this.enter(fn, args, running, false));
    }
    if (tokens === undefined && this.directCalls && !this.crossing.metHostCode) {
      const direct = this.openDirectEntry(budget);
      const inherited = frame?.tokens ?? NO_TOKENS;
      let next = this.directFrame;
      if (next === null || next.tokens !== inherited) next = this.directFrame = { tokens: inherited, program: this.scope, entry: direct };
      return runDirect(next, stored, this.enterOutermost, fn, args, direct);
    }
    const fresh = openEntry(budget);
    return runInFrame({ tokens: tokens ?? frame?.tokens ?? [], program: this.scope, entry: fresh }, () => this.enter(fn, args, fresh, true));
  }

  /**
   * The entry of a direct call, one per boundary, opened afresh for each call (a full step
   * budget, a new clock, depth 0) and closed when it returns. Reusing it is safe: a direct call
   * runs synchronously from start to end, so the entry is open only while nothing asynchronous
   * can run — whatever kept it (a frame captured by host code) always finds it closed.
   */
  private openDirectEntry(budget: RunBudget): RunEntry {
    let entry = this.directEntry;
    if (entry === null) return (this.directEntry = openEntry(budget));
    entry.open = true;
    entry.depth = 0;
    activate(budget, entry);
    budget.depth = 0;
    beginRun(budget);
    return entry;
  }

  private enter(fn: (...args: unknown[]) => unknown, args: unknown[] | undefined, entry: RunEntry, outermost: boolean): unknown {
    const budget = this.rt.budget;
    // After the switch: a new entry counts calls from 0, a joined one from its own depth, never
    // from the depth another entry's suspended code left in the budget.
    activate(budget, entry);
    const depth = budget.depth;
    this.active++;
    let pending = false;
    try {
      const result = args === undefined ? fn() : this.applyFromHost(fn, args);
      if (result instanceof Promise) {
        pending = outermost;
        return promiseThen.call(
          result,
          (v: unknown) => {
            if (outermost) closeEntry(entry);
            return v;
          },
          (e: unknown) => {
            if (outermost) closeEntry(entry);
            throw this.toHostError(e);
          },
        );
      }
      return result;
    } catch (e) {
      throw this.toHostError(e);
    } finally {
      this.active--;
      budget.depth = depth;
      if (outermost && !pending) closeEntry(entry);
    }
  }

  /**
   * {@link enter} for an outermost call made with {@link runDirect}: a synchronous program, so
   * the result is never a promise of its own (and no host value reached it: no host promise either).
   */
  private enterDirect(fn: (...args: unknown[]) => unknown, args: unknown[] | undefined, entry: RunEntry): unknown {
    const budget = this.rt.budget;
    // openEntry has just switched `entry` in.
    const depth = budget.depth;
    this.active++;
    try {
      if (args === undefined) return fn();
      this.fromHostInPlace(args);
      // These arguments brought the program host code (a function, an object of a class): what
      // that code starts asynchronously must see this call's frame, so the call enters the
      // storage after all (and later calls do from the start).
      if (this.crossing.metHostCode) return runInFrame(currentFrame()!, () => this.applyConverted(fn, args));
      return this.applyConverted(fn, args);
    } catch (e) {
      throw this.toHostError(e);
    } finally {
      this.active--;
      budget.depth = depth;
      closeEntry(entry);
    }
  }

  /** `fn` called with `args` crossed host → ML (in place: the array is the caller's own copy). */
  private applyFromHost(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    this.fromHostInPlace(args);
    return this.applyConverted(fn, args);
  }

  /** Crosses each argument host → ML, in place. */
  private fromHostInPlace(args: unknown[]): void {
    const crossing = this.crossing;
    for (let i = 0; i < args.length; i++) args[i] = crossing.fromHost(args[i]);
  }

  /** `fn` called with arguments already crossed. */
  private applyConverted(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    const n = args.length;
    // Called directly for the common arities: no array iteration a host could have patched.
    if (n === 0) return fn();
    if (n === 1) return fn(args[0]);
    if (n === 2) return fn(args[0], args[1]);
    if (n === 3) return fn(args[0], args[1], args[2]);
    return fn(...args);
  }

  /** The host-facing form of anything ML code threw. */
  toHostError(e: unknown): Error {
    if (e instanceof MLRuntimeError) return e;
    const stack = mlStackOf(e, this.modules);
    if (e instanceof MLError) {
      // No `cause`: the runtime's error holds the thrown value as ML has it, and everything else
      // it knows is here. The value crosses like any other, so functions in it come wrapped.
      // ML code that catches this error again (after host code) gets the original back.
      const note = hostNoteOf(e);
      const err = new MLRuntimeError(e.mlType, e.mlMessage, stack, e.hasValue ? { value: this.crossing.toHost(e.value) } : note === undefined ? {} : { note });
      recordOrigin(err, e);
      return err;
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return new MLRuntimeError("RecursionError", "maximum recursion depth exceeded", stack, { cause: e });
    }
    if (e instanceof Error) return new MLRuntimeError("Error", e.message, stack, { cause: e });
    return new MLRuntimeError("Error", safeString(e), stack, { cause: e });
  }
}

function formatLimit(n: number): string {
  return Number.isFinite(n) ? String(n) : "unlimited";
}

function safeString(v: unknown): string {
  try {
    return preview(v, PREVIEW_LENGTH, true);
  } catch {
    return "host error";
  }
}

/**
 * Builds the host's view of a module's exports: one enumerable getter per top-level binding,
 * read live; functions come wrapped so a host call gets ML error handling and budgets, and the
 * same wrapper every time (`exports.f === exports.f`). Values cross through {@link Crossing}.
 */
export function hostExports(thunks: ExportThunks, boundary: HostBoundary): Record<string, unknown> {
  const crossing = boundary.crossing;
  const exports: Record<string, unknown> = {};
  for (const name of Object.keys(thunks)) {
    const thunk = thunks[name]!;
    Object.defineProperty(exports, name, { enumerable: true, get: () => crossing.toHost(thunk()) });
  }
  return Object.freeze(exports);
}

/**
 * Keys through which JavaScript calls a function without being asked to: `await` reads `then`,
 * `JSON.stringify` `toJSON`, string and number conversion `toString`/`valueOf`/`toLocaleString`.
 * An ML function stored under one of them never reaches the host (docs/security.md, invariant 3).
 */
const IMPLICIT_KEYS: ReadonlySet<string> = new Set(["then", "toJSON", "toString", "valueOf", "toLocaleString"]);

const isArray = Array.isArray;
const objectKeys = Object.keys;
const NO_TOKENS: readonly CapabilityToken[] = Object.freeze([]);
// Captured: host code replacing `Promise.prototype.then` cannot see or change what crosses.
const promiseThen = Promise.prototype.then;
const NativePromise = Promise;

/** Containers a walk visits before it starts remembering which it has seen. */
const SMALL_WALK = 64;

/**
 * Whether a walk of arrays and plain objects from `v` meets a function. Iterative, so data of
 * any depth is walked without growing the call stack. The common case (a few small objects)
 * allocates almost nothing; past {@link SMALL_WALK} containers the walk remembers what it has
 * seen, so shared parts and cycles cost linear time.
 */
function holdsFunction(v: unknown): boolean {
  if (typeof v === "function") return true;
  return isContainer(v) && scanContainer(v) === HOLDS_FUNCTION;
}

/** What {@link scanContainer} met: only arrays, plain objects and primitives. */
const PLAIN_DATA = 0;
/** … also some other object (a Proxy, a class instance), but no function. */
const HOLDS_OBJECT = 1;
/** … a function (the walk stops there). */
const HOLDS_FUNCTION = 2;

/** Walks the arrays and plain objects reachable from container `v` ({@link holdsFunction}). */
function scanContainer(v: object): number {
  let kind = PLAIN_DATA;
  // A flat container (the common argument) allocates nothing: `pending` is made for nested ones.
  let pending: object[] | null = null;
  let left = SMALL_WALK;
  let seen: Set<object> | null = null;
  for (let c: object | undefined = v; c !== undefined; c = pending === null ? undefined : pending.pop()) {
    if (--left < 0) {
      seen ??= new Set();
      if (seen.has(c)) continue;
      seen.add(c);
    }
    if (isArray(c)) {
      for (let i = 0; i < c.length; i++) {
        const x = c[i];
        if (typeof x === "function") return HOLDS_FUNCTION;
        if (typeof x === "object" && x !== null) {
          if (isContainer(x)) (pending ??= []).push(x);
          else kind = HOLDS_OBJECT;
        }
      }
    } else {
      for (const key in c) {
        const x = (c as Record<string, unknown>)[key];
        if (typeof x === "function") return HOLDS_FUNCTION;
        if (typeof x === "object" && x !== null) {
          if (isContainer(x)) (pending ??= []).push(x);
          else kind = HOLDS_OBJECT;
        }
      }
    }
  }
  return kind;
}

/**
 * Values crossing the boundary between one program and its host.
 *
 * - **ML → host** (results of exported functions, arguments ML passes to host functions): an
 *   ML function becomes a wrapper that enters the program through the boundary — the program's
 *   frame and capability declarations, fresh limits, errors as `MLRuntimeError` — under the
 *   capability context current when the host calls it. Arrays and plain objects that hold
 *   functions are copied with their functions wrapped; functions under the implicitly-called
 *   keys ({@link IMPLICIT_KEYS}) are left out, so `await`, `JSON.stringify` and string
 *   conversion never run ML code. Data without functions crosses as it is, uncopied.
 * - **host → ML** (arguments of exported functions, results of host functions): `undefined` is
 *   `null`; a host function becomes a wrapper whose arguments cross the ML → host way (so a
 *   callback ML hands to it is wrapped too) and whose result crosses back. Arrays and plain
 *   objects holding host functions are copied with the functions wrapped, so no path — however
 *   nested — lets ML hand the host an unwrapped ML function.
 */
class Crossing {
  private readonly mlWrappers = new WeakMap<Function, Function>();
  private readonly hostWrappers = new WeakMap<Function, Function>();
  /** Functions this crossing made: they go back as the function they wrap. */
  private readonly unwrap = new WeakMap<Function, Function>();
  /**
   * Whether the host has passed this program a function or an object other than arrays and
   * plain objects (code of the host's, or a stdlib object's, that ML could make run): from then
   * on every call enters its frame through AsyncLocalStorage ({@link HostBoundary}).
   */
  metHostCode = false;

  constructor(
    private readonly boundary: HostBoundary,
    private readonly maxSize: number,
    /** Host functions' thenables become promises (an asynchronous program awaits them). */
    private readonly adoptThenables: boolean,
  ) {}

  /**
   * An ML value as the host receives it. A container is measured first, shared parts expanded
   * (runtime/size.ts): one larger than `maxResultSize` — which any host walk, `JSON.stringify`
   * or structured clone of it would pay for — is refused with a `LimitError` instead.
   */
  toHost(v: unknown): unknown {
    if (typeof v === "function") return this.wrapML(v);
    if (typeof v === "string") {
      if (v.length >= this.maxSize) this.checkSize(v);
      return v;
    }
    if (!isContainer(v)) return v;
    if (!this.inspect(v)) return v;
    return this.copy(v, (f) => this.wrapML(f), true);
  }

  /**
   * Measures container `root` (a `LimitError` past `maxResultSize`) and says whether it holds a
   * function, in one walk for the common small value; a value of more than {@link SMALL_WALK}
   * containers is measured by `expandedSize` and walked by {@link holdsFunction}, each in
   * linear time. Sizes are counted as `expandedSize` counts them.
   */
  private inspect(root: object): boolean {
    const pending: object[] = [root];
    let containers = 0;
    let total = 0;
    let fn = false;
    while (pending.length > 0) {
      const c = pending.pop()!;
      if (++containers > SMALL_WALK) {
        this.checkSize(root);
        return holdsFunction(root);
      }
      total += 1;
      if (isArray(c)) {
        for (let i = 0; i < c.length; i++) {
          const x = c[i];
          if (isContainer(x)) pending.push(x);
          else {
            if (typeof x === "function") fn = true;
            total += leafSize(x);
          }
        }
      } else {
        for (const key of objectKeys(c)) {
          const x = (c as Record<string, unknown>)[key];
          total += key.length;
          if (isContainer(x)) pending.push(x);
          else {
            if (typeof x === "function") fn = true;
            total += leafSize(x);
          }
        }
      }
      if (total > this.maxSize) this.checkSize(root);
    }
    return fn;
  }

  private checkSize(v: object | string): void {
    const size = expandedSize(v, this.maxSize);
    if (size <= this.maxSize) return;
    const limit = formatLimit(this.maxSize);
    const why = size === Infinity ? "it is cyclic" : `more than ${limit} units, shared parts counted at each use`;
    throw this.boundary.toHostError(new MLError("LimitError", `value too large to cross to the host: ${why} (maxResultSize ${limit})`));
  }

  /** A host value as ML receives it. */
  fromHost(v: unknown): unknown {
    if (typeof v !== "object") {
      if (v === undefined) return null;
      if (typeof v !== "function") return v;
      this.metHostCode = true;
      return this.wrapHost(v);
    }
    if (v === null) return v;
    try {
      if (!isContainer(v)) {
        this.metHostCode = true;
        return v;
      }
      const kind = scanContainer(v);
      if (kind === PLAIN_DATA) return v;
      this.metHostCode = true;
      if (kind !== HOLDS_FUNCTION) return v;
      return this.copy(v, (f) => this.wrapHost(f), false);
    } catch (e) {
      // A getter of the host's object threw while the value was being walked.
      throw this.boundary.toHostError(e);
    }
  }

  /**
   * A copy of the arrays and plain objects reachable from `v` (sharing and cycles kept) with
   * every function replaced by `wrap(f)`; iterative, for data of any depth. Going to the host,
   * functions under the implicitly called keys are left out.
   */
  private copy(v: unknown, wrap: (f: Function) => Function, toHost: boolean): unknown {
    const copies = new Map<object, unknown[] | Record<string, unknown>>();
    const pending: { from: unknown[] | Record<string, unknown>; to: unknown[] | Record<string, unknown> }[] = [];
    const place = (x: unknown): unknown => {
      if (typeof x === "function") return wrap(x);
      if (!isContainer(x)) return x;
      let out = copies.get(x);
      if (out === undefined) {
        out = isArray(x) ? [] : {};
        copies.set(x, out);
        pending.push({ from: x, to: out });
      }
      return out;
    };
    const result = place(v);
    while (pending.length > 0) {
      const { from, to } = pending.pop()!;
      if (isArray(from)) {
        for (let i = 0; i < from.length; i++) (to as unknown[]).push(place(from[i]));
        continue;
      }
      for (const key of Object.keys(from)) {
        const item = from[key];
        if (toHost && typeof item === "function" && IMPLICIT_KEYS.has(key)) continue;
        Object.defineProperty(to, key, { value: place(item), enumerable: true, writable: true, configurable: true });
      }
    }
    return result;
  }

  /**
   * A host function as ML calls it: what ML passes crosses the ML → host way (so a callback ML
   * hands over is wrapped), and what it returns crosses back (an `undefined` is `null`, a host
   * function in the result is wrapped too).
   */
  private wrapHost(v: Function): Function {
    return this.wrapOnce(v, this.hostWrappers, (hostFn) =>
      named(hostFn.name, (...args: unknown[]) => {
        const result = hostFn(...args.map((a) => this.toHost(a)));
        if (result instanceof Promise) return result.then((r) => this.fromHost(r));
        // Asynchronous ML code awaits only native promises (runtime/settle.ts), so a host
        // thenable — a promise of another library or realm, a query builder — is adopted here,
        // on the host's side, as `await` would: ML's own values never come back with a `then`.
        if (this.adoptThenables && this.isThenable(result)) return NativePromise.resolve(result).then((r) => this.fromHost(r));
        return this.fromHost(result);
      }),
    );
  }

  /** Whether a host function's result has a callable `then` (a getter or trap that throws is a host error). */
  private isThenable(v: unknown): boolean {
    if ((typeof v !== "object" && typeof v !== "function") || v === null) return false;
    try {
      return typeof (v as { then?: unknown }).then === "function";
    } catch (e) {
      throw this.boundary.toHostError(e);
    }
  }

  /** An ML function as the host calls it: through the program's boundary, values crossing both ways. */
  private wrapML(v: Function): Function {
    return this.wrapOnce(v, this.mlWrappers, (fn) =>
      named(demangle(fn.name), (...args: unknown[]) => {
        const result = this.boundary.callML(fn, args);
        return result instanceof Promise ? promiseThen.call(result, (r) => this.toHost(unbox(r))) : this.toHost(result);
      }),
    );
  }

  /**
   * The wrapper of `v` from `cache`, made once; a wrapper this crossing made goes back as the
   * function it wraps, so a value that crosses twice arrives as itself.
   */
  private wrapOnce(v: Function, cache: WeakMap<Function, Function>, make: (f: (...args: unknown[]) => unknown) => Function): Function {
    const mine = this.unwrap.get(v);
    if (mine !== undefined) return mine;
    let w = cache.get(v);
    if (w === undefined) {
      w = make(v as (...args: unknown[]) => unknown);
      cache.set(v, w);
      this.unwrap.set(w, v);
    }
    return w;
  }
}

/** A loaded ML program (docs/api.md). */
export interface Program {
  /** Top-level bindings of the entry module; functions are callable with plain values. */
  readonly exports: Readonly<Record<string, unknown>>;
  /** The entry module's capability manifest. */
  readonly manifest: Manifest;
  /** The entry file as the host named it. */
  readonly filename: string;
}
