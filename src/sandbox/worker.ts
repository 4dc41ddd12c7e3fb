/**
 * The sandbox worker: the main module of each worker process (sandbox.ts forks the built
 * `worker.js` with a V8 heap limit). It runs one {@link SandboxTask} at a time with a fresh
 * `load`, so nothing a run does survives into the next one; a run that exhausts the heap ends
 * this process only.
 *
 * A program worker (a {@link SandboxProgram}'s, programs.ts) instead keeps programs loaded:
 * `load` runs a program's top level once and keeps it, each `call` is one call of an exported
 * function — a fresh host entry with fresh step and time budgets, under the call's own tokens.
 *
 * Capability tokens are re-created here from their JSON form, and every check of the run's I/O
 * happens here against them. The outcome goes back after any output, on the one ordered IPC
 * channel, so the host sees output and outcome in order.
 */
import { load } from "../host/api.js";
import type { Program } from "../host/api.js";
import { CapabilityContext } from "../capabilities/context.js";
import { tokenFromJSON, type CapabilityToken } from "../capabilities/token.js";
import { expandedSize } from "../runtime/size.js";
import { WireSizeError, decode, encode, encodeExports, type Wire } from "./codec.js";
import { limitError, toWireError } from "./errors.js";
import { OutputChannel } from "./output.js";
import type { Revive } from "./codec.js";
import type { AnyWorkerMessage, CallMessage, HostMessage, ProgramReply, ProgramSpec, SandboxReply, SandboxTask, WorkerMessage } from "./protocol.js";

/**
 * Stdlib values in arguments are revived by revive.ts, which loads `datetime` (Temporal) and
 * `regex`: imported the first time arguments hold one, so a worker starts without them
 * (≈ 45 ms of its start) and a program that uses neither never loads them.
 */
let reviver: Revive | null = null;
const NOT_LOADED = Symbol("revive.ts not loaded");
const notYet: Revive = () => {
  throw NOT_LOADED;
};

/** The decoded arguments, or a promise of them when revive.ts has to be imported first. */
function decodeArgs(wire: Wire): unknown[] | Promise<unknown[]> {
  if (reviver !== null) return decode(wire, reviver) as unknown[];
  try {
    return decode(wire, notYet) as unknown[];
  } catch (e) {
    if (e !== NOT_LOADED) throw e;
    return import("./revive.js").then((m) => {
      reviver = m.reviveStdlib;
      return decode(wire, reviver) as unknown[];
    });
  }
}

/** Runs one task; its messages (`start`, output, `done`) go to `send`. */
export async function runTask(task: SandboxTask, send: (message: WorkerMessage) => void): Promise<void> {
  send({ t: "start" });
  const output = new OutputChannel(send, task.maxOutputLength);
  const maxResultSize = task.limits.maxResultSize;
  let tokens: CapabilityToken[] = [];
  let reply: SandboxReply;
  try {
    if (process.cwd() !== task.cwd) process.chdir(task.cwd);
    tokens = task.capabilities.map(tokenFromJSON);
    const limits = { ...task.limits, timeMs: Math.min(task.limits.timeMs, task.orphanTimeMs) };
    const program = await load(task.input, {
      capabilities: tokens,
      limits,
      importPaths: task.importPaths,
      ...(task.maxSourceLength === null ? {} : { maxSourceLength: task.maxSourceLength }),
      env: task.env,
      args: task.argv,
      stdout: output.stdout,
      stderr: output.stderr,
      stdin: task.stdin === null ? undefined : lineReader(task.stdin, output.stdout),
    });
    let value: Wire;
    if (task.entry === null) {
      checkSize(program.exports, "exports", maxResultSize);
      value = sized("exports", maxResultSize, () => encodeExports(program.exports, maxResultSize));
    } else {
      value = await callEntry(program, task, tokens);
    }
    reply = { ok: true, value, uses: tokens.map((t) => t.uses) };
  } catch (e) {
    reply = { ok: false, error: toWireError(e, maxResultSize), uses: tokens.map((t) => t.uses) };
  }
  output.flush();
  try {
    send({ t: "done", reply });
  } catch (e) {
    // Only a serialization failure lands here (the reply is plain data); report it instead.
    const error = toWireError(new TypeError(`the run's outcome could not be sent back: ${(e as Error).message}`), maxResultSize);
    send({ t: "done", reply: { ok: false, error, uses: reply.uses } });
  }
}

