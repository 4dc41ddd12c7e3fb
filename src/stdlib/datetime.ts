/**
 * `datetime` (docs/stdlib/datetime.md): dates, times, durations and time zones, on the Temporal
 * polyfill (no hand-written calendar arithmetic).
 *
 * Values are naive local date-times by default and zoned where asked for; see {@link DateTime}
 * for the representation. mlpy's forms are accepted: `utc()` is the name "UTC" (as in mlpy), and
 * `createTimeZone(hours, minutes, name)` gives mlpy's `{hours, minutes, name}` object, which every
 * time-zone parameter takes as a fixed UTC offset. `now(tz)` gives the time in tz, zoned (mlpy
 * ignored the argument's value and gave the naive UTC time; docs/mlpy-compat.md). Reading the clock (`now`, `today`, `calculateAge` without `current`)
 * requires `datetime.now`; everything else is pure. Arithmetic on a zoned value counts whole
 * days as calendar days (the wall clock is kept across a DST change) and hours, minutes and
 * seconds as exact elapsed time, as Temporal does.
 *
 * Cost (docs/limits.md): besides the step of the call, parsing and formatting charge a step per
 * 16 characters of text read and per directive written; other operations work on a fixed-size
 * value and cost only their call.
 */
import { Temporal } from "temporal-polyfill";
import { checkRequirements, type Requirement } from "../capabilities/check.js";
import { argumentError } from "../runtime/calls.js";
import { formatNumber } from "../runtime/numbers.js";
import { defineModule } from "./define.js";
import { isPlainObject, needInteger, needNumber, needString, optional, typeError, valueError } from "./support/arguments.js";
import { spendText } from "./support/cost.js";
import { programScope } from "./support/scope.js";
import { strftime, type ClockFields } from "./support/strftime.js";
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  multiplyMicros,
  normalizedParts,
  ratio,
  scaledSum,
} from "./support/datetime-delta.js";
import { parseIsoDateTime } from "./support/datetime-parse.js";
import {
  DateTime,
  MLDate,
  Time,
  TimeDelta,
  TimeZone,
  dateTimeAt,
  makeDate,
  makeTime,
  microsecondOf,
  naiveDateTime,
  temporal,
  zonedDateTime,
} from "./support/datetime-values.js";

export { DateTime, MLDate as Date, Time, TimeDelta, TimeZone };

const m = defineModule("datetime", "Dates, times, durations and time zones: naive local date-times by default, zoned where asked for.");

const NOW: readonly Requirement[] = Object.freeze([Object.freeze({ capability: "datetime.now", scoped: false })]);

// ---------------------------------------------------------------------------------------------
// Arguments

function needDateTime(fn: string, position: number, v: unknown): DateTime {
  if (v instanceof DateTime) return v;
  throw argumentError(fn, position, "a DateTime", v);
}

function needDelta(fn: string, position: number, v: unknown): TimeDelta {
  if (v instanceof TimeDelta) return v;
  throw argumentError(fn, position, "a TimeDelta", v);
}

/** The calendar date of a DateTime (its wall clock) or a Date. */
function calendarDate(fn: string, position: number, v: unknown): Temporal.PlainDate {
  if (v instanceof DateTime) return v.local.toPlainDate();
  if (v instanceof MLDate) return v.date;
  throw argumentError(fn, position, "a DateTime or Date", v);
}

/** Longest time-zone name looked up (IANA names and offsets are far shorter). */
const MAX_ZONE_LENGTH = 256;

/** The canonical identifier of a time-zone name (`europe/paris` → `Europe/Paris`, `+0530`). */
function zoneId(name: string): string {
  if (name.length > MAX_ZONE_LENGTH) throw valueError(`Unknown time zone: '${name.slice(0, 100)}…'`);
  spendText(name.length);
  try {
    return new Temporal.ZonedDateTime(0n, name).timeZoneId;
  } catch {
    throw valueError(`Unknown time zone: '${name}'`);
  }
}

/** Largest fixed UTC offset, in minutes (Temporal accepts offsets below 24 hours). */
const MAX_OFFSET_MINUTES = 24 * 60 - 1;

/**
 * The fixed-offset identifier (`+05:30`) of an mlpy time-zone object `{hours, minutes, name}`
 * (what `createTimeZone` returns): hours and minutes add up, each may be negative or fractional,
 * and the total must be whole minutes below 24 hours.
 */
