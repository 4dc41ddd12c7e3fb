/**
 * The worker sandbox (docs/security.md, "The worker sandbox"): ML runs in a pool of worker processes with V8 heap limits and
 * a hard wall-clock limit, for code the host does not trust to stay within CPU and memory.
 *
 * ```ts
 * const sandbox = new Sandbox({ memoryMb: 64, timeoutMs: 1000, capabilities: ["datetime.now"] });
 * const total = await sandbox.run("rules/pricing.ml", { entry: "total", args: [cart] });
 * const { value, stdout } = await sandbox.execute({ source: 'print("hi"); x = 1;' }); // value: { x: 1 }
 * const rules = await sandbox.load("rules/pricing.ml"); // compiled and run once, kept in a worker
 * const price = await rules.exports.total(cart);           // one round trip per call
 * await sandbox.close();
 * ```
 */
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tokensFor, type CapabilitiesInput } from "../capabilities/context.js";
import { countUse, type CapabilityToken, type CapabilityTokenJSON } from "../capabilities/token.js";
import { resolveLimits, type Limits, type Sink } from "../runtime/state.js";
import { decode, encode, type Revive, type Wire } from "./codec.js";
import { fromWireError, limitError } from "./errors.js";
import { ProcessPool, WorkerExit } from "./pool.js";
import type { SandboxReply, SandboxTask, WorkerMessage } from "./protocol.js";
import { ProgramHandle, ProgramHost, type SandboxLoadOptions, type SandboxProgram } from "./programs.js";

/** Options of {@link Sandbox}. */
export interface SandboxOptions {
  /**
   * V8 old-generation heap limit of each worker process, in megabytes. Default 128, at least
   * {@link MIN_MEMORY_MB}. It also caps the run's size limits ({@link sizeLimitsFor}).
   */
  memoryMb?: number;
  /**
   * Wall-clock limit of each run (compiling, the top level and the entry call), in ms, counted
   * from when a worker takes the run. Default 5000, at most {@link MAX_TIMEOUT_MS}. A run still
   * going {@link KILL_GRACE_MS} later has its worker terminated.
   */
  timeoutMs?: number;
  /** Step limit of each run inside the worker (docs/limits.md); overrides `limits.steps`. */
  steps?: number;
  /**
   * In-worker limits (docs/limits.md). `timeMs` defaults to `timeoutMs`, so a busy loop is usually
   * stopped cooperatively, keeping its worker; the hard limit is the backstop. `maxStringLength`,
   * `maxArrayLength` and `maxResultSize` are at most what `memoryMb` allows ({@link sizeLimitsFor}).
   */
  limits?: Limits;
  /**
   * Capabilities of every run that names none itself: names, tokens or a `CapabilityContext`.
   * Default: the context current when `run` is called, as for `load`.
   */
  capabilities?: CapabilitiesInput;
  /** Most workers (runs in parallel). Default: the number of CPUs. Programs ({@link Sandbox.load}) have up to as many workers of their own. */
  poolSize?: number;
  /**
   * Programs ({@link Sandbox.load}) placed on one program worker before another is started
   * (up to `poolSize` program workers; then programs go to the least loaded). Default 16.
   */
  programsPerWorker?: number;
  /** Worker processes started at once and kept warm. Default: `poolSize`. */
  minThreads?: number;
  /** Extra directories searched for user modules (as for `load`). */
  importPaths?: readonly string[];
  /**
   * Longest source of each module a run compiles, in UTF-16 code units; longer is a compile
   * error (ML0001), as for `load`. Default: `load`'s (1 000 000).
   */
  maxSourceLength?: number;
  /**
   * Most characters a run may print (stdout and stderr together); more raises `LimitError`.
   * The host holds a run's output in memory, so this bounds it. Default 10 000 000.
   */
  maxOutputLength?: number;
}

/** Options of one run. */
export interface SandboxRunOptions {
  /** An exported function to call; the run resolves to what it returns. Absent: the exports. */
  entry?: string;
  /** The entry's arguments: data as the codec carries it (see codec.ts). */
  args?: readonly unknown[];
  /** This run's capabilities, instead of the sandbox's. */
  capabilities?: CapabilitiesInput;
  /** The program's environment view (the `env` module). Default: empty — nothing of the host's. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The `args` module's vector. Default: empty. */
  argv?: readonly string[];
  /** What `input()` reads: the text (split into lines) or the lines. Default: none (`input()` raises). */
  stdin?: string | readonly string[];
  /** Receives the program's standard output as the worker sends it (batches, in order). */
  stdout?: Sink;
  /** Receives the program's standard error as the worker sends it. */
  stderr?: Sink;
}

