/**
 * `csv` (docs/stdlib/csv.md): RFC 4180 comma-separated values.
 *
 * Parsing accepts `\r\n`, `\n` or `\r` line endings, quoted fields with `""` escapes and line
 * breaks inside, skips blank lines, and (like Python's reader) keeps stray quotes in unquoted
 * fields and text after a closing quote. Values stay strings. Writing quotes a field that holds
 * the delimiter, a quote, CR or LF, writes `null` as an empty field (as Python's writer does),
 * converts other values with `str`, and ends every line with `\r\n`.
 *
 * Cost (docs/limits.md): besides the step of the call, parsing charges a step per 16 characters
 * read, per field and per `""` escape, and a step per value of the objects it builds; formatting
 * a step per row, per field and per 16 characters written. Sizes are checked before building.
 */
import { authorizePath } from "../capabilities/check.js";
import { str } from "../runtime/display.js";
import { setKey } from "../runtime/indexing.js";
import { charge, checkArrayLength, checkStringLength, tick } from "../runtime/limits.js";
import type { Limits } from "../runtime/state.js";
import { defineModule } from "./define.js";
import { isPlainObject, needArray, needBoolean, needString, typeError, typeOf, valueError } from "./support/arguments.js";
import { spendItems, spendText, textCost } from "./support/cost.js";
import { pathTarget, statOrNull, writeFileData, type PathTarget } from "./support/fs-io.js";
import { continuing, encodeText, encodingArg, readFileEncoded, type TextEncoding } from "./support/text-encoding.js";
import { programScope, runBudget, runMeter } from "./support/scope.js";

const m = defineModule(
  "csv",
  "Reading and writing CSV (RFC 4180): parse and format strings, and read and write CSV files. The delimiter is a single character, \",\" when omitted or null.",
);

const hasOwn = Object.hasOwn;
const QUOTE = 34;
const CR = 13;
const LF = 10;

type RunLimits = Readonly<Required<Limits>>;

function limits(): RunLimits {
  return programScope().state.limits;
}

function delimiterArg(fn: string, position: number, v: unknown): string {
  if (v === undefined || v === null) return ",";
  const d = needString(`csv.${fn}`, position, v);
  if (d.length !== 1 || d === '"' || d === "\r" || d === "\n") {
    throw valueError(`csv.${fn}() delimiter must be a single character other than a quote or a line break, got ${JSON.stringify(d)}`);
  }
  return d;
}

function headersArg(fn: string, position: number, v: unknown): boolean {
  return v === undefined || v === null ? true : needBoolean(`csv.${fn}`, position, v);
}

// --- parsing ---

/** Index of the next delimiter, CR or LF at or after `i` (or the end of `text`). */
function fieldEnd(text: string, i: number, delim: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === delim || c === CR || c === LF) return i;
    i++;
  }
  return n;
}

/** The records of `text` (at most `maxRecords`), each an array of field strings. */
function parseRecords(text: string, delimiter: string, lim: RunLimits, maxRecords = Infinity): string[][] {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const b = runBudget();
  const records: string[][] = [];
  let row: string[] = [];
  let atRowStart = true;
  let i = 0;
  /** Where the text read so far was last charged for (a step per 16 characters). */
  let charged = 0;
  while (i < n && records.length < maxRecords) {
    // A step per field, and one per 16 characters read since the last.
    const read = (i - charged) >>> 4;
    charged += read << 4;
    if (!((b.n -= 1 + read) >= 0)) tick(b);
    let c = text.charCodeAt(i);
    if (atRowStart && (c === CR || c === LF)) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1; // a blank line
      continue;
    }
    atRowStart = false;
    let value: string;
    if (c === QUOTE) {
      value = "";
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw valueError(`CSV parse error: unterminated quoted field in record ${records.length + 1}`);
        if (text.charCodeAt(q + 1) === QUOTE) {
          if (--b.n < 0) tick(b); // each escape copies a piece
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      const end = fieldEnd(text, i, delim);
      if (end > i) value += text.slice(i, end);
      i = end;
    } else {
      const end = fieldEnd(text, i, delim);
      value = text.slice(i, end);
      i = end;
    }
    row.push(value);
    checkArrayLength(row.length, lim);
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (i === n) row.push(""); // a delimiter ending the text ends with an empty field
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push(row);
    checkArrayLength(records.length, lim);
    row = [];
    atRowStart = true;
  }
  if (!atRowStart && records.length < maxRecords) records.push(row);
  charge(b, textCost(i - charged));
  return records;
}

/**
 * Records as objects keyed by the first record: a missing field is `null` (as in Python's
 * DictReader); a record with more fields than the header is a `ValueError`.
 */
function toObjects(records: string[][]): Record<string, unknown>[] {
  if (records.length === 0) return [];
  const header = records[0]!;
  spendItems((records.length - 1) * header.length);
  const out: Record<string, unknown>[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    if (record.length > header.length) {
      throw valueError(`CSV record ${r + 1} has ${record.length} fields but the header has ${header.length}`);
    }
    const o: Record<string, unknown> = {};
    for (let k = 0; k < header.length; k++) setKey(o, header[k]!, k < record.length ? record[k] : null);
    out.push(o);
  }
  return out;
}

