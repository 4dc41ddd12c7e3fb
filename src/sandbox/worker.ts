/**
 * The sandbox worker (piscina loads the built `worker.js`): runs one {@link SandboxTask} at a
 * time with a fresh `load`, so nothing a run does survives into the next one.
 *
 * Capability tokens are re-created here from their JSON form, and every check of the run's I/O
 * happens here against them. The outcome goes back on the task's port after any output, so
 * the host sees output and outcome in order.
 */
import { load } from "../host/api.js";
import type { Program } from "../host/api.js";
import { CapabilityContext } from "../capabilities/context.js";
import { tokenFromJSON, type CapabilityToken } from "../capabilities/token.js";
import { decode, encode, encodeExports, type Wire } from "./codec.js";
import { toWireError } from "./errors.js";
import { OutputChannel } from "./output.js";
import { reviveStdlib } from "./revive.js";
import type { SandboxReply, SandboxTask, WorkerMessage } from "./protocol.js";

/** Runs one task; the outcome is posted on `task.port`. */
export default async function runTask(task: SandboxTask): Promise<void> {
  const { port } = task;
  port.postMessage({ t: "start" } satisfies WorkerMessage);
  const output = new OutputChannel(port, task.maxOutputLength);
  let tokens: CapabilityToken[] = [];
  let reply: SandboxReply;
  try {
    tokens = task.capabilities.map(tokenFromJSON);
    const program = await load(task.input, {
      capabilities: tokens,
      limits: task.limits,
      importPaths: task.importPaths,
      env: task.env,
      args: task.argv,
      stdout: output.stdout,
      stderr: output.stderr,
      stdin: task.stdin === null ? undefined : lineReader(task.stdin, output.stdout),
    });
    const value = task.entry === null ? encodeExports(program.exports) : await callEntry(program, task, tokens);
    reply = { ok: true, value, uses: tokens.map((t) => t.uses) };
  } catch (e) {
    reply = { ok: false, error: toWireError(e), uses: tokens.map((t) => t.uses) };
  }
  output.flush();
  try {
    port.postMessage({ t: "done", reply } satisfies WorkerMessage);
  } catch (e) {
    // Only a structured-clone failure lands here (the reply is plain data); report it instead.
    const error = toWireError(new TypeError(`the run's outcome could not be sent back: ${(e as Error).message}`));
    port.postMessage({ t: "done", reply: { ok: false, error, uses: reply.uses } } satisfies WorkerMessage);
  }
  port.close();
}

/** Calls the entry with the run's tokens (there is no ambient context in a worker) and encodes its result. */
async function callEntry(program: Program, task: SandboxTask, tokens: readonly CapabilityToken[]): Promise<Wire> {
  const entry = task.entry!;
  const fn = Object.hasOwn(program.exports, entry) ? program.exports[entry] : undefined;
  if (typeof fn !== "function") {
    throw new TypeError(`entry '${entry}' is not a function exported by ${program.filename}`);
  }
  const args = decode(task.args, reviveStdlib) as unknown[];
  const context = new CapabilityContext({ name: "sandbox", capabilities: tokens, isolated: true });
  const result: unknown = await context.run(() => (fn as (...a: unknown[]) => unknown)(...args));
  return encode(result, "result");
}

/** `input()` from the given lines; the prompt is echoed to standard output, as a terminal shows it. */
function lineReader(lines: readonly string[], stdout: (text: string) => void): (prompt: string) => string | null {
  let next = 0;
  return (prompt) => {
    if (prompt !== "") stdout(prompt);
    return next < lines.length ? lines[next++]! : null;
  };
}