/** What {@link Sandbox.execute} resolves to. */
export interface SandboxResult {
  /** What {@link Sandbox.run} resolves to. */
  value: unknown;
  /** Everything the run printed. */
  stdout: string;
  /** Everything the run wrote to standard error. */
  stderr: string;
}

/**
 * How long after `timeoutMs` a worker still running is terminated. The in-worker time limit
 * (`limits.timeMs`, counted from when the code starts running, after compiling) gets this long
 * to stop the run cooperatively, which keeps the worker; killing one costs a new worker's start.
 */
export const KILL_GRACE_MS = 50;

/** Largest `timeoutMs`: the kill timer's delay must fit Node's timers (which run a longer one after 1 ms). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1 - KILL_GRACE_MS;

/**
 * Smallest `memoryMb` accepted: a worker needs about 10 MB of heap to load the compiler and
 * runtime, and a run some room of its own.
 */
export const MIN_MEMORY_MB = 32;

/** How much later than the host's hard limit a worker stops a run by itself (it matters only when the host is gone). */
const ORPHAN_GRACE_MS = 1000;

/** How long a worker process beyond `minThreads` stays idle before it is ended. */
const IDLE_TIMEOUT_MS = 30_000;

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

// Loaded when the first Sandbox is made, so a host importing "mljs-lang" without using the sandbox
// does not load `datetime` and `regex` for it.
let revivers: Promise<Revive> | undefined;

/**
 * The largest sizes a worker of `memoryMb` can build in one operation with room to spare, so a
 * run asking for more gets a `LimitError` before allocating instead of ending its process (with
 * heap limit `H` bytes, measured with Node 20's V8 11; docs/security.md):
 *
 * - `maxStringLength` `H/16` code units: a two-byte string of `H/8` bytes; building one
 *   (repetition, joining, case mapping) holds its parts as well.
 * - `maxArrayLength` `H/64` items: `H/8` bytes of elements, which growth by appending copies
 *   into a backing store half as large again while the old one is live.
 * - `maxResultSize` `H/16` units: the result is encoded (a second copy) and serialized in the
 *   worker, and rebuilt in the host.
 */
export function sizeLimitsFor(memoryMb: number): { maxStringLength: number; maxArrayLength: number; maxResultSize: number } {
  const heap = Math.floor(memoryMb) * 1024 * 1024;
  return { maxStringLength: heap / 16, maxArrayLength: heap / 64, maxResultSize: heap / 16 };
}

/** A pool of isolated ML workers. Create one per kind of workload and reuse it; `close()` ends it. */
export class Sandbox {
  /** Heap limit of each worker, in megabytes. */
  readonly memoryMb: number;
  /** Hard wall-clock limit of each run, in milliseconds. */
  readonly timeoutMs: number;
  private readonly limits: Readonly<Required<Limits>>;
  private readonly capabilities: CapabilitiesInput | undefined;
  private readonly importPaths: readonly string[];
  private readonly maxOutputLength: number;
  private readonly maxSourceLength: number | null;
  private readonly pool: ProcessPool;
  private readonly poolOptions: { execArgv: string[]; env: Record<string, string>; size: number; perWorker: number };
  /** The program workers, started with the first {@link load}. */
  private programHost: ProgramHost | null = null;
  /** Builds host instances of stdlib values (revive.ts, imported on first use). */
  private readonly revive: Promise<Revive>;
  private closed = false;