function parseText(text: string, delimiter: string, headers: boolean): unknown[] {
  const records = parseRecords(text, delimiter, limits());
  return headers ? toObjects(records) : records;
}

// --- formatting ---

/** Formats rows as CSV lines, each ending in `\r\n`. */
class CsvWriter {
  private readonly parts: string[] = [];
  private length = 0;

  constructor(private readonly delimiter: string, private readonly lim: RunLimits) {}

  field(v: unknown): string {
    const s = v === null || v === undefined ? "" : str(v, this.lim.maxStringLength, runMeter());
    spendText(s.length); // scanned for characters that need quotes, then copied
    const d = this.delimiter;
    const needsQuotes = s.includes(d) || s.includes('"') || s.includes("\r") || s.includes("\n");
    return needsQuotes ? `"${s.replaceAll('"', '""')}"` : s;
  }

  row(values: readonly unknown[]): void {
    spendItems(1 + values.length);
    // A lone empty field is quoted, so that the line is not read back as a blank line.
    if (values.length === 1 && (values[0] === "" || values[0] === null)) {
      this.add('""');
      return;
    }
    const fields = new Array<string>(values.length);
    let length = this.length + values.length + 1; // delimiters and the line break
    for (let i = 0; i < values.length; i++) {
      const f = this.field(values[i]);
      length += f.length;
      // Checked field by field, before the line is joined.
      checkStringLength(length, this.lim);
      fields[i] = f;
    }
    this.add(fields.join(this.delimiter));
  }

  private add(line: string): void {
    this.length += line.length + 2;
    checkStringLength(this.length, this.lim);
    this.parts.push(line, "\r\n");
  }

  text(): string {
    return this.parts.join("");
  }
}

function rowLabel(fn: string, index: number): string {
  return `csv.${fn}() row ${index + 1}`;
}

/**
 * The values of object `row` in `header` order (`known`: the header's keys); a key outside the
 * header is a `ValueError`.
 */
function valuesByHeader(fn: string, row: Record<string, unknown>, header: readonly string[], known: ReadonlySet<string>, index: number): unknown[] {
  const keys = Object.keys(row);
  spendItems(keys.length);
  for (const k of keys) {
    if (!known.has(k)) throw valueError(`${rowLabel(fn, index)} has a field not in the header: '${k}'`);
  }
  return header.map((k) => (hasOwn(row, k) ? row[k] : ""));
}

/**
 * CSV text of `rows`: arrays are written as they are; objects in the key order of the first
 * row, preceded by a header line when `headers` is true.
 */
function formatRows(fn: string, rows: readonly unknown[], delimiter: string, headers: boolean): string {
  const w = new CsvWriter(delimiter, limits());
  if (rows.length === 0) return "";
  const first = rows[0];
  if (isPlainObject(first)) {
    const header = Object.keys(first);
    const known = new Set(header);
    if (headers) w.row(header);
    rows.forEach((row, i) => {
      if (!isPlainObject(row)) throw typeError(`${rowLabel(fn, i)} must be an object like the first row, not ${typeOf(row)}`);
      w.row(valuesByHeader(fn, row, header, known, i));
    });
  } else if (Array.isArray(first)) {
    rows.forEach((row, i) => {
      if (!Array.isArray(row)) throw typeError(`${rowLabel(fn, i)} must be an array like the first row, not ${typeOf(row)}`);
      w.row(row);
    });
  } else {
    throw typeError(`${rowLabel(fn, 0)} must be an object or an array, not ${typeOf(first)}`);
  }
  return w.text();
}

// --- pure functions ---

export const parse = m.function(
  {
    name: "parse", aliases: ["readString", "read_string"], params: 'text, delimiter=",", headers=true', returns: "array",
    description: "Parses CSV text: with headers, an array of objects keyed by the first record; without, an array of arrays of strings.",
  },
  (text: unknown, delimiter?: unknown, headers?: unknown) =>
    parseText(needString("csv.parse", 1, text), delimiterArg("parse", 2, delimiter), headersArg("parse", 3, headers)),
);

export const stringify = m.function(
  {
    name: "stringify", aliases: ["writeString", "write_string"], params: 'rows, delimiter=",", headers=true', returns: "string",
    description:
      "Formats rows as CSV text with \\r\\n line endings: arrays as they are; objects in the key order of the first row, after a header line when headers is true.",
  },
  (rows: unknown, delimiter?: unknown, headers?: unknown) =>
    formatRows("stringify", needArray("csv.stringify", 1, rows), delimiterArg("stringify", 2, delimiter), headersArg("stringify", 3, headers)),
);

// --- files ---

function target(fn: string, capability: string, path: unknown, position = 1): PathTarget {
  return pathTarget("csv", fn, capability, path, position);
}

function readText(t: PathTarget, encoding: TextEncoding): string {
  return readFileEncoded(t.canonical, t.shown, encoding);
}

