/**
 * `node:async_hooks` for the playground's worker: an `AsyncLocalStorage` without async hooks.
 *
 * The browser has no way to follow an async flow, but the worker runs one program at a time, so
 * "the frame of the flow that is running" is "the frame of the one program that is running".
 * `run(store, fn)` makes `store` current for `fn`; when `fn` returns a promise (an asynchronous
 * ML top level or call), the store stays current until that promise settles, so code resuming
 * after an `await` inside it (`$resume`, a capability check) sees the same frame, as it would in
 * Node. Nested `run`s restore what they replaced. `enterWith` is not provided (the runtime never
 * uses it).
 *
 * Why this is safe in the worker, where Node's version would follow each flow exactly: the store
 * is a program's frame (its grants and its step budget). A run's microtasks all drain before the
 * worker takes the next message, so code of one run never resumes during another; a promise
 * left pending forever runs no more code. The only leftover is that a store can stay current
 * after its run (until its promise settles): the next run replaces it for its own duration, and
 * every program in the worker has the same empty grant (worker.ts), so even a wrong store could
 * grant nothing; at worst it would charge steps to a finished run.
 */
export class AsyncLocalStorage<T> {
  #current: T | undefined = undefined;

  /** The store of the running flow, or undefined outside any `run`. */
  getStore(): T | undefined {
    return this.#current;
  }

  /** Runs `fn(...args)` with `store` current; see the module comment for promises. */
  run<R, A extends unknown[]>(store: T, fn: (...args: A) => R, ...args: A): R {
    const previous = this.#current;
    this.#current = store;
    let result: R;
    try {
      result = fn(...args);
    } catch (e) {
      this.#current = previous;
      throw e;
    }
    if (result instanceof Promise) {
      const restore = (): void => {
        if (this.#current === store) this.#current = previous;
      };
      result.then(restore, restore);
    } else {
      this.#current = previous;
    }
    return result;
  }

  /** Leaves every store (nothing current afterwards). */
  disable(): void {
    this.#current = undefined;
  }
}
