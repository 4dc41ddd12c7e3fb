/**
 * The transport of the `http` module: one request over `node:http`/`node:https`, following
 * redirects, with a deadline and a response size limit.
 *
 * Every hop (the first URL and each redirect target) is authorised by `authorizeUrl`, which also
 * resolves the host; the connection goes only to the addresses that check returned (a `lookup`
 * that answers with them), so a DNS answer that changes between the check and the connection
 * (DNS rebinding) cannot reach an address the grant does not allow. No connection is pooled
 * (`agent: false`), so no socket opened under one run's authority serves another.
 */
import { request as httpRequest, STATUS_CODES, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import { promisify } from "node:util";
import { authorizeUrl, type AuthorizedUrl } from "../../capabilities/check.js";
import { MLError } from "./arguments.js";
import { percentDecode } from "./http-url.js";

/** Process-wide defaults the host sets with `configureHttp`. */
export interface HttpConfig {
  /** Deadline of a whole request, redirects included (ML's `timeout` option may only shorten it). */
  readonly timeoutMs: number;
  /** Largest response body accepted, in bytes after decompression. */
  readonly maxResponseBytes: number;
}

let config: HttpConfig = Object.freeze({ timeoutMs: 30_000, maxResponseBytes: 10 * 1024 * 1024 });

/** The defaults in force. */
export function httpConfig(): HttpConfig {
  return config;
}

/**
 * Sets the process-wide defaults of the `http` module (a host function, not visible to ML):
 * `configureHttp({ timeoutMs: 5000, maxResponseBytes: 1 << 20 })`. Omitted fields keep their
 * value. Returns the configuration now in force.
 */
export function configureHttp(options: { timeoutMs?: number; maxResponseBytes?: number } = {}): HttpConfig {
  const next = { ...config };
  for (const key of ["timeoutMs", "maxResponseBytes"] as const) {
    const v = options[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) {
      throw new TypeError(`configureHttp: ${key} must be a positive finite number, got ${String(v)}`);
    }
    next[key] = Math.floor(v);
  }
  config = Object.freeze(next);
  return config;
}

/** One request as the `http` module builds it. */
export interface RequestSpec {
  /** The calling function, for capability errors (`http.get`). */
  readonly label: string;
  readonly method: string;
  readonly url: string;
  /** Header name → value, names as the caller wrote them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | null;
  readonly timeoutMs: number;
}

/**
 * What came back: status, headers (lower-case names, and as the server spelled them), and the
 * body bytes with any Content-Encoding undone.
 */
export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string>;
  /** The same headers under the names as the server wrote them (the first spelling of a repeated one). */
  readonly rawHeaders: Record<string, string>;
  readonly body: Buffer;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Headers meant for the original origin (credentials, an explicit Host): not forwarded when a
// redirect leaves it.
const ORIGIN_HEADERS = new Set(["authorization", "cookie", "proxy-authorization", "host"]);
const BODY_HEADERS = new Set(["content-type", "content-length", "content-encoding"]);

const decoders: Record<string, (b: Buffer, o: { maxOutputLength: number }) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** `Error("Network error: …")`, the one error type of failed exchanges. */
export function networkError(reason: string): MLError {
  return new MLError("Error", `Network error: ${reason}`);
}

function tooLarge(limit: number): MLError {
  return networkError(`response larger than ${limit} bytes`);
}

/** A Node socket/TLS/parser error as a network error naming only the URL's host. */
function connectionError(e: unknown, url: URL): MLError {
  if (e instanceof MLError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = typeof err?.code === "string" ? err.code : "";
  const where = url.host;
  if (code === "ECONNREFUSED") return networkError(`connection refused by ${where}`);
  if (code === "ECONNRESET" || code === "EPIPE") return networkError(`connection to ${where} was closed unexpectedly`);
  if (code === "ETIMEDOUT") return networkError(`connection to ${where} timed out`);
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return networkError(`${where} is unreachable`);
  if (code.startsWith("HPE_")) return networkError(`invalid HTTP response from ${where}`);
  if (code.includes("CERT") || code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE") {
    return networkError(`TLS error with ${where} (${code})`);
  }
  return networkError(`request to ${where} failed${code === "" ? "" : ` (${code})`}`);
}

/** A `lookup` for `net.connect` that answers only with the addresses the capability check saw. */
function pinnedLookup(addresses: AuthorizedUrl["addresses"]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : Number(options.family ?? 0);
    const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    const list = wanted.length > 0 ? wanted : addresses;
    if (options.all === true) callback(null, list.map((a) => ({ address: a.address, family: a.family })));
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

interface Hop {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | null;
}

/** Outcome of one exchange: a redirect to follow, or a final response with its raw body. */
type Exchange = { kind: "redirect"; status: number; location: string } | { kind: "response"; response: IncomingMessage; raw: Buffer };

/** Sends one request to an authorised target and reads the response (body capped at `limit` raw bytes). */
function exchange(target: AuthorizedUrl, hop: Hop, signal: AbortSignal, limit: number): Promise<Exchange> {
  const { url } = target;
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  const open = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<Exchange>((resolve, reject) => {
    const fail = (e: unknown) => reject(signal.aborted ? signal.reason : connectionError(e, url));
    const req = open(
      {
        protocol: url.protocol,
        hostname,
        port: url.port === "" ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: hop.method,
        headers: hop.headers,
        auth: url.username === "" ? undefined : `${percentDecode(url.username)}:${percentDecode(url.password)}`,
        lookup: pinnedLookup(target.addresses),
        agent: false,
        signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECTS.has(status) && typeof location === "string") {
          res.resume();
          resolve({ kind: "redirect", status, location });
          req.destroy();
          return;
        }
        // A HEAD answer (or a 204/304) declares the size of a body it does not send.
        const bodyless = hop.method === "HEAD" || status === 204 || status === 304;
        if (!bodyless && Number(res.headers["content-length"]) > limit) {
          reject(tooLarge(limit));
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            reject(tooLarge(limit));
            req.destroy();
          } else chunks.push(chunk);
        });
        res.on("end", () => resolve({ kind: "response", response: res, raw: Buffer.concat(chunks, size) }));
        res.on("error", fail);
        res.on("close", () => {
          if (!res.complete) fail(Object.assign(new Error("incomplete response"), { code: "ECONNRESET" }));
        });
      },
    );
    req.on("error", fail);
    req.end(hop.body ?? undefined);
  });
}

/** The body after undoing `Content-Encoding` (gzip, deflate, br), still within `limit` bytes. */
async function decoded(res: IncomingMessage, raw: Buffer, limit: number): Promise<Buffer> {
  const encoding = (res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decode = decoders[encoding];
  if (decode === undefined || raw.length === 0) return raw;
  try {
    return await decode(raw, { maxOutputLength: limit });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(limit);
    throw networkError(`cannot decode the ${encoding} response body`);
  }
}

function responseHeaders(res: IncomingMessage): Record<string, string> {
  const entries: [string, string][] = [];
  for (const [k, v] of Object.entries(res.headers)) {
    if (v !== undefined) entries.push([k.toLowerCase(), Array.isArray(v) ? v.join(", ") : v]);
  }
  return Object.fromEntries(entries); // own data properties, even for a header named __proto__
}

/** The response headers under the server's spelling of each name; repeated ones joined with ", ". */
function serverSpelledHeaders(res: IncomingMessage): Record<string, string> {
  const spelling = new Map<string, string>();
  const values = new Map<string, string[]>();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (!spelling.has(lower)) spelling.set(lower, name);
    const list = values.get(lower);
    if (list === undefined) values.set(lower, [raw[i + 1]!]);
    else list.push(raw[i + 1]!);
  }
  // Own data properties, even for a header named __proto__.
  return Object.fromEntries([...spelling].map(([lower, name]) => [name, values.get(lower)!.join(", ")]));
}

/** The request's next hop after a redirect (RFC 9110 §15.4, as browsers do it). */
function redirected(hop: Hop, status: number, from: URL, to: URL): Hop {
  const toGet = status === 301 || status === 302 || status === 303;
  const method = toGet && hop.method !== "HEAD" ? "GET" : hop.method;
  const sameOrigin = from.origin === to.origin;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(hop.headers)) {
    const lower = k.toLowerCase();
    if (!sameOrigin && ORIGIN_HEADERS.has(lower)) continue;
    if (toGet && BODY_HEADERS.has(lower)) continue;
    headers[k] = v;
  }
  return { method, headers, body: toGet ? null : hop.body };
}

