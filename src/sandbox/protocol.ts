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

/** What the host sends a worker: one run at a time, the next only after its `done`. */
export type HostMessage = { readonly t: "run"; readonly task: SandboxTask };

/**
 * What a worker sends: `ready` once when it has loaded, then for each run, in this order,
 * `start`, any `out`, then `done`.
 */
export type WorkerMessage =
  | { readonly t: "ready" }
  | { readonly t: "start" }
  | { readonly t: "out"; readonly fd: 1 | 2; readonly text: string }
  | { readonly t: "done"; readonly reply: SandboxReply };

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
