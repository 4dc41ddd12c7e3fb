/**
 * Reads the header of a hostile program (`test/security/programs/<category>/<name>.ml`): the
 * technique it tries, what it is granted, and the exact outcome the runner must see. The format
 * is documented in `test/security/README.md`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Limits } from "../../src/runtime/state.js";

/** A runtime error the program must end with. */
export interface ExpectedError {
  /** The ML error type, compared exactly (`mlType`). */
  type: string;
  /** Must occur in the error's message (`mlMessage`). */
  message: string;
}

/** A compile error the program must be rejected with. */
export interface ExpectedCompileError {
  /** Diagnostic code, e.g. `ML2001`. */
  code: string;
  /** Must occur in that diagnostic's message, when given. */
  message: string | null;
}

/** One capability granted to the program: a name and optional resource patterns. */
export interface Grant {
  name: string;
  /** Patterns; `{tmp}` stands for the program's fresh temporary directory. */
  resources: string[];
}

/** A parsed hostile program. */
export interface HostileProgram {
  /** `<category>/<name>`. */
  id: string;
  category: string;
  /** File name without `.ml`; the marker file the program may try to write is `/tmp/mljs-escape-<name>`. */
  name: string;
  file: string;
  technique: string;
  grants: Grant[];
  limits: Limits;
  /** A host-side procedure from `scenarios.ts` (default: load the program and nothing else). */
  scenario: string | null;
  /** Run through the built CLI in a child process instead of in this process. */
  isolated: boolean;
  /** Wall-clock bound for the whole run, in milliseconds. */
  withinMs: number;
  /** Set when the program documents an escape that is not fixed yet (runs as `it.fails`). */
  knownEscape: string | null;
  /** Printed lines, exactly and in order. */
  output: string[];
  error: ExpectedError | null;
  compileError: ExpectedCompileError | null;
}

/** Limits every program runs with unless its header says otherwise: each ends quickly. */
export const DEFAULT_LIMITS: Readonly<Required<Limits>> = Object.freeze({
  steps: 200_000,
  timeMs: 1_000,
  recursion: 200,
  maxStringLength: 1_000_000,
  maxArrayLength: 100_000,
  maxResultSize: 1_000_000,
});

const DEFAULT_WITHIN_MS = 3_000;
const LIMIT_KEYS = new Set(Object.keys(DEFAULT_LIMITS));

const DIRECTIVE = /^\/\/ ([a-z-]+(?: [a-z]+)*):(?: (.*))?$/;

/** Every program under `root`, as `<category>/<name>.ml` paths sorted by id. */
export function programFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).filter((f) => f.endsWith(".ml")).map((f) => join(root, d.name, f)))
    .sort();
}

/**
 * Parses the header (the leading `//` lines) of one program.
 * @throws Error on an unknown or malformed directive, or a header without a technique or an
 *   expectation, so that a typo never silently drops a check.
 */
export function parseProgram(file: string, text: string = readFileSync(file, "utf8")): HostileProgram {
  const category = basename(join(file, ".."));
  const name = basename(file, ".ml");
  const p: HostileProgram = {
    id: `${category}/${name}`, category, name, file, technique: "", grants: [], limits: { ...DEFAULT_LIMITS },
    scenario: null, isolated: false, withinMs: DEFAULT_WITHIN_MS, knownEscape: null, output: [], error: null, compileError: null,
  };
  const fail = (why: string, line: string): never => {
    throw new Error(`${p.id}: ${why}: ${line}`);
  };
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith("//")) break;
    const m = DIRECTIVE.exec(line);
    if (m === null) {
      if (/^\/\/ *(expect|grant|limits|scenario|isolate|within|known|technique)/.test(line)) fail("malformed directive", line);
      continue; // free comment text
    }
    const [, key, value = ""] = m as unknown as [string, string, string | undefined];
    switch (key) {
      case "technique":
        p.technique = value;
        break;
      case "expect":
        p.output.push(value);
        break;
      case "expect error": {
        const e = /^([A-Za-z]+): (.+)$/.exec(value) ?? fail("expected 'Type: message'", line);
        p.error = { type: e[1]!, message: e[2]! };
        break;
      }
      case "expect compile error": {
        const e = /^(ML\d{4})(?: (.+))?$/.exec(value) ?? fail("expected 'ML1234 [message]'", line);
        p.compileError = { code: e[1]!, message: e[2] ?? null };
        break;
      }
      case "grant":
        for (const g of value.split(",").map((s) => s.trim()).filter(Boolean)) {
          const [cap, ...patterns] = g.split("=");
          p.grants.push({ name: cap!, resources: patterns.length > 0 ? [patterns.join("=")] : [] });
        }
        break;
      case "limits":
        for (const pair of value.split(/\s+/).filter(Boolean)) {
          const [k, v] = pair.split("=");
          if (!LIMIT_KEYS.has(k!) || !/^\d+$/.test(v ?? "")) fail("bad limit", line);
          (p.limits as Record<string, number>)[k!] = Number(v);
        }
        break;
      case "scenario":
        p.scenario = value;
        break;
      case "isolate":
        if (value !== "process") fail("only 'isolate: process' exists", line);
        p.isolated = true;
        break;
      case "within-ms":
        p.withinMs = /^\d+$/.test(value) ? Number(value) : fail("expected a number of milliseconds", line);
        break;
      case "known-escape":
        p.knownEscape = value;
        break;
      default:
        fail("unknown directive", line);
    }
  }
  if (p.technique === "") throw new Error(`${p.id}: the header must state the technique (// technique: …)`);
  if (p.error !== null && p.compileError !== null) throw new Error(`${p.id}: expects both a runtime and a compile error`);
  if (p.output.length === 0 && p.error === null && p.compileError === null) {
    throw new Error(`${p.id}: the header must state the expected outcome (// expect…)`);
  }
  if (p.isolated && (p.scenario !== null || p.grants.length > 0)) throw new Error(`${p.id}: isolated programs take no scenario or grant`);
  return p;
}
