/**
 * `strftime`-style formatting for `datetime` values (`format(fmt)`), in the C locale as Python
 * formats by default. Supported directives: `%a %A %w %u %d %e %b %B %m %y %Y %H %I %p %M %S %f
 * %z %Z %j %U %W %G %V %c %x %X %%`; a `-` flag (`%-d`) drops zero padding, as glibc does. An
 * unknown directive raises `ValueError` rather than being copied through silently.
 */
import { valueError } from "./arguments.js";
import { spendText } from "./cost.js";
import { runBudget } from "./scope.js";
import { checkStringLength, tick } from "../../runtime/limits.js";
import type { Limits } from "../../runtime/state.js";

/** Everything a format string can ask for; the caller reads it from its Temporal value. */
export interface ClockFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
  /** ISO day of week: Monday = 1 … Sunday = 7. */
  readonly dayOfWeek: number;
  /** 1-based day of the year. */
  readonly dayOfYear: number;
  /** ISO week number and the year it belongs to. */
  readonly weekOfYear: number;
  readonly yearOfWeek: number;
  /** UTC offset like `+01:00` for a zoned value, `null` for a naive one. */
  readonly offset: string | null;
  /** Time-zone identifier for a zoned value, `null` for a naive one. */
  readonly zone: string | null;
}

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

function pad(n: number, width: number, padded: boolean): string {
  return padded ? String(n).padStart(width, "0") : String(n);
}

/** `+01:00` → `+0100`; `+05:21:10` → `+052110` (Python's `%z`). */
function compactOffset(offset: string): string {
  return offset.replace(/:/g, "");
}

/** Text of one directive `c`, or `null` when `c` is not a directive. */
function directive(c: string, f: ClockFields, padded: boolean): string | null {
  switch (c) {
    case "a":
      return DAY_NAMES[f.dayOfWeek - 1]!.slice(0, 3);
    case "A":
      return DAY_NAMES[f.dayOfWeek - 1]!;
    case "w":
      return String(f.dayOfWeek % 7);
    case "u":
      return String(f.dayOfWeek);
    case "d":
      return pad(f.day, 2, padded);
    case "e":
      return padded ? String(f.day).padStart(2, " ") : String(f.day);
    case "b":
      return MONTH_NAMES[f.month - 1]!.slice(0, 3);
    case "B":
      return MONTH_NAMES[f.month - 1]!;
    case "m":
      return pad(f.month, 2, padded);
    case "y":
      return pad(f.year % 100, 2, padded);
    case "Y":
      return pad(f.year, 4, padded);
    case "H":
      return pad(f.hour, 2, padded);
    case "I":
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2, padded);
    case "p":
      return f.hour < 12 ? "AM" : "PM";
    case "M":
      return pad(f.minute, 2, padded);
    case "S":
      return pad(f.second, 2, padded);
    case "f":
      return String(f.microsecond).padStart(6, "0");
    case "z":
      return f.offset === null ? "" : compactOffset(f.offset);
    case "Z":
      return f.zone ?? "";
    case "j":
      return pad(f.dayOfYear, 3, padded);
    case "U":
      // Weeks starting on Sunday; days before the year's first Sunday are week 0.
      return pad(Math.floor((f.dayOfYear - 1 + 7 - (f.dayOfWeek % 7)) / 7), 2, padded);
    case "W":
      // Weeks starting on Monday; days before the year's first Monday are week 0.
      return pad(Math.floor((f.dayOfYear - 1 + 7 - (f.dayOfWeek - 1)) / 7), 2, padded);
    case "G":
      return pad(f.yearOfWeek, 4, padded);
    case "V":
      return pad(f.weekOfYear, 2, padded);
    case "c":
      return `${directive("a", f, true)} ${directive("b", f, true)} ${directive("e", f, true)} ${directive("X", f, true)} ${directive("Y", f, true)}`;
    case "x":
      return `${pad(f.month, 2, true)}/${pad(f.day, 2, true)}/${pad(f.year % 100, 2, true)}`;
    case "X":
      return `${pad(f.hour, 2, true)}:${pad(f.minute, 2, true)}:${pad(f.second, 2, true)}`;
    case "%":
      return "%";
    default:
      return null;
  }
}

/**
 * Formats `f` according to `fmt`; throws `ValueError` for an unknown or incomplete directive and
 * `LimitError` when the result would exceed the program's `maxStringLength` (a directive can be
 * much longer than its two characters). Charges a step per 16 characters of the format (its
 * literal text is copied) and one per field a directive writes (`%c` writes seven, `%x` and `%X`
 * three, any other one).
 */
export function strftime(fmt: string, f: ClockFields, limits: Readonly<Required<Limits>>): string {
  spendText(fmt.length);
  const b = runBudget();
  let out = "";
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const next = fmt.indexOf("%", i);
    if (next < 0) {
      checkStringLength(out.length + (n - i), limits);
      out += fmt.slice(i);
      break;
    }
    checkStringLength(out.length + (next - i), limits);
    out += fmt.slice(i, next);
    let j = next + 1;
    const padded = fmt[j] !== "-";
    if (!padded) j++;
    const c = fmt[j];
    if (!((b.n -= c === "c" ? 7 : c === "x" || c === "X" ? 3 : 1) >= 0)) tick(b);
    const text = c === undefined ? null : directive(c, f, padded);
    if (text === null) {
      const shown = c === undefined ? fmt.slice(next) : fmt.slice(next, j + 1);
      throw valueError(`Invalid format directive '${shown}'`);
    }
    out += text;
    checkStringLength(out.length, limits);
    i = j + 1;
  }
  checkStringLength(out.length, limits);
  return out;
}
