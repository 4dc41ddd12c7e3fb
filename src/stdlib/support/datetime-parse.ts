/**
 * `datetime.parseISO`: ISO-8601 / RFC 9557 text to a `DateTime`, with Temporal doing the parsing.
 *
 * - `2024-03-15` and `2024-03-15T14:30[:45[.123456]]` (also with a space or `t`, or in basic
 *   format `20240315T1430`) give a naive value;
 * - a trailing `Z` or UTC offset (`+05:30`, `-0800`, `+05`) gives a value zoned in `UTC` or in
 *   that fixed offset;
 * - a time-zone annotation (`2024-03-15T14:30+01:00[Europe/Paris]`) gives a value in that zone
 *   (the offset, when present, must agree with the zone).
 *
 * Text longer than {@link MAX_ISO_LENGTH} is refused before any pattern runs: no ISO date-time
 * comes near it, and it keeps the work of parsing small and bounded. The text is charged a step
 * per 16 characters.
 */
import { Temporal } from "temporal-polyfill";
import { valueError } from "./arguments.js";
import { spendText } from "./cost.js";
import { naiveDateTime, zonedDateTime, type DateTime } from "./datetime-values.js";

// The first bracketed annotation without `=` (`[Europe/Paris]`, `[!UTC]`) names a time zone;
// `[u-ca=…]` and other `key=value` annotations do not. No `[` inside: each attempt stops at the
// next bracket, so the search is linear in the text.
const ZONE_ANNOTATION = /\[!?[^[\]=]+\]/;

/** Longest text parsed (a date-time with offset, zone and calendar annotations is under 100). */
export const MAX_ISO_LENGTH = 1000;
// An offset at the end of the time part (before any annotation): `Z`, `±HH`, `±HHMM`, `±HH:MM`.
const OFFSET = /([Zz]|[+-]\d{2}(?::?\d{2})?(?::?\d{2}(?:[.,]\d+)?)?)$/;

function invalid(s: string): never {
  throw valueError(`Invalid isoformat string: '${s.length > 100 ? `${s.slice(0, 100)}…` : s}'`);
}

/** The UTC offset written after the time, or null; only the part after the date is examined. */
function offsetOf(s: string): string | null {
  const sep = s.search(/[Tt ]/);
  if (sep < 0) return null;
  const bracket = s.indexOf("[", sep);
  const time = bracket < 0 ? s.slice(sep + 1) : s.slice(sep + 1, bracket);
  const m = OFFSET.exec(time);
  return m === null ? null : m[1]!;
}

/** `Z` → `UTC`; `+0530` / `+05` / `+05:30` → `+05:30`; null for sub-minute offsets. */
function zoneOfOffset(offset: string): string | null {
  if (offset === "Z" || offset === "z") return "UTC";
  const digits = offset.slice(1).replace(/:/g, "");
  if (digits.length === 2) return `${offset[0]}${digits}:00`;
  if (digits.length === 4) return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
  return null; // seconds in an offset: no fixed-offset zone can hold them
}

/** Parses `s`; throws `ValueError("Invalid isoformat string: …")`. */
export function parseIsoDateTime(s: string): DateTime {
  if (s.length > MAX_ISO_LENGTH) invalid(s);
  spendText(s.length);
  let value: Temporal.PlainDateTime | Temporal.ZonedDateTime;
  try {
    if (ZONE_ANNOTATION.test(s)) {
      value = Temporal.ZonedDateTime.from(s);
    } else {
      const offset = offsetOf(s);
      if (offset === null) {
        value = Temporal.PlainDateTime.from(s);
      } else {
        const zone = zoneOfOffset(offset);
        if (zone === null) invalid(s);
        value = Temporal.Instant.from(s).toZonedDateTimeISO(zone);
      }
    }
    if (value.calendarId !== "iso8601") value = value.withCalendar("iso8601");
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) invalid(s);
    throw e;
  }
  return value instanceof Temporal.ZonedDateTime ? zonedDateTime(value) : naiveDateTime(value);
}
