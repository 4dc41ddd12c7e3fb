/**
 * `log` (docs/stdlib/log.md): leveled logging for ML programs.
 *
 * Lines go to the program's **standard output** sink, as in mlpy; the host controls that sink, so
 * no capability is needed. `addFile(path)` also appends every later line of the run to a file,
 * and `Logger.addFile(path)` every later line of that logger; either needs `file.write` for that
 * path: checked when the file is added, and again at every line written to it, under the
 * capabilities current then (a loaded program's later calls may run under other grants, or
 * none), each write counting one use of the grant.
 *
 * Everything is per program run (the run's module slot): the level (default `INFO`), the format
 * (`"text"` or `"json"`), timestamps (on by default), the files, and the loggers made by
 * `createLogger(name)` — the same name gives the same `Logger` within a run, and a new run starts
 * from the defaults. A logger has its own level, format and timestamp setting; any it has not set
 * follow the module-level ones.
 *
 * Text lines, as mlpy writes them: `[YYYY-MM-DD HH:MM:SS] LEVEL: message | k=v, k2=v2` (host
 * local time; the bracket part only with timestamps on — mlpy always writes it). JSON lines:
 * `{"message", "level", "logger", "timestamp", "data"}` with mlpy's names (level `WARN` for
 * warnings, logger `default` for the module-level functions) and an ISO-8601 UTC timestamp, left
 * out when timestamps are off.
 */
import { defineModule, StdlibObject } from "./define.js";
import { needBoolean, needObject, needString, valueError } from "./support/arguments.js";
import { writeFileData } from "./support/fs-io.js";
import { moduleSlot, programScope, runMeter, spend } from "./support/scope.js";
import { authorizePath } from "../capabilities/check.js";
import { repr, str } from "../runtime/display.js";
import { checkStringLength } from "../runtime/limits.js";
import { expandedSize } from "../runtime/size.js";
import type { RunState } from "../runtime/state.js";

const m = defineModule("log", "Leveled logging (DEBUG to CRITICAL) to standard output and log files, as text or JSON lines.");

const LEVELS: ReadonlyMap<string, number> = new Map([
  ["DEBUG", 10], ["INFO", 20], ["WARNING", 30], ["WARN", 30], ["ERROR", 40], ["CRITICAL", 50],
]);
const LEVEL_NAMES: ReadonlyMap<number, string> = new Map([[10, "DEBUG"], [20, "INFO"], [30, "WARNING"], [40, "ERROR"], [50, "CRITICAL"]]);

type Format = "text" | "json";

/** Level, format and timestamps: complete for a run, partial (own choices only) for a logger. */
interface Settings {
  level: number;
  format: Format;
  timestamps: boolean;
}

/** One program run's logging state. */
interface RunLog {
  readonly defaults: Settings;
  /** Files added with `log.addFile`: every line of the run goes to them. */
  readonly files: LogFile[];
  readonly loggers: Map<string, Logger>;
  readonly state: RunState;
}

/** A log file: the path as ML wrote it (for messages) and the canonical one. */
interface LogFile {
  readonly shown: string;
  readonly canonical: string;
}

/**
 * Where a call logs: the module-level root (`name` null, settings and files = the run's) or a
 * named logger (its own settings and files; it also writes to the run's files).
 */
interface Channel {
  readonly name: string | null;
  readonly run: RunLog;
  readonly own: Partial<Settings>;
  readonly files: LogFile[];
}

/** The current run's logging state, created with the defaults on first use. */
function runLog(): RunLog {
  return moduleSlot("log", (): RunLog => ({
    defaults: { level: LEVELS.get("INFO")!, format: "text", timestamps: true },
    files: [],
    loggers: new Map(),
    state: programScope().state,
  }));
}

/** The module-level functions' channel: its own settings are the run's. */
function rootChannel(): Channel {
  const run = runLog();
  return { name: null, run, own: run.defaults, files: run.files };
}

