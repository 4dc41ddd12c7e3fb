/**
 * Sandbox program handles (docs/security.md, "Programs kept loaded"): `sandbox.load(…)` compiles
 * a program and runs its top level once in a *program worker* — a child process like the pool's,
 * forked with the same heap limit and environment — and keeps it there; each
 * `program.exports.f(…)` is then one request to that process: the arguments and the result cross
 * with the codec, the call runs as a fresh host entry (fresh step and time budgets) under the
 * call's own capability tokens, and the hard time limit kills the process if the call overruns.
 *
 * Several programs share a worker. A worker that ends — a call (or a load) exhausted its heap or
 * was killed at the hard time limit, or it crashed — is replaced at once, and each program that
 * lived on it is loaded again on the new one before its next call: its top level runs again, so
 * top-level state (variables a call changed, a random generator's state) starts afresh.
 *
 * One request at a time per worker, queued here: the hard time limit of a request starts when it
 * is sent, and a queued request never counts the time of the one before it.
 */
import type { ChildProcess } from "node:child_process";
import { tokensFor, type CapabilitiesInput } from "../capabilities/context.js";
import { countUse, type CapabilityToken, type CapabilityTokenJSON } from "../capabilities/token.js";
import type { Sink } from "../runtime/state.js";
import { decode, encode, type Revive, type Wire } from "./codec.js";
import { fromWireError } from "./errors.js";
import { WorkerExit } from "./pool.js";
import { WorkerProcess } from "./process.js";
import type { WorkerProcessSpec } from "./worker-spec.js";
import type { AnyWorkerMessage, HostMessage, ProgramReply, ProgramSpec, WireError } from "./protocol.js";

/** Options of {@link Sandbox.load}. */
export interface SandboxLoadOptions {
  /**
   * Capabilities of the top-level run, and of each call made without its own (see
   * {@link SandboxProgram.withCapabilities}). Default: the sandbox's, else the context current
   * when `load` is called (for the top level) or when a call is made (for calls).
   */
  capabilities?: CapabilitiesInput;
  /** The program's environment view (the `env` module). Default: empty. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The `args` module's vector. Default: empty. */
  argv?: readonly string[];
  /** Receives what the program prints (its top level and every call), as the worker sends it. */
  stdout?: Sink;
  /** Receives the program's standard error. */
  stderr?: Sink;
}

/** An exported function as the host calls it: data in, a promise of data out. */
export type SandboxFunction = (...args: unknown[]) => Promise<unknown>;

/** The exported functions of a {@link SandboxProgram}, called with some capabilities. */
export interface SandboxProgramView {
  /** One function per function the program's top level binds; each returns a promise. */
  readonly exports: Readonly<Record<string, SandboxFunction>>;
}

/** What the {@link Sandbox} gives its program host. */
export interface ProgramHostOptions extends WorkerProcessSpec {
  /** Most program workers. */
  readonly size: number;
  /** Programs placed on a worker before another worker is started (while fewer than `size` run). */
  readonly perWorker: number;
  /** Hard limit of each request (a load or a call), before the kill grace. */
  readonly timeoutMs: number;
  readonly killGraceMs: number;
  readonly revive: Promise<Revive>;
  /** The error a request rejects with when its worker ended under it (a `LimitError`…). */
  readonly stopped: (e: WorkerExit, what: string) => unknown;
}

/** A program as its worker and host see it: placed on a worker, receiving its output. */
interface Placed {
  /** Its worker ended: it goes on `worker` (null: placed again at its next call), loaded there before its next call. */
  moveTo(worker: ProgramWorker | null): void;
  output(fd: 1 | 2, text: string): void;
}

/** A request its worker ended before sending: it is safe to send again (on another worker). */
class NotSent extends Error {}

interface Request {
  readonly make: (id: number) => HostMessage;
  /** Null: no reply comes (`unload`). */
  readonly resolve: ((reply: ProgramReply) => void) | null;
  readonly reject: (e: Error) => void;
}


/** One program worker process and its queue of requests. */
class ProgramWorker {
  private readonly proc: WorkerProcess;
  /** Programs placed here (loaded, or to be loaded before their next call). */
  readonly programs = new Set<Placed>();
  /** The process started and loaded its modules (it sent `ready`). */
  ready = false;
  private readonly queue: Request[] = [];
  private current: Request | null = null;
  private currentId = 0;
  private nextId = 1;
  /**
   * The hard time limit: one timer per worker, not one per request (a call costs a clock read,
   * not a timer's setting and clearing). It fires at the earliest deadline it was armed for and
   * re-arms itself for the request in progress, if one is, at that request's deadline.
   */
  private timer: NodeJS.Timeout | undefined;
  private armed = false;
  private startedAt = 0;
  /** Why the worker was stopped on purpose, for the request in progress. */
  private stopping: WorkerExit["reason"] | null = null;

