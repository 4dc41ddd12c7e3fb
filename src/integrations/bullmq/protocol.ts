/**
 * What an {@link MLQueue} and an {@link MLWorker} agree on (docs/bullmq.md, "What is in Redis"):
 * the job's data, where a published program lives, and how an ML failure is written into the
 * job's `failedReason` and read back. Imports nothing of BullMQ.
 */
import { createHash } from "node:crypto";
import type { Diagnostic } from "../../compiler/diagnostics.js";
import type { MLStackFrame } from "../../host/errors.js";
import { MLCompileError, MLRuntimeError } from "../../host/errors.js";
import type { Wire } from "../../sandbox/codec.js";
import { fromWireError, toWireError } from "../../sandbox/errors.js";
import type { Revive } from "../../sandbox/codec.js";

/**
 * The data of an ML job as it sits in Redis (`job.data`). Written by {@link MLQueue.add}; any
 * other shape is refused by the worker.
 */
export interface MLJobData {
  /** Version of this shape. */
  readonly mljs: 1;
  /** The program's id: the sha-256 of its source, in hex ({@link programId}). */
  readonly program: string;
  /** The exported function to call. */
  readonly entry: string;
  /** The arguments, encoded with the sandbox's codec (datetime and regex values survive). */
  readonly args: Wire;
  /** Capabilities the job asks for. Requests only: the worker's policy decides what is granted. */
  readonly capabilities: readonly string[];
  /** Who the job is for, as the producer said; the worker's `capabilitiesFor` may read it. */
  readonly tenant?: string;
}

