/**
 * `http` (docs/stdlib/http.md): URL helpers (pure) and HTTP requests (capability `network.http`, checked
 * for the URL of every hop, redirects included). Requests return promises: the compiler awaits
 * them, so ML code calls them like any other function.
 *
 * The call forms are mlpy's (docs/mlpy-compat.md#http): `get/delete/head(url, headers?, timeout?)`
 * and `post/put/patch(url, {body, headers, timeout})`, plus mljs's `get(url, options)` and
 * `post(url, body, options)`; an object whose keys are all option names is read as options.
 *
 * Options of a request (all optional): `headers` (object; `Host`, `Content-Length`,
 * `Transfer-Encoding` and hop-by-hop headers are refused with ValueError), `body`, `timeout`
 * (seconds, as mlpy; at most the host's limit), `json` (true: ask for JSON with `Accept`, and send
 * a string body as `application/json`), `params` (object added to the URL's query);
 * `request(options)` also takes `method` (default `"GET"`) and `url`. A body that is not a
 * string is sent as JSON with `Content-Type: application/json`. A non-2xx status is a
 * response, not an error.
 *
 * The host sets the default deadline (30 s) and the response size limit (10 MiB) with
 * {@link configureHttp}.
 */
import { validateHeaderName, validateHeaderValue } from "node:http";
import { defineModule, StdlibObject } from "./define.js";
import { isPlainObject, MLError, needObject, needString, typeError, typeOf, valueError, given } from "./support/arguments.js";
import { configureHttp, httpConfig, send } from "./support/http-client.js";
import { appendQuery, encodeQueryString, parseQueryString, percentDecode, percentEncode, urlParts } from "./support/http-url.js";
import { programScope, spend } from "./support/scope.js";
import { checkStringLength } from "../runtime/limits.js";
import { expandedSize } from "../runtime/size.js";
import { PACKAGE_VERSION } from "../runtime/shared.js";

export { configureHttp };
export type { HttpConfig } from "./support/http-client.js";

const m = defineModule("http", "HTTP requests and URL helpers: encoding, query strings, URL parsing.");

const NETWORK = ["network.http"];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const REQUEST_KEYS = ["method", "url", "headers", "body", "timeout", "json", "params"];
const CALL_KEYS = ["headers", "body", "timeout", "json", "params"];
// Headers that belong to the transport, refused when the program sets them: Host (which would
// reach another virtual host behind a granted address), the body's framing (set from the body
// itself), and the hop-by-hop headers of RFC 9110 §7.6.1 (connection management, upgrades,
// proxies).
const TRANSPORT_HEADERS = new Set([
  "host", "content-length", "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade", "http2-settings",
]);

function transportHeader(lower: string): boolean {
  return TRANSPORT_HEADERS.has(lower) || lower.startsWith("proxy-");
}
const utf8 = new TextDecoder("utf-8");
const freeze = Object.freeze;

// ---------------------------------------------------------------------------------------------
// HttpResponse

/**
 * The response of a request. From ML (as in mlpy) its accessors are methods: `status()`,
 * `statusText()`, `headers()` (names as the server wrote them), `body()`, `header(name)` (any
 * case), `text()`, `json()`, `ok()`. From the host they are properties: `status`, `statusText`,
 * `headers` (lower-case names), `body`, `ok`.
 */
export class HttpResponse extends StdlibObject {
  readonly status: number;
  readonly statusText: string;
  readonly body: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #serverHeaders: Readonly<Record<string, string>>;

  /** @internal Responses come from the request functions. */
  constructor(status: number, statusText: string, headers: Record<string, string>, body: string, serverHeaders: Record<string, string> = headers) {
    super();
    this.status = status;
    this.statusText = statusText;
    this.#headers = freeze(headers);
    this.#serverHeaders = freeze(serverHeaders);
    this.body = body;
    freeze(this);
  }

  /** A fresh copy of the headers (lower-case names), so changing it cannot change the response. */
  get headers(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.#headers));
  }

  /** A fresh copy of the headers under the names as the server wrote them (`Content-Type`). */
  serverHeaders(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.#serverHeaders));
  }

