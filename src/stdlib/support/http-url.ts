/**
 * URL text helpers of the `http` module: percent-encoding (Python `quote`/`unquote` rules),
 * query strings and URL parsing. Pure string work; no capability. Each helper charges the
 * program's budget (one step per 16 characters scanned or produced, one per query pair) and
 * checks the string and array limits before building its result (docs/limits.md).
 */
import { typeError, typeOf, valueError } from "./arguments.js";
import { urlFits } from "../../capabilities/patterns.js";
import { programScope, runBudget, spend } from "./scope.js";
import { str } from "../../runtime/display.js";
import { setKey } from "../../runtime/indexing.js";
import { checkArrayLength, checkStringLength, tick } from "../../runtime/limits.js";

/** "%XX" for every byte. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => `%${b < 16 ? "0" : ""}${b.toString(16).toUpperCase()}`);

/** Letters, digits and `_ . - ~`: never encoded. */
function unreserved(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d || c === 0x7e;
}

/** The characters of `safe` (code points), for constant-time lookups however long it is. */
function safeSet(safe: string): ReadonlySet<string> | null {
  if (safe.length === 0) return null;
  spend(Math.ceil(safe.length / 16));
  return new Set(safe);
}

/**
 * The length of {@link encode}'s output, computed without building it, so the size limit is
 * checked before anything is allocated. Lone surrogates raise ValueError.
 */
function encodedLength(fn: string, text: string, safe: ReadonlySet<string> | null): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (unreserved(c)) {
      n++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += safe !== null && safe.has(text.slice(i, i + 2)) ? 2 : 12;
        i++;
        continue;
      }
    }
    if (safe !== null && safe.has(text[i]!)) n++;
    else if (c >= 0xd800 && c <= 0xdfff) throw valueError(`${fn}(): the string contains a lone surrogate`);
    else n += c < 0x80 ? 3 : c < 0x800 ? 6 : 9;
  }
  return n;
}

/** `text` percent-encoded (its length already checked by {@link encodedLength}). */
function encode(text: string, safe: ReadonlySet<string> | null): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (unreserved(c)) {
      out += text[i];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (safe !== null && safe.has(text.slice(i, i + 2))) out += text.slice(i, i + 2);
        else {
          const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          out += HEX[0xf0 | (cp >> 18)]! + HEX[0x80 | ((cp >> 12) & 63)]! + HEX[0x80 | ((cp >> 6) & 63)]! + HEX[0x80 | (cp & 63)]!;
        }
        i++;
        continue;
      }
    }
    if (safe !== null && safe.has(text[i]!)) out += text[i];
    else if (c < 0x80) out += HEX[c]!;
    else if (c < 0x800) out += HEX[0xc0 | (c >> 6)]! + HEX[0x80 | (c & 63)]!;
    else out += HEX[0xe0 | (c >> 12)]! + HEX[0x80 | ((c >> 6) & 63)]! + HEX[0x80 | (c & 63)]!;
  }
  return out;
}

/**
 * Percent-encodes the UTF-8 bytes of every character except letters, digits, `_ . - ~` and the
 * characters in `safe` (Python's `urllib.parse.quote`). Lone surrogates raise ValueError. The
 * result (up to 9 times longer than `text`) is measured against the string limit before it is
 * built; one step per 16 characters scanned and produced.
 */
export function percentEncode(fn: string, text: string, safe: string): string {
  const set = safeSet(safe);
  spend(Math.ceil(text.length / 16));
  const n = encodedLength(fn, text, set);
  checkStringLength(n, programScope().state.limits);
  spend(Math.ceil(n / 16));
  return encode(text, set);
}

/**
 * Decodes `%XX` sequences as UTF-8 (Python's `unquote`): malformed sequences are kept as written
 * and invalid UTF-8 becomes U+FFFD, so decoding never fails. The result is never longer than
 * `text`; one step per 16 characters.
 */
export function percentDecode(text: string): string {
  spend(Math.ceil(text.length / 16));
  return decode(text);
}

function decode(text: string): string {
  return text.indexOf("%") < 0 ? text : text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ""), "hex").toString("utf8"));
}

/** Percent-encoding with space as `+` (form encoding, Python's `quote_plus`). */
function formEncode(text: string): string {
  const e = encode(text, null);
  return e.indexOf("%20") < 0 ? e : e.replace(/%20/g, "+");
}

function queryValue(fn: string, key: string, v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return str(v);
  if (v === null || v === undefined) return "";
  throw typeError(`${fn}(): query value of '${key}' must be a string, number, boolean, null or an array of them, not ${typeOf(v)}`);
}

