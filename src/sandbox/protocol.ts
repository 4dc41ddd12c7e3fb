/**
 * The messages between a {@link Sandbox} and its workers. Everything here is structured-clone
 * data: values go through the codec (codec.ts), capability tokens as their JSON form.
 */
import type { MessagePort } from "node:worker_threads";
import type { Diagnostic } from "../compiler/diagnostics.js";
import type { CapabilityTokenJSON } from "../capabilities/token.js";
import type { MLStackFrame } from "../host/errors.js";
import type { Limits } from "../runtime/state.js";
import type { Wire } from "./codec.js";

/** One run, as the host hands it to a worker. */
export interface SandboxTask {
  /** A file path (as the host named it; the worker shares the host's working directory) or inline source. */
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
  /** Lines for `input()`, or null when the run has none. */
  readonly stdin: readonly string[] | null;
  /** Where the worker reports progress, output and the outcome ({@link WorkerMessage}). */
  readonly port: MessagePort;
}

/** What a worker posts on the task's port, in this order: `start`, any `out`, then `done`. */
export type WorkerMessage =
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
    }
  | { readonly kind: "error"; readonly name: string; readonly message: string };