const levelOf = (ch: Channel): number => ch.own.level ?? ch.run.defaults.level;
const formatOf = (ch: Channel): Format => ch.own.format ?? ch.run.defaults.format;
const timestampsOf = (ch: Channel): boolean => ch.own.timestamps ?? ch.run.defaults.timestamps;

let channelOf!: (logger: Logger) => Channel;

/**
 * A named logger of one program run (`log.createLogger(name)`): the module's logging functions
 * as methods, with the logger's own level, format and timestamp setting.
 */
export class Logger extends StdlibObject {
  readonly #channel: Channel;

  /** @internal Loggers are made by `log.createLogger`. */
  constructor(channel: Channel) {
    super();
    this.#channel = channel;
    Object.freeze(this);
  }

  static {
    channelOf = (logger) => logger.#channel;
  }

  /** The logger's name. */
  get name(): string {
    return this.#channel.name!;
  }

  /** The level in force for this logger (its own, or the run's). */
  get level(): string {
    return LEVEL_NAMES.get(levelOf(this.#channel))!;
  }

  /** The line format in force for this logger: `"text"` or `"json"` (mlpy's `format_type`). */
  get formatType(): string {
    return formatOf(this.#channel);
  }

  /** Whether this logger's lines carry a timestamp (mlpy's `include_timestamp`). */
  get includeTimestamp(): boolean {
    return timestampsOf(this.#channel);
  }

  toJSON(): { name: string; level: string } {
    return { name: this.name, level: this.level };
  }

  override toString(): string {
    return `<Logger ${this.name} (${this.level})>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting and output

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `YYYY-MM-DD HH:MM:SS` in the host's local time. */
function localStamp(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function textLine(ch: Channel, levelName: string, message: string, data: Record<string, unknown> | null, now: Date | null): string {
  const limits = ch.run.state.limits;
  let line = now === null ? "" : `[${localStamp(now)}] `;
  line += `${levelName}: `;
  line += message;
  const keys = data === null ? [] : Object.keys(data);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    line += `${i === 0 ? " | " : ", "}${k}=${str(data![k], limits.maxStringLength, runMeter())}`;
    checkStringLength(line.length, limits);
  }
  return line;
}

function jsonLine(label: string, ch: Channel, levelName: string, message: string, data: Record<string, unknown> | null, now: Date | null): string {
  // mlpy's record: level WARN for warnings, logger "default" at module level, no timestamp when off.
  const level = levelName === "WARNING" ? "WARN" : levelName;
  const logger = ch.name ?? "default";
  const record = now === null ? { message, level, logger, data } : { message, level, logger, timestamp: now.toISOString(), data };
  // Measured before the engine writes it: JSON text is at least as long as the record's expanded
  // size, so a widely shared structure is refused instead of written out for ever.
  const max = ch.run.state.limits.maxStringLength;
  const size = expandedSize(record, max);
  if (size === Infinity) throw valueError(`${label}(): data cannot be written as JSON (it contains itself)`);
  checkStringLength(size, ch.run.state.limits);
  spend(Math.ceil(size / 4));
  try {
    // Stdlib objects serialize through their toJSON; functions (which JSON has no form for) by repr.
    return JSON.stringify(record, (_key, v: unknown) => (typeof v === "function" ? repr(v) : v));
  } catch (e) {
    // JSON.stringify's own TypeError means a cycle; anything else (an ML error from a toJSON) stands.
    if (e instanceof TypeError) throw valueError(`${label}(): data cannot be written as JSON (it contains itself)`);
    throw e;
  }
}

/** Logs `message` (and `data`) at `level` on `ch` if the level passes its threshold. */
function emit(label: string, ch: Channel, level: number, message: unknown, data: unknown): void {
  const fields = data === undefined || data === null ? null : needObject(label, 2, data);
  if (level < levelOf(ch)) return;
  const run = ch.run;
  const limits = run.state.limits;
  const format = formatOf(ch);
  const now = timestampsOf(ch) ? new Date() : null;
  const levelName = LEVEL_NAMES.get(level)!;
  const text = str(message, limits.maxStringLength, runMeter());
  const body = format === "json" ? jsonLine(label, ch, levelName, text, fields, now) : textLine(ch, levelName, text, fields, now);
  const line = body + "\n";
  checkStringLength(line.length, limits);
  // The run's files, then the logger's own ones not among them.
  const files = ch.files === run.files ? run.files : run.files.concat(ch.files.filter((f) => !run.files.some((r) => r.canonical === f.canonical)));
  // Every file is authorised for this write before anything is written: the grant that allowed
  // addFile may have expired, run out of uses, or not be current in this call at all.
  for (let i = 0; i < files.length; i++) authorizePath(label, "file.write", files[i]!.canonical, "addFile", files[i]!.shown);
  run.state.stdout(line);
  // Through the shared writer, to the file that was added: no symbolic link followed, nothing
  // but a regular file written.
  for (let i = 0; i < files.length; i++) writeFileData(files[i]!.canonical, files[i]!.shown, line, true, false);
}

function parseLevel(label: string, v: unknown): number {
  const name = needString(label, 1, v);
  const level = LEVELS.get(name.toUpperCase());
  if (level === undefined) throw valueError(`Invalid log level '${name}': use DEBUG, INFO, WARNING, ERROR or CRITICAL`);
  return level;
}

function parseFormat(label: string, v: unknown): Format {
  const name = needString(label, 1, v);
  const format = name.toLowerCase();
  if (format !== "text" && format !== "json") throw valueError(`Invalid log format '${name}': use "text" or "json"`);
  return format;
}

// ---------------------------------------------------------------------------------------------
// Module functions and Logger methods: one implementation each, on a channel

interface Operation {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly params: string;
  readonly returns: string;
  readonly description: string;
  readonly run: (label: string, ch: Channel, ...args: unknown[]) => unknown;
}

function logAt(levelName: string) {
  const level = LEVELS.get(levelName)!;
  return (label: string, ch: Channel, message: unknown, data?: unknown) => emit(label, ch, level, message, data);
}
const dataNote = "data, an optional object, is appended as ' | key=value, key2=value2'.";

const OPERATIONS = {
  debug: { name: "debug", params: "message, data?", returns: "null", description: `Logs message at DEBUG level; ${dataNote}`, run: logAt("DEBUG") },
  info: { name: "info", params: "message, data?", returns: "null", description: `Logs message at INFO level; ${dataNote}`, run: logAt("INFO") },
  warn: { name: "warn", params: "message, data?", returns: "null", description: `Logs message at WARNING level; ${dataNote}`, run: logAt("WARNING") },
  error: { name: "error", params: "message, data?", returns: "null", description: `Logs message at ERROR level; ${dataNote}`, run: logAt("ERROR") },
  critical: { name: "critical", params: "message, data?", returns: "null", description: `Logs message at CRITICAL level; ${dataNote}`, run: logAt("CRITICAL") },
  setLevel: {
    name: "setLevel", aliases: ["set_level"], params: "level", returns: "null",
    description: "Sets the lowest level logged: DEBUG, INFO, WARNING (or WARN), ERROR or CRITICAL, in any case.",
    run: (label, ch, level) => void (ch.own.level = parseLevel(label, level)),
  },
  setFormat: {
    name: "setFormat", aliases: ["set_format"], params: "format", returns: "null",
    description: 'Sets the line format: "text" or "json" (one JSON object per line).',
    run: (label, ch, format) => void (ch.own.format = parseFormat(label, format)),
  },
  setTimestamp: {
    name: "setTimestamp", aliases: ["set_timestamp"], params: "enabled", returns: "null",
    description: "Turns the timestamp of each line on or off.",
    run: (label, ch, enabled) => void (ch.own.timestamps = needBoolean(label, 1, enabled)),
  },
  isDebug: {
    name: "isDebug", aliases: ["is_debug"], params: "", returns: "boolean",
    description: "Whether DEBUG messages are logged.",
    run: (_label, ch) => levelOf(ch) <= LEVELS.get("DEBUG")!,
  },
} satisfies Record<string, Operation>;

/** `addFile(path)` on a channel: the file is checked, created (with its parents) and remembered. */
function addFileTo(label: string, ch: Channel, path: unknown): null {
  const shown = needString(label, 1, path);
  const canonical = authorizePath(label, "file.write", shown, "addFile");
  // Linear in the files already added (a handful); a step each.
  spend(ch.files.length);
  if (ch.files.some((f) => f.canonical === canonical)) return null;
  // Created now, so that a path that cannot be written fails here rather than at some later log call.
  writeFileData(canonical, shown, "", true, true);
  ch.files.push({ shown, canonical });
  return null;
}

/** The module function of an operation: on the run's root channel. */
function moduleFunction(op: Operation): (...args: unknown[]) => unknown {
  const label = `log.${op.name}`;
  const spec = { name: op.name, aliases: op.aliases, params: op.params, returns: op.returns, description: op.description };
  return m.function(spec, (...args: unknown[]) => op.run(label, rootChannel(), ...args));
}

export const debug = moduleFunction(OPERATIONS.debug);
export const info = moduleFunction(OPERATIONS.info);
export const warn = moduleFunction(OPERATIONS.warn);
export const error = moduleFunction(OPERATIONS.error);
export const critical = moduleFunction(OPERATIONS.critical);
export const setLevel = moduleFunction(OPERATIONS.setLevel);
export const setFormat = moduleFunction(OPERATIONS.setFormat);
export const setTimestamp = moduleFunction(OPERATIONS.setTimestamp);
export const isDebug = moduleFunction(OPERATIONS.isDebug);

export const createLogger = m.function(
  {
    name: "createLogger", aliases: ["create_logger"], params: "name", returns: "Logger",
    description: "The run's logger of that name (made on first use): the logging functions as methods, with its own level.",
  },
  (name: unknown): Logger => {
    const loggerName = needString("log.createLogger", 1, name);
    const run = runLog();
    let logger = run.loggers.get(loggerName);
    if (logger === undefined) {
      logger = new Logger({ name: loggerName, run, own: {}, files: [] });
      run.loggers.set(loggerName, logger);
    }
    return logger;
  },
);

export const addFile = m.function(
  {
    name: "addFile", aliases: ["add_file"], params: "path", returns: "null", requires: ["file.write"],
    description:
      "Also appends every later log line of this run (module functions and every logger) to the file (parent directories are created); each line written needs file.write for it at that moment.",
  },
  (path: unknown) => addFileTo("log.addFile", rootChannel(), path),
);

m.class(Logger, {
  name: "Logger",
  description: "A named logger of the program run, with its own level, format and timestamp setting.",
  members: [
    m.property({ name: "name", returns: "string", description: "The logger's name." }, (self: Logger) => self.name),
    m.property(
      { name: "format_type", aliases: ["formatType"], returns: "string", description: 'The line format in force for this logger: "text" or "json".' },
      (self: Logger) => self.formatType,
    ),
    m.property(
      { name: "include_timestamp", aliases: ["includeTimestamp"], returns: "boolean", description: "Whether this logger's lines carry a timestamp." },
      (self: Logger) => self.includeTimestamp,
    ),
    m.method(
      {
        name: "addFile", aliases: ["add_file"], params: "path", returns: "null", requires: ["file.write"],
        description:
          "Also appends every later line of this logger to the file (parent directories are created); each line written needs file.write for it at that moment.",
      },
      (self: Logger, path: unknown) => addFileTo("Logger.addFile", channelOf(self), path),
    ),
    ...Object.values(OPERATIONS).map((op: Operation) =>
      m.method(
        { name: op.name, aliases: op.aliases, params: op.params, returns: op.returns, description: op.description },
        (self: Logger, ...args: unknown[]) => op.run(`Logger.${op.name}`, channelOf(self), ...args),
      ),
    ),
  ],
  display: (self: Logger) => self.toString(),
});

export const definition = m.done();