/**
 * Performs `spec`: authorises and sends each hop, follows up to 10 redirects, and resolves to
 * the final response (any status). Rejects with `CapabilityError` for a denied hop and with
 * `Error("Network error: …")` for connection failures, the deadline and the size limit.
 */
export async function send(spec: RequestSpec): Promise<RawResponse> {
  const limit = config.maxResponseBytes;
  const controller = new AbortController();
  const timedOut = networkError(`request timed out after ${spec.timeoutMs} ms`);
  let expire!: (e: MLError) => void;
  const deadline = new Promise<never>((_, reject) => (expire = reject));
  deadline.catch(() => {}); // only ever awaited through Promise.race
  const timer = setTimeout(() => {
    controller.abort(timedOut);
    expire(timedOut);
  }, spec.timeoutMs);
  try {
    let hop: Hop = { method: spec.method, headers: { ...spec.headers }, body: spec.body };
    let href = spec.url;
    for (let redirects = 0; ; redirects++) {
      const target = await Promise.race([authorizeUrl(spec.label, href, hop.method), deadline]);
      const result = await Promise.race([exchange(target, hop, controller.signal, limit), deadline]);
      if (result.kind === "response") {
        const body = await Promise.race([decoded(result.response, result.raw, limit), deadline]);
        const status = result.response.statusCode ?? 0;
        return {
          status,
          statusText: result.response.statusMessage ?? STATUS_CODES[status] ?? "",
          headers: responseHeaders(result.response),
          rawHeaders: serverSpelledHeaders(result.response),
          body,
        };
      }
      if (redirects === MAX_REDIRECTS) throw networkError(`too many redirects (more than ${MAX_REDIRECTS})`);
      let next: URL;
      try {
        next = new URL(result.location, target.url);
      } catch {
        throw networkError(`invalid redirect location '${result.location}'`);
      }
      hop = redirected(hop, result.status, target.url, next);
      href = next.href;
    }
  } finally {
    clearTimeout(timer);
  }
}