  /** The value of the header `name`, whatever its case; null when the response has none. */
  header(name: string): string | null {
    const key = name.toLowerCase();
    return Object.hasOwn(this.#headers, key) ? this.#headers[key]! : null;
  }

  /** Whether the status is 2xx. */
  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  /** The body as text (the same as {@link body}). */
  text(): string {
    return this.body;
  }

  /** The body parsed as JSON; ValueError when it is not JSON. */
  json(): unknown {
    spend(Math.ceil(this.body.length / 16));
    try {
      return JSON.parse(this.body) as unknown;
    } catch (e) {
      throw valueError(`Response body is not valid JSON: ${(e as Error).message}`);
    }
  }

  toJSON(): { status: number; statusText: string; headers: Record<string, string>; body: string } {
    return { status: this.status, statusText: this.statusText, headers: this.headers, body: this.body };
  }

  override toString(): string {
    return `<HttpResponse ${this.status}${this.statusText === "" ? "" : ` ${this.statusText}`}>`;
  }
}

m.class(HttpResponse, {
  name: "HttpResponse",
  description: "The response of an HTTP request: status(), statusText(), headers(), header(name), body(), text(), json(), ok().",
  members: [
    m.method<HttpResponse>({ name: "status", params: "", returns: "number", description: "The HTTP status code, e.g. 200." }, (r) => r.status),
    m.method<HttpResponse>(
      { name: "statusText", aliases: ["status_text"], params: "", returns: "string", description: "The status message, e.g. \"OK\"." },
      (r) => r.statusText,
    ),
    m.method<HttpResponse>(
      {
        name: "headers", params: "", returns: "object",
        description: "A copy of the response headers, names as the server wrote them (\"Content-Type\"); repeated headers joined with \", \". For a lookup in any case use header(name).",
      },
      (r) => {
        const h = r.serverHeaders();
        spend(Object.keys(h).length);
        return h;
      },
    ),
    m.method<HttpResponse>(
      {
        name: "header", aliases: ["getHeader", "get_header"], params: "name", returns: "string | null",
        description: "The value of the response header name, matched in any case (\"content-type\" finds Content-Type); null when absent.",
      },
      (r, name: unknown) => {
        const n = needString("HttpResponse.header", 1, name);
        spend(Math.ceil(n.length / 16));
        return r.header(n);
      },
    ),
    m.method<HttpResponse>({ name: "body", params: "", returns: "string", description: "The response body decoded as UTF-8 text." }, (r) => r.body),
    m.method<HttpResponse>({ name: "text", params: "", returns: "string", description: "The response body decoded as UTF-8 text." }, (r) => r.text()),
    m.method<HttpResponse>(
      { name: "json", params: "", returns: "any", description: "The response body parsed as JSON; ValueError when it is not valid JSON." },
      (r) => r.json(),
    ),
    m.method<HttpResponse>({ name: "ok", params: "", returns: "boolean", description: "Whether the status is a success (200-299)." }, (r) => r.ok),
  ],
  display: (r: HttpResponse) => r.toString(),
});

// ---------------------------------------------------------------------------------------------
// Constants (mlpy's names; the host may lower both with configureHttp)

export const DEFAULT_TIMEOUT = m.constant(
  "DEFAULT_TIMEOUT", httpConfig().timeoutMs / 1000,
  "The default request timeout in seconds (30), which is also the longest a timeout option may ask for; a host may configure another.",
);
export const MAX_RESPONSE_SIZE = m.constant(
  "MAX_RESPONSE_SIZE", httpConfig().maxResponseBytes,
  "The largest response body accepted, in bytes (10 MiB); a larger one is an error. A host may configure another.",
);

// ---------------------------------------------------------------------------------------------
// URL helpers

export const encodeURI = m.function(
  {
    name: "encodeURI", aliases: ["encode_uri"], params: 's, safe="/"', returns: "string",
    description: "s with every character percent-encoded (as UTF-8) except letters, digits, _ . - ~ and the characters in safe, like Python's quote.",
  },
  (s: unknown, safe?: unknown) => percentEncode("http.encodeURI", needString("http.encodeURI", 1, s), given(safe) ? needString("http.encodeURI", 2, safe) : "/"),
);

export const decodeURI = m.function(
  {
    name: "decodeURI", aliases: ["decode_uri"], params: "s", returns: "string",
    description: "s with %XX sequences decoded as UTF-8, like Python's unquote; malformed sequences are kept as written.",
  },
  (s: unknown) => percentDecode(needString("http.decodeURI", 1, s)),
);

export const encodeQuery = m.function(
  {
    name: "encodeQuery", aliases: ["encode_query"], params: "params", returns: "string",
    description: "A query string (a=1&b=x+y, spaces as +, as mlpy and URLSearchParams write them) from an object; an array value repeats its key, null gives an empty value.",
  },
  (params: unknown) => encodeQueryString("http.encodeQuery", needObject("http.encodeQuery", 1, params)),
);

export const parseQuery = m.function(
  {
    name: "parseQuery", aliases: ["parse_query"], params: "query", returns: "object",
    description: "An object from a query string (leading ? optional; + is a space); a repeated key gives an array of its values.",
  },
  (query: unknown) => parseQueryString(needString("http.parseQuery", 1, query)),
);

export const buildUrl = m.function(
  {
    name: "buildUrl", aliases: ["build_url"], params: "base, params?", returns: "string",
    description: "base with the object params added as query parameters (after any existing ones, before any #fragment).",
  },
  (base: unknown, params?: unknown) => {
    const url = needString("http.buildUrl", 1, base);
    return given(params) ? appendQuery(url, encodeQueryString("http.buildUrl", needObject("http.buildUrl", 2, params))) : url;
  },
);

export const parseUrl = m.function(
  {
    name: "parseUrl", aliases: ["parse_url"], params: "url", returns: "object",
    description:
      "The parts of an absolute URL: {scheme, host, hostname, port, path, query, fragment}; port is null when absent or the scheme's default.",
  },
  (url: unknown) => urlParts("http.parseUrl", needString("http.parseUrl", 1, url)),
);

// ---------------------------------------------------------------------------------------------
// Requests

/** Header name (lower case) → [name as written, value]. */
type HeaderMap = Map<string, [string, string]>;

function headerMap(fn: string, headers: Record<string, unknown> | null): HeaderMap {
  const map: HeaderMap = new Map();
  if (headers === null) return map;
  for (const [name, raw] of Object.entries(headers)) {
    if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") {
      throw typeError(`${fn}(): header '${name}' must be a string or a number, not ${typeOf(raw)}`);
    }
    if (transportHeader(name.toLowerCase())) {
      throw valueError(
        `${fn}(): header '${name}' cannot be set by the program (Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive, TE, Trailer, Upgrade and Proxy-* headers belong to the transport)`,
      );
    }
    const value = String(raw);
    try {
      validateHeaderName(name);
    } catch {
      throw valueError(`${fn}(): invalid header name '${name}'`);
    }
    try {
      validateHeaderValue(name, value);
    } catch {
      throw valueError(`${fn}(): invalid value for header '${name}' (control characters are not allowed)`);
    }
    map.set(name.toLowerCase(), [name, value]);
  }
  return map;
}