/**
 * `k=v&k2=v2` from an object: keys and values percent-encoded with space as `+` (as Python's
 * `urlencode` and JavaScript's `URLSearchParams` write them; the length measured with `%20` is an
 * upper bound), an array value
 * repeats its key, `null` gives an empty value. The whole length is checked against the string
 * limit before the string is built; one step per pair and per 16 characters.
 */
export function encodeQueryString(fn: string, params: Record<string, unknown>): string {
  const limits = programScope().state.limits;
  const pairs: [string, string][] = [];
  let scanned = 0;
  let length = 0;
  for (const key of Object.keys(params)) {
    const v = params[key];
    for (const item of Array.isArray(v) ? v : [v]) {
      const value = queryValue(fn, key, item);
      pairs.push([key, value]);
      scanned += key.length + value.length;
      length += (pairs.length > 1 ? 1 : 0) + encodedLength(fn, key, null) + 1 + encodedLength(fn, value, null);
      checkStringLength(length, limits);
    }
  }
  spend(pairs.length + Math.ceil(scanned / 16) + Math.ceil(length / 16));
  let out = "";
  for (let i = 0; i < pairs.length; i++) out += `${i === 0 ? "" : "&"}${formEncode(pairs[i]![0])}=${formEncode(pairs[i]![1])}`;
  return out;
}

/**
 * An object from a query string (a leading `?` is ignored): `+` is a space, `%XX` decoded, a key
 * without `=` has the value `""`, and a repeated key gives an array of its values in order (at
 * most the array limit). One step per part and per 16 characters.
 */
export function parseQueryString(query: string): Record<string, unknown> {
  const limits = programScope().state.limits;
  const budget = runBudget();
  const out: Record<string, unknown> = {};
  const text = query.startsWith("?") ? query.slice(1) : query;
  spend(Math.ceil(text.length / 16));
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("&", start);
    if (end < 0) end = text.length;
    const part = text.slice(start, end);
    start = end + 1;
    if (--budget.n < 0) tick(budget);
    if (part.length === 0) continue;
    const eq = part.indexOf("=");
    const key = decode((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " "));
    const value = eq < 0 ? "" : decode(part.slice(eq + 1).replace(/\+/g, " "));
    if (!Object.hasOwn(out, key)) setKey(out, key, value);
    else if (Array.isArray(out[key])) {
      const values = out[key] as unknown[];
      checkArrayLength(values.length + 1, limits);
      values.push(value);
    } else {
      checkArrayLength(2, limits);
      setKey(out, key, [out[key], value]);
    }
  }
  return out;
}

/** `base` with `query` added before any `#fragment`, after an existing query if there is one. */
export function appendQuery(base: string, query: string): string {
  if (query.length === 0) return base;
  checkStringLength(base.length + 1 + query.length, programScope().state.limits);
  spend(Math.ceil((base.length + query.length) / 16));
  const hash = base.indexOf("#");
  const head = hash < 0 ? base : base.slice(0, hash);
  const fragment = hash < 0 ? "" : base.slice(hash);
  const joiner = !head.includes("?") ? "?" : head.endsWith("?") || head.endsWith("&") ? "" : "&";
  return `${head}${joiner}${query}${fragment}`;
}

/**
 * The parts of an absolute URL: `scheme` (`"https"`), `host` (`"example.com:8080"`), `hostname`
 * (`"example.com"`, IPv6 without brackets), `port` (a number, or null when absent or the scheme's
 * default), `path`, `query` (without `?`) and `fragment` (without `#`). The URL is normalised as
 * WHATWG `URL` does (lower-case host, spaces in the path percent-encoded).
 */
export function urlParts(fn: string, text: string): Record<string, unknown> {
  spend(Math.ceil(text.length / 16));
  // Parsing percent-encodes, up to nine times the text's length (node aborts past V8's longest string).
  const limits = programScope().state.limits;
  if (!urlFits(text, limits.maxStringLength)) checkStringLength(Infinity, limits);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw valueError(`${fn}(): invalid URL '${text}'`);
  }
  const hostname = url.hostname.startsWith("[") && url.hostname.endsWith("]") ? url.hostname.slice(1, -1) : url.hostname;
  return {
    scheme: url.protocol.slice(0, -1),
    host: url.host,
    hostname,
    port: url.port === "" ? null : Number(url.port),
    path: url.pathname,
    query: url.search.startsWith("?") ? url.search.slice(1) : url.search,
    fragment: url.hash.startsWith("#") ? url.hash.slice(1) : url.hash,
  };
}
