/**
 * The capability context of one request, shared by the Express and Fastify integrations.
 */
import { CapabilityContext, type CapabilitiesInput } from "../capabilities/context.js";

/**
 * The context a request runs in. A list of grants becomes an `isolated` context named after the
 * request: the request gets exactly what the host's function returned, never grants that happen
 * to be current where the server was started. A context is used as it is.
 */
export function requestContext(name: string, capabilities: CapabilitiesInput): CapabilityContext {
  if (capabilities instanceof CapabilityContext) return capabilities;
  return new CapabilityContext({ name, capabilities, isolated: true });
}

/** True for a promise or any other thenable (what an `async` function of the host returns). */
export function isThenable<T>(value: unknown): value is PromiseLike<T> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
