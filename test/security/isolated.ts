/**
 * Runs a hostile program through the built CLI in a child process, for techniques that could
 * hang or crash the process running them (a synchronous loop inside the runtime cannot be
 * interrupted from the same thread). The child is killed after the program's wall-clock bound.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HostileProgram } from "./header.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "bin", "mljs.js");

/** What an isolated run produced. */
export interface IsolatedOutcome {
  stdout: string;
  /** `Type: message` of the error the CLI reported, or null when the program succeeded. */
  error: { type: string; message: string } | null;
  /** Why the run is not an ML outcome at all (killed, crashed, internal error), or null. */
  failure: string | null;
}

/** Whether the CLI has been built (`npm run build`), which isolated runs need. */
export function cliBuilt(): boolean {
  return existsSync(join(root, "dist", "cli", "main.js"));
}

/** Runs `program` with its limits through `mljs run`, killing it after `program.withinMs`. */
export function runIsolated(program: HostileProgram): IsolatedOutcome {
  if (!cliBuilt()) throw new Error("run `npm run build` first (npm test does)");
  const { steps, timeMs, recursion } = program.limits;
  const args = ["--max-old-space-size=256", cli, "run", "--steps", String(steps), "--timeout", String(timeMs), "--recursion", String(recursion), program.file];
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    timeout: program.withinMs,
    killSignal: "SIGKILL",
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (r.error !== undefined || r.signal !== null) {
    return { stdout: r.stdout ?? "", error: null, failure: `the process did not end by itself within ${program.withinMs} ms (${r.signal ?? r.error?.message})` };
  }
  if (r.status === 0) return { stdout: r.stdout, error: null, failure: null };
  // Exit 1 (runtime error) and 3 (limit exceeded) print `Type: message` first on stderr, after
  // the `file:line:col: ` of the error when it has one.
  const m = /^(?:\S+:\d+:\d+: )?(\w+): (.*)$/m.exec(r.stderr);
  if ((r.status === 1 || r.status === 3) && m !== null) return { stdout: r.stdout, error: { type: m[1]!, message: m[2]! }, failure: null };
  return { stdout: r.stdout, error: null, failure: `exit code ${r.status}: ${r.stderr.slice(0, 500)}` };
}
