/**
 * The page's side of running a program: one Web Worker at a time, one run at a time. Each run
 * has a deadline of the worker's time limit plus a margin: a worker that has not answered by
 * then (the in-worker limits normally stop a runaway loop first) is terminated and a fresh one
 * is started at once, so the page always stays responsive and the next run finds a worker ready.
 */
import type { RunRequest, RunResponse, WorkerLimits } from "./protocol.js";

/** What a run ends with: the worker's answer, or the page's verdict when it gave none. */
export type RunOutcome =
  | ({ readonly kind: "answered" } & RunResponse)
  | { readonly kind: "timeout"; readonly afterMs: number }
  | { readonly kind: "cancelled" }
  | { readonly kind: "crashed"; readonly message: string };

export interface RunnerOptions {
  /** Makes a new worker (the page's: `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })`). */
  readonly spawn: () => Worker;
  /** Limits sent to the worker with each run. */
  readonly limits: WorkerLimits;
  /** How long the page waits for an answer before it terminates the worker. */
  readonly deadlineMs: number;
}

interface Pending {
  readonly id: number;
  readonly resolve: (outcome: RunOutcome) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class Runner {
  readonly #options: RunnerOptions;
  #worker: Worker | null = null;
  #pending: Pending | null = null;
  #nextId = 1;

  constructor(options: RunnerOptions) {
    this.#options = options;
  }

  /** Whether a run is in progress. */
  get busy(): boolean {
    return this.#pending !== null;
  }

  /** Runs `source`; a run still in progress is cancelled first (its worker is replaced). */
  run(source: string, filename: string): Promise<RunOutcome> {
    if (this.#pending !== null) this.#finish({ kind: "cancelled" }, true);
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => this.#finish({ kind: "timeout", afterMs: this.#options.deadlineMs }, true), this.#options.deadlineMs);
      this.#pending = { id, resolve, timer };
      const request: RunRequest = { id, source, filename, limits: this.#options.limits };
      worker.postMessage(request);
    });
  }

  /** Stops the run in progress, if any (its worker is terminated and replaced on the next run). */
  cancel(): void {
    if (this.#pending !== null) this.#finish({ kind: "cancelled" }, true);
  }

  #ensureWorker(): Worker {
    if (this.#worker !== null) return this.#worker;
    const worker = this.#options.spawn();
    worker.onmessage = (event: MessageEvent<RunResponse>) => {
      const pending = this.#pending;
      if (pending === null || event.data.id !== pending.id || worker !== this.#worker) return;
      this.#finish({ kind: "answered", ...event.data }, false);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      if (worker !== this.#worker) return;
      this.#finish({ kind: "crashed", message: event.message || "the worker failed to start" }, true);
    };
    this.#worker = worker;
    return worker;
  }

  #finish(outcome: RunOutcome, killWorker: boolean): void {
    const pending = this.#pending;
    if (pending === null) return;
    this.#pending = null;
    clearTimeout(pending.timer);
    if (killWorker && this.#worker !== null) {
      this.#worker.terminate();
      this.#worker = null;
      // A fresh worker loads while the page shows the outcome, ready for the next run.
      if (outcome.kind !== "crashed") this.#ensureWorker();
    }
    pending.resolve(outcome);
  }
}
