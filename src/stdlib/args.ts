/**
 * `args` (docs/stdlib/args.md): the program's command-line arguments and a small argument parser.
 *
 * The argument vector is the one the host passes (the CLI passes what follows the script name);
 * reading it needs `args.read`. As in mlpy (Python's `sys.argv`), `all()` is the script's path
 * followed by that vector, and `rest()` the vector alone. `ArgParser.parse(argv)` parses an explicit vector without any
 * capability, and the program's own vector (no argument) with `args.read`.
 *
 * Parsing rules: `--name` / `-n` flags (short flags combine: `-vq`), `--name value`,
 * `--name=value` and `-n value` options (a flag or option may also have a one-letter short spelling,
 * mlpy's `add_flag(name, short, help)`), a value may not start with `--`, a lone `-` and
 * negative numbers are positional, `--` ends the options. Arguments beyond the declared
 * positionals are kept in `positionals()`. As in mlpy, `-h` / `--help` set the flag `help` unless
 * the program declared its own (nothing is printed: a program prints `parser.help()` itself).
 *
 * Cost (docs/limits.md): besides the step of the call, parsing charges a step per argument and
 * per 16 characters of it (and one per letter of combined short flags, `-vqx`); `help()` a step
 * per declared argument and per 16 characters written; copies a step per item.
 */
import { checkRequirements } from "../capabilities/check.js";
import { preview } from "../runtime/display.js";
import { setKey } from "../runtime/indexing.js";
import { truthy } from "../runtime/values.js";
import { defineModule, StdlibObject } from "./define.js";
import { needArray, needBoolean, needString, typeError, typeOf, valueError, booleanWord } from "./support/arguments.js";
import { spendItems, spendText, textCost } from "./support/cost.js";
import { programScope, runBudget } from "./support/scope.js";
import { charge, checkStringLength, tick } from "../runtime/limits.js";

const m = defineModule("args", "The program's command-line arguments (args.read), and a parser for flags, options and positional arguments.");

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

type Kind = "flag" | "option" | "positional";

/** One declared argument. */
interface ArgSpec {
  readonly kind: Kind;
  /** The key of its value (`verbose` for `--verbose`, `v` for `-v`). */
  readonly name: string;
  /** How it is written on the command line (`--verbose`, `-v`, or the positional's name). */
  readonly invocation: string;
  readonly help: string;
  readonly fallback: unknown;
  readonly required: boolean;
  /** The extra one-letter spelling of a flag or option (`-v`), or "". */
  readonly short: string;
}

/** The automatic `-h` / `--help` flag (see `ArgParser.parse`). */
const HELP_FLAG: ArgSpec = Object.freeze({ kind: "flag", name: "help", invocation: "--help", help: "", fallback: false, required: false, short: "h" });

/** The JSON form of an {@link ArgParser}. */
export interface ArgParserJSON {
  name: string;
  description: string;
  flags: { name: string; short: string; help: string }[];
  options: { name: string; short: string; help: string; default: unknown }[];
  positionals: { name: string; help: string; required: boolean }[];
}

/** The JSON form of {@link ParsedArgs}. */
export interface ParsedArgsJSON {
  flags: Record<string, boolean>;
  options: Record<string, unknown>;
  positionals: string[];
}

function toObject(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) setKey(o, k, v);
  return o;
}

/** The result of {@link ArgParser.parse}: immutable. */
export class ParsedArgs extends StdlibObject {
  readonly #flags: ReadonlyMap<string, boolean>;
  readonly #options: ReadonlyMap<string, unknown>;
  readonly #named: ReadonlyMap<string, string | null>;
  readonly #positionals: readonly string[];
  readonly #given: ReadonlySet<string>;

