/**
 * `mljs-lang/fastify`: ML rules in a Fastify 5 application (docs/integration/README.md).
 *
 * ```js
 * import Fastify from "fastify";
 * import { mljsPlugin, handler, loadRules } from "mljs-lang/fastify";
 *
 * const rules = await loadRules("rules/analytics.ml");
 * const app = Fastify();
 * await app.register(mljsPlugin, { capabilities: (request) => (request.headers["x-token"] === token ? ["file.read"] : []) });
 * app.post("/events/summary", handler(rules.exports.summary));
 * await app.listen({ port: 3000 });
 * ```
 *
 * Fastify is an optional peer dependency: this module uses only its types, so it loads whether
 * or not Fastify is installed.
 * @packageDocumentation
 */
import { boundedResponse, DEFAULT_MAX_RESPONSE_SIZE } from "./response.js";
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  RouteHandlerMethod,
  RouteOptions,
} from "fastify";
import type { CapabilitiesInput } from "../capabilities/context.js";
import { isThenable, runInRequestContext } from "./context.js";
import { hostErrorResponse, isProductionEnv, mlErrorResponse } from "./errors.js";
import { mlFunction, requestInput } from "./input.js";

export { loadRules } from "./rules.js";
export type { ErrorBody, ErrorResponse } from "./errors.js";
export type { RequestInput } from "./input.js";

/** The host's function from a request to its capabilities: names, tokens or a context. */
export type CapabilitiesFromRequest = (request: FastifyRequest) => CapabilitiesInput | PromiseLike<CapabilitiesInput>;

/** Options of {@link mljsPlugin}. */
export interface MljsPluginOptions {
  /**
   * The capabilities of a request (the function may be `async`). It runs just before the route
   * handler, so it sees the parsed body and whatever `preHandler` hooks (authentication) set.
   * Default: none — ML code then gets no capability at all.
   */
  capabilities?: CapabilitiesFromRequest;
  /**
   * Production mode: no ML stack in responses, and non-ML server errors answered with a bare
   * 500. Default: `process.env.NODE_ENV === "production"`, read once at registration.
   */
  production?: boolean;
}

type Handler = (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * The mljs plugin: `await app.register(mljsPlugin, { capabilities: (request) => [...] })`.
 *
 * - Every route registered after it (in the same instance and its child plugins) has its handler
 *   run inside the request's capability context: a list of grants runs as an isolated context, so
 *   the request gets exactly those grants. The context follows
 *   every `await`, timer and callback the handler starts, and ends with it: concurrent requests
 *   never see each other's grants. Hooks that run before the handler (`onRequest`,
 *   `preHandler`…) run outside it.
 * - It installs the error mapping of `mljs-lang/express`'s `errorHandler` (403 / 503 / 500, ML stack
 *   outside production only); other errors go on to Fastify's own handling.
 *
 * The plugin is not encapsulated (as `fastify-plugin` would arrange), so both apply to the
 * instance it is registered on.
 */
export const mljsPlugin: FastifyPluginCallback<MljsPluginOptions> = Object.assign(
  function mljs(fastify: FastifyInstance, options: MljsPluginOptions, done: (err?: Error) => void): void {
    const fromRequest = options.capabilities ?? (() => []);
    if (typeof fromRequest !== "function") {
      done(new TypeError("mljsPlugin: options.capabilities must be a function from the request to its capabilities"));
      return;
    }
    const production = options.production ?? isProductionEnv();
    const wrapped = new WeakSet<Function>();

    fastify.addHook("onRoute", (route: RouteOptions) => {
      // Fastify re-registers a GET handler for the HEAD route it adds: wrap each handler once.
      if (wrapped.has(route.handler)) return;
      const inContext = inRequestContext(route.handler as Handler, fromRequest);
      wrapped.add(inContext);
      route.handler = inContext as RouteHandlerMethod;
    });

    fastify.setErrorHandler(function mljsErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
      const response = mlErrorResponse(error, production) ?? (production ? hostErrorResponse(error) : null);
      if (response === null) throw error; // on to Fastify's default handler
      if (response.status >= 500) request.log.error({ err: error }, "request failed");
      return reply.code(response.status).send(response.body);
    });
    done();
  },
  {
    // What fastify-plugin sets: the hooks and the error handler apply to the registering instance.
    [Symbol.for("skip-override")]: true,
    [Symbol.for("fastify.display-name")]: "mljs",
  },
);

function inRequestContext(original: Handler, fromRequest: CapabilitiesFromRequest): Handler {
  return function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply): unknown {
    const grants = fromRequest(request);
    const run = (g: CapabilitiesInput) => runInRequestContext(g, () => original.call(this, request, reply));
    if (!isThenable<CapabilitiesInput>(grants)) return run(grants);
    // Our promise would make Fastify send `undefined` at once for a handler that calls
    // reply.send later and returns nothing; the reply itself is a thenable that waits for it.
    return Promise.resolve(grants).then((g) => run(g) ?? reply);
  };
}

/** Options of {@link handler}. */
export interface HandlerOptions {
  /**
   * The arguments of the ML function for a request.
   * Default: one argument, `{ body, query, params }` as plain ML values (see {@link RequestInput}).
   */
  input?: (request: FastifyRequest) => unknown[];
  /**
   * Largest result sent, in the units of the `maxResultSize` limit (one per value plus string
   * and key lengths, shared parts counted at each use); a larger one is a `LimitError` (503).
   * Default: the default `maxResultSize`.
   */
  maxResponseSize?: number;
}

/**
 * A route handler calling an exported ML function (`program.exports.summary`); Fastify sends what
 * it returns as JSON. An asynchronous ML function (one that makes HTTP requests) is awaited;
 * stdlib values in the result (`DateTime`…) serialise through their JSON form. Errors reach the
 * plugin's error mapping.
 *
 * @param fn the ML function; typed `unknown` like `program.exports`, checked here
 */
export function handler(fn: unknown, options: HandlerOptions = {}): RouteHandlerMethod {
  const call = mlFunction(fn);
  const input = options.input ?? ((request: FastifyRequest) => [requestInput(request.body, request.query, request.params)]);
  const maxSize = options.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE;
  return function (request: FastifyRequest, reply: FastifyReply): unknown {
    const result = call(...input(request));
    const send = (value: unknown) => asJson(boundedResponse(value, maxSize), reply);
    return isThenable(result) ? Promise.resolve(result).then(send) : send(result);
  };
}

/** Fastify serialises objects, arrays, numbers and `null` as JSON but sends a string as text. */
function asJson(value: unknown, reply: FastifyReply): unknown {
  if (typeof value !== "string") return value;
  reply.type("application/json; charset=utf-8");
  return JSON.stringify(value);
}
