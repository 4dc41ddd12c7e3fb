/**
 * The worker side of `mljs-lang/bullmq` (docs/bullmq.md): {@link MLWorker} takes ML jobs from a
 * BullMQ queue and runs each in its own {@link Sandbox}, with the capabilities its policy grants.
 */
import { UnrecoverableError, Worker, type ConnectionOptions, type Job, type WorkerOptions } from "bullmq";
import { tokensFor, type CapabilitiesInput } from "../../capabilities/context.js";
import type { CapabilityToken } from "../../capabilities/token.js";
import { MLRuntimeError } from "../../host/errors.js";
import { CodecError, decode, encode, type Wire } from "../../sandbox/codec.js";
import { reviveStdlib } from "../../sandbox/revive.js";
import { Sandbox, sizeLimitsFor, type SandboxOptions } from "../../sandbox/sandbox.js";
import type { SandboxProgram } from "../../sandbox/programs.js";
import { checkJobData, failureText, isMLFailure, programId, PROGRAM_KEY, wireLargerThan, type MLJobData } from "./protocol.js";

/** An ML job as the worker sees it. */
export type MLJob = Job<MLJobData, Wire>;

/**
 * The worker's policy: the capabilities one job is granted (names, tokens or a context; may be
 * `async`). The job's own `capabilities` are requests it may consult (`job.data.capabilities`),
 * never grants. {@link policyGrants} builds the usual rule, requested ∩ allowed.
 */
export type CapabilitiesForJob = (job: MLJob) => CapabilitiesInput | PromiseLike<CapabilitiesInput>;

/** Options of {@link MLWorker}. */
export interface MLWorkerOptions {
  /** How to reach Redis: BullMQ's connection options (`{ host, port }`, `{ url }`) or a client instance. */
  connection: ConnectionOptions;
  /** BullMQ's key prefix (default `bull`); the same as the queue's. */
  prefix?: string;
  /** Jobs run at once by this worker (BullMQ's `concurrency`). Default 4. */
  concurrency?: number;
  /**
   * The sandbox the jobs run in (heap limit, time limit, steps, pool size…). Defaults differ from
   * `new Sandbox()` in two ways: no pool processes for one-off runs are started (`minThreads: 0`;
   * the worker only uses loaded programs), and each new program goes on its own process while
   * there are fewer than `poolSize` (`programsPerWorker: 1`), so different programs use
   * different cores. Capabilities given here are not used: {@link capabilitiesFor} decides.
   */
  sandbox?: SandboxOptions;
  /** The policy: what each job is granted. Default: nothing (a job asking for any capability fails). */
  capabilitiesFor?: CapabilitiesForJob;
  /**
   * Programs kept loaded at once (an instance per program and tenant); the least recently used
   * idle one is unloaded past this. Default 256.
   */
  maxPrograms?: number;
  /**
   * The largest program source this worker fetches, in bytes (UTF-8). A job naming a larger one
   * fails, not retried, before the source is read from Redis. Default 1 MiB.
   */
  maxSourceBytes?: number;
  /**
   * More BullMQ worker options: `lockDuration`, `stalledInterval`, `maxStalledCount`,
   * `removeOnComplete`, `limiter`… (how fast a dead worker's jobs are taken over: docs/bullmq.md).
   */
  worker?: Omit<WorkerOptions, "connection" | "concurrency" | "prefix" | "autorun">;
  /** Receives errors of the worker itself (Redis connection errors…). Default: written to standard error. */
  onError?: (error: Error) => void;
}

/** Counters of one {@link MLWorker}. */
export interface MLWorkerStats {
  /** Programs read from Redis (once per program while it stays loaded). */
  readonly programFetches: number;
  /** Programs loaded into the sandbox (`sandbox.load`): once per program and tenant while it stays loaded. */
  readonly programLoads: number;
  /** Jobs this worker completed. */
  readonly completed: number;
  /** Jobs that failed here (ML errors, capability refusals, unknown programs, errors of the worker). */
  readonly failed: number;
}

