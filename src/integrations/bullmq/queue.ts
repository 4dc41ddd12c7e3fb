/**
 * The producer side of `mljs-lang/bullmq` (docs/bullmq.md): {@link MLQueue} publishes programs
 * into Redis under their content hash, enqueues calls of their exported functions as BullMQ
 * jobs, and waits for results, reviving stdlib values.
 */
import { Queue, QueueEvents, type ConnectionOptions, type Job, type JobsOptions } from "bullmq";
import { check } from "../../compiler/index.js";
import { CAPABILITY_NAMES, isKnownCapability } from "../../capabilities/names.js";
import { didYouMean } from "../../compiler/suggest.js";
import { MLCompileError } from "../../host/errors.js";
import { decode, encode, type Wire } from "../../sandbox/codec.js";
import { reviveStdlib } from "../../sandbox/revive.js";
import { ResultWaiters } from "./results.js";
import { failureError, isProgramId, MAX_NAME, parseFailure, PROGRAM_KEY, programId, type MLJobData } from "./protocol.js";

/** Options of {@link MLQueue}. */
export interface MLQueueOptions {
  /** How to reach Redis: BullMQ's connection options (`{ host, port }`, `{ url }`) or a client instance. */
  connection: ConnectionOptions;
  /** BullMQ's key prefix (default `bull`); the workers must use the same. */
  prefix?: string;
  /**
   * Options of every job unless {@link MLQueue.add} says otherwise. The defaults keep a completed
   * job for an hour and a failed one for a day (`removeOnComplete: { age: 3600 }`,
   * `removeOnFail: { age: 86400 }`), so Redis does not grow without bound.
   */
  defaultJobOptions?: JobsOptions;
  /**
   * Receives errors of the queue's connections (Redis unreachable…; the client keeps
   * reconnecting meanwhile). Default: written to standard error.
   */
  onError?: (error: Error) => void;
}

/** Options of one job: BullMQ's (`attempts`, `jobId`, `priority`, `delay`…) and the call's requests. */
export interface MLJobOptions extends JobsOptions {
  /**
   * Capability names the call asks for (`["datetime.now"]`). A request, never a grant: the worker
   * grants what its policy allows, and a job asking for more than that fails with
   * `CapabilityError` before it runs.
   */
  capabilities?: readonly string[];
  /** Who the job is for (a tenant id); the worker's `capabilitiesFor(job)` sees it as `job.data.tenant`. */
  tenant?: string;
}

/** What {@link MLQueue.publish} takes: the program's source, optionally with the file name its errors show. */
export type PublishInput = string | { readonly source: string; readonly filename?: string };

/** The result of a job that did not complete for a reason other than ML's (unknown program, bad job, a worker error). */
export class MLJobFailedError extends Error {
  /** The job's id. */
  readonly jobId: string | undefined;
  /** `message` says why the job failed; `jobId` is the job's id when known. */
  constructor(message: string, jobId: string | undefined) {
    super(message);
    this.jobId = jobId;
  }
}
MLJobFailedError.prototype.name = "MLJobFailedError";

const DEFAULT_JOB_OPTIONS: JobsOptions = { removeOnComplete: { age: 3600 }, removeOnFail: { age: 86_400 } };

/**
 * An ML job queue on BullMQ: `publish` a program once, `add` calls of its exported functions,
 * `result` waits for one. Workers ({@link MLWorker}, `mljs worker`) run the calls in their sandbox.
 *
 * ```ts
 * const queue = new MLQueue("rules", { connection: { host: "127.0.0.1", port: 6379 } });
 * const id = await queue.publish({ source: pricingSource, filename: "pricing.ml" });
 * const job = await queue.add(id, "quote", [cart], { capabilities: ["datetime.now"], attempts: 3 });
 * const price = await queue.result(job, 10_000);
 * await queue.close();
 * ```
 */
export class MLQueue {
  /** The BullMQ queue underneath (for its events, metrics and job getters). */
  readonly queue: Queue<MLJobData, Wire>;
  private events: QueueEvents | null = null;
  private results: Promise<ResultWaiters> | null = null;
  private readonly connection: ConnectionOptions;
  private readonly prefix: string | undefined;
  private readonly onError: (error: Error) => void;
  /** Ids known to be in Redis (programs are content-addressed: once there, the id means that source). */
  private readonly known = new Set<string>();
  private closed = false;