function offsetZoneId(fn: string, position: number, o: Record<string, unknown>): string {
  const hours = o["hours"];
  const minutes = o["minutes"] ?? 0;
  if (typeof hours !== "number" || typeof minutes !== "number") {
    throw argumentError(fn, position, "a TimeZone, a time-zone name or a {hours, minutes} object", o);
  }
  const total = hours * 60 + minutes;
  if (!Number.isInteger(total) || Math.abs(total) > MAX_OFFSET_MINUTES) {
    throw valueError(`Invalid time zone offset: ${formatNumber(hours)} hours ${formatNumber(minutes)} minutes (whole minutes, less than 24 hours)`);
  }
  const a = Math.abs(total);
  return `${total < 0 ? "-" : "+"}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

/**
 * A zone argument as an identifier: a TimeZone, a name (IANA, "UTC", "+05:30"), or mlpy's
 * `{hours, minutes, name}` object from `createTimeZone`; `null` or absent gives `null`.
 */
function zoneArg(fn: string, position: number, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (v instanceof TimeZone) return v.id;
  if (typeof v === "string") return zoneId(v);
  if (isPlainObject(v)) return offsetZoneId(fn, position, v as Record<string, unknown>);
  throw argumentError(fn, position, "a TimeZone, a time-zone name or a {hours, minutes} object", v);
}

function invalidComponent(name: string, lo: number, hi: number, got: number, where = ""): never {
  throw valueError(`Invalid datetime components: ${name} must be in ${lo}..${hi}${where}, got ${got}`);
}

/** An integer component within `lo..hi`; absent (undefined/null) gives `fallback`. */
function component(fn: string, position: number, name: string, v: unknown, lo: number, hi: number, fallback?: number): number {
  const n = needInteger(fn, position, fallback === undefined ? v : optional(v, fallback));
  if (n < lo || n > hi) invalidComponent(name, lo, hi, n);
  return n;
}

function daysIn(year: number, month: number): number {
  return new Temporal.PlainYearMonth(year, month).daysInMonth;
}

/** Year, month and day (arguments `first`..`first+2`) as a checked date. */
function dateOf(fn: string, first: number, y: unknown, mo: unknown, d: unknown): Temporal.PlainDate {
  const year = component(fn, first, "year", y, 1, 9999);
  const month = component(fn, first + 1, "month", mo, 1, 12);
  const day = needInteger(fn, first + 2, d);
  const last = daysIn(year, month);
  if (day < 1 || day > last) invalidComponent("day", 1, last, day, ` for ${year}-${String(month).padStart(2, "0")}`);
  return new Temporal.PlainDate(year, month, day);
}

/** Hour, minute, second, microsecond (arguments `first`..`first+3`, each defaulting to 0). */
function timeOf(fn: string, first: number, h: unknown, mi: unknown, s: unknown, us: unknown): Temporal.PlainTime {
  const hour = component(fn, first, "hour", h, 0, 23, 0);
  const minute = component(fn, first + 1, "minute", mi, 0, 59, 0);
  const second = component(fn, first + 2, "second", s, 0, 59, 0);
  const micro = component(fn, first + 3, "microsecond", us, 0, 999_999, 0);
  return new Temporal.PlainTime(hour, minute, second, Math.floor(micro / 1000), micro % 1000);
}

// ---------------------------------------------------------------------------------------------
// Shared operations

/** Microseconds since the epoch: the instant of a zoned value, the wall clock read as UTC for a naive one. */
function epochMicros(dt: DateTime): bigint {
  const ns = dt.zoned !== null ? dt.zoned.epochNanoseconds : dt.local.toZonedDateTime("UTC").epochNanoseconds;
  return ns / 1000n;
}

function mixedKinds(action: string): never {
  throw typeError(`can't ${action} offset-naive and offset-aware datetimes`);
}

/** Ordering of DateTimes: by wall clock (naive) or instant (zoned); mixing the two is a TypeError. */
function compareDateTimes(a: DateTime, b: DateTime): number {
  if ((a.zoned === null) !== (b.zoned === null)) mixedKinds("compare");
  return a.zoned === null ? Temporal.PlainDateTime.compare(a.local, b.local) : Temporal.ZonedDateTime.compare(a.zoned, b.zoned!);
}

/** `==` of DateTimes: naive and zoned values are never equal (as in Python). */
function sameDateTime(a: DateTime, b: DateTime): boolean {
  return (a.zoned === null) === (b.zoned === null) && compareDateTimes(a, b) === 0;
}

/**
 * `dt` moved by `micros`: with `calendarDays`, the whole days of it are calendar days (a zoned
 * value keeps its wall clock across DST) and the rest exact time; otherwise all of it is exact.
 */
function moveBy(dt: DateTime, micros: bigint, calendarDays: boolean): DateTime {
  const days = calendarDays ? Number(micros / MICROS_PER_DAY) : 0;
  const rest = calendarDays ? micros % MICROS_PER_DAY : micros;
  // Truncating division leaves days and rest with one sign, as a Temporal duration requires.
  const seconds = Number(rest / MICROS_PER_SECOND);
  const microseconds = Number(rest % MICROS_PER_SECOND);
  return temporal(() =>
    dt.zoned === null
      ? naiveDateTime(dt.local.add({ days, seconds, microseconds }))
      : zonedDateTime(dt.zoned.add({ days }).add({ seconds, microseconds })),
  );
}