function setDefault(headers: HeaderMap, name: string, value: string): void {
  if (!headers.has(name.toLowerCase())) headers.set(name.toLowerCase(), [name, value]);
}

/** The request body as bytes, setting Content-Type when the caller did not. */
function bodyBytes(fn: string, body: unknown, json: boolean, headers: HeaderMap): Buffer | null {
  if (body === undefined || body === null) return null;
  const limits = programScope().state.limits;
  if (typeof body === "string") {
    setDefault(headers, "Content-Type", json ? "application/json" : "text/plain; charset=utf-8");
    spend(Math.ceil(body.length / 16));
    return Buffer.from(body, "utf8");
  }
  // Measured before serialising: a small structure with shared parts can stand for an
  // exponentially long text. One step per value and per character of its expanded size.
  const size = expandedSize(body, limits.maxStringLength);
  if (size === Infinity) throw valueError(`${fn}(): the body cannot be sent as JSON (it contains itself)`);
  checkStringLength(size, limits);
  spend(size);
  let text: string;
  try {
    text = JSON.stringify(body, (_key, v: unknown) => {
      if (typeof v === "function") throw valueError(`${fn}(): a function cannot be sent as JSON`);
      return v;
    });
  } catch (e) {
    if (e instanceof MLError) throw e;
    throw valueError(`${fn}(): the body cannot be sent as JSON (it contains itself)`);
  }
  checkStringLength(text.length, limits);
  setDefault(headers, "Content-Type", "application/json");
  return Buffer.from(text, "utf8");
}

