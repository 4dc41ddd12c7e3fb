/**
 * `mljs-lang/express`: ML rules in an Express 5 application (docs/integration/README.md).
 *
 * ```js
 * import express from "express";
 * import { capabilities, errorHandler, handler, loadRules } from "mljs-lang/express";
 *
 * const rules = await loadRules("rules/pricing.ml");       // a compile error stops start-up here
 * const app = express();
 * app.use(express.json());
 * app.use(capabilities((req) => (req.get("x-role") === "admin" ? ["datetime.now", "file.read"] : ["datetime.now"])));
 * app.post("/quote", handler(rules.exports.quote));        // { body, query, params } in, JSON out
 * app.use(errorHandler());                                  // 403 / 503 / 500
 * ```
 *
 * Express is an optional peer dependency: this module uses only its types, so it loads whether
 * or not Express is installed.
 * @packageDocumentation
 */
import { boundedResponse, DEFAULT_MAX_RESPONSE_SIZE } from "./response.js";
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";
import type { CapabilitiesInput } from "../capabilities/context.js";
import { isThenable, runInRequestContext } from "./context.js";
import { hostErrorResponse, isProductionEnv, mlErrorResponse } from "./errors.js";
import { mlFunction, requestInput } from "./input.js";

export { loadRules } from "./rules.js";
export type { ErrorBody, ErrorResponse } from "./errors.js";
export type { RequestInput } from "./input.js";

/** The host's function from a request to its capabilities: names, tokens or a context. */
export type CapabilitiesFromRequest = (req: Request) => CapabilitiesInput | PromiseLike<CapabilitiesInput>;

/**
 * Middleware running the rest of the request's chain inside the request's capability context.
 *
 * `fromRequest` (which may be `async`) returns names, tokens or a `CapabilityContext`. A list
 * is run as an isolated context: the request gets exactly those grants,
 * whatever was current where the server started. The context follows every `await`, timer and
 * callback started by the following middleware and handlers, and nothing else, so concurrent
 * requests never see each other's grants. Register it after the body parser if `fromRequest`
 * reads `req.body`; otherwise either order works (`express.json()` keeps the context).
 */
export function capabilities(fromRequest: CapabilitiesFromRequest): RequestHandler {
  if (typeof fromRequest !== "function") {
    throw new TypeError("capabilities() expects a function from the request to its capabilities, e.g. (req) => [\"datetime.now\"]");
  }
  return (req: Request, _res: Response, next: NextFunction) => {
    let grants: CapabilitiesInput | PromiseLike<CapabilitiesInput>;
    try {
      grants = fromRequest(req);
    } catch (e) {
      next(e);
      return;
    }
    if (isThenable<CapabilitiesInput>(grants)) {
      Promise.resolve(grants).then((g) => enter(g, next), next);
    } else {
      enter(grants, next);
    }
  };
}

function enter(grants: CapabilitiesInput, next: NextFunction): void {
  let entered = false;
  try {
    runInRequestContext(grants, () => {
      entered = true;
      next();
    });
  } catch (e) {
    // A malformed grant is the host's bug: report it, do not run the request without it. (Once
    // inside, errors are the chain's own: Express has already routed them.)
    if (entered) throw e;
    next(e);
  }
}

/** Options of {@link handler}. */
export interface HandlerOptions {
  /**
   * The arguments of the ML function for a request.
   * Default: one argument, `{ body, query, params }` as plain ML values (see {@link RequestInput}).
   */
  input?: (req: Request) => unknown[];
  /**
   * Largest result sent, in the units of the `maxResultSize` limit (one per value plus string
   * and key lengths, shared parts counted at each use); a larger one is a `LimitError` (503).
   * Default: the default `maxResultSize`.
   */
  maxResponseSize?: number;
}

/**
 * An Express handler calling an exported ML function (`program.exports.quote`) and sending what
 * it returns with `res.json`. An asynchronous ML function (one that makes HTTP requests) is
 * awaited; stdlib values in the result (`DateTime`…) serialise through their JSON form. Errors go
 * to `next`, for {@link errorHandler}.
 *
 * @param fn the ML function; typed `unknown` like `program.exports`, checked here
 */
export function handler(fn: unknown, options: HandlerOptions = {}): RequestHandler {
  const call = mlFunction(fn);
  const input = options.input ?? ((req: Request) => [requestInput(req.body, req.query, req.params)]);
  const maxSize = options.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE;
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      const result = call(...input(req));
      if (isThenable(result)) {
        Promise.resolve(result).then((value) => res.json(boundedResponse(value, maxSize))).catch(next);
      } else {
        res.json(boundedResponse(result, maxSize));
      }
    } catch (e) {
      next(e);
    }
  };
}

/** Options of {@link errorHandler}. */
export interface ErrorHandlerOptions {
  /**
   * Production mode: no ML stack in responses, and non-ML server errors answered with a bare
   * 500. Default: `process.env.NODE_ENV === "production"`, read once when the handler is made.
   */
  production?: boolean;
}

/**
 * Error middleware (register it last) mapping ML errors to JSON responses
 * `{ error: { type, message, stack? } }`: `CapabilityError` → 403, `LimitError` → 503, an error
 * ML code threw with a `status` from 400 to 499 → that status, any other ML runtime error → 500.
 * `stack` (ML frames `file.ml:line:col in fn`) is sent only outside production. Other errors go
 * on to Express's own handler, except server errors in production, which get a 500 with no
 * details.
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorRequestHandler {
  const production = options.production ?? isProductionEnv();
  return (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const response = mlErrorResponse(err, production) ?? (production ? hostErrorResponse(err) : null);
    if (response === null || res.headersSent) {
      next(err);
      return;
    }
    res.status(response.status).json(response.body);
  };
}