  constructor(
    private readonly options: ProgramHostOptions,
    onOutput: (program: number, fd: 1 | 2, text: string) => void,
    onEnd: (worker: ProgramWorker) => void,
  ) {
    // Everything sent is JSON (protocol.ts).
    this.proc = new WorkerProcess(options, "json", () => {
      clearTimeout(this.timer);
      this.fail();
      onEnd(this);
    });
    this.child.on("message", (m: AnyWorkerMessage) => {
      if (Array.isArray(m)) return this.replied(m as ProgramReply);
      const message = m as Exclude<AnyWorkerMessage, ProgramReply>;
      if (message.t === "pout") onOutput(message.p, message.fd, message.text);
      else if (message.t === "ready") {
        this.ready = true;
        this.pump();
      }
    });
    this.hold(false);
  }

  private get child(): ChildProcess {
    return this.proc.child;
  }

  get ended(): boolean {
    return this.proc.ended;
  }

  get closed(): Promise<void> {
    return this.proc.closed;
  }

  /** Sends a request when the worker is free; resolves to its reply. */
  request(make: (id: number) => HostMessage): Promise<ProgramReply> {
    if (this.ended) return Promise.reject(new NotSent());
    return new Promise((resolve, reject) => {
      this.queue.push({ make, resolve, reject });
      if (this.current === null) this.hold(true); // also while the process starts
      this.pump();
    });
  }

  /** Sends a message that has no reply, in its turn. */
  notify(make: (id: number) => HostMessage): void {
    if (this.ended) return;
    this.queue.push({ make, resolve: null, reject: () => {} });
    this.pump();
  }

  /** Ends the process (close): the request in progress rejects with `closed`. */
  close(): void {
    if (this.ended) return;
    this.hold(true); // the caller waits for `closed`
    if (this.current === null && this.child.connected) this.child.disconnect();
    else this.stop("closed");
  }

  private stop(reason: WorkerExit["reason"]): void {
    this.stopping ??= reason;
    this.kill();
  }

  private kill(): void {
    this.proc.kill();
  }

  private pump(): void {
    while (this.current === null && this.ready && !this.ended && this.queue.length > 0) {
      const request = this.queue.shift()!;
      const id = this.nextId++;
      try {
        this.child.send(request.make(id), (error) => {
          if (error) this.kill();
        });
      } catch {
        this.kill(); // reported when the process has ended
      }
      if (request.resolve === null) {
        if (this.queue.length === 0) this.hold(false);
        continue;
      }
      this.current = request;
      this.currentId = id;
      this.arm();
    }
  }

  /** Starts the hard time limit of the request just sent. */
  private arm(): void {
    this.startedAt = performance.now();
    if (this.armed) return;
    this.armed = true;
    this.timer = setTimeout(this.check, this.options.timeoutMs + this.options.killGraceMs);
    this.timer.unref(); // the busy worker's handles keep the host alive while a request is in progress
  }

  private readonly check = (): void => {
    this.armed = false;
    if (this.current === null || this.ended) return;
    const left = this.startedAt + this.options.timeoutMs + this.options.killGraceMs - performance.now();
    if (left <= 0) return this.stop("timeout");
    this.armed = true;
    this.timer = setTimeout(this.check, left);
    this.timer.unref();
  };

  private replied(reply: ProgramReply): void {
    const request = this.current;
    if (request === null || reply[0] !== this.currentId || this.stopping !== null) return;
    this.current = null;
    if (this.queue.length === 0) this.hold(false);
    request.resolve!(reply);
    this.pump();
  }

