/**
 * The capability context of one request, shared by the Express and Fastify integrations.
 */
export { runIsolated as runInRequestContext } from "../capabilities/context.js";

/** True for a promise or any other thenable (what an `async` function of the host returns). */
export function isThenable<T>(value: unknown): value is PromiseLike<T> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