  constructor(options: SandboxOptions = {}) {
    this.memoryMb = positive("memoryMb", options.memoryMb ?? 128);
    if (this.memoryMb < MIN_MEMORY_MB) throw new RangeError(`memoryMb must be at least ${MIN_MEMORY_MB} (a worker needs about 10 MB to start), got ${this.memoryMb}`);
    if (!existsSync(WORKER)) throw new Error(`the sandbox runs from the built package: ${WORKER} is missing (run npm run build)`);
    this.timeoutMs = positive("timeoutMs", options.timeoutMs ?? 5000);
    if (this.timeoutMs > MAX_TIMEOUT_MS) throw new RangeError(`timeoutMs must be at most ${MAX_TIMEOUT_MS} ms, got ${this.timeoutMs}`);
    const asked = resolveLimits({
      ...options.limits,
      timeMs: options.limits?.timeMs ?? this.timeoutMs,
      ...(options.steps === undefined ? {} : { steps: options.steps }),
    });
    const most = sizeLimitsFor(this.memoryMb);
    this.limits = Object.freeze({
      ...asked,
      maxStringLength: Math.min(asked.maxStringLength, most.maxStringLength),
      maxArrayLength: Math.min(asked.maxArrayLength, most.maxArrayLength),
      maxResultSize: Math.min(asked.maxResultSize, most.maxResultSize),
    });
    const poolSize = count("poolSize", options.poolSize ?? availableParallelism(), 1);
    const minThreads = count("minThreads", options.minThreads ?? poolSize, 0);
    if (minThreads > poolSize) throw new RangeError(`minThreads (${minThreads}) must not exceed poolSize (${poolSize})`);
    this.capabilities = options.capabilities;
    this.importPaths = Object.freeze([...(options.importPaths ?? [])]);
    this.maxOutputLength = count("maxOutputLength", options.maxOutputLength ?? 10_000_000, 0);
    this.maxSourceLength = options.maxSourceLength === undefined ? null : sourceLength(options.maxSourceLength);
    revivers ??= import("./revive.js").then((m) => m.reviveStdlib);
    this.revive = revivers;
    // The host's environment reaches a run only through its `env` option (nor do the host's
    // NODE_OPTIONS or execArgv reach the worker); the time zone is the host's.
    const env: Record<string, string> = {};
    if (process.env.TZ !== undefined) env.TZ = process.env.TZ;
    const perWorker = count("programsPerWorker", options.programsPerWorker ?? 16, 1);
    this.poolOptions = { execArgv: [`--max-old-space-size=${Math.floor(this.memoryMb)}`], env, size: poolSize, perWorker };
    this.pool = new ProcessPool({
      worker: WORKER,
      execArgv: this.poolOptions.execArgv,
      env,
      size: poolSize,
      warm: minThreads,
      idleTimeoutMs: IDLE_TIMEOUT_MS,
    });
  }

  /**
   * Runs a program in a worker and resolves to what `entry` returned or, without an entry, to an
   * object of the program's top-level bindings that can cross (functions and data holding them
   * are left out). Rejects with `MLCompileError`, `MLRuntimeError` (`LimitError` when the run
   * hit a limit: steps, time, sizes, the result's size, or the worker's heap), or a `TypeError`
   * for bad options.
   */
  async run(input: string | { source: string; filename?: string }, options: SandboxRunOptions = {}): Promise<unknown> {
    return (await this.execute(input, options)).value;
  }

  /** Like {@link run}, also collecting the run's output. */
  async execute(input: string | { source: string; filename?: string }, options: SandboxRunOptions = {}): Promise<SandboxResult> {
    if (this.closed) throw new Error("the sandbox is closed");
    const tokens = tokensFor(options.capabilities ?? this.capabilities);
    const task: SandboxTask = {
      input: taskInput(input),
      entry: entryName(options.entry),
      args: encodeArgs(options.args),
      capabilities: tokens.map(remainingGrant),
      limits: this.limits,
      importPaths: this.importPaths,
      env: envOption(options.env),
      argv: argvOption(options.argv),
      stdin: stdinOption(options.stdin),
      maxOutputLength: this.maxOutputLength,
      maxSourceLength: this.maxSourceLength,
      orphanTimeMs: this.timeoutMs + ORPHAN_GRACE_MS,
      cwd: process.cwd(),
    };
    const out: string[] = [];
    const err: string[] = [];
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let sinkError: unknown = null;
    let reply: SandboxReply | undefined;
    const onMessage = (m: WorkerMessage): void => {
      if (m.t === "start") {
        // The clock starts when a worker takes the run, not while it waits in the queue.
        timer = setTimeout(() => abort.abort(), this.timeoutMs + KILL_GRACE_MS);
      } else if (m.t === "out") {
        (m.fd === 1 ? out : err).push(m.text);
        try {
          (m.fd === 1 ? options.stdout : options.stderr)?.(m.text);
        } catch (e) {
          sinkError ??= e;
        }
      } else if (m.t === "done") reply = m.reply;
    };
    try {
      try {
        await this.pool.run(task, { onMessage, signal: abort.signal });
      } finally {
        clearTimeout(timer);
      }
      const result = reply!;
      tokens.forEach((token, i) => {
        const n = result.uses[i] ?? 0;
        if (n > 0) countUse(token, n);
      });
      if (sinkError !== null) throw sinkError;
      const revive = await this.revive;
      if (!result.ok) throw fromWireError(result.error, revive);
      return { value: decode(result.value, revive), stdout: out.join(""), stderr: err.join("") };
    } catch (e) {
      throw this.stopped(e);
    }
  }