  /** The process has ended: the request in progress rejects with why, queued ones as not sent. */
  private fail(): void {
    const request = this.current;
    this.current = null;
    if (request !== null) {
      let why: WorkerExit;
      if (this.stopping !== null) why = new WorkerExit(this.stopping, `the worker was stopped (${this.stopping})`);
      else if (this.proc.startError !== null) why = new WorkerExit("crash", `could not start a sandbox worker process: ${this.proc.startError.message}`);
      else if (this.proc.outOfMemory) why = new WorkerExit("memory", "the worker ran out of memory");
      else {
        const how = this.child.signalCode !== null ? `killed by ${this.child.signalCode}` : `exit code ${this.child.exitCode}`;
        why = new WorkerExit("crash", `the sandbox worker ended without a result (${how})`);
      }
      request.reject(why);
    }
    for (const queued of this.queue.splice(0)) queued.reject(this.stopping === "closed" ? new WorkerExit("closed", "closed") : new NotSent());
  }

  /** Keeps the host's event loop alive while a request is in progress, and not while idle. */
  private hold(busy: boolean): void {
    this.proc.hold(busy);
  }
}

/** The program workers of one {@link Sandbox}: places programs, replaces workers that end. */
export class ProgramHost {
  private readonly workers: ProgramWorker[] = [];
  private readonly programs = new Map<number, Placed>();
  private nextProgram = 1;
  closing = false;
  /** The revive function once loaded (the hot path does not await it again). */
  revived: Revive | null = null;

  constructor(readonly options: ProgramHostOptions) {
    void options.revive.then((r) => (this.revived = r));
  }

  /** A new program id, `program` receiving its output. */
  register(program: Placed): number {
    const id = this.nextProgram++;
    this.programs.set(id, program);
    return id;
  }

  /** `program` receives the output of `id` from now on. */
  rebind(id: number, program: Placed): void {
    if (this.programs.has(id)) this.programs.set(id, program);
  }

  forget(id: number): void {
    this.programs.delete(id);
  }

  /** The worker a program goes on: the least loaded, or a new one while all have `perWorker`. */
  place(program: Placed): ProgramWorker {
    let best: ProgramWorker | null = null;
    for (const w of this.workers) if (!w.ended && (best === null || w.programs.size < best.programs.size)) best = w;
    if (best === null || (best.programs.size >= this.options.perWorker && this.workers.length < this.options.size)) best = this.spawn();
    best.programs.add(program);
    return best;
  }

  /** The error a load or call rejects with when its worker ended (or never took it). */
  failure(e: unknown, what: "load" | "call"): unknown {
    if (e instanceof WorkerExit) return this.options.stopped(e, what);
    if (!(e instanceof NotSent)) return e;
    return this.closing
      ? new Error(`the sandbox was closed before the ${what} finished`)
      : new Error(`the sandbox program's worker kept ending before the ${what} could be sent`);
  }

  async close(): Promise<void> {
    this.closing = true;
    const all = [...this.workers];
    for (const w of all) w.close();
    await Promise.all(all.map((w) => w.closed));
  }

  private spawn(): ProgramWorker {
    const worker = new ProgramWorker(
      this.options,
      (p, fd, text) => this.programs.get(p)?.output(fd, text),
      (w) => this.ended(w),
    );
    this.workers.push(worker);
    return worker;
  }

  /** A worker ended: its programs move to a fresh worker, loaded there before their next call. */
  private ended(worker: ProgramWorker): void {
    const i = this.workers.indexOf(worker);
    if (i >= 0) this.workers.splice(i, 1);
    const orphans = [...worker.programs];
    worker.programs.clear();
    if (this.closing || orphans.length === 0) return;
    // A worker that never started is not replaced here (no restart loop when processes cannot
    // be started): its programs are placed again, and a process started, at their next call.
    let replacement: ProgramWorker | null = null;
    if (worker.ready) {
      try {
        replacement = this.spawn();
      } catch {
        // as above
      }
    }
    for (const program of orphans) program.moveTo(replacement);
  }
}

const EMPTY: readonly CapabilityTokenJSON[] = Object.freeze([]);

/**
 * Names JavaScript calls without being asked to (`await` reads `then`…): an exported function
 * under one of them is not offered (docs/security.md, invariant 3; as host/program.ts).
 */
const IMPLICIT_KEYS: ReadonlySet<string> = new Set(["then", "toJSON", "toString", "valueOf", "toLocaleString"]);

/**
 * A program loaded once in a sandbox worker process and kept there (`await sandbox.load(…)`):
 * `exports.f(…)` calls an exported function there, with the run limits of its own;
 * `withCapabilities(grants)` gives a view whose calls run with exactly those capabilities;
 * `close()` unloads it. If its worker ends (a call broke the heap or the hard time limit), the
 * program is loaded again on a new worker before its next call: its top-level state starts
 * afresh (docs/security.md, "Programs kept loaded").
 */
