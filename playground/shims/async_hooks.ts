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