/** A value with the same zone as `dt` and wall clock `local`. */
function atWallClock(dt: DateTime, local: Temporal.PlainDateTime): DateTime {
  return dateTimeAt(local, dt.zoned === null ? null : dt.zoned.timeZoneId);
}

const END_OF_DAY = Object.freeze({ hour: 23, minute: 59, second: 59, millisecond: 999, microsecond: 999 });

function startOf(dt: DateTime, date: Temporal.PlainDate): DateTime {
  return atWallClock(dt, date.toPlainDateTime());
}

function endOf(dt: DateTime, date: Temporal.PlainDate): DateTime {
  return atWallClock(dt, date.toPlainDateTime(END_OF_DAY));
}

function clockFields(local: Temporal.PlainDateTime, zoned: Temporal.ZonedDateTime | null): ClockFields {
  return {
    year: local.year,
    month: local.month,
    day: local.day,
    hour: local.hour,
    minute: local.minute,
    second: local.second,
    microsecond: microsecondOf(local),
    dayOfWeek: local.dayOfWeek,
    dayOfYear: local.dayOfYear,
    weekOfYear: local.weekOfYear ?? 0,
    yearOfWeek: local.yearOfWeek ?? local.year,
    offset: zoned === null ? null : zoned.offset,
    zone: zoned === null ? null : zoned.timeZoneId,
  };
}

function formatWith(fn: string, fmt: unknown, local: Temporal.PlainDateTime, zoned: Temporal.ZonedDateTime | null): string {
  return strftime(needString(fn, 1, fmt), clockFields(local, zoned), programScope().state.limits);
}

/** Python's date for formatting a bare time: 1900-01-01. */
const FORMAT_EPOCH = new Temporal.PlainDate(1900, 1, 1);

/**
 * Calendar days from `start` to the date `n` business days (Monday–Friday) later (earlier for a
 * negative n), as a day-by-day walk that never counts the start day would find. Every 7 days
 * hold exactly 5 business days, so whole weeks are skipped at once.
 */
function businessDayOffset(start: Temporal.PlainDate, n: number): number {
  if (n === 0) return 0;
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  const weeks = Math.floor((left - 1) / 5);
  let offset = weeks * 7 * step;
  left -= weeks * 5;
  let weekday = start.dayOfWeek; // 1 = Monday … 7 = Sunday; unchanged by whole weeks
  while (left > 0) {
    offset += step;
    weekday = ((weekday - 1 + step + 7) % 7) + 1;
    if (weekday <= 5) left--;
  }
  return offset;
}

// ---------------------------------------------------------------------------------------------
// Module functions

export const now = m.function(
  {
    name: "now", params: "tz?", returns: "DateTime", requires: ["datetime.now"],
    description:
      "The current date and time: naive local time, or the time in tz when given (a TimeZone, a name such as \"UTC\" or \"Europe/Paris\", or a createTimeZone object), zoned.",
  },
  (tz?: unknown) => {
    const zone = zoneArg("now", 1, tz);
    return zone === null ? naiveDateTime(Temporal.Now.plainDateTimeISO()) : zonedDateTime(Temporal.Now.zonedDateTimeISO(zone));
  },
);

export const today = m.function(
  { name: "today", params: "", returns: "Date", requires: ["datetime.now"], description: "Today's local date." },
  () => makeDate(Temporal.Now.plainDateISO()),
);

export const create = m.function(
  {
    name: "create", params: "y, m, d, h=0, mi=0, s=0, us=0", returns: "DateTime",
    description: "A naive DateTime from its components (the seventh is microseconds, as in Python); out-of-range components raise ValueError.",
  },
  (y: unknown, mo: unknown, d: unknown, h?: unknown, mi?: unknown, s?: unknown, us?: unknown) =>
    naiveDateTime(dateOf("create", 1, y, mo, d).toPlainDateTime(timeOf("create", 4, h, mi, s, us))),
);

export const createDate = m.function(
  { name: "createDate", aliases: ["create_date"], params: "y, m, d", returns: "Date", description: "A Date from year, month and day; out-of-range components raise ValueError." },
  (y: unknown, mo: unknown, d: unknown) => makeDate(dateOf("createDate", 1, y, mo, d)),
);

export const createTime = m.function(
  {
    name: "createTime", aliases: ["create_time"], params: "h=0, mi=0, s=0, us=0", returns: "Time",
    description: "A Time of day from hour, minute, second and microsecond; out-of-range components raise ValueError.",
  },
  (h?: unknown, mi?: unknown, s?: unknown, us?: unknown) => makeTime(timeOf("createTime", 1, h, mi, s, us)),
);