export interface SandboxProgram extends SandboxProgramView {
  /** The entry file as the host named it (`<sandbox>` or the given filename for inline source). */
  readonly filename: string;
  /** Whether `close()` was called (or the sandbox closed): calls reject. */
  readonly closed: boolean;
  /** The exported functions, each call run with exactly `capabilities` (names, tokens or a context). */
  withCapabilities(capabilities: CapabilitiesInput): SandboxProgramView;
  /** Unloads the program from its worker; later calls reject. Calls in progress finish. */
  close(): Promise<void>;
}

/** The {@link SandboxProgram} behind `sandbox.load` (not exported from the package). */
export class ProgramHandle implements SandboxProgram, Placed {
  /** The entry file as the host named it (`<sandbox>` or the given filename for inline source). */
  readonly filename: string;
  readonly exports: Readonly<Record<string, SandboxFunction>>;
  private readonly id: number;
  private worker: ProgramWorker | null = null;
  /** The worker it is loaded on now, when it is. */
  private loadedOn: ProgramWorker | null = null;
  private loading: Promise<ProgramWorker> | null = null;
  private isClosed = false;
  private sinkError: unknown = null;

  /** Use {@link Sandbox.load}. */
  constructor(
    private readonly host: ProgramHost,
    private readonly spec: Omit<ProgramSpec, "capabilities">,
    private readonly loadTokens: readonly CapabilityToken[],
    private readonly callCapabilities: CapabilitiesInput | undefined,
    private readonly sinks: { readonly stdout?: Sink; readonly stderr?: Sink },
    names: readonly string[],
    id: number,
    worker: ProgramWorker,
  ) {
    this.id = id;
    this.worker = worker;
    this.loadedOn = worker;
    this.filename = typeof spec.input === "string" ? spec.input : spec.input.filename;
    this.exports = this.functions(names, undefined);
  }

  /** Whether {@link close} was called (or the sandbox closed). */
  get closed(): boolean {
    return this.isClosed || this.host.closing;
  }

  /** The exported functions, each call run with exactly `capabilities` (names, tokens or a context). */
  withCapabilities(capabilities: CapabilitiesInput): SandboxProgramView {
    tokensFor(capabilities); // a bad grant fails here, not at the first call
    return Object.freeze({ exports: this.functions(Object.keys(this.exports), capabilities) });
  }

  /** Unloads the program from its worker; later calls reject. Calls in progress finish. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.host.forget(this.id);
    const worker = this.worker;
    this.worker = null;
    if (worker === null) return;
    worker.programs.delete(this);
    if (this.loadedOn === worker) worker.notify(() => ({ t: "unload", p: this.id }));
    this.loadedOn = null;
  }

  /** @internal Loads the program (the first time, from {@link Sandbox.load}). */
  static async start(
    host: ProgramHost,
    spec: Omit<ProgramSpec, "capabilities">,
    loadTokens: readonly CapabilityToken[],
    callCapabilities: CapabilitiesInput | undefined,
    sinks: { readonly stdout?: Sink; readonly stderr?: Sink },
  ): Promise<ProgramHandle> {
    // Until the handle exists: the top level's output goes to the sinks (a sink's error is
    // dropped, the load has no other way to report it), and a worker ending is the load's failure.
    const early: Placed = {
      moveTo: () => {},
      output: (fd, text) => {
        try {
          (fd === 1 ? sinks.stdout : sinks.stderr)?.(text);
        } catch {
          // ignored
        }
      },
    };
    const id = host.register(early);
    for (let attempt = 0; ; attempt++) {
      const worker = host.place(early);
      try {
        const names = await loadOn(host, worker, id, spec, loadTokens);
        worker.programs.delete(early);
        const program = new ProgramHandle(host, spec, loadTokens, callCapabilities, sinks, names, id, worker);
        worker.programs.add(program);
        host.rebind(id, program);
        return program;
      } catch (e) {
        worker.programs.delete(early);
        if (e instanceof NotSent && attempt < 3 && !host.closing) continue;
        host.forget(id);
        throw host.failure(e, "load");
      }
    }
  }

  /** @internal Its worker ended: it is loaded on `worker` before its next call. */
  moveTo(worker: ProgramWorker | null): void {
    if (this.isClosed) return;
    this.worker = worker;
    this.loadedOn = null;
    worker?.programs.add(this);
  }