/** Reads the options object of a request, rejecting unknown keys. */
function readOptions(fn: string, position: number, options: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (!given(options)) return {};
  const o = needObject(fn, position, options);
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) throw valueError(`${fn}(): unknown option '${key}' (expected ${allowed.join(", ")})`);
  }
  return o;
}

/** An option that must be an object when given; `null` when absent. */
function objectOption(fn: string, name: string, v: unknown): Record<string, unknown> | null {
  if (!given(v)) return null;
  if (isPlainObject(v)) return v;
  throw typeError(`${fn}(): option '${name}' must be an object, not ${typeOf(v)}`);
}

/** Builds and sends one request; `body` (when not undefined) takes precedence over `options.body`. */
async function perform(fn: string, method: string, url: unknown, body: unknown, options: Record<string, unknown>): Promise<HttpResponse> {
  let href = needString(fn, 1, url);
  const params = objectOption(fn, "params", options.params);
  if (params !== null) href = appendQuery(href, encodeQueryString(fn, params));
  if (given(options.json) && typeof options.json !== "boolean") {
    throw typeError(`${fn}(): option 'json' must be a boolean, not ${typeOf(options.json)}`);
  }
  const json = options.json === true;
  const ceiling = httpConfig().timeoutMs;
  let timeoutMs = ceiling;
  if (given(options.timeout)) {
    // Seconds, as mlpy (and Python's urllib) take it; fractions allowed.
    const t = options.timeout;
    if (typeof t !== "number") throw typeError(`${fn}(): option 'timeout' must be a number of seconds, not ${typeOf(t)}`);
    if (!(t > 0)) throw valueError(`${fn}(): option 'timeout' must be a positive number of seconds, got ${t}`);
    timeoutMs = Math.min(Math.ceil(t * 1000), ceiling);
  }
  const headers = headerMap(fn, objectOption(fn, "headers", options.headers));
  const bytes = bodyBytes(fn, body === undefined ? options.body : body, json, headers);
  setDefault(headers, "Accept", json ? "application/json" : "*/*");
  setDefault(headers, "Accept-Encoding", "gzip, deflate, br");
  setDefault(headers, "User-Agent", `mljs/${PACKAGE_VERSION}`);
  if (bytes !== null) headers.set("content-length", ["Content-Length", String(bytes.length)]);

  const raw = await send({
    label: fn,
    method,
    url: href,
    headers: Object.fromEntries([...headers.values()]),
    body: bytes,
    timeoutMs,
  });
  // The body is at most the host's response limit; decoding it is charged like any text.
  spend(Math.ceil(raw.body.length / 16));
  const text = utf8.decode(raw.body);
  checkStringLength(text.length, programScope().state.limits);
  return new HttpResponse(raw.status, raw.statusText, raw.headers, text, raw.rawHeaders);
}

/** Whether `v` reads as an options object: an object whose keys are all request options. */
function looksLikeOptions(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  spend(keys.length);
  return keys.every((k) => CALL_KEYS.includes(k));
}

/**
 * `get/delete/head(url, headers?, timeout?)` as mlpy takes them, and mljs's
 * `(url, options?)`: a second argument whose keys are all option names
 * (headers, body, timeout, json, params) is the options object; any other object is the headers.
 */