/** A program's source as published. */
interface Source {
  readonly source: string;
  readonly filename: string;
}

/** A program kept loaded, with the jobs using it. */
interface Kept {
  readonly ready: Promise<SandboxProgram>;
  active: number;
}

/** The most a thrown value may weigh to be written into a failed job (codec units). */
const MAX_FAILURE_VALUE = 10_000;
/** The longest file name of a published program that is shown; longer ones are cut. */
const MAX_FILENAME = 256;

/**
 * Reads a program (KEYS[1]) if its source is at most ARGV[1] bytes: `{-1}` when there is none,
 * `{bytes}` when it is larger, else `{bytes, source, filename}` (filename `""` when it is over
 * ARGV[2] bytes or missing).
 */
const FETCH_LUA = `
if redis.call('HEXISTS', KEYS[1], 'source') == 0 then return {-1} end
local n = redis.call('HSTRLEN', KEYS[1], 'source')
if n > tonumber(ARGV[1]) then return {n} end
local name = ''
if redis.call('HSTRLEN', KEYS[1], 'filename') <= tonumber(ARGV[2]) then name = redis.call('HGET', KEYS[1], 'filename') or '' end
return {n, redis.call('HGET', KEYS[1], 'source'), name}
`;
const FETCH_COMMAND = "mljsFetchProgram";
/** Redis clients {@link FETCH_LUA} is defined on. */
const scripted = new WeakSet<object>();

/**
 * Runs ML jobs from a BullMQ queue: fetches each program once from Redis and keeps it loaded in
 * its sandbox (`sandbox.load`; one instance per tenant, so top-level state is never shared
 * between tenants), calls the job's entry with the job's arguments under the grants
 * `capabilitiesFor(job)` returns, and stores the result. An ML error, `LimitError` or
 * `CapabilityError` fails the job without retrying (BullMQ's `UnrecoverableError`), with
 * `failedReason` the JSON text of `{ mlType, message, mlStack }`; any other error fails the
 * attempt, and BullMQ retries it if the job has attempts left. Jobs of a worker that dies are
 * taken over by the others once their lock expires (BullMQ's stalled-job check), so a job may
 * run more than once: docs/bullmq.md says how to make that harmless.
 *
 * ```ts
 * const worker = new MLWorker("rules", {
 *   connection: { host: "127.0.0.1", port: 6379 },
 *   concurrency: 8,
 *   sandbox: { memoryMb: 64, timeoutMs: 2000 },
 *   capabilitiesFor: policyGrants(["datetime.now", capability("file.read", { resources: ["/srv/data/**"] })]),
 * });
 * process.on("SIGTERM", () => worker.close());
 * ```
 */
export class MLWorker {
  /** The BullMQ worker underneath (for its events: `completed`, `failed`, `error`…). */
  readonly worker: Worker<MLJobData, Wire>;
  /** The sandbox the jobs run in. */
  readonly sandbox: Sandbox;
  private readonly capabilitiesFor: CapabilitiesForJob;
  private readonly maxPrograms: number;
  private readonly maxSourceBytes: number;
  /** The largest arguments a job may carry (codec units): what the sandbox's results may weigh. */
  private readonly maxArgsSize: number;
  /** Loaded programs by tenant and id, least recently used first. */
  private readonly programs = new Map<string, Kept>();
  /** Program sources by id, least recently used first. */
  private readonly sources = new Map<string, Promise<Source>>();
  private readonly counts = { programFetches: 0, programLoads: 0, completed: 0, failed: 0 };
  private closing: Promise<void> | null = null;

