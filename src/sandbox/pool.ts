/**
 * The sandbox's pool of worker processes: one child process per slot, forked with a V8 heap
 * limit, running one task at a time over an IPC channel with structured-clone serialization.
 *
 * A process, not a worker thread, because V8 ends the whole *process* on a fatal out-of-memory
 * in any of its isolates, and a worker thread's heap limit does not prevent that: one large
 * allocation past the limit (an object's property table growing, a big array) aborts instead of
 * stopping the thread (docs/security.md, "The worker sandbox"). Here such an abort ends the slot's
 * process only; the pool reports it to the run and starts a new process.
 */
import type { ChildProcess } from "node:child_process";
import { WorkerProcess } from "./process.js";
import type { WorkerProcessSpec } from "./worker-spec.js";
import type { SandboxTask, WorkerMessage } from "./protocol.js";

/** Options of {@link ProcessPool}. */
export interface PoolOptions extends WorkerProcessSpec {
  /** Most processes. */
  readonly size: number;
  /** Processes started at once and kept while idle. */
  readonly warm: number;
  /** How long a process beyond `warm` may stay idle before it is ended. */
  readonly idleTimeoutMs: number;
}

/** Why a run's process ended before the run did. */
export class WorkerExit extends Error {
  constructor(
    /** `timeout` (the run's signal), `memory` (V8 ran out of heap), `closed` (the pool), or `crash`. */
    readonly reason: "timeout" | "memory" | "closed" | "crash",
    message: string,
  ) {
    super(message);
  }
}
WorkerExit.prototype.name = "WorkerExit";

/** How a run receives its messages and is stopped. */
export interface RunHandlers {
  /** Every message of the run (`start`, `out`, `done`), in order. */
  readonly onMessage: (message: WorkerMessage) => void;
  /** Aborting it ends the run's process; the run then rejects with reason `timeout`. */
  readonly signal: AbortSignal;
}

interface Job {
  readonly task: SandboxTask;
  readonly handlers: RunHandlers;
  readonly resolve: () => void;
  readonly reject: (e: WorkerExit) => void;
}


class Slot {
  private readonly proc: WorkerProcess;
  /** The worker has loaded its modules (it sent `ready`). */
  ready = false;
  job: Job | null = null;
  /** The job was stopped on purpose: why, for the rejection. */
  stopping: WorkerExit["reason"] | null = null;
  idleTimer: NodeJS.Timeout | undefined;

  constructor(options: PoolOptions, onMessage: (slot: Slot, m: WorkerMessage) => void, onClose: (slot: Slot) => void) {
    this.proc = new WorkerProcess(options, "advanced", () => {
      clearTimeout(this.idleTimer);
      onClose(this);
    });
    this.child.on("message", (m: WorkerMessage) => onMessage(this, m));
  }

  get child(): ChildProcess {
    return this.proc.child;
  }

  get ended(): boolean {
    return this.proc.ended;
  }

  get closed(): Promise<void> {
    return this.proc.closed;
  }

  /** Why the process could not be started, when it could not. */
  get startError(): Error | null {
    return this.proc.startError;
  }

  get outOfMemory(): boolean {
    return this.proc.outOfMemory;
  }

  /** Keeps the host's event loop alive while the slot runs a task, and not while it is idle. */
  hold(busy: boolean): void {
    this.proc.hold(busy);
  }

  kill(): void {
    this.proc.kill();
  }
}

