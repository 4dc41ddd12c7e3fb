/**
 * `node:util` for the playground's worker: `types.isProxy`, which the runtime uses only to keep
 * its walks of ML data (runtime/size.ts, the host boundary) out of host Proxies. The playground
 * passes no host value into a program and neither ML code nor the stdlib makes a Proxy, so no
 * value a walk meets can be one: `false` is exact here. `promisify` is what the http client
 * (present but never reachable without a grant) wraps its decompressors with.
 */
export const types = Object.freeze({
  isProxy: (_value: unknown): boolean => false,
});

export function promisify<A extends unknown[], R>(fn: (...args: [...A, (err: unknown, value: R) => void]) => void): (...args: A) => Promise<R> {
  return (...args: A) =>
    new Promise<R>((resolve, reject) => fn(...args, (err: unknown, value: R) => (err ? reject(err) : resolve(value))));
}

export default { types, promisify };