/** Calls the entry with the run's tokens (there is no ambient context in a worker) and encodes its result. */
async function callEntry(program: Program, task: SandboxTask, tokens: readonly CapabilityToken[]): Promise<Wire> {
  const entry = task.entry!;
  const fn = Object.hasOwn(program.exports, entry) ? program.exports[entry] : undefined;
  if (typeof fn !== "function") {
    throw new TypeError(`entry '${entry}' is not a function exported by ${program.filename}`);
  }
  const args = await decodeArgs(task.args);
  const context = new CapabilityContext({ name: "sandbox", capabilities: tokens, isolated: true });
  const result: unknown = await context.run(() => (fn as (...a: unknown[]) => unknown)(...args));
  const max = task.limits.maxResultSize;
  checkSize(result, "result", max);
  return sized("result", max, () => encode(result, "result", max));
}

/**
 * Refuses a value whose expanded size (runtime/size.ts: shared parts counted at each use, a
 * cycle infinite) passes `max`, before it is encoded and sent: the host would otherwise hold
 * every copy structured clone makes of it. (An entry's result has passed the same check at the
 * program's boundary; the exports are measured here as one value.)
 */
function checkSize(value: unknown, what: string, max: number): void {
  const size = expandedSize(value, max);
  if (size > max) {
    const why = size === Infinity ? "it is cyclic" : `more than ${max} units, shared parts counted at each use`;
    throw tooLarge(what, why, max);
  }
}

/**
 * Encodes within `max` units as the message will hold them: `expandedSize` counts a stdlib value
 * as 1 unit, but its encoded form carries its text (a regex match its whole subject string) at
 * every reference.
 */
function sized(what: string, max: number, encodeIt: () => Wire): Wire {
  try {
    return encodeIt();
  } catch (e) {
    if (e instanceof WireSizeError) throw tooLarge(what, `${e.message}, stdlib values counting the text they carry`, max);
    throw e;
  }
}

function tooLarge(what: string, why: string, max: number): Error {
  return limitError(`${what} too large to cross to the host: ${why} (maxResultSize ${max})`);
}

/** `input()` from the given lines; the prompt is echoed to standard output, as a terminal shows it. */
function lineReader(lines: readonly string[], stdout: (text: string) => void): (prompt: string) => string | null {
  let next = 0;
  return (prompt) => {
    if (prompt !== "") stdout(prompt);
    return next < lines.length ? lines[next++]! : null;
  };
}

/** A program kept loaded in this worker, by its id. */
interface Loaded {
  readonly program: Program;
  readonly output: OutputChannel;
  readonly spec: ProgramSpec;
}
const programs = new Map<number, Loaded>();
const NO_TOKENS: readonly CapabilityToken[] = Object.freeze([]);
const NO_CAPABILITIES = new CapabilityContext({ name: "sandbox", capabilities: [], isolated: true });

/** Loads a program and keeps it; replies with the names of its exported functions. */
async function loadProgram(id: number, p: number, spec: ProgramSpec, send: (message: AnyWorkerMessage) => void): Promise<void> {
  const output = new OutputChannel(send, spec.maxOutputLength, p);
  const maxResultSize = spec.limits.maxResultSize;
  let tokens: CapabilityToken[] = [];
  let reply: ProgramReply;
  try {
    if (process.cwd() !== spec.cwd) process.chdir(spec.cwd);
    tokens = spec.capabilities.map(tokenFromJSON);
    const program = await load(spec.input, {
      capabilities: tokens,
      limits: { ...spec.limits, timeMs: Math.min(spec.limits.timeMs, spec.orphanTimeMs) },
      importPaths: spec.importPaths,
      ...(spec.maxSourceLength === null ? {} : { maxSourceLength: spec.maxSourceLength }),
      env: spec.env,
      args: spec.argv,
      stdout: output.stdout,
      stderr: output.stderr,
    });
    const names: string[] = [];
    for (const name of Object.keys(program.exports)) {
      try {
        if (typeof program.exports[name] === "function") names.push(name);
      } catch {
        // a binding too large to cross is data, not a function
      }
    }
    programs.set(p, { program, output, spec });
    reply = [id, 1, names, tokens.map((t) => t.uses)];
  } catch (e) {
    reply = [id, 0, toWireError(e, maxResultSize), tokens.map((t) => t.uses)];
  }
  output.flush();
  send(reply);
}

