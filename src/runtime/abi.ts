/**
 * The contract between generated code and the runtime.
 *
 * Generated code is a function body that receives one parameter, `$ctx` (a {@link ProgramContext}),
 * and touches nothing else: it copies the helpers it uses into `const` locals once, at the top
 * (`const $add = $ctx.rt.add;`), so every later use is a local call that V8 can inline.
 *
 * A {@link Runtime} is created per program load by `createRuntime(state)`; its helpers are
 * closures over that load's {@link RunState} (limits, output sinks), so a helper never consults
 * mutable globals and two programs loaded in one process never share budgets or sinks.
 *
 * Rules every helper follows:
 * - ML values are plain JavaScript values (docs/language/reference.md §3); `undefined` is never produced — a
 *   host `undefined` read through a helper comes back as `null`.
 * - Errors are thrown as `MLError` (see `errors.ts`) carrying the ML type and message; no helper
 *   lets a raw host error or host object reach ML code.
 * - Helpers never read an inherited property or a symbol of any value.
 */

/** Per-load execution budget. Generated code reads and writes these fields directly. */
export interface Budget {
  /**
   * Steps left in the current chunk. Generated code does `if (--$L.n < 0) $tick();` on every
   * loop iteration and function entry; `tick()` refills the chunk from the run's total step
   * and time budget or throws `LimitError`.
   */
  n: number;
  /** Current ML call depth. Functions do `if (++$L.depth > $L.max) $deep();` on entry. */
  depth: number;
  /** Maximum ML call depth (`limits.recursion`). */
  max: number;
}

/** A callable ML value as seen by the runtime. */
export type MLFunction = (...args: any[]) => unknown;

/**
 * Helpers available to generated code. Names are the ABI: the code generator emits
 * `$ctx.rt.<name>` lookups for exactly these names.
 */
export interface Runtime {
  /** The load's budget; generated code keeps it in the local `$L`. */
  readonly budget: Budget;
  /** Called when `budget.n` drops below zero: refills or throws `LimitError`. */
  tick(): void;
  /** Called when `budget.depth` exceeds `budget.max`: throws `RecursionError`. */
  deep(): never;
  /** Throws `TypeError: name() takes N argument(s) but M were given`. */
  arity(name: string, expected: number, given: number): never;
  /** Throws `NameError` for a local read before it has a value (`note`: a hint for the host). */
  unbound(name: string, note?: string): never;

  // --- truthiness and operators (docs/language/reference.md §4) ---
  truthy(v: unknown): boolean;
  add(a: unknown, b: unknown): unknown;
  sub(a: unknown, b: unknown): unknown;
  mul(a: unknown, b: unknown): unknown;
  div(a: unknown, b: unknown): unknown;
  /** Floor division `//`. */
  fdiv(a: unknown, b: unknown): unknown;
  /** `%`: modulo on numbers, printf-style formatting with a string on the left. */
  mod(a: unknown, b: unknown): unknown;
  /** Unary minus. */
  neg(a: unknown): unknown;
  eq(a: unknown, b: unknown): boolean;
  ne(a: unknown, b: unknown): boolean;
  lt(a: unknown, b: unknown): boolean;
  gt(a: unknown, b: unknown): boolean;
  le(a: unknown, b: unknown): boolean;
  ge(a: unknown, b: unknown): boolean;

  // --- indexing, slicing, members ---
  /** `o[k]` for arrays, strings, objects. */
  index(o: unknown, k: unknown): unknown;
  /**
   * `Array.isArray`, captured when the runtime loaded: generated code writes the in-range array
   * read inline (`$isArray($a = o) && … ? $a[i] : $index($a, i)`).
   */
  isArray(v: unknown): v is unknown[];
  /** `Object.isExtensible`, captured: an array a host froze or sealed cannot grow. */
  isExtensible(o: object): boolean;
  /**
   * Throws what `append` throws when pushing onto an array failed with `e`: an ML `TypeError`
   * for a frozen or sealed host array (generated code's inline `append` catches and passes here).
   */
  appendRefused(e: unknown): never;
  /** `getattr(o, name, fallback)` with its three arguments (a plain object's key without the builtin's checks). */
  getattr3(o: unknown, name: unknown, fallback: unknown): unknown;
  /** The load's `maxArrayLength` limit (generated fast paths check growth against it). */
  readonly maxArrayLength: number;
  /** `o[k] = v`. */
  setIndex(o: unknown, k: unknown, v: unknown): void;
  /** `o[start:end:step]`; absent parts are passed as `null`. */
  slice(o: unknown, start: unknown, end: unknown, step: unknown): unknown;
  /** `o.name` (the name is a compile-time constant). */
  member(o: unknown, name: string): unknown;
  /** `o.name = v`. */
  setMember(o: unknown, name: string, v: unknown): void;
  /**
   * `o.name(args…)`: calls a string/array method, a stdlib member, or the function stored under
   * an object key, without materialising a bound method.
   */
  invoke(o: unknown, name: string, ...args: unknown[]): unknown;