/** The shape of a failed job's `failedReason` when ML failed (JSON text). */
export interface MLJobFailure {
  /** The ML error type: `LimitError`, `CapabilityError`, `ValueError`…, `CompileError` for a program that does not compile. */
  readonly mlType: string;
  /** The ML message alone. */
  readonly message: string;
  /** Innermost frame first. */
  readonly mlStack: readonly MLStackFrame[];
  /** The value an ML `throw` threw, encoded with the codec, when there was one that could cross. */
  readonly value?: Wire;
  /** The host-only note of the error. */
  readonly note?: string;
  /** Compile errors: the diagnostics. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** Programs are kept in Redis at `<prefix>:<queue>:` + this + the id. */
export const PROGRAM_KEY = "mljs:program:";

const ID = /^[0-9a-f]{64}$/;

/** The id of a program: the sha-256 of its source, in lowercase hex. */
export function programId(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex");
}

/** Whether `id` has the form of a program id. */
export function isProgramId(id: unknown): id is string {
  return typeof id === "string" && ID.test(id);
}

/** The longest entry, tenant or capability name a job may carry (what a worker reads stays small). */
export const MAX_NAME = 256;
/** The most capability requests one job may carry. */
export const MAX_REQUESTS = 64;

/** The job's data if it is an ML job's, else a sentence saying what is wrong with it. */
export function checkJobData(data: unknown): MLJobData | string {
  if (typeof data !== "object" || data === null) return "the job's data is not an object";
  const d = data as Partial<Record<keyof MLJobData, unknown>>;
  if (d.mljs !== 1) return "the job was not added by MLQueue.add (its data has no mljs: 1)";
  if (!isProgramId(d.program)) return "the job's program id is not a sha-256 in hex";
  if (typeof d.entry !== "string" || d.entry === "") return "the job names no entry function";
  if (d.entry.length > MAX_NAME) return `the job's entry name is longer than ${MAX_NAME} characters`;
  if (!Array.isArray(d.capabilities) || d.capabilities.some((c) => typeof c !== "string" || c.length > MAX_NAME)) return "the job's capabilities are not a list of names";
  if (d.capabilities.length > MAX_REQUESTS) return `the job asks for more than ${MAX_REQUESTS} capabilities`;
  if (d.tenant !== undefined && (typeof d.tenant !== "string" || d.tenant.length > MAX_NAME)) return `the job's tenant is not a string of at most ${MAX_NAME} characters`;
  return data as MLJobData;
}

/**
 * Whether the encoded value `w` weighs more than `max` units, counted as the codec counts (1 per
 * node, plus the length of every string and key), without recursion, and stopping once past `max`:
 * the check costs little for data too large to decode.
 */
export function wireLargerThan(w: unknown, max: number): boolean {
  let size = 1;
  const stack: unknown[] = [w];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") size += v.length;
    else if (Array.isArray(v)) {
      size += v.length;
      if (size > max) return true;
      for (const item of v) stack.push(item);
    } else if (typeof v === "object" && v !== null) {
      for (const key of Object.keys(v)) {
        size += key.length + 1;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
    if (size > max) return true;
  }
  return false;
}

/** Whether a worker's error is the program's (ML) failure, which retrying would only repeat. */
export function isMLFailure(e: unknown): e is MLRuntimeError | MLCompileError {
  return e instanceof MLRuntimeError || e instanceof MLCompileError;
}

/** The longest message or note written into a failed job; longer ones are cut, saying so. */
export const MAX_FAILURE_TEXT = 4096;
/** The most stack frames (innermost first) and diagnostics written into a failed job. */
export const MAX_FAILURE_ITEMS = 50;

/** `text`, cut to {@link MAX_FAILURE_TEXT} characters. */
function bounded(text: string): string {
  if (text.length <= MAX_FAILURE_TEXT) return text;
  return `${text.slice(0, MAX_FAILURE_TEXT)}… (${text.length - MAX_FAILURE_TEXT} more characters cut)`;
}

/**
 * The `failedReason` text of an ML failure. It is bounded whatever the program threw (Redis keeps
 * it in the job, its stack trace and the event stream): the message and note are cut to
 * {@link MAX_FAILURE_TEXT} characters, the stack and diagnostics to {@link MAX_FAILURE_ITEMS}
 * entries, and a thrown value over `maxValueSize` codec units is left out.
 */
export function failureText(e: MLRuntimeError | MLCompileError, maxValueSize: number): string {
  const w = toWireError(e, maxValueSize);
  let failure: MLJobFailure;
  if (w.kind === "compile") {
    failure = { mlType: "CompileError", message: bounded(w.message), mlStack: [], diagnostics: w.diagnostics.slice(0, MAX_FAILURE_ITEMS) };
  } else if (w.kind === "runtime") {
    failure = {
      mlType: w.mlType,
      message: bounded(w.mlMessage),
      mlStack: w.mlStack.slice(0, MAX_FAILURE_ITEMS),
      ...(w.value === undefined ? {} : { value: w.value }),
      ...(w.note === undefined ? {} : { note: bounded(w.note) }),
    };
  } else failure = { mlType: "Error", message: bounded(w.message), mlStack: [] };
  return JSON.stringify(failure);
}

/** The ML failure written in a `failedReason`, or null when the reason is not one. */
export function parseFailure(reason: string): MLJobFailure | null {
  if (!reason.startsWith("{")) return null;
  let v: unknown;
  try {
    v = JSON.parse(reason);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const f = v as Partial<Record<keyof MLJobFailure, unknown>>;
  if (typeof f.mlType !== "string" || typeof f.message !== "string" || !Array.isArray(f.mlStack)) return null;
  return v as MLJobFailure;
}

/** The error `load` or a sandbox call would have rejected with, rebuilt from a failure. */
export function failureError(f: MLJobFailure, revive: Revive): MLRuntimeError | MLCompileError {
  if (f.mlType === "CompileError" && Array.isArray(f.diagnostics)) {
    return fromWireError({ kind: "compile", message: f.message, diagnostics: f.diagnostics }, revive) as MLCompileError;
  }
  return fromWireError(
    {
      kind: "runtime",
      mlType: f.mlType,
      mlMessage: f.message,
      mlStack: f.mlStack,
      ...(f.value === undefined ? {} : { value: f.value }),
      ...(typeof f.note === "string" ? { note: f.note } : {}),
    },
    revive,
  ) as MLRuntimeError;
}