export const createDelta = m.function(
  {
    name: "createDelta", aliases: ["create_delta"], params: "days=0, hours=0, minutes=0, seconds=0", returns: "TimeDelta",
    description: "A TimeDelta of the given days, hours, minutes and seconds (any sign, fractions allowed; rounded to microseconds).",
  },
  (days?: unknown, hours?: unknown, minutes?: unknown, seconds?: unknown) =>
    new TimeDelta(
      scaledSum([
        [needNumber("createDelta", 1, optional(days, 0)), MICROS_PER_DAY],
        [needNumber("createDelta", 2, optional(hours, 0)), MICROS_PER_HOUR],
        [needNumber("createDelta", 3, optional(minutes, 0)), MICROS_PER_MINUTE],
        [needNumber("createDelta", 4, optional(seconds, 0)), MICROS_PER_SECOND],
      ]),
    ),
);

export const fromTimestamp = m.function(
  {
    name: "fromTimestamp", aliases: ["from_timestamp"], params: "ts, tz?", returns: "DateTime",
    description: "The DateTime of a Unix timestamp in seconds: naive local time, or zoned in tz when given.",
  },
  (ts: unknown, tz?: unknown) => {
    const seconds = needNumber("fromTimestamp", 1, ts);
    if (!Number.isFinite(seconds)) throw valueError(`timestamp must be finite, got ${formatNumber(seconds)}`);
    const zone = zoneArg("fromTimestamp", 2, tz);
    const micros = scaledSum([[seconds, MICROS_PER_SECOND]]);
    const instant = temporal(() => Temporal.Instant.fromEpochNanoseconds(micros * 1000n));
    return temporal(() =>
      zone === null
        ? naiveDateTime(instant.toZonedDateTimeISO(Temporal.Now.timeZoneId()).toPlainDateTime())
        : zonedDateTime(instant.toZonedDateTimeISO(zone)),
    );
  },
);

export const parseISO = m.function(
  {
    name: "parseISO", aliases: ["parse_iso"], params: "s", returns: "DateTime",
    description: "Parses an ISO-8601 date or date-time; a trailing Z, UTC offset or [zone] gives a zoned value, otherwise it is naive.",
  },
  (s: unknown) => parseIsoDateTime(needString("parseISO", 1, s)),
);

export const daysInMonth = m.function(
  { name: "daysInMonth", aliases: ["days_in_month"], params: "y, m", returns: "number", description: "The number of days in month m of year y." },
  (y: unknown, mo: unknown) => daysIn(component("daysInMonth", 1, "year", y, 1, 9999), component("daysInMonth", 2, "month", mo, 1, 12)),
);

export const isLeapYear = m.function(
  { name: "isLeapYear", aliases: ["is_leap_year"], params: "y", returns: "boolean", description: "Whether year y is a leap year in the Gregorian calendar." },
  (y: unknown) => new Temporal.PlainYearMonth(component("isLeapYear", 1, "year", y, 1, 9999), 1).inLeapYear,
);

export const calculateAge = m.function(
  {
    name: "calculateAge", aliases: ["calculate_age"], params: "birth, current?", returns: "number",
    description: "Whole years from birth to current (Dates or DateTimes). Without current it uses today's date, which requires datetime.now (checked at the call).",
  },
  (birth: unknown, current?: unknown) => {
    const b = calendarDate("calculateAge", 1, birth);
    let c: Temporal.PlainDate;
    if (current === undefined || current === null) {
      checkRequirements("datetime.calculateAge", NOW);
      const zoned = birth instanceof DateTime ? birth.zoned : null;
      c = zoned === null ? Temporal.Now.plainDateISO() : Temporal.Now.plainDateISO(zoned.timeZoneId);
    } else {
      c = calendarDate("calculateAge", 2, current);
    }
    if (Temporal.PlainDate.compare(c, b) < 0) throw valueError(`calculateAge() birth date ${b} is after ${c}`);
    const beforeBirthday = c.month < b.month || (c.month === b.month && c.day < b.day);
    return c.year - b.year - (beforeBirthday ? 1 : 0);
  },
);

export const addBusinessDays = m.function(
  {
    name: "addBusinessDays", aliases: ["add_business_days"], params: "dt, n", returns: "DateTime or Date",
    description: "dt (a DateTime or Date) moved by n business days (Monday to Friday; backwards for negative n), keeping its time of day.",
  },
  (dt: unknown, n: unknown) => {
    const start = calendarDate("addBusinessDays", 1, dt);
    const days = businessDayOffset(start, needInteger("addBusinessDays", 2, n));
    if (dt instanceof MLDate) return makeDate(temporal(() => start.add({ days })));
    return moveBy(dt as DateTime, BigInt(days) * MICROS_PER_DAY, true);
  },
);

