/**
 * URL text helpers of the `http` module: percent-encoding (Python `quote`/`unquote` rules),
 * query strings and URL parsing. Pure string work; no capability.
 */
import { typeError, typeOf, valueError } from "./arguments.js";
import { str } from "../../runtime/display.js";
import { setKey } from "../../runtime/indexing.js";

const UNRESERVED = /[A-Za-z0-9_.\-~]/;

/**
 * Percent-encodes the UTF-8 bytes of every character except letters, digits, `_ . - ~` and the
 * characters in `safe` (Python's `urllib.parse.quote`). Lone surrogates raise ValueError.
 */
export function percentEncode(fn: string, text: string, safe: string): string {
  let out = "";
  for (const ch of text) {
    if (UNRESERVED.test(ch) || (safe.length > 0 && safe.includes(ch))) {
      out += ch;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) throw valueError(`${fn}(): the string contains a lone surrogate`);
    for (const byte of Buffer.from(ch, "utf8")) out += `%${byte < 16 ? "0" : ""}${byte.toString(16).toUpperCase()}`;
  }
  return out;
}

/**
 * Decodes `%XX` sequences as UTF-8 (Python's `unquote`): malformed sequences are kept as written
 * and invalid UTF-8 becomes U+FFFD, so decoding never fails.
 */
export function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ""), "hex").toString("utf8"));
}

function queryValue(fn: string, key: string, v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return str(v);
  if (v === null || v === undefined) return "";
  throw typeError(`${fn}(): query value of '${key}' must be a string, number, boolean, null or an array of them, not ${typeOf(v)}`);
}

/**
 * `k=v&k2=v2` from an object: keys and values percent-encoded (space as `%20`), an array value
 * repeats its key, `null` gives an empty value.
 */
export function encodeQueryString(fn: string, params: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(params)) {
    const v = params[key];
    const k = percentEncode(fn, key, "");
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${k}=${percentEncode(fn, queryValue(fn, key, item), "")}`);
  }
  return parts.join("&");
}

/**
 * An object from a query string (a leading `?` is ignored): `+` is a space, `%XX` decoded, a key
 * without `=` has the value `""`, and a repeated key gives an array of its values in order.
 */
export function parseQueryString(query: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const text = query.startsWith("?") ? query.slice(1) : query;
  for (const part of text.split("&")) {
    if (part.length === 0) continue;
    const eq = part.indexOf("=");
    const key = percentDecode((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " "));
    const value = eq < 0 ? "" : percentDecode(part.slice(eq + 1).replace(/\+/g, " "));
    if (!Object.hasOwn(out, key)) setKey(out, key, value);
    else if (Array.isArray(out[key])) (out[key] as unknown[]).push(value);
    else setKey(out, key, [out[key], value]);
  }
  return out;
}

/** `base` with `query` added before any `#fragment`, after an existing query if there is one. */
export function appendQuery(base: string, query: string): string {
  if (query.length === 0) return base;
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