  // --- calls, iteration, destructuring ---
  /** Returns `f` if it is callable, else throws `TypeError: 'number' is not callable`. */
  callable(f: unknown): MLFunction;
  /**
   * Normalises a call's result: a host function returning `undefined` gives ML `null`.
   * Generated code wraps calls whose callee may be a host function: `$ret($callable(f)(x))`.
   */
  ret(v: unknown): unknown;
  /** The values a `for (x in v)` loop visits: array elements, object keys, string characters, iterator items. */
  iter(v: unknown): Iterable<unknown>;
  /**
   * `for (x in range(…))` without building the array: checks `start`, `stop`, `step` exactly as
   * the `range` builtin does (same errors, including the `maxArrayLength` limit) and returns the
   * number of items `range(start, stop, step)` would have. For `range(stop)` the generated code
   * passes `(0, stop, 1)`, for `range(start, stop)` `(start, stop, 1)`.
   */
  rangeLength(start: unknown, stop: unknown, step: unknown): number;
  /** `[a, b] = v`: checks `v` is an array or string of exactly `n` items and returns them as an array. */
  unpack(v: unknown, n: number): unknown[];
  /** `{a, b} = v`: checks `v` is an object (once) and returns it. */
  unpackObject(v: unknown): Record<string, unknown>;
  /** Reads key `k` of an object checked by {@link unpackObject} (`KeyError` if missing). */
  key(o: Record<string, unknown>, k: string): unknown;

  // --- errors ---
  /** `throw v;` — wraps any ML value into a throwable `MLError`. */
  thrown(v: unknown): Error;
  /**
   * In an `except` clause: turns what JavaScript caught into the ML value bound to the clause
   * variable; rethrows errors ML may not catch (`LimitError`).
   */
  caught(e: unknown): unknown;

  // --- asynchronous functions (runtime/settle.ts) ---
  /** What an asynchronous ML function returns in place of `v`: objects boxed, never a thenable. */
  box(v: unknown): unknown;
  /** What generated code awaits in place of `x`: a promise that always fulfils, or a box. */
  awaitable(x: unknown): unknown;
  /**
   * After `await awaitable(x)`: switches the budget back to the host entry this code runs for
   * (another entry may have run meanwhile), sets the call depth to `depth` (the resuming
   * function's), and returns the awaited value or throws its error.
   */
  resume(settled: unknown, depth: number): unknown;

  // --- builtins (docs/language/reference.md §6), bound to this load's sinks and limits ---
  readonly builtins: Readonly<Record<string, MLFunction>>;
}

/**
 * What generated code receives. Created by the host loader for each module of a program.
 */
export interface ProgramContext {
  readonly rt: Runtime;
  /**
   * Resolves an `import` statement at run time. `path` is the dotted path (`["a", "b"]`);
   * returns the value bound by the statement (for `import a.b;` the namespace `a`, for
   * `import a.b as m;` the module `a.b` itself — the generated code passes `alias` to say which).
   */
  import(path: readonly string[], alias: boolean): unknown;
  /**
   * Incremental compilation only (the REPL; `CompileOptions.incremental` of the compiler): the
   * null-prototype object holding the top-level bindings, which outlive each input.
   */
  readonly globals?: Record<string, unknown>;
  /** Incremental compilation only: receives the value of each top-level expression statement. */
  readonly echo?: (value: unknown) => void;
}

/**
 * What the generated body returns: one getter per top-level binding, keyed by ML name, so
 * exports stay live (a function that reassigns a module variable is seen by importers).
 */
export type ExportThunks = Record<string, () => unknown>;