/** A pool of worker processes; see the module comment. */
export class ProcessPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private closing = false;

  constructor(private readonly options: PoolOptions) {
    // A process that cannot be started now is started when a run needs it.
    for (let i = 0; i < options.warm; i++) this.spawn();
  }

  /** Runs `task` on a free process (starting one, or waiting for one); resolves after its `done`. */
  run(task: SandboxTask, handlers: RunHandlers): Promise<void> {
    if (this.closing) return Promise.reject(new WorkerExit("closed", "the sandbox is closed"));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ task, handlers, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every process: runs in progress and queued reject with reason `closed`. */
  async close(): Promise<void> {
    this.closing = true;
    for (const job of this.queue.splice(0)) job.reject(new WorkerExit("closed", "the sandbox was closed before the run finished"));
    for (const slot of this.slots) {
      slot.hold(true); // close() resolves when the processes are gone, so wait for them
      if (slot.job === null) {
        // An idle worker exits by itself when its channel closes; a busy one is stopped.
        if (slot.child.connected) slot.child.disconnect();
        else slot.kill();
      } else {
        slot.stopping = "closed";
        slot.kill();
      }
    }
    await Promise.all([...this.slots].map((slot) => slot.closed));
  }

  /**
   * Starts a process, or returns the error of a `fork` that threw (it does for some system
   * errors, ENOMEM among them): called from the child processes' events, it must not throw.
   */
  private spawn(): Slot | Error {
    let slot: Slot;
    try {
      slot = new Slot(this.options, (s, m) => this.message(s, m), (s) => this.ended(s));
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
    this.slots.add(slot);
    this.idle(slot);
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closing) {
      let free: Slot | undefined;
      for (const slot of this.slots) {
        if (slot.job === null && slot.child.exitCode === null && slot.child.signalCode === null) {
          free = slot;
          break;
        }
      }
      if (free === undefined && this.slots.size < this.options.size) {
        const started = this.spawn();
        if (started instanceof Error) {
          this.queue.shift()!.reject(cannotStart(started));
          continue;
        }
        free = started;
      }
      if (free === undefined) return;
      this.assign(free, this.queue.shift()!);
    }
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    slot.stopping = null;
    clearTimeout(slot.idleTimer);
    slot.hold(true);
    const { signal } = job.handlers;
    const stop = (): void => {
      if (slot.job !== job) return;
      slot.stopping = "timeout";
      slot.kill();
    };
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
    // A process still starting gets the task when it is ready: it listens only from then on.
    if (slot.ready) this.send(slot, job);
  }

  private send(slot: Slot, job: Job): void {
    // A send that fails (the process just died) is reported when the process has ended.
    try {
      slot.child.send({ t: "run", task: job.task }, (error) => {
        if (error) slot.kill();
      });
    } catch {
      slot.kill();
    }
  }

  private message(slot: Slot, m: WorkerMessage): void {
    if (m.t === "ready") {
      slot.ready = true;
      if (slot.job !== null && slot.stopping === null) this.send(slot, slot.job);
      return;
    }
    const job = slot.job;
    if (job === null) return;
    // Output the run wrote before it was stopped still reaches the host; its outcome does not.
    if (slot.stopping !== null && m.t !== "out") return;
    job.handlers.onMessage(m);
    if (m.t !== "done") return;
    slot.job = null;
    job.resolve();
    this.idle(slot);
    this.dispatch();
  }

  /** A slot with no job: unreferenced, and ended after a while if the pool has more than `warm`. */
  private idle(slot: Slot): void {
    slot.hold(false);
    if (this.slots.size > this.options.warm) {
      slot.idleTimer = setTimeout(() => {
        if (slot.job === null) slot.kill();
      }, this.options.idleTimeoutMs);
      slot.idleTimer.unref();
    }
  }

  private ended(slot: Slot): void {
    this.slots.delete(slot);
    const job = slot.job;
    slot.job = null;
    if (job !== null) {
      const code = slot.child.exitCode;
      const signal = slot.child.signalCode;
      if (slot.stopping !== null) job.reject(new WorkerExit(slot.stopping, `the worker was stopped (${slot.stopping})`));
      else if (slot.startError !== null) job.reject(cannotStart(slot.startError));
      else if (slot.outOfMemory) job.reject(new WorkerExit("memory", "the worker ran out of memory"));
      else {
        const how = signal !== null ? `killed by ${signal}` : `exit code ${code}`;
        job.reject(new WorkerExit("crash", `the sandbox worker ended without a result (${how})`));
      }
    }
    if (this.closing) return;
    // Replace a worker that had started (one that cannot start is not restarted in a loop);
    // a queued run gets a process through dispatch in any case.
    if (slot.ready && this.slots.size < this.options.warm) this.spawn();
    this.dispatch();
  }
}

function cannotStart(error: Error): WorkerExit {
  return new WorkerExit("crash", `could not start a sandbox worker process: ${error.message}`);
}
