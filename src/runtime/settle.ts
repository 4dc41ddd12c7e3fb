/**
 * Asynchronous ML code and JavaScript's promise machinery, kept apart.
 *
 * JavaScript resolves a promise with any object that has a `then` function by *calling* that
 * function (with the promise's raw `resolve`/`reject`): an ML object `{then: fn}` returned by an
 * asynchronous ML function, or met by an `await`, would run ML code implicitly, hand it engine
 * functions, and could leave the host's `await` pending for ever. So objects never travel through
 * a promise bare:
 * - an asynchronous ML function returns `box(v)`: objects are wrapped in a {@link Settled} (which
 *   has no `then`), other values pass as they are;
 * - generated code awaits `awaitable(x)` — a native promise whose outcome is boxed (failures
 *   included, as {@link Rejected}), or a box for anything else — and reads the outcome with
 *   {@link outcome}, which unwraps it after the caller has switched its budget back in;
 * - the host boundary unwraps results with {@link unbox}, synchronously, before they reach host
 *   code (and never returns an unwrapped object from a promise callback).
 */

/** An object on its way through a promise. Frozen, with no `then`: the engine does not look inside. */
export class Settled {
  constructor(readonly value: unknown) {
    Object.freeze(this);
  }
}
Object.freeze(Settled.prototype);

/** A failure on its way through a promise: {@link outcome} rethrows it where ML code resumes. */
export class Rejected {
  constructor(readonly error: unknown) {
    Object.freeze(this);
  }
}
Object.freeze(Rejected.prototype);

const NativePromise = Promise;
// Captured: a `then` the host put on one promise object is never consulted.
const promiseThen = Promise.prototype.then;

/** `v` as it may pass through a promise: objects and functions wrapped once, other values as they are. */
export function box(v: unknown): unknown {
  if ((typeof v === "object" && v !== null) || typeof v === "function") {
    return v instanceof Settled ? v : new Settled(v);
  }
  return v;
}

/** The value `box` wrapped (anything else as it is). */
export function unbox(v: unknown): unknown {
  return v instanceof Settled ? v.value : v;
}

function fail(e: unknown): Rejected {
  return new Rejected(e);
}

/**
 * What generated code awaits in place of `x`: a native promise becomes one that always fulfils,
 * with a boxed value or a {@link Rejected}; any other value (a synchronous result, a host object
 * with a `then`) is boxed, so the engine never calls a `then` of ML's or the host's.
 */
export function awaitable(x: unknown): unknown {
  if (x instanceof NativePromise) return promiseThen.call(x, box, fail);
  return box(x);
}

/** The outcome of an awaited {@link awaitable}: its value, or the error it failed with, thrown. */
export function outcome(v: unknown): unknown {
  if (v instanceof Settled) return v.value;
  if (v instanceof Rejected) throw v.error;
  return v;
}
