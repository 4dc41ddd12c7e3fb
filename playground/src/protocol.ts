/**
 * Messages between the playground page and its Web Worker. One run at a time: the page sends a
 * {@link RunRequest}, the worker answers with one {@link RunResponse} carrying the same `id`.
 */

/** Limits of one run inside the worker (the host API's `limits`); null fields: unlimited. */
export interface WorkerLimits {
  readonly steps: number | null;
  readonly timeMs: number | null;
}

export interface RunRequest {
  readonly id: number;
  readonly source: string;
  /** The file name diagnostics and stack traces show. */
  readonly filename: string;
  readonly limits: WorkerLimits;
}

export interface RunResponse {
  readonly id: number;
  /** What the program printed (stdout and stderr in order), possibly cut at {@link MAX_OUTPUT}. */
  readonly output: string;
  /** Why the run failed (compile errors, an ML error with its stack), or null when it finished. */
  readonly error: string | null;
  /** The ML error type (`LimitError`, `CapabilityError`, …) or `MLCompileError`; null when none. */
  readonly errorType: string | null;
  readonly elapsedMs: number;
}

/** Longest output (UTF-16 code units) a run sends back; the rest is dropped with a note. */
export const MAX_OUTPUT = 200_000;