  /**
   * Starts taking jobs from queue `name` at once. Throws `TypeError`/`RangeError` for options it
   * cannot honour (no connection, a bad `concurrency`, `maxPrograms` or sandbox limit).
   */
  constructor(name: string, options: MLWorkerOptions) {
    if (typeof name !== "string" || name === "") throw new TypeError("new MLWorker(name, options): the queue name must be a non-empty string");
    if (typeof options !== "object" || options === null || options.connection === undefined) {
      throw new TypeError("new MLWorker(name, { connection }): the Redis connection is required, e.g. { connection: { host: \"127.0.0.1\", port: 6379 } }");
    }
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${String(concurrency)}`);
    const maxPrograms = options.maxPrograms ?? 256;
    if (!Number.isInteger(maxPrograms) || maxPrograms < 1) throw new RangeError(`maxPrograms must be an integer >= 1, got ${String(maxPrograms)}`);
    if (options.capabilitiesFor !== undefined && typeof options.capabilitiesFor !== "function") {
      throw new TypeError("capabilitiesFor must be a function from the job to its grants, e.g. policyGrants([\"datetime.now\"])");
    }
    const maxSourceBytes = options.maxSourceBytes ?? 1024 * 1024;
    if (!Number.isInteger(maxSourceBytes) || maxSourceBytes < 1) throw new RangeError(`maxSourceBytes must be an integer >= 1, got ${String(maxSourceBytes)}`);
    this.maxPrograms = maxPrograms;
    this.maxSourceBytes = maxSourceBytes;
    this.capabilitiesFor = options.capabilitiesFor ?? (() => []);
    this.sandbox = new Sandbox({ minThreads: 0, programsPerWorker: 1, ...options.sandbox });
    this.maxArgsSize = sizeLimitsFor(this.sandbox.memoryMb).maxResultSize;
    const onError = options.onError ?? ((e: Error) => process.stderr.write(`mljs-lang/bullmq: worker '${name}': ${e.message}\n`));
    this.worker = new Worker<MLJobData, Wire>(name, (job) => this.process(job), {
      ...options.worker,
      connection: options.connection,
      concurrency,
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    });
    this.worker.on("error", onError);
  }

  /** Counters: programs fetched and loaded, jobs completed and failed. */
  get stats(): MLWorkerStats {
    return { ...this.counts };
  }

  /** Resolves once the worker is connected to Redis. */
  async waitUntilReady(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /**
   * Stops taking jobs, lets the jobs in progress finish and store their results, then unloads
   * the programs and ends the sandbox. Safe to call more than once.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.worker.close();
      } finally {
        await this.sandbox.close();
      }
    })();
    return this.closing;
  }

  private async process(job: MLJob): Promise<Wire> {
    try {
      const value = await this.call(job);
      this.counts.completed++;
      return value;
    } catch (e) {
      this.counts.failed++;
      throw e;
    }
  }

  private async call(job: MLJob): Promise<Wire> {
    const data = checkJobData(job.data);
    if (typeof data === "string") throw new UnrecoverableError(`job ${job.id ?? "?"}: ${data}`);
    const tokens = await this.grants(job);
    refuseUngranted(data.capabilities, tokens);
    const kept = this.acquire(data.program, data.tenant ?? "");
    try {
      const program = await kept.ready;
      const fn = program.withCapabilities(tokens).exports[data.entry];
      if (fn === undefined) {
        const names = Object.keys(program.exports);
        throw new UnrecoverableError(
          `program ${data.program.slice(0, 12)}… (${program.filename}) has no exported function '${data.entry}' (it exports: ${names.length > 0 ? names.join(", ") : "nothing"})`,
        );
      }
      const args = jobArguments(data, job.id, this.maxArgsSize);
      let value: unknown;
      try {
        value = await fn(...args);
      } catch (e) {
        if (isMLFailure(e)) throw new UnrecoverableError(failureText(e, MAX_FAILURE_VALUE));
        // Only the arguments are encoded on this side of the call: decoded, but too deep to send.
        if (e instanceof CodecError) throw new UnrecoverableError(`job ${job.id ?? "?"}: its arguments cannot cross into the sandbox (${e.message})`);
        throw e;
      }
      return encode(value, "result");
    } finally {
      kept.active--;
    }
  }

  /**
   * The grants `capabilitiesFor(job)` returns, checked. A policy that throws or returns something
   * that is not grants fails the attempt as an error of the worker (retried while the job has
   * attempts left: a policy may look grants up elsewhere), never by granting anything.
   */
  private async grants(job: MLJob): Promise<readonly CapabilityToken[]> {
    let given: CapabilitiesInput;
    try {
      given = await this.capabilitiesFor(job);
    } catch (e) {
      throw new Error(`job ${job.id ?? "?"}: the worker's capabilitiesFor(job) threw: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      return tokensFor(given);
    } catch (e) {
      throw new Error(`job ${job.id ?? "?"}: the worker's capabilitiesFor(job) returned no valid grants (${(e as Error).message})`);
    }
  }

  /**
   * The tenant's instance of program `id`, loaded (its source fetched from Redis the first
   * time), marked in use. Each tenant has its own instance, so top-level state one tenant's jobs
   * change is never seen by another's.
   */
  private acquire(id: string, tenant: string): Kept {
    const key = `${tenant}\n${id}`;
    let kept = this.programs.get(key);
    if (kept !== undefined) {
      this.programs.delete(key); // most recently used last
      this.programs.set(key, kept);
    } else {
      const entry: Kept = { ready: this.load(id), active: 0 };
      entry.ready.catch(() => {
        // A failed fetch or load is not kept: the next job tries again.
        if (this.programs.get(key) === entry) this.programs.delete(key);
      });
      this.programs.set(key, entry);
      kept = entry;
    }
    // In use before evicting: a program just loaded for this job is never the one unloaded.
    kept.active++;
    this.evict();
    return kept;
  }

  /** Unloads the least recently used idle programs while more than `maxPrograms` are kept. */
  private evict(): void {
    for (const [id, kept] of this.programs) {
      if (this.programs.size <= this.maxPrograms) return;
      if (kept.active > 0) continue;
      this.programs.delete(id);
      kept.ready.then((p) => p.close()).catch(() => {}); // a failed load or unload leaves nothing to undo
    }
  }

  /** The source of program `id`, read from Redis once while it is among the `maxPrograms` most recent. */
  private source(id: string): Promise<Source> {
    let found = this.sources.get(id);
    if (found !== undefined) {
      this.sources.delete(id);
      this.sources.set(id, found);
      return found;
    }
    found = this.fetch(id);
    const entry = found;
    entry.catch(() => {
      if (this.sources.get(id) === entry) this.sources.delete(id);
    });
    this.sources.set(id, entry);
    if (this.sources.size > this.maxPrograms) this.sources.delete(this.sources.keys().next().value!);
    return entry;
  }

  private async fetch(id: string): Promise<Source> {
    const client = await this.worker.getBackend().client;
    if (!scripted.has(client)) {
      // Not read-only: a replica could lag behind a program published a moment ago.
      client.defineCommand(FETCH_COMMAND, { numberOfKeys: 1, lua: FETCH_LUA });
      scripted.add(client);
    }
    this.counts.programFetches++;
    // Redis holds what any producer wrote: the sizes are checked there, before anything is read.
    const reply = (await client.runCommand(FETCH_COMMAND, [this.worker.toKey(PROGRAM_KEY + id), this.maxSourceBytes, 4 * MAX_FILENAME])) as unknown;
    const [bytes, source, filename] = Array.isArray(reply) ? (reply as [number, string?, string?]) : [-1];
    if (bytes > this.maxSourceBytes) {
      throw new UnrecoverableError(`program ${id}: its source is ${bytes} bytes, more than this worker's maxSourceBytes (${this.maxSourceBytes})`);
    }
    if (bytes < 0 || typeof source !== "string") {
      throw new UnrecoverableError(
        `unknown program ${id}: nothing is published under this id in queue '${this.worker.name}' (publish the source with MLQueue.publish before adding jobs for it; or it was deleted from Redis)`,
      );
    }
    if (programId(source) !== id) throw new UnrecoverableError(`program ${id}: the source stored in Redis does not match its id (it was changed after publishing)`);
    return { source, filename: shownFilename(filename) };
  }

  private async load(id: string): Promise<SandboxProgram> {
    const input = await this.source(id);
    this.counts.programLoads++;
    try {
      // The top level runs once per worker and tenant, before any job's grants: it gets no capability.
      return await this.sandbox.load(input, { capabilities: [] });
    } catch (e) {
      if (isMLFailure(e)) throw new UnrecoverableError(failureText(e, MAX_FAILURE_VALUE));
      throw e;
    }
  }
}

