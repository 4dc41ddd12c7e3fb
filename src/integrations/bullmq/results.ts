/**
 * Waiting for job outcomes (`MLQueue.result`): BullMQ's event stream tells a job's end within
 * milliseconds, but the stream is trimmed (about 10 000 events by default), so a busy queue can
 * drop an event before a slow listener reads it. Each waiter is therefore also checked in Redis:
 * once when it starts, then after 1 s, 2 s, 4 s… (at most every 5 s) until the event or the
 * check settles it.
 */
import type { Queue, QueueEvents } from "bullmq";
import type { Wire } from "../../sandbox/codec.js";

/** A finished job: its stored result, or the failed reason. */
type Outcome = { readonly ok: true; readonly value: Wire } | { readonly ok: false; readonly reason: string };

interface Waiter {
  readonly settle: (outcome: Outcome) => void;
  /** When to check Redis next (ms, performance.now()), and the delay after that. */
  next: number;
  delay: number;
}

const FIRST_CHECK_MS = 1000;
const MAX_CHECK_MS = 5000;
const SWEEP_MS = 250;

/** One per {@link MLQueue}: a listener on the queue's events and the waiters by job id. */
export class ResultWaiters {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly queue: Queue,
    events: QueueEvents,
  ) {
    events.on("completed", (args: { jobId: string; returnvalue: unknown }) => this.settle(args.jobId, { ok: true, value: args.returnvalue as Wire }));
    events.on("failed", (args: { jobId: string; failedReason: string }) => this.settle(args.jobId, { ok: false, reason: args.failedReason }));
  }

  /**
   * Resolves to the outcome of job `id`; `signal` abandons the wait (it then never settles). The
   * caller's event listener must already be listening, so no end is missed between the check
   * and the event.
   */
  wait(id: string, signal: AbortSignal): Promise<Outcome> {
    if (signal.aborted) return new Promise(() => {}); // abandoned before it started: nothing to keep
    return new Promise((resolve) => {
      const waiter: Waiter = {
        settle: (outcome) => {
          this.remove(id, waiter);
          resolve(outcome);
        },
        next: performance.now() + FIRST_CHECK_MS,
        delay: FIRST_CHECK_MS,
      };
      let set = this.waiters.get(id);
      if (set === undefined) this.waiters.set(id, (set = new Set()));
      set.add(waiter);
      signal.addEventListener("abort", () => this.remove(id, waiter), { once: true });
      this.sweeper ??= setInterval(() => void this.sweep(), SWEEP_MS);
      this.sweeper.unref();
      void this.check(id);
    });
  }

  /** Stops checking (the queue is closing): the waiters left fail with `reason`. */
  close(reason: string): void {
    for (const id of [...this.waiters.keys()]) this.settle(id, { ok: false, reason: `${reason} before job ${id} finished` });
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  private remove(id: string, waiter: Waiter): void {
    const set = this.waiters.get(id);
    if (set === undefined) return;
    set.delete(waiter);
    if (set.size === 0) this.waiters.delete(id);
    if (this.waiters.size === 0 && this.sweeper !== null) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private settle(id: string, outcome: Outcome): void {
    const set = this.waiters.get(id);
    if (set === undefined) return;
    for (const waiter of [...set]) waiter.settle(outcome);
  }

  /** Checks the waiters whose time has come, one round at a time. */
  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const now = performance.now();
      const due: string[] = [];
      for (const [id, set] of this.waiters) {
        let any = false;
        for (const waiter of set) {
          if (waiter.next > now) continue;
          any = true;
          waiter.delay = Math.min(waiter.delay * 2, MAX_CHECK_MS);
          waiter.next = now + waiter.delay;
        }
        if (any) due.push(id);
      }
      await Promise.all(due.map((id) => this.check(id)));
    } finally {
      this.sweeping = false;
    }
  }

  /** Settles the waiters of `id` if Redis says the job has finished. */
  private async check(id: string): Promise<void> {
    let found: number | [number, string];
    try {
      found = await this.queue.getBackend().isFinished(id, true);
    } catch {
      return; // the connection is down or closing: the next round or the event settles it
    }
    const [status, text] = Array.isArray(found) ? found : [found, ""];
    if (status === 0) return;
    if (status === -1) return this.settle(id, { ok: false, reason: `job ${id} is no longer in Redis (removed before its result was read)` });
    if (status === 2) return this.settle(id, { ok: false, reason: text });
    let value: Wire;
    try {
      value = JSON.parse(text) as Wire;
    } catch {
      return this.settle(id, { ok: false, reason: `job ${id}: its stored result is not JSON` });
    }
    this.settle(id, { ok: true, value });
  }
}