/** One call of a loaded program's exported function, under the call's tokens. */
function callProgram(m: CallMessage, send: (message: AnyWorkerMessage) => void): void | Promise<void> {
  const [id, p, name, args, capabilities] = m;
  const loaded = programs.get(p);
  if (loaded === undefined) {
    send([id, 0, { kind: "error", name: "Error", message: "the sandbox program is not loaded in this worker" }, []]);
    return;
  }
  const { program, output, spec } = loaded;
  const max = spec.limits.maxResultSize;
  output.reset();
  let tokens = NO_TOKENS;
  const fail = (e: unknown): void => {
    output.flush();
    send([id, 0, toWireError(e, max), tokens.map((t) => t.uses)]);
  };
  const succeed = (result: unknown): void => {
    let reply: ProgramReply;
    try {
      checkSize(result, "result", max);
      reply = [id, 1, sized("result", max, () => encode(result, "result", max)), tokens.map((t) => t.uses)];
    } catch (e) {
      return fail(e);
    }
    output.flush();
    send(reply);
  };
  let fn: (...a: unknown[]) => unknown;
  let argv: unknown[] | Promise<unknown[]>;
  try {
    if (process.cwd() !== spec.cwd) process.chdir(spec.cwd);
    if (capabilities.length > 0) tokens = capabilities.map(tokenFromJSON);
    const value = Object.hasOwn(program.exports, name) ? program.exports[name] : undefined;
    if (typeof value !== "function") throw new TypeError(`'${name}' is not a function exported by ${program.filename}`);
    fn = value as (...a: unknown[]) => unknown;
    argv = decodeArgs(args);
  } catch (e) {
    return fail(e);
  }
  const invoke = (a: unknown[]): void | Promise<void> => {
    let result: unknown;
    try {
      const context = tokens.length === 0 ? NO_CAPABILITIES : new CapabilityContext({ name: "sandbox", capabilities: tokens, isolated: true });
      result = context.run(() => fn(...a));
    } catch (e) {
      return fail(e);
    }
    if (result instanceof Promise) return result.then(succeed, fail);
    succeed(result);
  };
  if (argv instanceof Promise) return argv.then(invoke, fail);
  return invoke(argv);
}

/** A program worker's requests, handled in order; a call that completes synchronously is answered at once. */
function programQueue(send: (message: AnyWorkerMessage) => void): (m: HostMessage) => void {
  const pending: HostMessage[] = [];
  let busy = false;
  const handle = (m: HostMessage): void | Promise<void> => {
    if (Array.isArray(m)) return callProgram(m as CallMessage, send);
    const message = m as Exclude<HostMessage, CallMessage>;
    if (message.t === "load") return loadProgram(message.id, message.p, decode(message.spec, notYet) as ProgramSpec, send);
    if (message.t === "unload") programs.delete(message.p);
  };
  const drain = async (): Promise<void> => {
    busy = true;
    try {
      while (pending.length > 0) {
        const done = handle(pending.shift()!);
        if (done instanceof Promise) await done;
      }
    } finally {
      busy = false;
    }
  };
  return (m) => {
    pending.push(m);
    if (!busy) void drain();
  };
}

/** The worker process's loop: runs tasks as the host sends them, one at a time. */
function serve(): void {
  const channel = process.send?.bind(process);
  if (channel === undefined) {
    process.stderr.write("mljs: the sandbox worker runs only as a child process of a Sandbox\n");
    process.exit(70);
  }
  const send = (message: AnyWorkerMessage): void => {
    channel(message);
  };
  let queue = Promise.resolve();
  const program = programQueue(send);
  process.on("message", (m: HostMessage) => {
    if (Array.isArray(m)) return program(m);
    const message = m as Exclude<HostMessage, CallMessage> | null;
    if (message?.t === "run") {
      const task = message.task;
      queue = queue.then(() => runTask(task, send));
    } else if (message?.t === "load" || message?.t === "unload") program(message);
  });
  // The host closed the channel (close(), or the host itself ended): nothing more will come.
  process.on("disconnect", () => process.exit(0));
  send({ t: "ready" });
}

serve();