/**
 * The file name a program's errors show: the publisher's, one line of at most {@link MAX_FILENAME}
 * characters (it only labels stack frames and messages: imports resolve from the worker's
 * directory, never from it).
 */
function shownFilename(filename: string | null | undefined): string {
  if (typeof filename !== "string" || filename === "") return "<job>";
  const line = filename.replace(/[\u0000-\u001f\u007f]/g, "?");
  return line.length <= MAX_FILENAME ? line : `${line.slice(0, MAX_FILENAME - 1)}…`;
}

/** The job's arguments, decoded; a malformed list, or one over `maxSize` codec units, fails the job for good. */
function jobArguments(data: MLJobData, jobId: string | undefined, maxSize: number): unknown[] {
  if (wireLargerThan(data.args, maxSize)) {
    throw new UnrecoverableError(`job ${jobId ?? "?"}: its arguments are larger than this worker's sandbox takes (more than ${maxSize} units; the sandbox's memoryMb sets it)`);
  }
  let args: unknown;
  try {
    args = decode(data.args, reviveStdlib);
  } catch (e) {
    throw new UnrecoverableError(`job ${jobId ?? "?"}: its arguments cannot be decoded (${(e as Error).message})`);
  }
  if (!Array.isArray(args)) throw new UnrecoverableError(`job ${jobId ?? "?"}: its arguments are not a list`);
  return args;
}