export const businessDaysBetween = m.function(
  {
    name: "businessDaysBetween", aliases: ["business_days_between"], params: "a, b", returns: "number",
    description: "The number of business days (Monday to Friday) between a and b (Dates or DateTimes, in either order), both included.",
  },
  (a: unknown, b: unknown) => {
    let start = calendarDate("businessDaysBetween", 1, a);
    let end = calendarDate("businessDaysBetween", 2, b);
    // As mlpy: the dates may come in either order.
    if (Temporal.PlainDate.compare(start, end) > 0) [start, end] = [end, start];
    const total = start.until(end, { largestUnit: "days" }).days + 1;
    let count = Math.floor(total / 7) * 5;
    let weekday = start.dayOfWeek;
    for (let i = total % 7; i > 0; i--) {
      if (weekday <= 5) count++;
      weekday = (weekday % 7) + 1;
    }
    return count;
  },
);

export const isWeekend = m.function(
  { name: "isWeekend", aliases: ["is_weekend"], params: "dt", returns: "boolean", description: "Whether dt (a DateTime or Date) falls on a Saturday or Sunday." },
  (dt: unknown) => calendarDate("isWeekend", 1, dt).dayOfWeek >= 6,
);

export const isWeekday = m.function(
  { name: "isWeekday", aliases: ["is_weekday"], params: "dt", returns: "boolean", description: "Whether dt (a DateTime or Date) falls on a Monday to Friday." },
  (dt: unknown) => calendarDate("isWeekday", 1, dt).dayOfWeek <= 5,
);

export const utc = m.function(
  {
    name: "utc", params: "", returns: "string",
    description: "The name of the UTC time zone, \"UTC\" (as in mlpy), accepted wherever a time zone is: datetime.now(datetime.utc()).",
  },
  () => "UTC",
);

export const createTimeZone = m.function(
  {
    name: "createTimeZone", aliases: ["create_time_zone"], params: "hours, minutes=0, name=\"\"", returns: "object {hours, minutes, name}",
    description: "mlpy's fixed-offset time zone: the object {hours, minutes, name}, accepted as a UTC offset of hours + minutes wherever a time zone is (now, fromTimestamp, inZone).",
  },
  (hours: unknown, minutes?: unknown, name?: unknown) => {
    const h = needNumber("createTimeZone", 1, hours);
    const mi = needNumber("createTimeZone", 2, optional(minutes, 0));
    const n = needString("createTimeZone", 3, optional(name, ""));
    const o = { hours: h, minutes: mi, name: n };
    offsetZoneId("createTimeZone", 1, o); // checked here, so it is an error where it is made
    return o;
  },
);

export const timezone = m.function(
  {
    name: "timezone", params: "name", returns: "TimeZone",
    description: "The time zone with an IANA name (\"Europe/Paris\"), \"UTC\", or a fixed offset (\"+05:30\"); an unknown name raises ValueError.",
  },
  (name: unknown) => new TimeZone(zoneId(needString("timezone", 1, name))),
);

// ---------------------------------------------------------------------------------------------
// DateTime

/** A method without arguments. */
function reader<S>(name: string, returns: string, description: string, read: (self: S) => unknown, aliases?: string[]) {
  return m.method<S>({ name, aliases, params: "", returns, description }, read);
}

/** `addDays`-style methods: a number of units (fractions and negatives allowed). */
function adder(name: string, alias: string, unit: bigint, unitName: string, calendarDays: boolean) {
  return m.method<DateTime>(
    {
      name, aliases: [alias], params: "n", returns: "DateTime",
      description: `This DateTime moved by n ${unitName} (negative moves back; fractions allowed).`,
    },
    (self, n: unknown) => moveBy(self, scaledSum([[needNumber(name, 1, n), unit]]), calendarDays),
  );
}

