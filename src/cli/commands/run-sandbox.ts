/**
 * `mljs run --sandbox [--memory MB] [--timeout MS] file.ml`: the program runs in a worker of a
 * one-worker {@link Sandbox} (docs/security.md, "The worker sandbox") with a V8 heap limit and a hard wall-clock limit.
 * Output is passed on as the worker sends it; errors are reported as `mljs run` reports them.
 *
 * `input()` has no lines to read under `--sandbox` (standard input is not forwarded).
 */
import type { CapabilitiesInput } from "../../capabilities/context.js";
import type { Limits, Sink } from "../../runtime/state.js";
import { Sandbox } from "../../sandbox/sandbox.js";
import { ExitCode, UsageError } from "../usage.js";

/** Options of {@link runInSandbox}. */
export interface RunInSandboxOptions {
  /** The program's argument vector (the `args` module). */
  args?: readonly string[];
  /** What the program is granted. */
  capabilities?: CapabilitiesInput;
  /** In-worker limits (steps, recursion, sizes; `timeMs` defaults to `timeoutMs`). */
  limits?: Limits;
  /** The worker's heap limit in megabytes (default: the Sandbox default, 128). */
  memoryMb?: number;
  /** The run's hard wall-clock limit in milliseconds (default: the Sandbox default, 5000). */
  timeoutMs?: number;
  /** Extra directories for imported `.ml` modules. */
  importPaths?: readonly string[];
  /** Longest source of each module (default: the Sandbox's, which is `load`'s). */
  maxSourceLength?: number;
  /** Receives the program's standard output. */
  stdout: Sink;
  /** Receives the program's standard error, and error reports. */
  stderr: Sink;
  /** Colour in error reports. Default false. */
  color?: boolean;
}

/**
 * Runs `script` in a sandbox and resolves to the exit code: 0 success, 1 runtime error,
 * 2 compile error, 3 limit exceeded (steps, time, memory), 66 unreadable file.
 * Other errors (bad options) are thrown.
 */
export async function runInSandbox(script: string, options: RunInSandboxOptions): Promise<number> {
  let sandbox: Sandbox;
  try {
    sandbox = new Sandbox({
      poolSize: 1,
      minThreads: 1,
      ...(options.memoryMb === undefined ? {} : { memoryMb: options.memoryMb }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      // No grant given means none: the CLI has no ambient capability context to inherit.
      capabilities: options.capabilities ?? [],
      importPaths: options.importPaths ?? [],
      ...(options.maxSourceLength === undefined ? {} : { maxSourceLength: options.maxSourceLength }),
    });
  } catch (e) {
    // The sandbox refuses a heap or time limit it cannot honour: that is the user's option.
    if (!(e instanceof RangeError)) throw e;
    throw new UsageError(e.message.replace(/^memoryMb\b/, "--memory").replace(/^timeoutMs\b/, "--timeout"));
  }
  try {
    await sandbox.run(script, { argv: options.args ?? [], stdout: options.stdout, stderr: options.stderr });
    return ExitCode.Ok;
  } catch (e) {
    // Error reporting (code frames) is loaded only when there is an error to report.
    const { reportRunError } = await import("../report.js");
    return reportRunError(e, options.color === true, options.stderr);
  } finally {
    await sandbox.close();
  }
}
