/**
 * The messages between a {@link Sandbox} and its worker processes, over the IPC channel with
 * Node's "advanced" (structured clone) serialization. Everything here is structured-clone data:
 * values go through the codec (codec.ts), capability tokens as their JSON form.
 */
import type { Diagnostic } from "../compiler/diagnostics.js";
import type { CapabilityTokenJSON } from "../capabilities/token.js";
import type { MLStackFrame } from "../host/errors.js";
import type { Limits } from "../runtime/state.js";
import type { Wire } from "./codec.js";

/** One run, as the host hands it to a worker. */
export interface SandboxTask {
  /** A file path (as the host named it, relative to {@link cwd}) or inline source. */
  readonly input: string | { readonly source: string; readonly filename: string };
  /** The exported function to call, or null to return the program's exports. */
  readonly entry: string | null;
  /** The entry's arguments, encoded as one array. */
  readonly args: Wire;
  readonly capabilities: readonly CapabilityTokenJSON[];
  readonly limits: Readonly<Required<Limits>>;
  readonly importPaths: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The `args` module's vector. */
  readonly argv: readonly string[];
  /** Most characters the run may write to stdout and stderr together. */
  readonly maxOutputLength: number;
  /** `load`'s `maxSourceLength`, or null for its default. */
  readonly maxSourceLength: number | null;
  /**
   * Milliseconds after which the worker stops the run's top level, and again its entry call, by
   * itself (each is a host entry with its own clock), whatever `limits.timeMs` says: later than
   * the host kills the run, so it matters only when the host is gone (killed) and a loop would
   * otherwise spin on in an orphaned process.
   */
  readonly orphanTimeMs: number;
  /** Lines for `input()`, or null when the run has none. */
  readonly stdin: readonly string[] | null;
  /** The host's working directory when the run was asked for: the worker runs there. */
  readonly cwd: string;
}

/**
 * A program a {@link SandboxProgram} keeps loaded in a worker: what `load` needs, as for a run
 * (the program's calls run under the same limits, each call a fresh host entry). `capabilities`
 * are those of the top-level run; `maxOutputLength` bounds the top level, and then each call.
 */
export type ProgramSpec = Pick<
  SandboxTask,
  "input" | "capabilities" | "limits" | "importPaths" | "env" | "argv" | "maxOutputLength" | "maxSourceLength" | "orphanTimeMs" | "cwd"
>;

/**
 * What the host sends a worker. A pool worker gets `run`s, one at a time, the next only after
 * its `done`. A program worker gets `load`, `call` and `unload`, one request at a time, the next
 * only after the previous one's `reply` (`unload` has none):
 *
 * - `load`: `p` is the program's id on this worker; the reply's value is the names of the
 *   exported functions;
 * - `call` (compact, it is the hot path): `[id, program, function, args, capabilities]`.
 *
 * A program worker's channel uses Node's JSON serialization (for small messages, a round trip
 * ≈ 6 µs faster than structured clone): everything on it is JSON — values and the load's spec
 * go through the codec, which tags NaN, ±Infinity and -0; a token's `expiresAt` or `maxUses`
 * cannot be infinite (tokens are sent with the uses they have left, a finite number).
 */
export type HostMessage =
  | { readonly t: "run"; readonly task: SandboxTask }
  | { readonly t: "load"; readonly id: number; readonly p: number; readonly spec: Wire } // an encoded ProgramSpec
  | { readonly t: "unload"; readonly p: number }
  | CallMessage;

/** A call of a loaded program's exported function: `[request id, program id, name, args, capability tokens]`. */
export type CallMessage = readonly [number, number, string, Wire, readonly CapabilityTokenJSON[]];

/**
 * What a worker sends: `ready` once when it has loaded, then for each run, in this order,
 * `start`, any `out`, then `done`.
 */
export type WorkerMessage =
  | { readonly t: "ready" }
  | { readonly t: "start" }
  | { readonly t: "out"; readonly fd: 1 | 2; readonly text: string }
  | { readonly t: "done"; readonly reply: SandboxReply }
  /** Output of a loaded program (`p`), during its load or one of its calls. */
  | { readonly t: "pout"; readonly p: number; readonly fd: 1 | 2; readonly text: string };

/** Everything a worker sends: a program worker's replies besides the messages above. */
export type AnyWorkerMessage = WorkerMessage | ProgramReply;

/**
 * The outcome of a program worker's request (compact, it is the hot path): `[request id, 1,
 * value, uses]` or `[request id, 0, error, uses]`; `uses` as in {@link SandboxReply}.
 */
export type ProgramReply =
  | readonly [number, 1, Wire, readonly number[]]
  | readonly [number, 0, WireError, readonly number[]];

/** The outcome of a run; `uses` counts the checked calls made with each granted token, in order. */
export type SandboxReply =
  | { readonly ok: true; readonly value: Wire; readonly uses: readonly number[] }
  | { readonly ok: false; readonly error: WireError; readonly uses: readonly number[] };

/** An error as it crosses back: an ML compile or runtime error, or another JavaScript error. */
export type WireError =
  | { readonly kind: "compile"; readonly message: string; readonly diagnostics: readonly Diagnostic[] }
  | {
      readonly kind: "runtime";
      readonly mlType: string;
      readonly mlMessage: string;
      readonly mlStack: readonly MLStackFrame[];
      /** The value an ML `throw` threw, when there was one and it could cross. */
      readonly value?: Wire;
      /** The host-only note of the error (`MLRuntimeError.note`). */
      readonly note?: string;
    }
  | { readonly kind: "error"; readonly name: string; readonly message: string };