/** Fails the job, before it runs, when it asks for a capability it is not granted. */
function refuseUngranted(requested: readonly string[], tokens: readonly CapabilityToken[]): void {
  if (requested.length === 0) return;
  const granted = new Set(tokens.map((t) => t.name));
  const missing = requested.filter((name) => !granted.has(name));
  if (missing.length === 0) return;
  const what = missing.length === 1 ? `capability '${missing[0]}'` : `capabilities ${missing.map((m) => `'${m}'`).join(", ")}`;
  const has = granted.size === 0 ? "it grants this job nothing" : `it grants this job ${[...granted].join(", ")}`;
  const error = new MLRuntimeError("CapabilityError", `the job asks for ${what}, which this worker's policy does not grant (${has})`, []);
  throw new UnrecoverableError(failureText(error, 0));
}

/**
 * The usual worker policy: a job is granted the capabilities of `policy` it asks for, and no
 * others (grants = requested ∩ policy). `policy` is names or tokens: a token's resource patterns,
 * expiry and use limit come with the grant (a use limit then counts over all jobs of the worker).
 * A job asking for a capability the policy lacks fails with `CapabilityError` before it runs.
 */
export function policyGrants(policy: readonly (string | CapabilityToken)[]): (job: MLJob) => readonly CapabilityToken[] {
  const tokens = tokensFor(policy);
  return (job) => {
    const requested = (job.data as { capabilities?: unknown } | undefined)?.capabilities;
    if (!Array.isArray(requested) || requested.length === 0) return [];
    return tokens.filter((t) => requested.includes(t.name));
  };
}