  /**
   * Compiles a program and runs its top level once in a program worker, where it stays: the
   * returned {@link SandboxProgram}'s `exports.f(…)` calls an exported function there (one round
   * trip; each call has the run limits — steps, time, the hard time limit, the heap,
   * `maxResultSize` — of its own). Rejects as {@link run} does for the load.
   */
  async load(input: string | { source: string; filename?: string }, options: SandboxLoadOptions = {}): Promise<SandboxProgram> {
    if (this.closed) throw new Error("the sandbox is closed");
    const loadTokens = tokensFor(options.capabilities ?? this.capabilities);
    const spec = {
      input: taskInput(input),
      limits: this.limits,
      importPaths: this.importPaths,
      env: envOption(options.env),
      argv: argvOption(options.argv),
      maxOutputLength: this.maxOutputLength,
      maxSourceLength: this.maxSourceLength,
      orphanTimeMs: this.timeoutMs + ORPHAN_GRACE_MS,
      cwd: process.cwd(),
    };
    this.programHost ??= new ProgramHost({
      worker: WORKER,
      ...this.poolOptions,
      timeoutMs: this.timeoutMs,
      killGraceMs: KILL_GRACE_MS,
      revive: this.revive,
      stopped: (e, what) => this.stopped(e, what),
    });
    return ProgramHandle.start(this.programHost, spec, loadTokens, options.capabilities ?? this.capabilities, {
      ...(options.stdout === undefined ? {} : { stdout: options.stdout }),
      ...(options.stderr === undefined ? {} : { stderr: options.stderr }),
    });
  }

  /** Stops the workers; runs and program calls in progress and later ones reject. Resolves when every worker has exited. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool.close(), this.programHost?.close()]);
  }

  /** The error of a run whose worker ended before reporting an outcome (or `e` itself when it did). */
  private stopped(e: unknown, what = "run"): unknown {
    if (!(e instanceof WorkerExit)) return e;
    const which = what === "run" ? "run" : `program ${what}`;
    switch (e.reason) {
      case "timeout":
        return limitError(`sandbox ${which} exceeded its time limit of ${this.timeoutMs} ms and was stopped`);
      case "memory":
        return limitError(`sandbox ${which} exceeded its memory limit of ${this.memoryMb} MB and was stopped`);
      case "closed":
        return new Error(`the sandbox was closed before the ${what} finished`);
      case "crash":
        return new Error(e.message);
    }
  }
}

function positive(name: string, v: unknown): number {
  if (typeof v !== "number" || !(v > 0) || v === Infinity) throw new RangeError(`${name} must be a positive finite number, got ${String(v)}`);
  return v;
}

function sourceLength(v: unknown): number {
  if (typeof v !== "number" || !(v >= 0)) throw new RangeError(`maxSourceLength must be a non-negative number, got ${String(v)}`);
  return v;
}

function count(name: string, v: unknown, min: number): number {
  if (!Number.isInteger(v) || (v as number) < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${String(v)}`);
  return v as number;
}

function taskInput(input: unknown): SandboxTask["input"] {
  if (typeof input === "string") return input;
  if (typeof input === "object" && input !== null && typeof (input as { source?: unknown }).source === "string") {
    const { source, filename } = input as { source: string; filename?: unknown };
    if (filename !== undefined && typeof filename !== "string") throw new TypeError("input.filename must be a string");
    return { source, filename: filename ?? "<sandbox>" };
  }
  throw new TypeError("a sandbox run needs a file path or { source, filename? }");
}

function entryName(entry: unknown): string | null {
  if (entry === undefined) return null;
  if (typeof entry !== "string" || entry === "") throw new TypeError("options.entry must be the name of an exported function");
  return entry;
}

function encodeArgs(args: unknown): Wire {
  if (args === undefined) return [];
  if (!Array.isArray(args)) throw new TypeError("options.args must be an array");
  return encode(args, "args");
}

/** A token's JSON form, granting only the uses it has left (uses made in the worker are added back). */
function remainingGrant(token: CapabilityToken): CapabilityTokenJSON {
  const json = token.toJSON();
  return json.maxUses === null ? json : { ...json, maxUses: Math.max(0, json.maxUses - token.uses) };
}

function envOption(env: unknown): Record<string, string> {
  if (env === undefined) return {};
  if (typeof env !== "object" || env === null) throw new TypeError("options.env must be an object of strings");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") out[k] = v;
  return out;
}

function argvOption(argv: unknown): string[] {
  if (argv === undefined) return [];
  if (!Array.isArray(argv) || argv.some((a) => typeof a !== "string")) throw new TypeError("options.argv must be an array of strings");
  return [...argv];
}

function stdinOption(stdin: unknown): string[] | null {
  if (stdin === undefined) return null;
  if (typeof stdin === "string") {
    const lines = stdin.split(/\r?\n/);
    if (lines[lines.length - 1] === "") lines.pop(); // a final newline ends the last line
    return lines;
  }
  if (Array.isArray(stdin) && stdin.every((l) => typeof l === "string")) return [...stdin];
  throw new TypeError("options.stdin must be a string or an array of lines");
}
