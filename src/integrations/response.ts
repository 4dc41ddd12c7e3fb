/**
 * What a web integration sends: the handler's result, measured before it is serialised.
 *
 * A result can be small in memory and huge once written out (`a = [a, a]` forty times has 2^40
 * leaves): `res.json` would block the event loop for ever. Results of exported ML functions are
 * already measured at the program's boundary (`maxResultSize`); a handler may be any function,
 * so the integrations measure again, with the same bounded walk (runtime/size.ts).
 */
import { MLRuntimeError } from "../host/errors.js";
import { DEFAULT_LIMITS } from "../runtime/state.js";
import { expandedSize } from "../runtime/size.js";

/** The default bound of a response, in the units of `maxResultSize` (docs/limits.md). */
export const DEFAULT_MAX_RESPONSE_SIZE = DEFAULT_LIMITS.maxResultSize;

/**
 * Returns `value` if its expanded size is at most `maxSize`; otherwise throws a `LimitError`
 * (`MLRuntimeError`), which the integrations' error mapping answers with 503.
 */
export function boundedResponse(value: unknown, maxSize: number = DEFAULT_MAX_RESPONSE_SIZE): unknown {
  if (typeof value !== "object" || value === null) return value;
  const size = expandedSize(value, maxSize);
  if (size <= maxSize) return value;
  const why = size === Infinity ? "it is cyclic" : `more than ${maxSize} units, shared parts counted at each use`;
  throw new MLRuntimeError("LimitError", `response too large to send: ${why} (maxResponseSize ${maxSize})`, []);
}
