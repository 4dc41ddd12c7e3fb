/**
 * A sandbox worker process, as the run pool (`pool.ts`) and the program host (`programs.ts`) both
 * start one: forked with its heap limit and an environment of its own, the end of its standard
 * error kept (to tell an out-of-memory abort from a crash), and one promise for its end.
 */
import { fork, type ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import type { WorkerProcessSpec } from "./worker-spec.js";

/** What V8 prints when it ends a process for want of heap (its wording varies by cause). */
export const OUT_OF_MEMORY = /out of memory|Allocation failed|invalid (?:table |array )?(?:size|length)/i;

/** How much of a worker's standard error is kept. */
const STDERR_TAIL = 4096;


/** One worker child process and how it ended. */
export class WorkerProcess {
  readonly child: ChildProcess;
  /** Why the process could not be started, when it could not. */
  startError: Error | null = null;
  /** The last characters the process wrote to standard error. */
  stderrTail = "";
  /** Settles once the process has exited and its channel and stderr have delivered everything. */
  readonly closed: Promise<void>;
  private over = false;

  /** Starts the process; `onEnd` runs once, when it has ended (or could not start). */
  constructor(spec: WorkerProcessSpec, serialization: "json" | "advanced", onEnd: () => void) {
    this.child = fork(spec.worker, [], {
      execArgv: [...spec.execArgv],
      env: { ...spec.env },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization,
    });
    // A process that could not be started (no file descriptors or processes left: EMFILE,
    // EAGAIN) reports through 'error' only, and has no stdio streams.
    const stderr = this.child.stderr ?? null;
    this.closed = new Promise((resolve) => {
      const finish = (): void => {
        if (this.over) return;
        this.over = true;
        onEnd();
        resolve();
      };
      this.child.on("error", (error) => {
        if (this.child.pid !== undefined) return this.kill();
        this.startError = error;
        finish();
      });
      // Ended once the process has exited and the channel and stderr have delivered everything
      // ('close' is not emitted after a disconnect, so these are counted here).
      let pending = stderr === null ? 2 : 3;
      const one = (): void => {
        if (--pending === 0) finish();
      };
      this.child.once("exit", one);
      this.child.once("disconnect", one);
      stderr?.once("close", one);
    });
    if (stderr !== null) {
      stderr.setEncoding("utf8");
      stderr.on("data", (text: string) => {
        this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL);
      });
    }
  }

  /** The process has ended (`onEnd` has run). */
  get ended(): boolean {
    return this.over;
  }

  /** Whether what the process wrote last says it ran out of heap. */
  get outOfMemory(): boolean {
    return OUT_OF_MEMORY.test(this.stderrTail);
  }

  kill(): void {
    if (!this.over) this.child.kill("SIGKILL");
  }

  /** Keeps the host's event loop alive while the process is busy, and not while it is idle. */
  hold(busy: boolean): void {
    const method = busy ? "ref" : "unref";
    this.child[method]();
    (this.child as { channel?: { ref(): void; unref(): void } | null }).channel?.[method]();
    (this.child.stderr as (Readable & { ref?(): void; unref?(): void }) | null)?.[method]?.();
  }
}