m.class(DateTime, {
  name: "DateTime",
  description: "A date and time of day to the microsecond, naive (local) or in a time zone. Compares by wall clock (naive) or instant (zoned).",
  display: (self: DateTime) => self.toString(),
  equals: sameDateTime,
  compare: compareDateTimes,
  members: [
    reader<DateTime>("year", "number", "The year (1..9999).", (self) => self.local.year),
    reader<DateTime>("month", "number", "The month (1..12).", (self) => self.local.month),
    reader<DateTime>("day", "number", "The day of the month (1..31).", (self) => self.local.day),
    reader<DateTime>("hour", "number", "The hour (0..23).", (self) => self.local.hour),
    reader<DateTime>("minute", "number", "The minute (0..59).", (self) => self.local.minute),
    reader<DateTime>("second", "number", "The second (0..59).", (self) => self.local.second),
    reader<DateTime>("microsecond", "number", "The microsecond (0..999999).", (self) => microsecondOf(self.local)),
    reader<DateTime>("weekday", "number", "The day of the week: Monday is 0, Sunday is 6.", (self) => self.local.dayOfWeek - 1),
    reader<DateTime>(
      "timestamp", "number", "Seconds since the Unix epoch (a naive value is read as local time).",
      (self) => {
        const zoned = self.zoned ?? temporal(() => self.local.toZonedDateTime(Temporal.Now.timeZoneId()));
        return ratio(zoned.epochNanoseconds / 1000n, MICROS_PER_SECOND);
      },
    ),
    adder("addDays", "add_days", MICROS_PER_DAY, "days", true),
    adder("addHours", "add_hours", MICROS_PER_HOUR, "hours", false),
    adder("addMinutes", "add_minutes", MICROS_PER_MINUTE, "minutes", false),
    adder("addSeconds", "add_seconds", MICROS_PER_SECOND, "seconds", false),
    m.method<DateTime>(
      { name: "add", params: "delta", returns: "DateTime", description: "This DateTime plus a TimeDelta." },
      (self, delta: unknown) => moveBy(self, needDelta("add", 1, delta).micros, true),
    ),
    m.method<DateTime>(
      { name: "subtract", params: "delta", returns: "DateTime", description: "This DateTime minus a TimeDelta." },
      (self, delta: unknown) => moveBy(self, -needDelta("subtract", 1, delta).micros, true),
    ),
    m.method<DateTime>(
      {
        name: "diff", params: "other", returns: "TimeDelta",
        description: "The TimeDelta from other to this DateTime (this - other); both must be naive or both zoned.",
      },
      (self, other: unknown) => {
        const o = needDateTime("diff", 1, other);
        if ((self.zoned === null) !== (o.zoned === null)) mixedKinds("subtract");
        return new TimeDelta(epochMicros(self) - epochMicros(o));
      },
    ),
    reader<DateTime>("startOfDay", "DateTime", "Midnight at the start of this day.", (self) => startOf(self, self.local.toPlainDate()), ["start_of_day"]),
    reader<DateTime>("endOfDay", "DateTime", "The last microsecond of this day (23:59:59.999999).", (self) => endOf(self, self.local.toPlainDate()), ["end_of_day"]),
    reader<DateTime>(
      "startOfMonth", "DateTime", "Midnight on the first day of this month.",
      (self) => startOf(self, self.local.toPlainDate().with({ day: 1 })), ["start_of_month"],
    ),
    reader<DateTime>(
      "endOfMonth", "DateTime", "The last microsecond of this month.",
      (self) => endOf(self, self.local.toPlainDate().with({ day: self.local.daysInMonth })), ["end_of_month"],
    ),
    reader<DateTime>(
      "startOfYear", "DateTime", "Midnight on January 1 of this year.",
      (self) => startOf(self, self.local.toPlainDate().with({ month: 1, day: 1 })), ["start_of_year"],
    ),
    reader<DateTime>(
      "endOfYear", "DateTime", "The last microsecond of this year.",
      (self) => endOf(self, self.local.toPlainDate().with({ month: 12, day: 31 })), ["end_of_year"],
    ),
    m.method<DateTime>(
      { name: "isSameDay", aliases: ["is_same_day"], params: "other", returns: "boolean", description: "Whether other (a DateTime or Date) is on the same calendar date (wall clock)." },
      (self, other: unknown) => self.local.toPlainDate().equals(calendarDate("isSameDay", 1, other)),
    ),
    m.method<DateTime>(
      { name: "isBefore", aliases: ["is_before"], params: "other", returns: "boolean", description: "Whether this DateTime is earlier than other." },
      (self, other: unknown) => compareDateTimes(self, needDateTime("isBefore", 1, other)) < 0,
    ),
    m.method<DateTime>(
      { name: "isAfter", aliases: ["is_after"], params: "other", returns: "boolean", description: "Whether this DateTime is later than other." },
      (self, other: unknown) => compareDateTimes(self, needDateTime("isAfter", 1, other)) > 0,
    ),
    m.method<DateTime>(
      { name: "isSame", aliases: ["is_same"], params: "other", returns: "boolean", description: "Whether this DateTime equals other (same as ==)." },
      (self, other: unknown) => sameDateTime(self, needDateTime("isSame", 1, other)),
    ),
    m.method<DateTime>(
      {
        name: "format", aliases: ["strftime"], params: "fmt=\"%Y-%m-%d %H:%M:%S\"", returns: "string",
        description: "This DateTime formatted with strftime directives (%Y-%m-%d %H:%M:%S, %B, %a, %z…); without fmt, as 2024-03-15 14:30:45 (mlpy's default).",
      },
      (self, fmt?: unknown) => formatWith("format", optional(fmt, "%Y-%m-%d %H:%M:%S"), self.local, self.zoned),
    ),
    reader<DateTime>(
      "toISOString", "string", "The ISO form, e.g. 2024-03-15T14:30:45 (fraction only when non-zero, offset when zoned).",
      (self) => self.toString(), ["to_iso_string", "isoformat"],
    ),
    reader<DateTime>("toString", "string", "The ISO form (same as toISOString).", (self) => self.toString(), ["to_string"]),
    reader<DateTime>("date", "Date", "The calendar date of this DateTime.", (self) => makeDate(self.local.toPlainDate())),
    reader<DateTime>("time", "Time", "The time of day of this DateTime.", (self) => makeTime(self.local.toPlainTime())),
    m.method<DateTime>(
      {
        name: "inZone", aliases: ["in_zone"], params: "tz", returns: "DateTime",
        description: "A zoned value converted to the same instant in tz; a naive value's wall clock taken as a time in tz. tz null gives the naive wall clock.",
      },
      (self, tz: unknown) => {
        const zone = zoneArg("inZone", 1, tz);
        if (zone === null) return naiveDateTime(self.local);
        const zoned = self.zoned;
        return zoned === null ? dateTimeAt(self.local, zone) : zonedDateTime(temporal(() => zoned.withTimeZone(zone)));
      },
    ),
    reader<DateTime>("tz", "TimeZone or null", "The time zone of a zoned value, null for a naive one.", (self) =>
      self.zoned === null ? null : new TimeZone(self.zoned.timeZoneId),
    ),
  ],
});

