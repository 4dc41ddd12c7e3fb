/**
 * `env` (docs/stdlib/env.md): the program's environment variables.
 *
 * The environment is the program's own view (`programScope().env`, a copy the host gives at
 * load): `set` and `delete` change that view only, never the host's `process.env`. Every read
 * is checked with `env.read` for the variable's name and every write with `env.write`, so a
 * grant such as `env.read` on `APP_*` allows `APP_MODE` and denies `HOME`.
 */
import { authorizeEnv, checkRequirements, envVisible } from "../capabilities/check.js";
import { str } from "../runtime/display.js";
import { setKey } from "../runtime/indexing.js";
import { compareStrings } from "../runtime/ordering.js";
import { defineModule } from "./define.js";
import { needString, typeError, typeOf, valueError, booleanWord } from "./support/arguments.js";
import { programScope, spend } from "./support/scope.js";

const m = defineModule(
  "env",
  "The program's environment variables: reads need env.read and writes env.write, both checked per variable name; writes never change the host process's environment.",
);

// Each part of these can match a character in only one way, so a failed match is linear in the
// text (`\d+\.?\d*` could split a run of digits every way and took quadratic time).
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$|^[+-]?(?:inf|infinity|nan)$/i;

/** Parsing a value scans it: one step per 16 characters (docs/limits.md). */
function parsed(value: string): string {
  spend(Math.ceil(value.length / 16));
  return value.trim();
}

/** A value as error messages show it: long ones cut, so a message stays short. */
function shown(value: string): string {
  return value.length <= 100 ? value : `${value.slice(0, 100)}… (${value.length} characters)`;
}

/** The value of variable `key` after checking `env.read` for it (undefined when unset). */
function lookup(fn: string, key: unknown): { name: string; value: string | undefined } {
  const name = needString(`env.${fn}`, 1, key);
  authorizeEnv(`env.${fn}`, "env.read", name, fn);
  return { name, value: programScope().env.get(name) };
}

function givenOr(v: unknown, fallback: unknown): unknown {
  return v === undefined ? fallback : v;
}

export const get = m.function(
  {
    name: "get", params: "key, default=null", returns: "string or default", requires: ["env.read"],
    description: "The value of an environment variable, or default when it is not set.",
  },
  (key: unknown, fallback?: unknown) => lookup("get", key).value ?? givenOr(fallback, null),
);

const requireVariable = m.function(
  {
    name: "require", params: "key", returns: "string", requires: ["env.read"],
    description: "The value of an environment variable; raises ValueError when it is not set.",
  },
  (key: unknown) => {
    const { name, value } = lookup("require", key);
    if (value === undefined) throw valueError(`Required environment variable not set: ${name}`);
    return value;
  },
);
export { requireVariable as require };

export const has = m.function(
  { name: "has", params: "key", returns: "boolean", requires: ["env.read"], description: "Whether an environment variable is set." },
  (key: unknown) => lookup("has", key).value !== undefined,
);

export const all = m.function(
  {
    name: "all", params: "", returns: "object", requires: ["env.read"],
    description: "The environment variables the env.read grant allows, as an object sorted by name (one use of the grant).",
  },
  () => {
    const env = programScope().env;
    // One step per variable considered (its pattern matches are charged by the check).
    spend(env.size);
    // Filtered before the use is counted, so that a grant's last use still sees its variables.
    const names = [...env.keys()].filter((name) => envVisible("env.read", name)).sort(compareStrings);
    // Sorting: about log2(n) comparisons per name.
    spend(names.length * Math.ceil(Math.log2(names.length + 1)));
    checkRequirements("env.all", [{ capability: "env.read", scoped: false }]);
    const out: Record<string, unknown> = {};
    for (const name of names) setKey(out, name, env.get(name));
    return out;
  },
);

export const getInt = m.function(
  {
    name: "getInt", aliases: ["get_int"], params: "key, default=0", returns: "number or default", requires: ["env.read"],
    description: "An environment variable parsed as a decimal integer, or default (0 as in mlpy) when it is not set; other text raises ValueError.",
  },
  (key: unknown, fallback?: unknown) => {
    const { name, value } = lookup("getInt", key);
    if (value === undefined) return givenOr(fallback, 0);
    const text = parsed(value);
    if (!INTEGER.test(text)) throw valueError(`Environment variable ${name} is not a valid integer: '${shown(value)}'`);
    return Number(text);
  },
);

export const getFloat = m.function(
  {
    name: "getFloat", aliases: ["get_float"], params: "key, default=0", returns: "number or default", requires: ["env.read"],
    description: "An environment variable parsed as a number (as Python's float() reads it), or default (0 as in mlpy) when it is not set; other text raises ValueError.",
  },
  (key: unknown, fallback?: unknown) => {
    const { name, value } = lookup("getFloat", key);
    if (value === undefined) return givenOr(fallback, 0);
    const text = parsed(value);
    if (!FLOAT.test(text)) throw valueError(`Environment variable ${name} is not a valid number: '${shown(value)}'`);
    const lower = text.toLowerCase().replace(/^[+]/, "");
    if (lower === "nan" || lower === "-nan") return NaN;
    if (lower.endsWith("inf") || lower.endsWith("infinity")) return lower.startsWith("-") ? -Infinity : Infinity;
    return Number(text);
  },
);

export const getBool = m.function(
  {
    name: "getBool", aliases: ["get_bool"], params: "key, default=false", returns: "boolean or default", requires: ["env.read"],
    description:
      "An environment variable as a boolean: true/1/yes/on are true and false/0/no/off false (any case), and so is an empty value (as in mlpy); default when it is unset; other text raises ValueError.",
  },
  (key: unknown, fallback?: unknown) => {
    const { name, value } = lookup("getBool", key);
    if (value === undefined) return givenOr(fallback, false);
    if (parsed(value) === "") return false;
    const b = booleanWord(value);
    if (b !== null) return b;
    throw valueError(`Environment variable ${name} is not a valid boolean: '${shown(value)}' (expected true/false, 1/0, yes/no or on/off)`);
  },
);

/** A variable name that may be set: non-empty, without `=` or NUL (the OS could not hold it). */
function settableName(name: string): string {
  if (name.length === 0 || name.includes("=") || name.includes("\0")) {
    throw valueError(`Invalid environment variable name: '${name}'`);
  }
  return name;
}

export const set = m.function(
  {
    name: "set", params: "key, value", returns: "null", requires: ["env.write"],
    description: "Sets a variable in the program's own view of the environment (strings as they are, numbers and booleans with str); the host's environment is unchanged.",
  },
  (key: unknown, value: unknown) => {
    const name = settableName(needString("env.set", 1, key));
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      throw typeError(`env.set() argument 2 must be a string, number or boolean, not ${typeOf(value)}`);
    }
    const text = str(value);
    if (text.includes("\0")) throw valueError("env.set() value must not contain a NUL character");
    authorizeEnv("env.set", "env.write", name, "set");
    programScope().env.set(name, text);
  },
);

const del = m.function(
  {
    name: "delete", params: "key", returns: "boolean", requires: ["env.write"],
    description: "Removes a variable from the program's own view of the environment: true when it was set.",
  },
  (key: unknown) => {
    const name = needString("env.delete", 1, key);
    authorizeEnv("env.delete", "env.write", name, "delete");
    return programScope().env.delete(name);
  },
);
export { del as delete };

export const definition = m.done();
