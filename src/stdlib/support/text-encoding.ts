/**
 * The `encoding` parameters of `file` and `csv` (mlpy's form: `file.read(path, "latin-1")`).
 *
 * Accepted names (any case; `_` and `-` interchangeable): `utf-8` (`utf8`, `utf_8`),
 * `utf-8-sig` (a byte-order mark written, and dropped when read), `latin-1` (`latin1`,
 * `iso-8859-1`, `iso8859-1`, `l1`), `ascii` (`us-ascii`), `utf-16-le` (`utf-16le`,
 * `utf16le`), `utf-16-be` and `utf-16` (a byte-order mark written, little-endian as Python writes
 * it on the usual hosts; read by its mark, little-endian without one). Any other name is a `ValueError`, as Python's `LookupError` would be. Like
 * Python's default `strict` error handler, text that the encoding cannot represent, or bytes it
 * cannot decode, raise `ValueError` instead of being replaced.
 *
 * Cost (docs/limits.md): decoding and encoding charge a step per 16 characters or bytes on top
 * of what reading and writing the file charge.
 */
import { checkStringLength } from "../../runtime/limits.js";
import { needString, valueError } from "./arguments.js";
import { spendText } from "./cost.js";
import { readFileBytes } from "./fs-io.js";
import { programScope } from "./scope.js";

/** A text encoding the `file` and `csv` functions support. */
export type TextEncoding = "utf8" | "utf8-sig" | "latin1" | "ascii" | "utf16le" | "utf16be" | "utf16";

const NAMES: ReadonlyMap<string, TextEncoding> = new Map<string, TextEncoding>([
  ["utf-8", "utf8"], ["utf8", "utf8"], ["u8", "utf8"],
  ["utf-8-sig", "utf8-sig"], ["utf8-sig", "utf8-sig"],
  ["latin-1", "latin1"], ["latin1", "latin1"], ["iso-8859-1", "latin1"], ["iso8859-1", "latin1"], ["l1", "latin1"],
  ["ascii", "ascii"], ["us-ascii", "ascii"],
  ["utf-16-le", "utf16le"], ["utf-16le", "utf16le"], ["utf16le", "utf16le"], ["utf16-le", "utf16le"],
  ["utf-16-be", "utf16be"], ["utf-16be", "utf16be"], ["utf16be", "utf16be"], ["utf16-be", "utf16be"],
  ["utf-16", "utf16"], ["utf16", "utf16"], ["u16", "utf16"],
]);

/** The names shown when an encoding is refused. */
const SUPPORTED = "utf-8, utf-8-sig, latin-1 (iso-8859-1), ascii, utf-16, utf-16-le, utf-16-be";

/**
 * The encoding argument of `label` at `position`: utf-8 when absent or null; an unknown name is
 * a `ValueError`.
 */
export function encodingArg(label: string, position: number, v: unknown): TextEncoding {
  if (v === undefined || v === null) return "utf8";
  const name = needString(label, position, v);
  const found = name.length <= 20 ? NAMES.get(name.trim().toLowerCase().replaceAll("_", "-")) : undefined;
  if (found === undefined) {
    const shown = name.length <= 40 ? name : `${name.slice(0, 40)}…`;
    throw valueError(`${label}() unknown encoding: '${shown}' (supported: ${SUPPORTED})`);
  }
  return found;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const utf16 = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true }); // Python keeps it

/** How many bytes a text of at most `maxChars` characters can take in `encoding`. */
function maxBytes(encoding: TextEncoding, maxChars: number): number {
  // UTF-8 never decodes to more code units than bytes; UTF-16 takes 2 bytes per code unit.
  return encoding.startsWith("utf16") ? maxChars * 2 + 2 : encoding === "utf8-sig" ? maxChars + 3 : maxChars;
}

/**
 * The encoding that continues a file already holding text in `encoding`: the same without a
 * byte-order mark, which only starts a file (as Python's appending writers do).
 */
export function continuing(encoding: TextEncoding): TextEncoding {
  return encoding === "utf8-sig" ? "utf8" : encoding === "utf16" ? "utf16le" : encoding;
}

/** A copy of `bytes` with each pair swapped (UTF-16 big-endian ↔ little-endian). */
function swapped(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes).swap16();
}

/** `bytes` decoded as `encoding`; `shown` names the file in errors. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding, shown: string): string {
  spendText(bytes.length);
  const bad = (name: string) => valueError(`File is not valid ${name} text: ${shown}`);
  switch (encoding) {
    case "utf8":
    case "utf8-sig":
      try {
        return utf8.decode(bytes); // a leading byte-order mark is dropped
      } catch {
        throw bad("UTF-8");
      }
    case "utf16le":
    case "utf16be":
    case "utf16": {
      const name = encoding === "utf16le" ? "UTF-16-LE" : encoding === "utf16be" ? "UTF-16-BE" : "UTF-16";
      if (bytes.length % 2 !== 0) throw bad(name);
      let data: Uint8Array = bytes;
      if (encoding === "utf16be") data = swapped(bytes);
      else if (encoding === "utf16") {
        // The byte-order mark says the order, and is not part of the text.
        if (bytes[0] === 0xfe && bytes[1] === 0xff) data = swapped(bytes.subarray(2));
        else if (bytes[0] === 0xff && bytes[1] === 0xfe) data = bytes.subarray(2);
      }
      try {
        return utf16.decode(data);
      } catch {
        throw bad(name);
      }
    }
    case "ascii":
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i]! > 127) throw valueError(`File is not valid ASCII text: ${shown} (byte ${bytes[i]} at offset ${i})`);
      }
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
    case "latin1":
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  }
}

/** `text` encoded as `encoding`; a character the encoding cannot hold is a `ValueError` naming `label`. */
export function encodeText(text: string, encoding: TextEncoding, label: string): string | Uint8Array {
  if (encoding === "utf8") return text; // written as UTF-8 by the file functions
  spendText(text.length);
  switch (encoding) {
    case "utf8-sig":
      return "\ufeff" + text;
    case "utf16le":
      return Buffer.from(text, "utf16le");
    case "utf16be":
      return Buffer.from(text, "utf16le").swap16();
    case "utf16":
      return Buffer.from("\ufeff" + text, "utf16le");
    case "ascii":
    case "latin1": {
      const max = encoding === "ascii" ? 127 : 255;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c > max) {
          throw valueError(`${label}() cannot encode character U+${c.toString(16).toUpperCase().padStart(4, "0")} at position ${i} as ${encoding === "ascii" ? "ascii" : "latin-1"}`);
        }
      }
      return Buffer.from(text, "latin1");
    }
  }
}

/** The text of the file at `canonical` in `encoding`, at most the run's string length. */
export function readFileEncoded(canonical: string, shown: string, encoding: TextEncoding): string {
  const limits = programScope().state.limits;
  const bytes = readFileBytes(canonical, shown, maxBytes(encoding, limits.maxStringLength));
  const text = decodeText(bytes, encoding, shown);
  checkStringLength(text.length, limits);
  return text;
}
