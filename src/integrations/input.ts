/**
 * What the integrations' route handlers pass to ML: by default the request's body, query and
 * params as plain ML values.
 */

/** The one argument an ML handler receives by default. */
export interface RequestInput {
  /** The parsed body, or `null` when there is none (no body, or no body parser). */
  body: unknown;
  /** Query parameters: strings, or arrays of strings for repeated keys. */
  query: Record<string, unknown>;
  /** Route parameters. */
  params: Record<string, unknown>;
}

/**
 * `{ body, query, params }` with `query` and `params` copied into plain objects: frameworks give
 * them a null prototype or their own class. Copying with `fromEntries` defines keys as own data
 * properties, so a query key named `__proto__` stays an ordinary key.
 */
export function requestInput(body: unknown, query: unknown, params: unknown): RequestInput {
  return { body: body ?? null, query: plainCopy(query), params: plainCopy(params) };
}

function plainCopy(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value));
}

/** `fn` as a callable, or a `TypeError` at route set-up (a misspelt export is `undefined`). */
export function mlFunction(fn: unknown): (...args: unknown[]) => unknown {
  if (typeof fn !== "function") {
    throw new TypeError(`handler() expects a function, e.g. handler(program.exports.quote); got ${fn === null ? "null" : typeof fn} (check the export's name)`);
  }
  return fn as (...args: unknown[]) => unknown;
}