/** What every encoding parameter's description says. */
const ENCODINGS = "utf-8 unless encoding names another: utf-8, utf-8-sig, latin-1, ascii, utf-16, utf-16-le, utf-16-be; others raise ValueError";

export const read = m.function(
  {
    name: "read", params: 'path, delimiter=",", headers=true, encoding="utf-8"', returns: "array", requires: ["file.read"],
    description: `Reads and parses a CSV file as parse() does (${ENCODINGS}).`,
  },
  (path: unknown, delimiter?: unknown, headers?: unknown, encoding?: unknown) => {
    const d = delimiterArg("read", 2, delimiter);
    const h = headersArg("read", 3, headers);
    const e = encodingArg("csv.read", 4, encoding);
    return parseText(readText(target("read", "file.read", path), e), d, h);
  },
);

export const countRows = m.function(
  {
    name: "countRows", aliases: ["count_rows"], params: 'path, delimiter=",", encoding="utf-8", headers=true', returns: "number", requires: ["file.read"],
    description:
      `The number of records in a CSV file, not counting the header line unless headers is false (${ENCODINGS}). A boolean third argument is taken as headers (mljs's earlier form countRows(path, delimiter, headers)).`,
  },
  (path: unknown, delimiter?: unknown, encoding?: unknown, headers?: unknown) => {
    const d = delimiterArg("countRows", 2, delimiter);
    let h = headersArg("countRows", 4, headers);
    let e: TextEncoding;
    if (typeof encoding === "boolean") {
      if (headers !== undefined && headers !== null) throw typeError("csv.countRows() argument 3 must be an encoding (a string) when headers is given as argument 4");
      h = encoding;
      e = "utf8";
    } else e = encodingArg("csv.countRows", 3, encoding);
    const n = parseRecords(readText(target("countRows", "file.read", path), e), d, limits()).length;
    return h ? Math.max(0, n - 1) : n;
  },
);

export const getHeaders = m.function(
  {
    name: "getHeaders", aliases: ["get_headers"], params: 'path, delimiter=",", encoding="utf-8"', returns: "array of strings", requires: ["file.read"],
    description: `The fields of the first record of a CSV file (its header), or [] for an empty file (${ENCODINGS}).`,
  },
  (path: unknown, delimiter?: unknown, encoding?: unknown) => {
    const d = delimiterArg("getHeaders", 2, delimiter);
    const e = encodingArg("csv.getHeaders", 3, encoding);
    return parseRecords(readText(target("getHeaders", "file.read", path), e), d, limits(), 1)[0] ?? [];
  },
);

export const write = m.function(
  {
    name: "write", params: 'path, rows, delimiter=",", headers=true, encoding="utf-8"', returns: "null", requires: ["file.write"],
    description: `Writes rows to a CSV file as stringify() formats them, replacing it; missing parent directories are created (${ENCODINGS}).`,
  },
  (path: unknown, rows: unknown, delimiter?: unknown, headers?: unknown, encoding?: unknown) => {
    const e = encodingArg("csv.write", 5, encoding);
    const text = formatRows("write", needArray("csv.write", 2, rows), delimiterArg("write", 3, delimiter), headersArg("write", 4, headers));
    const t = target("write", "file.write", path);
    writeFileData(t.canonical, t.shown, encodeText(text, e, "csv.write"), false, true);
  },
);

export const append = m.function(
  {
    name: "append", params: 'path, row, delimiter=",", encoding="utf-8"', returns: "null", requires: ["file.read", "file.write"],
    description:
      `Adds one row to a CSV file: an array as it is; an object in the order of the file's header (a new or empty file gets a header line from the object's keys; a key not in the header raises ValueError) (${ENCODINGS}).`,
  },
  (path: unknown, row: unknown, delimiter?: unknown, encoding?: unknown) => {
    const d = delimiterArg("append", 3, delimiter);
    let e = encodingArg("csv.append", 4, encoding);
    if (!isPlainObject(row) && !Array.isArray(row)) throw typeError(`csv.append() argument 2 must be an object or an array, not ${typeOf(row)}`);
    const shown = needString("csv.append", 1, path);
    authorizePath("csv.append", "file.read", shown, "append");
    const t = target("append", "file.write", shown);
    const st = statOrNull(t.canonical, t.shown);
    const existing = st === null ? "" : readText(t, e);
    const w = new CsvWriter(d, limits());
    if (Array.isArray(row)) w.row(row);
    else {
      const header = parseRecords(existing, d, limits(), 1)[0];
      if (header === undefined) {
        const keys = Object.keys(row);
        w.row(keys);
        w.row(keys.map((k) => row[k]));
      } else w.row(valuesByHeader("append", row, header, new Set(header), 0));
    }
    // The new row starts on a line of its own even if the file's last line has no terminator.
    const last = existing.charCodeAt(existing.length - 1);
    const separator = existing.length > 0 && last !== LF && last !== CR ? "\r\n" : "";
    // A byte-order mark starts only an empty file.
    if (st !== null && st.size > 0) e = continuing(e);
    writeFileData(t.canonical, t.shown, encodeText(separator + w.text(), e, "csv.append"), true, true);
  },
);

export const definition = m.done();
