/**
 * A compiled program run as the main program (`node out.js [args...]`, docs/compiling.md): as
 * `mljs run` would run its source — output on stdout and stderr, `input()` from stdin, the
 * arguments after the file for the `args` module, an uncaught error reported with its ML stack
 * and the same exit codes (1 runtime error, 3 limit exceeded). Capabilities and limits are the
 * ones given to `mljs compile` (`--allow`, `--steps`…), written into the file: nothing else.
 */
import { capability } from "../capabilities/token.js";
import { runCompiled, type CompiledProgram } from "../host/compiled.js";
import { ExitCode } from "./usage.js";
import { BufferedWriter, useColor, writeAllSync } from "./terminal.js";
import { readLineSync } from "./stdin.js";

/**
 * Runs `program` with the process's streams and arguments and sets `process.exitCode`. Never
 * rejects: every failure is reported on stderr.
 */
export async function runMain(program: CompiledProgram): Promise<void> {
  const stdout = new BufferedWriter(1);
  const stderr = new BufferedWriter(2, 0);
  try {
    const capabilities = (program.grants ?? []).map((g) => capability(g.name, { resources: g.resources }));
    await runCompiled(program, {
      capabilities,
      limits: program.limits ?? {},
      args: process.argv.slice(2),
      stdout: stdout.write,
      stderr: stderr.write,
      stdin: (prompt) => {
        stdout.write(prompt);
        stdout.flush();
        return readLineSync();
      },
    });
  } catch (e) {
    stdout.flush();
    process.exitCode = await report(e);
  } finally {
    stdout.flush();
    stderr.flush();
  }
}

/** Reports how the run ended and returns the exit code. */
async function report(e: unknown): Promise<number> {
  const write = (text: string): void => writeAllSync(2, text);
  try {
    const [{ reportRunError }, { MLRuntimeError }] = await Promise.all([import("./report.js"), import("../host/errors.js")]);
    const color = useColor(process.stderr);
    const parts: string[] = [];
    const code = reportRunError(e, color, (text) => parts.push(text));
    // The report's hints speak of `mljs run`'s options: a compiled program's come from `mljs compile`.
    const lines = parts.join("").split("\n").filter((line) => !/^(\x1b\[[0-9;]*m)*hint(\x1b\[[0-9;]*m)*: /.test(line));
    write(lines.join("\n"));
    if (e instanceof MLRuntimeError) {
      const missing = /requires capability '([\w.]+)'/.exec(e.mlMessage);
      if (e.mlType === "CapabilityError" && missing !== null) {
        write(`hint: compile it with --allow ${missing[1]} (or --allow ${missing[1]}=PATTERN to limit it)\n`);
      }
      if (e.mlStack.length === 0) write("note: compile with --source-map to see where in the .ml files this happened\n");
    }
    return code;
  } catch (other) {
    write(`mljs: ${other instanceof Error ? other.message : String(other)}\n`);
    return ExitCode.RuntimeError;
  }
}
