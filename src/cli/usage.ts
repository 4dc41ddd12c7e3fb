/**
 * Exit codes and argument parsing shared by the CLI commands. Usage errors are the CLI's own
 * words ("unknown option '--stesp' for 'mljs run' (did you mean '--steps'?)"), never Node's raw
 * parser messages.
 */
import type { ParseArgsConfig } from "node:util";
import { didYouMean } from "../compiler/suggest.js";
import { capability, type CapabilityToken } from "../capabilities/token.js";
import { CAPABILITY_NAMES } from "../capabilities/names.js";
import type { Limits } from "../runtime/state.js";

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
export class UsageError extends Error {
  /** `command`: the command whose usage to point at (`mljs help <command>`). */
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}
UsageError.prototype.name = "UsageError";

type NodeOptions = NonNullable<ParseArgsConfig["options"]>;

/** One option of {@link parseOptions}. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /**
   * A string option whose value is optional (`--inspect`, `--inspect=9230`): a value is given
   * only with `=`; alone, the option's value is the empty string.
   */
  readonly optionalValue?: boolean;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<O extends OptionSpec> = O["type"] extends "boolean" ? boolean : O["multiple"] extends true ? string[] : string;
/** Parsed option values by long name. */
export type OptionValues<S extends OptionSpecs> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

/** What {@link parseOptions} found. */
export interface ParsedOptions<S extends OptionSpecs> {
  values: OptionValues<S>;
  positionals: string[];
  /** `--help` or `-h` was given. */
  help: boolean;
}

/**
 * Parses `args` against `specs` (`--name value`, `--name=value`, `-x value`, `-xvalue`,
 * booleans `--flag`; `--` ends the options). A string option takes the next argument whatever
 * it looks like, so `--steps -5` reaches the number check. Unknown options are usage errors with
 * a suggestion.
 */
export function parseOptions<S extends OptionSpecs>(args: readonly string[], specs: S, command: string): ParsedOptions<S> {
  const values: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a === "--help" || a === "-h") {
      help = true;
      continue;
    }
    if (!a.startsWith("-") || a === "-") {
      positionals.push(a);
      continue;
    }
    const found = findOption(a, specs, command);
    let value = found.inline;
    if (found.spec.type === "boolean") {
      if (value !== undefined) throw new UsageError(`--${found.name} takes no value`, command);
      values[found.name] = true;
      continue;
    }
    if (value === undefined && found.spec.optionalValue === true) value = "";
    if (value === undefined) {
      if (i + 1 >= args.length) throw new UsageError(`--${found.name} needs a value`, command);
      value = args[++i]!;
    }
    if (found.spec.multiple === true) ((values[found.name] ??= []) as string[]).push(value);
    else values[found.name] = value;
  }
  return { values: values as OptionValues<S>, positionals, help };
}

/** The option `arg` names (with an inline `=value` or `-xvalue`), or a usage error. */
function findOption(arg: string, specs: OptionSpecs, command: string): { name: string; spec: OptionSpec; inline: string | undefined } {
  if (arg.startsWith("--")) {
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs[name];
    if (spec !== undefined) return { name, spec, inline: eq < 0 ? undefined : arg.slice(eq + 1) };
  } else {
    const letter = arg.slice(1, 2);
    const entry = Object.entries(specs).find(([, s]) => s.short === letter);
    if (entry !== undefined) return { name: entry[0], spec: entry[1], inline: arg.length > 2 ? arg.slice(2).replace(/^=/, "") : undefined };
  }
  throw unknownOption(arg, specs, command);
}

/** "unknown option '--stesp' for 'mljs run' (did you mean '--steps'?)". */
export function unknownOption(arg: string, specs: OptionSpecs, command: string): UsageError {
  const shown = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
  const near = didYouMean(shown.replace(/^-+/, ""), Object.keys(specs));
  return new UsageError(`unknown option '${shown}' for 'mljs ${command}'${near === undefined ? "" : ` (did you mean '--${near}'?)`}`, command);
}

/** True when `arg` names one of `specs` (`--steps`, `--steps=5`, `-I`, `-Idir`). */
export function isOptionOf(arg: string, specs: OptionSpecs): boolean {
  if (arg.startsWith("--")) {
    const eq = arg.indexOf("=");
    return specs[eq < 0 ? arg.slice(2) : arg.slice(2, eq)] !== undefined;
  }
  return arg.length >= 2 && arg.startsWith("-") && Object.values(specs).some((s) => s.short === arg.slice(1, 2));
}

/**
 * Splits `run`'s arguments at the script: options before it belong to mljs, everything after it
 * belongs to the program (so `mljs run app.ml --verbose` passes `--verbose` to the program).
 */
export function splitAtScript(args: string[], options: NodeOptions): { own: string[]; script: string | undefined; rest: string[] } {
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

/** The options every command that runs ML shares (`run`, `-e`, `repl`). */
export const RUN_OPTIONS = {
  steps: { type: "string" },
  timeout: { type: "string" },
  recursion: { type: "string" },
  "import-path": { type: "string", short: "I", multiple: true },
  allow: { type: "string", multiple: true },
  "allow-all": { type: "boolean" },
  "max-source-length": { type: "string" },
} as const satisfies OptionSpecs;

/** The limits `--steps`, `--timeout` and `--recursion` set. */
export function limitsFrom(values: OptionValues<typeof RUN_OPTIONS>): Limits {
  const limits: Limits = {};
  const steps = numberOption("steps", values.steps);
  const timeMs = numberOption("timeout", values.timeout);
  const recursion = numberOption("recursion", values.recursion);
  if (steps !== undefined) limits.steps = steps;
  if (timeMs !== undefined) limits.timeMs = timeMs;
  if (recursion !== undefined) limits.recursion = recursion;
  return limits;
}

/**
 * `--allow CAP[=PATTERN]` (repeatable; patterns of one capability are merged into one grant,
 * relative patterns start at the script's directory) and `--allow-all` (every stdlib capability,
 * unrestricted).
 */
export function grantsFromOptions(allow: readonly string[], all: boolean): CapabilityToken[] {
  const patterns = new Map<string, string[]>();
  for (const name of all ? CAPABILITY_NAMES : []) patterns.set(name, []);
  for (const item of allow) {
    const eq = item.indexOf("=");
    const name = eq < 0 ? item : item.slice(0, eq);
    const pattern = eq < 0 ? null : item.slice(eq + 1);
    if (pattern === "") throw new UsageError(`--allow ${item}: the pattern after '=' is empty`);
    const list = patterns.get(name);
    if (list === undefined) patterns.set(name, pattern === null ? [] : [pattern]);
    else if (pattern === null) list.length = 0; // an unrestricted grant covers every pattern
    else if (list.length > 0) list.push(pattern); // an empty list already means unrestricted
  }
  try {
    return [...patterns].map(([name, resources]) => capability(name, { resources }));
  } catch (e) {
    throw new UsageError(`--allow: ${(e as Error).message}`);
  }
}