// ---------------------------------------------------------------------------------------------
// Date

m.class(MLDate, {
  name: "Date",
  description: "A calendar date (year, month, day).",
  display: (self: MLDate) => self.toString(),
  equals: (a: MLDate, b: MLDate) => a.date.equals(b.date),
  compare: (a: MLDate, b: MLDate) => Temporal.PlainDate.compare(a.date, b.date),
  members: [
    reader<MLDate>("year", "number", "The year (1..9999).", (self) => self.date.year),
    reader<MLDate>("month", "number", "The month (1..12).", (self) => self.date.month),
    reader<MLDate>("day", "number", "The day of the month (1..31).", (self) => self.date.day),
    reader<MLDate>("weekday", "number", "The day of the week: Monday is 0, Sunday is 6.", (self) => self.date.dayOfWeek - 1),
    reader<MLDate>("isWeekend", "boolean", "Whether this date is a Saturday or Sunday.", (self) => self.date.dayOfWeek >= 6, ["is_weekend"]),
    reader<MLDate>("isWeekday", "boolean", "Whether this date is a Monday to Friday.", (self) => self.date.dayOfWeek <= 5, ["is_weekday"]),
    reader<MLDate>("toISOString", "string", "The ISO form, e.g. 2024-03-15.", (self) => self.toString(), ["to_iso_string", "isoformat"]),
    m.method<MLDate>(
      { name: "addDays", aliases: ["add_days"], params: "n", returns: "Date", description: "This date moved by n days (an integer; negative moves back)." },
      (self, n: unknown) => {
        const days = needInteger("addDays", 1, n);
        return makeDate(temporal(() => self.date.add({ days })));
      },
    ),
    m.method<MLDate>(
      { name: "subtractDays", aliases: ["subtract_days"], params: "n", returns: "Date", description: "This date moved back by n days (an integer)." },
      (self, n: unknown) => {
        const days = needInteger("subtractDays", 1, n);
        return makeDate(temporal(() => self.date.subtract({ days })));
      },
    ),
    m.method<MLDate>(
      { name: "diff", params: "other", returns: "number", description: "The number of days from other (a Date) to this date (this - other)." },
      (self, other: unknown) => {
        if (!(other instanceof MLDate)) throw argumentError("diff", 1, "a Date", other);
        return other.date.until(self.date, { largestUnit: "days" }).days;
      },
    ),
    m.method<MLDate>(
      {
        name: "format", aliases: ["strftime"], params: "fmt=\"%Y-%m-%d\"", returns: "string",
        description: "This date formatted with strftime directives (%Y-%m-%d, %A, %B…); time fields are zero. Without fmt, as 2024-03-15.",
      },
      (self, fmt?: unknown) => formatWith("format", optional(fmt, "%Y-%m-%d"), self.date.toPlainDateTime(), null),
    ),
  ],
});

// ---------------------------------------------------------------------------------------------
// Time

