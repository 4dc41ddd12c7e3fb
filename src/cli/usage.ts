/**
 * Exit codes and argument parsing shared by the CLI commands (built on `node:util` parseArgs).
 */
import type { ParseArgsConfig } from "node:util";

/** Documented exit codes (see `mljs --help`). */
export const ExitCode = {
  Ok: 0,
  RuntimeError: 1,
  CompileError: 2,
  LimitExceeded: 3,
  Usage: 64,
  NoInput: 66,
  Internal: 70,
} as const;

/** A mistake in how the command was invoked. */
export class UsageError extends Error {}
UsageError.prototype.name = "UsageError";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Runs an argument parser, turning its errors into {@link UsageError}s. */
export function guardUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * Splits `run`'s arguments at the script: options before it belong to mljs, everything after it
 * belongs to the program (so `mljs run app.ml --verbose` passes `--verbose` to the program).
 */
export function splitAtScript(args: string[], options: Options): { own: string[]; script: string | undefined; rest: string[] } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return { own: args.slice(0, i), script: args[i + 1], rest: args.slice(i + 2) };
    if (!a.startsWith("-") || a === "-") return { own: args.slice(0, i), script: a, rest: args.slice(i + 1) };
    if (a.includes("=")) continue;
    const spec = a.startsWith("--")
      ? options[a.slice(2)]
      : Object.values(options).find((o) => o.short === a.slice(1));
    if (spec?.type === "string") i++;
  }
  return { own: args, script: undefined, rest: [] };
}

/** Parses a non-negative number option. */
export function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`--${name} expects a non-negative number, got '${value}'`);
  }
  return n;
}
