/**
 * The value classes of `datetime` (docs/stdlib/datetime.md) and the factories that keep their
 * invariants: ISO calendar, years 1..9999 (as in Python), whole microseconds. The module file
 * (`stdlib/datetime.ts`) registers the classes and declares their ML members.
 *
 * Every instance is immutable, displays and serialises (`toJSON`) as its ISO form.
 */
import { Temporal } from "temporal-polyfill";
import { StdlibObject } from "../define.js";
import { valueError } from "./arguments.js";
import { checkDeltaRange, isoDuration } from "./datetime-delta.js";

const freeze = Object.freeze;

/** A time zone: an IANA name (`Europe/Paris`), `UTC`, or a fixed offset (`+05:30`). */
export class TimeZone extends StdlibObject {
  /** The canonical Temporal identifier, e.g. `Europe/Paris`. */
  readonly id: string;

  /** Host-side constructor; ML gets zones from `datetime.timezone(name)` (and `tz()` of a zoned DateTime). */
  constructor(id: string) {
    super();
    this.id = id;
    freeze(this);
  }

  toJSON(): string {
    return this.id;
  }

  override toString(): string {
    return this.id;
  }
}

/**
 * A date and time of day to the microsecond, naive or zoned.
 *
 * Representation: `local` is always the wall-clock reading (a `Temporal.PlainDateTime`).
 * A **naive** value (the default: `create`, `parseISO` without offset, `now()`) has `zoned`
 * `null`; it means "local time" without saying where, and compares and subtracts by wall clock.
 * A **zoned** value (`now(tz)`, `inZone`, `parseISO` with `Z`/an offset/a `[zone]`) also holds
 * the instant in its zone (`zoned`, a `Temporal.ZonedDateTime` whose wall clock is `local`); it
 * compares and subtracts by instant. Naive and zoned values are never equal and cannot be
 * ordered or subtracted against each other (as in Python).
 */
export class DateTime extends StdlibObject {
  /** The wall-clock reading (in its zone, for a zoned value). */
  readonly local: Temporal.PlainDateTime;
  /** The instant in its zone, or `null` for a naive value. */
  readonly zoned: Temporal.ZonedDateTime | null;

  /** Host-side constructor without checks; ML gets values from the `datetime` functions. */
  constructor(local: Temporal.PlainDateTime, zoned: Temporal.ZonedDateTime | null) {
    super();
    this.local = local;
    this.zoned = zoned;
    freeze(this);
  }

  /** `2024-03-15T14:30:45`, `.ffffff` when there are microseconds, `+01:00` when zoned. */
  override toString(): string {
    return `${this.local.toPlainDate().toString()}T${isoTime(this.local)}${this.zoned === null ? "" : this.zoned.offset}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** A calendar date (`2024-03-15`). */
export class MLDate extends StdlibObject {
  readonly date: Temporal.PlainDate;

  /** Host-side constructor without checks; ML gets dates from `datetime.createDate`, `today`… */
  constructor(date: Temporal.PlainDate) {
    super();
    this.date = date;
    freeze(this);
  }

  override toString(): string {
    return this.date.toString();
  }

  toJSON(): string {
    return this.toString();
  }
}

/** A time of day to the microsecond (`14:30:45`, `14:30:45.250000`). */
export class Time extends StdlibObject {
  readonly time: Temporal.PlainTime;

  /** Host-side constructor without checks; ML gets times from `datetime.createTime`, `dt.time()`. */
  constructor(time: Temporal.PlainTime) {
    super();
    this.time = time;
    freeze(this);
  }

  override toString(): string {
    return isoTime(this.time);
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * A duration, held as an exact count of microseconds (a `bigint`: spans of a few centuries do
 * not fit a double exactly). Python's normalised view (`days` of any sign, `seconds` 0..86399,
 * `microseconds`) is computed from it. Displays as an ISO-8601 duration (`P1DT2H`, `-PT1S`).
 */
export class TimeDelta extends StdlibObject {
  readonly micros: bigint;

  /** Host-side constructor; checks Python's range (±999999999 days). */
  constructor(micros: bigint) {
    super();
    this.micros = checkDeltaRange(micros);
    freeze(this);
  }

  override toString(): string {
    return isoDuration(this.micros);
  }

  toJSON(): string {
    return this.toString();
  }
}

/** The microsecond of a time of day (Temporal splits it into milli- and microseconds). */
export function microsecondOf(t: { readonly millisecond: number; readonly microsecond: number }): number {
  return t.millisecond * 1000 + t.microsecond;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `HH:MM:SS` plus `.ffffff` when the microsecond is not zero (Python's `isoformat`). */
function isoTime(t: Temporal.PlainTime | Temporal.PlainDateTime): string {
  const us = microsecondOf(t);
  const base = `${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
  return us === 0 ? base : `${base}.${String(us).padStart(6, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Factories: the only way the module makes values, so every value keeps the invariants.

function outOfRange(): never {
  throw valueError("date value out of range");
}

/** Runs a Temporal operation, turning its range errors (dates beyond its limits) into ML ones. */
export function temporal<T>(operation: () => T): T {
  try {
    return operation();
  } catch (e) {
    if (e instanceof RangeError) outOfRange();
    throw e;
  }
}

function checkYear(year: number): void {
  if (year < 1 || year > 9999) outOfRange();
}

/** Drops sub-microsecond digits (clock readings and parsed strings may have them). */
function truncated<T extends Temporal.PlainDateTime | Temporal.ZonedDateTime | Temporal.PlainTime>(v: T): T {
  return v.nanosecond === 0 ? v : (v.round({ smallestUnit: "microsecond", roundingMode: "trunc" }) as T);
}

/** A naive DateTime. */
export function naiveDateTime(local: Temporal.PlainDateTime): DateTime {
  checkYear(local.year);
  return new DateTime(truncated(local), null);
}

/** A zoned DateTime. */
export function zonedDateTime(zoned: Temporal.ZonedDateTime): DateTime {
  const z = truncated(zoned);
  const local = z.toPlainDateTime();
  checkYear(local.year);
  return new DateTime(local, z);
}

/**
 * The DateTime with wall clock `local` in `zone` (or naive when `zone` is null). A wall-clock
 * time skipped by a DST change moves forward by the gap; a repeated one takes the earlier
 * instant (Temporal's `compatible` rule).
 */
export function dateTimeAt(local: Temporal.PlainDateTime, zone: string | null): DateTime {
  return zone === null ? naiveDateTime(local) : zonedDateTime(temporal(() => local.toZonedDateTime(zone)));
}

/** A Date. */
export function makeDate(date: Temporal.PlainDate): MLDate {
  checkYear(date.year);
  return new MLDate(date);
}

/** A Time. */
export function makeTime(time: Temporal.PlainTime): Time {
  return new Time(truncated(time));
}