m.class(Time, {
  name: "Time",
  description: "A time of day to the microsecond.",
  display: (self: Time) => self.toString(),
  equals: (a: Time, b: Time) => a.time.equals(b.time),
  compare: (a: Time, b: Time) => Temporal.PlainTime.compare(a.time, b.time),
  members: [
    reader<Time>("hour", "number", "The hour (0..23).", (self) => self.time.hour),
    reader<Time>("minute", "number", "The minute (0..59).", (self) => self.time.minute),
    reader<Time>("second", "number", "The second (0..59).", (self) => self.time.second),
    reader<Time>("microsecond", "number", "The microsecond (0..999999).", (self) => microsecondOf(self.time)),
    reader<Time>("toISOString", "string", "The ISO form, e.g. 14:30:45 (fraction only when non-zero).", (self) => self.toString(), ["to_iso_string", "isoformat"]),
    m.method<Time>(
      {
        name: "format", aliases: ["strftime"], params: "fmt=\"%H:%M:%S\"", returns: "string",
        description: "This time formatted with strftime directives (%H:%M:%S, %I %p…); date fields are 1900-01-01, as in Python. Without fmt, as 14:30:45.",
      },
      (self, fmt?: unknown) => formatWith("format", optional(fmt, "%H:%M:%S"), FORMAT_EPOCH.toPlainDateTime(self.time), null),
    ),
  ],
});

// ---------------------------------------------------------------------------------------------
// TimeDelta

m.class(TimeDelta, {
  name: "TimeDelta",
  description: "A duration to the microsecond, normalised like Python's timedelta. Displays as an ISO-8601 duration (P1DT2H).",
  display: (self: TimeDelta) => self.toString(),
  equals: (a: TimeDelta, b: TimeDelta) => a.micros === b.micros,
  compare: (a: TimeDelta, b: TimeDelta) => (a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : 0),
  members: [
    reader<TimeDelta>("days", "number", "Whole days, rounded down (negative for a negative delta, as in Python).", (self) => normalizedParts(self.micros).days),
    reader<TimeDelta>("seconds", "number", "Seconds after the whole days (0..86399).", (self) => normalizedParts(self.micros).seconds),
    reader<TimeDelta>("microseconds", "number", "Microseconds after the whole seconds (0..999999).", (self) => normalizedParts(self.micros).microseconds),
    reader<TimeDelta>("totalSeconds", "number", "The whole duration in seconds.", (self) => ratio(self.micros, MICROS_PER_SECOND), ["total_seconds"]),
    reader<TimeDelta>("totalMinutes", "number", "The whole duration in minutes.", (self) => ratio(self.micros, MICROS_PER_MINUTE), ["total_minutes"]),
    reader<TimeDelta>("totalHours", "number", "The whole duration in hours.", (self) => ratio(self.micros, MICROS_PER_HOUR), ["total_hours"]),
    reader<TimeDelta>("totalDays", "number", "The whole duration in days.", (self) => ratio(self.micros, MICROS_PER_DAY), ["total_days"]),
    m.method<TimeDelta>(
      { name: "add", params: "other", returns: "TimeDelta", description: "The sum of this and another TimeDelta." },
      (self, other: unknown) => new TimeDelta(self.micros + needDelta("add", 1, other).micros),
    ),
    m.method<TimeDelta>(
      { name: "subtract", params: "other", returns: "TimeDelta", description: "This TimeDelta minus another." },
      (self, other: unknown) => new TimeDelta(self.micros - needDelta("subtract", 1, other).micros),
    ),
    m.method<TimeDelta>(
      { name: "multiply", params: "factor", returns: "TimeDelta", description: "This TimeDelta times a number (rounded to microseconds, half to even)." },
      (self, factor: unknown) => new TimeDelta(multiplyMicros(self.micros, needNumber("multiply", 1, factor))),
    ),
    reader<TimeDelta>("isNegative", "boolean", "Whether this duration is below zero.", (self) => self.micros < 0n, ["is_negative"]),
    reader<TimeDelta>("abs", "TimeDelta", "This duration without its sign.", (self) => (self.micros < 0n ? new TimeDelta(-self.micros) : self)),
    reader<TimeDelta>("toISOString", "string", "The ISO-8601 duration, e.g. P1DT2H30M, -PT1S, PT0S.", (self) => self.toString(), ["to_iso_string"]),
  ],
});

// ---------------------------------------------------------------------------------------------
// TimeZone

m.class(TimeZone, {
  name: "TimeZone",
  description: "A time zone: an IANA name, UTC, or a fixed UTC offset. Displays as its name.",
  display: (self: TimeZone) => self.id,
  equals: (a: TimeZone, b: TimeZone) => a.id === b.id,
  members: [reader<TimeZone>("name", "string", "The zone's identifier, e.g. Europe/Paris.", (self) => self.id)],
});

export const definition = m.done();