  /** @internal Output the worker sent for this program. */
  output(fd: 1 | 2, text: string): void {
    try {
      (fd === 1 ? this.sinks.stdout : this.sinks.stderr)?.(text);
    } catch (e) {
      this.sinkError ??= e;
    }
  }

  private functions(names: readonly string[], capabilities: CapabilitiesInput | undefined): Readonly<Record<string, SandboxFunction>> {
    const out: Record<string, SandboxFunction> = Object.create(null);
    for (const name of names) {
      if (IMPLICIT_KEYS.has(name)) continue;
      const fn = (...args: unknown[]): Promise<unknown> => this.call(name, args, capabilities);
      Object.defineProperty(fn, "name", { value: name });
      out[name] = fn;
    }
    return Object.freeze(out);
  }

  private async call(name: string, args: unknown[], capabilities: CapabilitiesInput | undefined): Promise<unknown> {
    if (this.closed) throw new Error(`the sandbox program ${this.filename} is closed`);
    const tokens = tokensFor(capabilities ?? this.callCapabilities);
    const wireArgs = encode(args, "args");
    const grants = tokens.length === 0 ? EMPTY : tokens.map(remainingGrant);
    for (let attempt = 0; ; attempt++) {
      let reply: ProgramReply;
      try {
        const worker = this.loadedOn !== null && this.loadedOn === this.worker && !this.loadedOn.ended ? this.loadedOn : await this.reload();
        reply = await worker.request((id) => [id, this.id, name, wireArgs, grants]);
      } catch (e) {
        if (e instanceof NotSent && attempt < 3 && !this.closed) continue;
        throw this.host.failure(e, "call");
      }
      return this.settle(reply, tokens);
    }
  }

  /** Loads the program again on its (new) worker: its top level runs again. */
  private reload(): Promise<ProgramWorker> {
    if (this.isClosed) return Promise.reject(new Error(`the sandbox program ${this.filename} is closed`));
    this.loading ??= (async () => {
      try {
        for (let attempt = 0; ; attempt++) {
          if (this.worker === null || this.worker.ended) this.worker = this.host.place(this);
          const worker = this.worker;
          try {
            await loadOn(this.host, worker, this.id, this.spec, this.loadTokens);
          } catch (e) {
            if (e instanceof NotSent && attempt < 3 && !this.closed) continue;
            throw e;
          }
          if (this.isClosed) {
            // closed while it loaded: unload it again
            worker.notify(() => ({ t: "unload", p: this.id }));
            throw new Error(`the sandbox program ${this.filename} is closed`);
          }
          this.loadedOn = worker;
          return worker;
        }
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  private async settle(reply: ProgramReply, tokens: readonly CapabilityToken[]): Promise<unknown> {
    const uses = reply[3];
    for (let i = 0; i < tokens.length; i++) {
      const n = uses[i] ?? 0;
      if (n > 0) countUse(tokens[i]!, n);
    }
    if (this.sinkError !== null) {
      const e = this.sinkError;
      this.sinkError = null;
      throw e;
    }
    const revive = this.host.revived ?? (await this.host.options.revive);
    if (reply[1] === 0) throw fromWireError(reply[2] as WireError, revive);
    return decode(reply[2] as Wire, revive);
  }
}

/** Sends a `load` and resolves to the names of the exported functions (rejects with the load's error). */
async function loadOn(
  host: ProgramHost, worker: ProgramWorker, id: number, spec: Omit<ProgramSpec, "capabilities">, tokens: readonly CapabilityToken[],
): Promise<string[]> {
  const full: ProgramSpec = { ...spec, capabilities: tokens.map(remainingGrant) };
  const encoded = encode(full, "spec");
  const reply = await worker.request((rid) => ({ t: "load", id: rid, p: id, spec: encoded }));
  tokens.forEach((token, i) => {
    const n = reply[3][i] ?? 0;
    if (n > 0) countUse(token, n);
  });
  const revive = host.revived ?? (await host.options.revive);
  if (reply[1] === 0) throw fromWireError(reply[2] as WireError, revive);
  return reply[2] as string[];
}

/** A token's JSON form, granting only the uses it has left (as sandbox.ts). */
function remainingGrant(token: CapabilityToken): CapabilityTokenJSON {
  const json = token.toJSON();
  return json.maxUses === null ? json : { ...json, maxUses: Math.max(0, json.maxUses - token.uses) };
}