function bodylessArguments(fn: string, second: unknown, timeout: unknown): Record<string, unknown> {
  if (timeout !== undefined) {
    // mlpy's positional form: headers, then the timeout in seconds.
    const headers = given(second) ? needObject(fn, 2, second) : null;
    return { headers, timeout };
  }
  if (!given(second)) return {};
  if (looksLikeOptions(second)) return readOptions(fn, 2, second, CALL_KEYS);
  return { headers: needObject(fn, 2, second) };
}

/**
 * `post/put/patch(url, options?)` as mlpy takes them (`{body, headers, timeout}`), and mljs's
 * `(url, body?, options?)`: with two arguments, an object whose keys are all option names is the
 * options object; anything else is the body.
 */
function bodyArguments(fn: string, second: unknown, third: unknown): { body: unknown; options: Record<string, unknown> } {
  if (third === undefined && looksLikeOptions(second)) return { body: undefined, options: readOptions(fn, 2, second, CALL_KEYS) };
  return { body: second === null ? undefined : second, options: readOptions(fn, 3, third, CALL_KEYS) };
}

/** `get`, `delete`, `head`: `(url, headers?, timeout?)` as in mlpy, or `(url, options?)`. */
function bodylessFunction(method: string) {
  const name = method.toLowerCase();
  const fn = `http.${name}`;
  const what = method === "HEAD" ? "headers (the body is empty)" : "response";
  return m.function(
    {
      name,
      params: "url, headers?, timeout?",
      returns: "HttpResponse",
      requires: NETWORK,
      async: true,
      description: `Sends a ${method} request and returns the ${what}. As in mlpy, ${name}(url, headers?, timeout?) with the timeout in seconds; or ${name}(url, options) with options headers, timeout, json, params (an object whose keys are all option names is options, any other is headers).`,
    },
    async (url: unknown, headersOrOptions?: unknown, timeout?: unknown): Promise<HttpResponse> =>
      perform(fn, method, url, undefined, bodylessArguments(fn, headersOrOptions, timeout)),
  );
}

/** `post`, `put`, `patch`: `(url, {body, headers, timeout})` as in mlpy, or `(url, body?, options?)`. */
function bodyFunction(method: string) {
  const name = method.toLowerCase();
  const fn = `http.${name}`;
  return m.function(
    {
      name,
      params: "url, bodyOrOptions?, options?",
      returns: "HttpResponse",
      requires: NETWORK,
      async: true,
      description: `Sends a ${method} request and returns the response. As in mlpy, ${name}(url, {body, headers, timeout}) (an object whose keys are all option names is options); or ${name}(url, body, options?). A string body is sent as text, any other value as JSON; options: body, headers, timeout (seconds), json, params.`,
    },
    async (url: unknown, bodyOrOptions?: unknown, options?: unknown): Promise<HttpResponse> => {
      const call = bodyArguments(fn, bodyOrOptions, options);
      return perform(fn, method, url, call.body, call.options);
    },
  );
}

export const get = bodylessFunction("GET");
export const post = bodyFunction("POST");
export const put = bodyFunction("PUT");
export const patch = bodyFunction("PATCH");
const del = bodylessFunction("DELETE");
export { del as delete };
export const head = bodylessFunction("HEAD");

export const request = m.function(
  {
    name: "request", params: "options", returns: "HttpResponse", requires: NETWORK, async: true,
    description: "Sends a request described by options {method (default GET), url, headers, body, timeout (seconds), json, params} and returns the response.",
  },
  async (options: unknown) => {
    const o = readOptions("http.request", 1, options, REQUEST_KEYS);
    if (given(o.method) && typeof o.method !== "string") {
      throw typeError(`http.request(): option 'method' must be a string, not ${typeOf(o.method)}`);
    }
    const method = given(o.method) ? (o.method as string).toUpperCase() : "GET";
    if (!METHODS.includes(method)) {
      throw valueError(`http.request(): unsupported method '${String(o.method)}' (supported: ${METHODS.join(", ")})`);
    }
    if (!given(o.url)) throw valueError("http.request(): option 'url' is required");
    if (typeof o.url !== "string") throw typeError(`http.request(): option 'url' must be a string, not ${typeOf(o.url)}`);
    return perform("http.request", method, o.url, undefined, o);
  },
);

export const definition = m.done();