  /** A producer on queue `name` (connects lazily; throws `TypeError` without a connection). */
  constructor(name: string, options: MLQueueOptions) {
    if (typeof name !== "string" || name === "") throw new TypeError("new MLQueue(name, options): the queue name must be a non-empty string");
    if (typeof options !== "object" || options === null || options.connection === undefined) {
      throw new TypeError("new MLQueue(name, { connection }): the Redis connection is required, e.g. { connection: { host: \"127.0.0.1\", port: 6379 } }");
    }
    this.connection = options.connection;
    this.prefix = options.prefix;
    this.queue = new Queue<MLJobData, Wire>(name, {
      connection: options.connection,
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...options.defaultJobOptions },
    });
    this.onError = options.onError ?? ((e: Error) => process.stderr.write(`mljs-lang/bullmq: queue '${name}': ${e.message}\n`));
    this.queue.on("error", this.onError);
  }

  /** The queue's name. */
  get name(): string {
    return this.queue.name;
  }

  /**
   * Stores a program in Redis once, under its content hash, and resolves to that id (the sha-256
   * of the source, hex). Publishing the same source again returns the same id and costs one
   * Redis round trip (no compile check; the source is stored again only if Redis lost it). A
   * string is the source itself (not a path: the workers may be on other machines). Rejects with
   * `MLCompileError` when the source has a syntax or name error, so a broken program never
   * reaches a worker.
   */
  async publish(input: PublishInput): Promise<string> {
    this.open();
    const { source, filename } = publishInput(input);
    const id = programId(source);
    if (!this.known.has(id)) {
      const errors = check(source, { filename }).filter((d) => d.severity === "error");
      if (errors.length > 0) throw new MLCompileError(errors, new Map([[filename, source]]));
    }
    // Checked in Redis every time: a Redis that lost its data (restarted without persistence,
    // failed over) gets the program back from the next publish.
    const client = await this.queue.getBackend().client;
    const key = this.queue.toKey(PROGRAM_KEY + id);
    // The first publisher's file name stays: the id means the source, not the name.
    if ((await client.hexists(key, "source")) === 0) await client.hset(key, { source, filename });
    this.known.add(id);
    return id;
  }

  /**
   * Enqueues a call of `entry`, an exported function of the published program `programId`, with
   * `args` (data as the sandbox carries it: numbers, strings, booleans, null, arrays, objects,
   * datetime and regex values). Resolves to the BullMQ job. Rejects with a `TypeError` for an
   * id that is not a program id or a program that was never published, an unknown capability
   * name, or arguments that cannot cross (a function).
   */
  async add(programId: string, entry: string, args: readonly unknown[] = [], options: MLJobOptions = {}): Promise<Job<MLJobData, Wire>> {
    this.open();
    if (!isProgramId(programId)) throw new TypeError(`MLQueue.add: ${JSON.stringify(programId)} is not a program id (publish the source first: const id = await queue.publish(source))`);
    if (typeof entry !== "string" || entry === "") throw new TypeError("MLQueue.add: the entry must be the name of an exported function");
    if (!Array.isArray(args)) throw new TypeError("MLQueue.add: args must be an array");
    const { capabilities = [], tenant, ...jobOptions } = options;
    const requested = capabilityRequests(capabilities);
    if (tenant !== undefined && (typeof tenant !== "string" || tenant.length > MAX_NAME)) throw new TypeError(`MLQueue.add: options.tenant must be a string of at most ${MAX_NAME} characters`);
    if (entry.length > MAX_NAME) throw new TypeError(`MLQueue.add: the entry name is longer than ${MAX_NAME} characters`);
    const wire = encode(args, "args");
    if (!this.known.has(programId)) {
      const client = await this.queue.getBackend().client;
      if ((await client.hexists(this.queue.toKey(PROGRAM_KEY + programId), "source")) === 0) {
        throw new TypeError(`MLQueue.add: no program ${programId} in queue '${this.name}' (publish it with MLQueue.publish on this queue first)`);
      }
      this.known.add(programId);
    }
    const data: MLJobData = { mljs: 1, program: programId, entry, args: wire, capabilities: requested, ...(tenant === undefined ? {} : { tenant }) };
    return this.queue.add(entry, data, jobOptions);
  }

  /**
   * Waits for `job` (a job {@link add} returned, or its id) to finish and resolves to its result,
   * with stdlib values revived (a `DateTime` result is `instanceof DateTime` here). Rejects with
   * the ML error the call raised — `MLRuntimeError` (`LimitError`, `CapabilityError`, …) or
   * `MLCompileError` — as a direct sandbox call would, with {@link MLJobFailedError} for other
   * failures (an unknown program, a worker error after its last attempt), or with an `Error`
   * saying so when `timeoutMs` passes first (the job may still run later).
   */
  async result(job: Job | string, timeoutMs?: number): Promise<unknown> {
    this.open();
    if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs > 0)) throw new RangeError(`MLQueue.result: timeoutMs must be a positive number, got ${String(timeoutMs)}`);
    const abort = new AbortController();
    const settled = this.settled(job, abort.signal);
    if (timeoutMs === undefined) return settled;
    settled.catch(() => {}); // reported by the race below, unless the timeout came first
    // The timeout covers the whole wait, Redis round trips included (they wait while Redis is down).
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        const id = typeof job === "string" ? job : job.id;
        reject(new Error(`MLQueue.result: job ${String(id)} did not finish within ${timeoutMs} ms (it may still be waiting or running)`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([settled, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The result of `job` once it has finished; `signal` abandons the wait (it then never settles). */
  private async settled(job: Job | string, signal: AbortSignal): Promise<unknown> {
    const handle = typeof job === "string" ? await this.queue.getJob(job) : job;
    if (handle === undefined || handle === null) throw new MLJobFailedError(`no job ${String(job)} in queue '${this.name}' (never added, or removed)`, typeof job === "string" ? job : undefined);
    const id = handle.id;
    if (id === undefined) throw new MLJobFailedError("MLQueue.result: the job has no id (was it added?)", undefined);
    const waiters = await this.waiters();
    const outcome = await waiters.wait(id, signal);
    if (!outcome.ok) throw failed(outcome.reason, id);
    return decode(outcome.value, reviveStdlib);
  }

  /** Closes the queue's connections (jobs already added stay in Redis). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    void this.results?.then((w) => w.close(`the MLQueue '${this.name}' was closed`), () => {});
    await Promise.all([this.queue.close(), this.events?.close()]);
  }

  private open(): void {
    if (this.closed) throw new Error(`the MLQueue '${this.name}' is closed`);
  }

  /** The queue's event listener and waiters, started on the first {@link result}. */
  private waiters(): Promise<ResultWaiters> {
    this.results ??= (async () => {
      const events = new QueueEvents(this.name, { connection: this.connection, ...(this.prefix === undefined ? {} : { prefix: this.prefix }) });
      this.events = events;
      events.on("error", this.onError);
      const waiters = new ResultWaiters(this.queue, events);
      await events.waitUntilReady();
      return waiters;
    })();
    return this.results;
  }
}

/** The error {@link MLQueue.result} rejects with for a job that failed. */
function failed(reason: string, jobId: string): Error {
  const failure = parseFailure(reason);
  if (failure !== null) return failureError(failure, reviveStdlib);
  return new MLJobFailedError(reason, jobId);
}

function publishInput(input: unknown): { source: string; filename: string } {
  if (typeof input === "string") return { source: input, filename: "<job>" };
  if (typeof input === "object" && input !== null && typeof (input as { source?: unknown }).source === "string") {
    const { source, filename } = input as { source: string; filename?: unknown };
    if (filename !== undefined && typeof filename !== "string") throw new TypeError("MLQueue.publish: filename must be a string");
    return { source, filename: filename ?? "<job>" };
  }
  throw new TypeError("MLQueue.publish takes the program's source (a string) or { source, filename? }");
}

function capabilityRequests(capabilities: unknown): string[] {
  if (!Array.isArray(capabilities)) throw new TypeError("MLQueue.add: options.capabilities must be a list of capability names");
  const out: string[] = [];
  for (const name of capabilities) {
    if (typeof name !== "string") throw new TypeError("MLQueue.add: options.capabilities must be a list of capability names (the worker's policy sets patterns)");
    if (!isKnownCapability(name)) {
      const near = didYouMean(name, CAPABILITY_NAMES);
      throw new TypeError(`MLQueue.add: unknown capability '${name}'${near === undefined ? "" : ` (did you mean '${near}'?)`}`);
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
