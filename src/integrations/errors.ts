/**
 * The HTTP form of ML errors, shared by the Express and Fastify integrations (docs/integration/README.md):
 * a denied capability is 403, an exhausted limit 503, any other ML runtime error 500 — with the
 * ML stack in the body only outside production.
 */
import { STATUS_CODES } from "node:http";
import { MLRuntimeError, type MLStackFrame } from "../host/errors.js";
import { MLError } from "../runtime/errors.js";

/** The JSON body of an error response. */
export interface ErrorBody {
  error: {
    /** The ML error type (`"CapabilityError"`, `"IndexError"`…), or `"Error"` for host errors. */
    type: string;
    /** The ML message, or the status text for host errors in production. */
    message: string;
    /** ML frames as `file.ml:line:col in fn`, innermost first; only outside production. */
    stack?: string[];
  };
}

/** An HTTP status and the body to send with it. */
export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

/** Whether `NODE_ENV` says production; the integrations read it once, when they are created. */
export function isProductionEnv(): boolean {
  return process.env.NODE_ENV === "production";
}

/**
 * The status of an ML error type: 403 for `CapabilityError`, 503 for `LimitError`, else 500.
 * An error ML code threw as an object with an integer `status` from 400 to 499
 * (`throw {"type": "ValueError", "message": "unknown coupon", "status": 400};`) gets that
 * status, so rules can reject bad input as a client error.
 */
function statusOf(error: MLRuntimeError | MLError): number {
  if (error.mlType === "CapabilityError") return 403;
  if (error.mlType === "LimitError") return 503;
  return clientStatus(error.value) ?? 500;
}

function clientStatus(value: unknown): number | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return integerIn((value as { status?: unknown }).status, 400, 499);
}

function integerIn(value: unknown, lo: number, hi: number): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= lo && value <= hi ? value : null;
}

/** One ML frame as shown in responses: `rules/pricing.ml:12:5 in quote`. */
/** ML frames shown in a development error response. */
const MAX_RESPONSE_FRAMES = 64;

function formatFrame(frame: MLStackFrame): string {
  return `${frame.file}:${frame.line}:${frame.column} in ${frame.function}`;
}

/**
 * The response for an ML error — an `MLRuntimeError` from a call into ML, or an `MLError` a
 * stdlib function raised when host code called it directly — or `null` for any other error.
 * The ML stack is included only outside production: it shows where the rules failed, which is
 * for developers, not clients.
 */
export function mlErrorResponse(error: unknown, production: boolean): ErrorResponse | null {
  if (!(error instanceof MLRuntimeError) && !(error instanceof MLError)) return null;
  const status = statusOf(error);
  const body: ErrorBody = { error: { type: error.mlType, message: error.mlMessage } };
  // A RecursionError's stack holds the whole recursion: the innermost frames are what helps.
  if (!production && error instanceof MLRuntimeError) body.error.stack = error.mlStack.slice(0, MAX_RESPONSE_FRAMES).map(formatFrame);
  return { status, body };
}

/**
 * The production response for an error that is not an ML error and that the framework would
 * answer with a server error: 500 (or the error's own 5xx status) and the status text only.
 * `null` for client errors (a 4xx `status`/`statusCode`, e.g. malformed JSON), which the
 * framework's own handler answers as usual.
 */
export function hostErrorResponse(error: unknown): ErrorResponse | null {
  const declared = declaredStatus(error);
  if (declared !== null && declared < 500) return null;
  const status = declared ?? 500;
  return { status, body: { error: { type: "Error", message: STATUS_CODES[status] ?? "Internal Server Error" } } };
}

/** The HTTP status an error carries, as Express and Fastify read it (`status` or `statusCode`). */
function declaredStatus(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  return integerIn(status, 400, 599) ?? integerIn(statusCode, 400, 599);
}