  /** @internal Made by {@link ArgParser.parse}. */
  constructor(
    flags: ReadonlyMap<string, boolean>,
    options: ReadonlyMap<string, unknown>,
    named: ReadonlyMap<string, string | null>,
    positionals: readonly string[],
    given: ReadonlySet<string>,
  ) {
    super();
    this.#flags = flags;
    this.#options = options;
    this.#named = named;
    this.#positionals = Object.freeze([...positionals]);
    this.#given = given;
    Object.freeze(this);
  }

  /** Whether the argument was given on the command line, or is an option with a non-null default (as in mlpy). */
  has(name: string): boolean {
    if (this.#given.has(name)) return true;
    const v = this.#options.get(name);
    return v !== undefined && v !== null;
  }

  /** The value of a flag (boolean), option or positional argument; `fallback` when it has none. */
  get(name: string, fallback: unknown = null): unknown {
    if (this.#flags.has(name)) return this.#flags.get(name);
    const v = this.#options.has(name) ? this.#options.get(name) : this.#named.get(name);
    return v === undefined || v === null ? fallback : v;
  }

  /** The value as a boolean (`true/1/yes/on`, `false/0/no/off`); `fallback` when it has none. */
  getBool(name: string, fallback: unknown = false): unknown {
    const v = this.get(name, null);
    if (v === null) return fallback;
    if (typeof v !== "string") return truthy(v);
    spendText(v.length);
    const b = booleanWord(v);
    if (b === null) throw valueError(`Argument ${name} is not a valid boolean: '${v}'`);
    return b;
  }

  /** The flags given on the command line, each `true` (as in mlpy). */
  flags(): Record<string, unknown> {
    spendItems(this.#flags.size);
    return toObject([...this.#flags].filter(([, v]) => v));
  }

  /** The options given on the command line and those with a non-null default (as in mlpy). */
  options(): Record<string, unknown> {
    spendItems(this.#options.size);
    return toObject([...this.#options].filter(([, v]) => v !== null && v !== undefined));
  }

  positionals(): string[] {
    spendItems(this.#positionals.length);
    return [...this.#positionals];
  }

  toJSON(): ParsedArgsJSON {
    return { flags: Object.fromEntries(this.#flags), options: Object.fromEntries(this.#options), positionals: [...this.#positionals] };
  }

  override toString(): string {
    // Bounded: option values and defaults are ML values of any size.
    return `ParsedArgs(flags=${preview(this.flags())}, options=${preview(this.options())}, positionals=${preview(this.positionals())})`;
  }
}

/** A command-line parser made by `args.createParser`; `add*` methods declare its arguments. */
export class ArgParser extends StdlibObject {
  readonly #name: string;
  readonly #description: string;
  readonly #specs: ArgSpec[] = [];
  /** `--long` and `-s` spellings of flags and options. */
  readonly #switches = new Map<string, ArgSpec>();
  /** Names of every declared argument (a declaration checks for a repeat in constant time). */
  readonly #names = new Set<string>();

  /** @internal Made by `args.createParser`. */
  constructor(name: string, description: string) {
    super();
    this.#name = name;
    this.#description = description;
    Object.freeze(this);
  }

  #declare(kind: Kind, rawName: string, help: string, fallback: unknown, required: boolean, rawShort = ""): this {
    const name = kind === "positional" ? rawName : rawName.replace(/^--?/, "");
    if (!NAME.test(name)) {
      throw valueError(
        kind === "positional"
          ? `Invalid positional argument name: '${rawName}' (a letter, then letters, digits, '_' or '-')`
          : `Invalid ${kind} name: '${rawName}' (a letter, then letters, digits, '_' or '-', optionally after '-' or '--')`,
      );
    }
    if (this.#names.has(name)) throw valueError(`Argument ${name} is already defined`);
    const invocation = kind === "positional" ? name : name.length === 1 ? `-${name}` : `--${name}`;
    const short = rawShort.replace(/^-/, "");
    if (short !== "") {
      if (!/^[A-Za-z0-9]$/.test(short)) throw valueError(`Invalid short name for ${name}: '${rawShort}' (one letter or digit, optionally after '-')`);
      if (`-${short}` !== invocation && this.#switches.has(`-${short}`)) throw valueError(`Short name -${short} is already used`);
    }
    const spec: ArgSpec = Object.freeze({ kind, name, invocation, help, fallback, required, short: short === "" || `-${short}` === invocation ? "" : short });
    this.#specs.push(spec);
    this.#names.add(name);
    if (kind !== "positional") {
      this.#switches.set(invocation, spec);
      if (spec.short !== "") this.#switches.set(`-${spec.short}`, spec);
    }
    return this;
  }

  /** Declares a boolean flag `--name` (or `-n` for a one-letter name), also written `-short` when given. */
  addFlag(name: string, help = "", short = ""): this {
    return this.#declare("flag", name, help, false, false, short);
  }

  /**
   * Declares an option `--name VALUE` (or `-n VALUE`, or `-short VALUE`) whose value is
   * `fallback` when absent.
   */
  addOption(name: string, help = "", fallback: unknown = null, short = ""): this {
    return this.#declare("option", name, help, fallback, false, short);
  }

  /** Declares the next positional argument, optional unless `required` (as in mlpy). */
  addPositional(name: string, help = "", required = false): this {
    return this.#declare("positional", name, help, null, required);
  }

  /** The parser's name. */
  get name(): string {
    return this.#name;
  }

  /** The parser's description. */
  get description(): string {
    return this.#description;
  }

  /** @internal The declared arguments of one kind (a copy), for the ML properties. */
  declared(kind: Kind): readonly ArgSpec[] {
    const list = this.#specs.filter((s) => s.kind === kind);
    spendItems(this.#specs.length);
    return list;
  }

  /**
   * Parses `argv`, or the program's own arguments when it is absent (which needs `args.read`).
   * Raises `ValueError` for an unknown option, a missing option value or a missing required
   * positional argument.
   */
  parse(argv?: readonly string[]): ParsedArgs {
    if (argv === undefined) {
      checkRequirements("args.parse", [{ capability: "args.read", scoped: false }]);
      argv = programScope().args;
    }
    const b = runBudget();
    charge(b, this.#specs.length);
    const flags = new Map<string, boolean>();
    const options = new Map<string, unknown>();
    const given = new Set<string>();
    const positionals: string[] = [];
    for (const s of this.#specs) {
      if (s.kind === "flag") flags.set(s.name, false);
      else if (s.kind === "option") options.set(s.name, s.fallback);
    }
    const set = (spec: ArgSpec, value: string | true) => {
      given.add(spec.name);
      if (spec.kind === "flag") flags.set(spec.name, true);
      else options.set(spec.name, value);
    };
    let i = 0;
    /** The value following option `shown`, consumed from argv. */
    const valueAfter = (shown: string): string => {
      const next = argv![i + 1];
      if (next === undefined || next.startsWith("--")) throw valueError(`Option ${shown} requires a value`);
      i++;
      return next;
    };
    let optionsEnded = false;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      // A step per argument and per 16 of its characters (it is scanned and sliced).
      charge(b, 1 + textCost(a.length));
      if (optionsEnded || a === "-" || !a.startsWith("-") || /^-\d/.test(a)) {
        positionals.push(a);
      } else if (a === "--") {
        optionsEnded = true;
      } else if (a.startsWith("--")) {
        const eq = a.indexOf("=");
        const shown = eq < 0 ? a : a.slice(0, eq);
        const spec = this.#switches.get(shown) ?? this.#automaticHelp(shown);
        if (spec === undefined) throw valueError(`Unknown option: ${shown}`);
        if (spec.kind === "flag") {
          if (eq >= 0) throw valueError(`Flag ${shown} does not take a value`);
          set(spec, true);
        } else set(spec, eq >= 0 ? a.slice(eq + 1) : valueAfter(shown));
      } else {
        // -v, -vq (combined flags), -o VALUE, -oVALUE
        for (let k = 1; k < a.length; k++) {
          if (--b.n < 0) tick(b);
          const shown = `-${a[k]}`;
          const spec = this.#switches.get(shown) ?? this.#automaticHelp(shown);
          if (spec === undefined) throw valueError(`Unknown option: ${shown}`);
          if (spec.kind === "flag") {
            set(spec, true);
            continue;
          }
          const attached = a.slice(k + 1).replace(/^=/, "");
          set(spec, attached !== "" ? attached : valueAfter(shown));
          break;
        }
      }
    }
    const named = new Map<string, string | null>();
    let p = 0;
    for (const s of this.#specs) {
      if (s.kind !== "positional") continue;
      const v = positionals[p++];
      if (v === undefined && s.required) throw valueError(`Required positional argument missing: ${s.name}`);
      named.set(s.name, v ?? null);
      if (v !== undefined) given.add(s.name);
    }
    return new ParsedArgs(flags, options, named, positionals, given);
  }

  /**
   * mlpy's automatic help flag: `-h` / `--help`, when the program declared no argument of that
   * spelling or named `help`, sets the flag `help` (the program decides what to print).
   */
  #automaticHelp(shown: string): ArgSpec | undefined {
    if ((shown !== "-h" && shown !== "--help") || this.#names.has("help")) return undefined;
    return HELP_FLAG;
  }

  /** Usage text in the style of Python's argparse. */
  help(): string {
    spendItems(this.#specs.length);
    const of = (kind: Kind) => this.#specs.filter((s) => s.kind === kind);
    const usageOf = (s: ArgSpec) =>
      s.kind === "flag" ? `[${s.invocation}]` : s.kind === "option" ? `[${s.invocation} ${s.name.toUpperCase()}]` : s.required ? s.name : `[${s.name}]`;
    const lines = [`usage: ${[this.#name, ...this.#specs.map(usageOf)].filter((part) => part !== "").join(" ")}`];
    if (this.#description !== "") lines.push("", this.#description);
    const rows = (title: string, specs: ArgSpec[]) => {
      if (specs.length === 0) return;
      const spelled = (s: ArgSpec) => (s.short !== "" ? `-${s.short}, ${s.invocation}` : s.invocation);
      const left = specs.map((s) => (s.kind === "option" ? `${spelled(s)} ${s.name.toUpperCase()}` : spelled(s)));
      const width = left.reduce((w, l) => Math.max(w, l.length), 0) + 2;
      lines.push("", `${title}:`);
      specs.forEach((s, k) => {
        const note = s.kind === "option" && s.fallback !== null ? ` (default: ${preview(s.fallback)})` : "";
        lines.push(`  ${left[k]!.padEnd(width)}${s.help}${note}`.trimEnd());
      });
    };
    rows("positional arguments", of("positional"));
    // Flags and options together, in the order they were declared.
    rows("options", this.#specs.filter((s) => s.kind !== "positional"));
    // Checked before the lines are joined: help texts and defaults can be long.
    const length = lines.reduce((n, l) => n + l.length + 1, 0);
    checkStringLength(length, programScope().state.limits);
    spendText(length);
    return lines.join("\n") + "\n";
  }

  toJSON(): ArgParserJSON {
    const of = (kind: Kind) => this.#specs.filter((s) => s.kind === kind);
    return {
      name: this.#name,
      description: this.#description,
      flags: of("flag").map((s) => ({ name: s.name, short: s.short, help: s.help })),
      options: of("option").map((s) => ({ name: s.name, short: s.short, help: s.help, default: s.fallback })),
      positionals: of("positional").map((s) => ({ name: s.name, help: s.help, required: s.required })),
    };
  }

  override toString(): string {
    return `<ArgParser ${this.#name}>`;
  }
}

// --- ML declarations ---

function optionalString(label: string, position: number, v: unknown): string {
  return v === undefined || v === null ? "" : needString(label, position, v);
}

m.class(ArgParser, {
  name: "ArgParser",
  description: "A command-line parser: declare flags, options and positional arguments, then parse().",
  members: [
    m.method<ArgParser>(
      {
        name: "addFlag", aliases: ["add_flag"], params: "name, short?, help=\"\"", returns: "ArgParser",
        description:
          "Declares a boolean flag --name (-n for a one-letter name); returns the parser. With three arguments, mlpy's form add_flag(name, short, help): short is an extra one-letter spelling (\"v\" or \"-v\", \"\" or null for none); with two, they are (name, help) — mljs's shorter form.",
      },
      (self, name: unknown, second?: unknown, third?: unknown) => {
        const n = needString("ArgParser.addFlag", 1, name);
        if (third === undefined) return self.addFlag(n, optionalString("ArgParser.addFlag", 2, second));
        return self.addFlag(n, optionalString("ArgParser.addFlag", 3, third), optionalString("ArgParser.addFlag", 2, second));
      },
    ),
    m.method<ArgParser>(
      {
        name: "addOption", aliases: ["add_option"], params: "name, short?, help=\"\", default=null", returns: "ArgParser",
        description:
          "Declares an option --name VALUE (or --name=VALUE); returns the parser. With four arguments, mlpy's form add_option(name, short, help, default): short is an extra one-letter spelling (\"\" or null for none); with up to three, they are (name, help, default) — mljs's shorter form. The value is default when the option is absent.",
      },
      (self, name: unknown, a?: unknown, b?: unknown, c?: unknown) => {
        const n = needString("ArgParser.addOption", 1, name);
        if (c === undefined) return self.addOption(n, optionalString("ArgParser.addOption", 2, a), b ?? null);
        return self.addOption(n, optionalString("ArgParser.addOption", 3, b), c, optionalString("ArgParser.addOption", 2, a));
      },
    ),
    m.method<ArgParser>(
      {
        name: "addPositional", aliases: ["add_positional"], params: "name, help=\"\", required=false", returns: "ArgParser",
        description: "Declares the next positional argument, optional unless required is true (as in mlpy); returns the parser.",
      },
      (self, name: unknown, help?: unknown, required?: unknown) =>
        self.addPositional(
          needString("ArgParser.addPositional", 1, name),
          optionalString("ArgParser.addPositional", 2, help),
          required === undefined || required === null ? false : needBoolean("ArgParser.addPositional", 3, required),
        ),
    ),
    m.method<ArgParser>(
      {
        name: "parse", params: "argv?", returns: "ParsedArgs",
        description: "Parses an array of argument strings, or the program's own arguments (which needs args.read) when none is given.",
      },
      (self, argv?: unknown) => {
        if (argv === undefined || argv === null) return self.parse();
        const list = needArray("ArgParser.parse", 1, argv);
        list.forEach((a, i) => {
          if (typeof a !== "string") throw typeError(`ArgParser.parse() argv must hold strings, found ${typeOf(a)} at index ${i}`);
        });
        return self.parse(list as string[]);
      },
    ),
    m.method<ArgParser>({ name: "help", params: "", returns: "string", description: "Usage text listing the declared arguments." }, (self) =>
      self.help(),
    ),
    m.property<ArgParser>({ name: "name", returns: "string", description: "The parser's name (mlpy's attribute)." }, (self) => self.name),
    m.property<ArgParser>({ name: "description", returns: "string", description: "The parser's description (mlpy's attribute)." }, (self) => self.description),
    m.property<ArgParser>(
      { name: "flags", returns: "object", description: "The declared flags: name → {\"short\", \"help\"} (mlpy's attribute; a copy)." },
      (self) => toObject(self.declared("flag").map((s) => [s.name, toObject([["short", s.short], ["help", s.help]])])),
    ),
    m.property<ArgParser>(
      { name: "options", returns: "object", description: "The declared options: name → {\"short\", \"help\", \"default\"} (mlpy's attribute; a copy)." },
      (self) => toObject(self.declared("option").map((s) => [s.name, toObject([["short", s.short], ["help", s.help], ["default", s.fallback]])])),
    ),
    m.property<ArgParser>(
      { name: "positionals", returns: "array of objects", description: "The declared positional arguments in order: {\"name\", \"help\", \"required\"} (mlpy's attribute; a copy)." },
      (self) => self.declared("positional").map((s) => toObject([["name", s.name], ["help", s.help], ["required", s.required]])),
    ),
  ],
  display: (self: ArgParser) => self.toString(),
});

m.class(ParsedArgs, {
  name: "ParsedArgs",
  description: "The result of ArgParser.parse(): flag, option and positional values.",
  members: [
    m.method<ParsedArgs>({ name: "has", params: "name", returns: "boolean", description: "Whether the argument was given on the command line, or is an option with a non-null default (as in mlpy)." }, (self, name: unknown) =>
      self.has(needString("ParsedArgs.has", 1, name)),
    ),
    m.method<ParsedArgs>(
      {
        name: "get", params: "name, default=null", returns: "value",
        description: "A flag's boolean, an option's value (its declared default when absent) or a positional argument; default when it has none.",
      },
      (self, name: unknown, fallback?: unknown) => self.get(needString("ParsedArgs.get", 1, name), fallback ?? null),
    ),
    m.method<ParsedArgs>(
      {
        name: "getBool", aliases: ["get_bool"], params: "name, default=false", returns: "boolean",
        description: "The value as a boolean: a flag as it is, text true/1/yes/on or false/0/no/off (other text raises ValueError); default when it has none.",
      },
      (self, name: unknown, fallback?: unknown) => self.getBool(needString("ParsedArgs.getBool", 1, name), fallback === undefined ? false : fallback),
    ),
    m.method<ParsedArgs>({ name: "flags", params: "", returns: "object", description: "The flags given on the command line, each true (as in mlpy)." }, (self) =>
      self.flags(),
    ),
    m.method<ParsedArgs>(
      { name: "options", params: "", returns: "object", description: "The options given on the command line and those with a non-null default, with their values (as in mlpy)." },
      (self) => self.options(),
    ),
    m.method<ParsedArgs>(
      { name: "positionals", params: "", returns: "array of strings", description: "All positional arguments in order, including undeclared extra ones." },
      (self) => self.positionals(),
    ),
  ],
  display: (self: ParsedArgs) => self.toString(),
});

// --- module functions ---

export const all = m.function(
  {
    name: "all", params: "", returns: "array of strings", requires: ["args.read"],
    description: "The script's path followed by the program's arguments, like Python's sys.argv (a copy).",
  },
  () => {
    const scope = programScope();
    spendItems(scope.args.length + 1);
    return [scope.script, ...scope.args];
  },
);

export const script = m.function(
  { name: "script", params: "", returns: "string", requires: ["args.read"], description: "The path (or name) of the program's entry script." },
  () => programScope().script,
);

export const rest = m.function(
  {
    name: "rest", params: "", returns: "array of strings", requires: ["args.read"],
    description: "The program's arguments without the script's path: all()[1:], like Python's sys.argv[1:].",
  },
  () => {
    const list = programScope().args;
    spendItems(list.length);
    return [...list];
  },
);

export const createParser = m.function(
  {
    name: "createParser", aliases: ["create_parser"], params: "name=\"\", description=\"\"", returns: "ArgParser",
    description: "A new argument parser; name and description appear in its help() text.",
  },
  (name?: unknown, description?: unknown) =>
    new ArgParser(optionalString("args.createParser", 1, name), optionalString("args.createParser", 2, description)),
);

export const definition = m.done();
