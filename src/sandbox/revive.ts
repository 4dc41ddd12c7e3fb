/**
 * Rebuilds stdlib values that crossed the sandbox boundary (codec.ts) as instances of this
 * side's classes, through the factories that keep their invariants. Loaded only where values
 * are decoded (the worker, and a host once it creates a `Sandbox`), so `import "mljs-lang"` does not
 * load `datetime` and `regex` for it.
 */
import { Temporal } from "temporal-polyfill";
import { TimeDelta, TimeZone } from "../stdlib/datetime.js";
import { makeDate, makeTime, naiveDateTime, zonedDateTime } from "../stdlib/support/datetime-values.js";
import { Match, Pattern } from "../stdlib/regex.js";
import { compileProgram } from "../stdlib/support/regex-engine.js";
import { createBudget } from "../runtime/limits.js";
import { DEFAULT_LIMITS } from "../runtime/state.js";
import type { StdlibNode } from "./codec.js";

// Rebuilding a pattern is not a run's work: the pattern passed the size limits where it was
// compiled (or comes from the host), so it is compiled here without a step limit.
const unlimited = createBudget(DEFAULT_LIMITS);

/** This side's instance of an encoded stdlib value; `TypeError` for an unknown kind. */
export function reviveStdlib(node: StdlibNode): unknown {
  switch (node.k) {
    case "DateTime":
      return node.zoned ? zonedDateTime(Temporal.ZonedDateTime.from(node.v)) : naiveDateTime(Temporal.PlainDateTime.from(node.v));
    case "Date":
      return makeDate(Temporal.PlainDate.from(node.v));
    case "Time":
      return makeTime(Temporal.PlainTime.from(node.v));
    case "TimeDelta":
      return new TimeDelta(BigInt(node.v));
    case "TimeZone":
      return new TimeZone(node.v);
    case "Pattern":
      return new Pattern(compileProgram(node.pattern, node.flags, unlimited));
    case "Match":
      return new Match(new Pattern(compileProgram(node.pattern, node.flags, unlimited)), node.string, node.pos, node.endpos, node.spans);
    default:
      throw new TypeError(`malformed sandbox message: unknown node ${JSON.stringify((node as { k?: unknown }).k)}`);
  }
}
