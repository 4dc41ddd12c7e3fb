import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { ml, mlFails } from "./ml.js";
import * as http from "../../src/stdlib/http.js";
import { configureHttp, HttpResponse } from "../../src/stdlib/http.js";
import { withCapabilities } from "../../src/capabilities/context.js";
import { capability } from "../../src/capabilities/token.js";
import { MLError } from "../../src/runtime/errors.js";
import { load } from "../../src/index.js";

// A host name only the capability check can resolve: if the connection did its own DNS lookup
// instead of using the checked addresses, it would fail.
const PINNED_HOST = "pinned.mljs.test";
vi.mock("node:dns/promises", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:dns/promises")>();
  const lookup = (host: string, options: unknown) =>
    host === "pinned.mljs.test" ? Promise.resolve([{ address: "127.0.0.1", family: 4 }]) : (original.lookup as Function)(host, options);
  return { ...original, lookup, default: { ...original, lookup } };
});

let server: Server;
let other: Server;
let base: string;
let port: number;
let otherBase: string;
let closedPort: number;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const body = await readBody(req);
  const p = url.pathname;
  const json = (status: number, value: unknown, extra: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json", ...extra });
    res.end(JSON.stringify(value));
  };
  if (p === "/json") return json(200, { hello: "world", n: [1, 2.5, null], nested: { ok: true } });
  if (p === "/echo") {
    return json(200, { method: req.method, url: req.url, headers: req.headers, body }, { "X-Custom": "yes" });
  }
  if (p.startsWith("/status/")) {
    res.writeHead(Number(p.slice(8)), { "Content-Type": "text/plain" });
    return void res.end("status body");
  }
  if (p === "/redirect") {
    res.writeHead(Number(url.searchParams.get("status") ?? 302), { Location: url.searchParams.get("to") ?? "/json" });
    return void res.end();
  }
  if (p.startsWith("/chain/")) {
    const n = Number(p.slice(7));
    if (n === 0) return json(200, { done: true });
    res.writeHead(302, { Location: `/chain/${n - 1}` });
    return void res.end();
  }
  if (p === "/loop") {
    res.writeHead(301, { Location: "/loop" });
    return void res.end();
  }
  if (p === "/slow") {
    const timer = setTimeout(() => json(200, { slow: true }), 2000);
    res.on("close", () => clearTimeout(timer));
    return;
  }
  if (p === "/big") {
    res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "5000" });
    return void res.end("x".repeat(5000));
  }
  if (p === "/big-chunked") {
    res.writeHead(200, { "Content-Type": "text/plain" });
    for (let i = 0; i < 10; i++) res.write("y".repeat(500));
    return void res.end();
  }
  if (p === "/gzip") {
    res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
    return void res.end(gzipSync(JSON.stringify({ compressed: "héllo" })));
  }
  if (p === "/gzip-bomb") {
    res.writeHead(200, { "Content-Type": "text/plain", "Content-Encoding": "gzip" });
    return void res.end(gzipSync(Buffer.alloc(100_000, 0x61)));
  }
  if (p === "/headers") {
    res.setHeader("Set-Cookie", ["a=1", "b=2"]);
    res.setHeader("X-Mixed-Case", "Value");
    res.writeHead(200, "All Good");
    return void res.end("plain text, not json");
  }
  if (p === "/drop") {
    req.socket.destroy();
    return;
  }
  res.writeHead(404);
  res.end("no route");
}

function listen(s: Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)));
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  other = createServer((req, res) => void handle(req, res));
  port = await listen(server);
  base = `http://127.0.0.1:${port}`;
  otherBase = `http://127.0.0.1:${await listen(other)}`;
  const closed = createServer();
  closedPort = await listen(closed);
  await new Promise((r) => closed.close(r));
});

afterAll(async () => {
  await Promise.all([server, other].map((s) => new Promise((r) => s.close(r))));
});

/** Any port on 127.0.0.1. */
const LOOPBACK = capability("network.http", { resources: ["127.0.0.1"] });

function allowed<T>(fn: () => T, grants: Parameters<typeof withCapabilities>[0] = [LOOPBACK]): T {
  return withCapabilities(grants, fn);
}

/** The `{type, message}` of the ML error a request rejects (or throws) with. */
async function failure(fn: () => Promise<unknown>): Promise<{ type: string; message: string }> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof MLError) return { type: e.mlType, message: e.mlMessage };
    throw e;
  }
  throw new Error("the request did not fail");
}

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

describe("http: URL helpers", () => {
  it("encodeURI percent-encodes like Python's quote (safe '/' by default); decodeURI reverses it", async () => {
    const out = await ml(`import http;
print(http.encodeURI("a b/c?d=é&x=~_.-"));
print(http.encodeURI("a b/c", ""));
print(http.encodeURI("a b/c:d", "/:"));
print(http.decodeURI("a%20b%2Fc%3Fd%3D%C3%A9"));
print(http.decodeURI("100% sure %zz %e9"));`);
    expect(out).toBe("a%20b/c%3Fd%3D%C3%A9%26x%3D~_.-\na%20b%2Fc\na%20b/c:d\na b/c?d=é\n100% sure %zz \uFFFD\n");
  });

  it("encodeQuery: objects to query strings, spaces as + (as mlpy and URLSearchParams), arrays repeat keys, null is empty", async () => {
    const out = await ml(`import http; print(http.encodeQuery({"q": "a b&c", "n": 3, "ok": true, "tags": ["x", "y"], "none": null, "é": "ü"}));`);
    expect(out).toBe("q=a+b%26c&n=3&ok=true&tags=x&tags=y&none=&%C3%A9=%C3%BC\n");
    expect(await mlFails(`import http; http.encodeQuery({"a": {"b": 1}});`)).toEqual({
      type: "TypeError",
      message: "http.encodeQuery(): query value of 'a' must be a string, number, boolean, null or an array of them, not object",
    });
    expect((await mlFails(`import http; http.encodeQuery("a=1");`)).type).toBe("TypeError");
  });

  it("parseQuery: leading ?, + as space, repeated keys as arrays, keys without =", async () => {
    const out = await ml(`import http; print(http.parseQuery("?q=a+b%26c&tags=x&tags=y&tags=z&flag&e=%C3%A9&&__proto__=p"));`);
    expect(out).toBe('{"q": "a b&c", "tags": ["x", "y", "z"], "flag": "", "e": "é", "__proto__": "p"}\n');
    expect(await ml(`import http; print(http.parseQuery(""));`)).toBe("{}\n");
  });

  it("buildUrl appends parameters after an existing query and before a fragment", async () => {
    const out = await ml(`import http;
print(http.buildUrl("https://api.example.com/search", {"q": "ml js", "page": 2}));
print(http.buildUrl("https://x.org/p?a=1#top", {"b": "2"}));
print(http.buildUrl("https://x.org/p?", {"b": "2"}));
print(http.buildUrl("https://x.org/p"));
print(http.buildUrl("https://x.org/p", {}));`);
    expect(out).toBe(
      "https://api.example.com/search?q=ml+js&page=2\nhttps://x.org/p?a=1&b=2#top\nhttps://x.org/p?b=2\nhttps://x.org/p\nhttps://x.org/p\n",
    );
  });

  it("parseUrl gives scheme, host, hostname, port, path, query, fragment", async () => {
    const out = await ml(`import http;
print(http.parseUrl("https://User@Example.com:8443/a/b?x=1&y=2#frag"));
print(http.parseUrl("http://example.com"));
print(http.parseUrl("http://[::1]:80/p"));`);
    expect(out.trim().split("\n")).toEqual([
      '{"scheme": "https", "host": "example.com:8443", "hostname": "example.com", "port": 8443, "path": "/a/b", "query": "x=1&y=2", "fragment": "frag"}',
      '{"scheme": "http", "host": "example.com", "hostname": "example.com", "port": null, "path": "/", "query": "", "fragment": ""}',
      '{"scheme": "http", "host": "[::1]", "hostname": "::1", "port": null, "path": "/p", "query": "", "fragment": ""}',
    ]);
    expect(await mlFails(`import http; http.parseUrl("not a url");`)).toEqual({
      type: "ValueError",
      message: "http.parseUrl(): invalid URL 'not a url'",
    });
  });

  it("URL helpers need no capability; requests need network.http", async () => {
    const out = await ml(`import http;
print(requiredCapabilities(http.encodeURI)); print(requiredCapabilities(http.parseUrl));
print(requiredCapabilities(http.get)); print(requiredCapabilities(http.delete)); print(requiredCapabilities(http.request));
print(help(http.post));`);
    const lines = out.trim().split("\n");
    expect(lines.slice(0, 5)).toEqual(["[]", "[]", '["network.http"]', '["network.http"]', '["network.http"]']);
    expect(lines.slice(5).join("\n")).toContain("Requires: network.http");
    expect(lines.slice(5).join("\n")).toContain("as JSON");
  });
});

describe("http: requests", () => {
  it("get: status, headers, JSON body", async () => {
    const r = await allowed(() => http.get(`${base}/json`));
    expect(r).toBeInstanceOf(HttpResponse);
    expect(r.status).toBe(200);
    expect(r.statusText).toBe("OK");
    expect(r.ok).toBe(true);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.json()).toEqual({ hello: "world", n: [1, 2.5, null], nested: { ok: true } });
    expect(r.body).toBe(JSON.stringify({ hello: "world", n: [1, 2.5, null], nested: { ok: true } }));
  });

  it("post with an object body sends JSON with Content-Type application/json", async () => {
    const r = await allowed(() => http.post(`${base}/echo`, { a: 1, list: [true, null], s: "é" }));
    const echo = r.json() as Echo;
    expect(echo.method).toBe("POST");
    expect(echo.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(echo.body)).toEqual({ a: 1, list: [true, null], s: "é" });
    expect(echo.headers["content-length"]).toBe(String(Buffer.byteLength(echo.body)));
    expect(echo.headers["user-agent"]).toMatch(/^mljs\//);
  });

  it("a string body is sent as is (text/plain unless json: true or a Content-Type is given)", async () => {
    const plain = (await allowed(() => http.post(`${base}/echo`, "hello"))).json() as Echo;
    expect(plain.body).toBe("hello");
    expect(plain.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const asJson = (await allowed(() => http.put(`${base}/echo`, '{"x":1}', { json: true }))).json() as Echo;
    expect(asJson.method).toBe("PUT");
    expect(asJson.headers["content-type"]).toBe("application/json");
    expect(asJson.headers.accept).toBe("application/json");
    const custom = (await allowed(() => http.patch(`${base}/echo`, "<a/>", { headers: { "Content-Type": "application/xml" } }))).json() as Echo;
    expect(custom.method).toBe("PATCH");
    expect(custom.headers["content-type"]).toBe("application/xml");
  });

  it("headers go out as given; params extend the query; delete and head work", async () => {
    const echo = (
      await allowed(() => http.get(`${base}/echo?a=1`, { headers: { "X-Token": "t0k", "X-Num": 5 }, params: { b: "two words" } }))
    ).json() as Echo;
    expect(echo.headers["x-token"]).toBe("t0k");
    expect(echo.headers["x-num"]).toBe("5");
    expect(echo.headers.accept).toBe("*/*");
    expect(echo.url).toBe("/echo?a=1&b=two+words");
    expect(((await allowed(() => http.delete(`${base}/echo`))).json() as Echo).method).toBe("DELETE");
    const h = await allowed(() => http.head(`${base}/json`));
    expect(h.status).toBe(200);
    expect(h.body).toBe("");
    expect(h.headers["content-type"]).toBe("application/json");
  });

  it("request(options) takes method, url, headers, body, json", async () => {
    const r = await allowed(() =>
      http.request({ method: "patch", url: `${base}/echo`, headers: { "X-A": "b" }, body: [1, 2], json: true, timeout: 5 }),
    );
    const echo = r.json() as Echo;
    expect(echo.method).toBe("PATCH");
    expect(echo.body).toBe("[1,2]");
    expect(echo.headers["x-a"]).toBe("b");
    expect(echo.headers.accept).toBe("application/json");
    expect(((await allowed(() => http.request({ url: `${base}/echo` }))).json() as Echo).method).toBe("GET");
  });

  it("response headers have lower-case names; repeated ones are joined", async () => {
    const r = await allowed(() => http.get(`${base}/headers`));
    expect(r.statusText).toBe("All Good");
    expect(r.headers["x-mixed-case"]).toBe("Value");
    expect(r.headers["set-cookie"]).toBe("a=1, b=2");
    expect(Object.getPrototypeOf(r.headers)).toBe(Object.prototype);
    r.headers["x-mixed-case"] = "changed";
    expect(r.headers["x-mixed-case"]).toBe("Value");
  });

  it("a non-2xx status is a response, not an error", async () => {
    const r = await allowed(() => http.get(`${base}/status/404`));
    expect(r.status).toBe(404);
    expect(r.statusText).toBe("Not Found");
    expect(r.ok).toBe(false);
    expect(r.body).toBe("status body");
    expect((await allowed(() => http.get(`${base}/status/500`))).ok).toBe(false);
  });

  it("gzip responses are decoded", async () => {
    const r = await allowed(() => http.get(`${base}/gzip`));
    expect(r.json()).toEqual({ compressed: "héllo" });
  });

  it("json() on a body that is not JSON is a ValueError", async () => {
    const r = await allowed(() => http.get(`${base}/headers`));
    expect(() => r.json()).toThrow(MLError);
    try {
      r.json();
    } catch (e) {
      expect((e as MLError).mlType).toBe("ValueError");
      expect((e as MLError).mlMessage).toMatch(/^Response body is not valid JSON: /);
    }
  });

  it("bad arguments and options are ML errors", async () => {
    expect(await failure(() => allowed(() => http.post(`${base}/json`, "x", { timeot: 5 })))).toEqual({
      type: "ValueError",
      message: "http.post(): unknown option 'timeot' (expected headers, body, timeout, json, params)",
    });
    expect(await failure(() => allowed(() => http.get(`${base}/json`, { headers: { "Bad Name": "x" } })))).toEqual({
      type: "ValueError",
      message: "http.get(): invalid header name 'Bad Name'",
    });
    expect((await failure(() => allowed(() => http.get(`${base}/json`, { headers: { "X-A": "a\r\nX-B: b" } })))).type).toBe("ValueError");
    expect((await failure(() => allowed(() => http.get(`${base}/json`, { headers: "x" })))).type).toBe("TypeError");
    expect((await failure(() => allowed(() => http.get(`${base}/json`, { timeout: -1 })))).type).toBe("ValueError");
    expect((await failure(() => allowed(() => http.get(`${base}/json`, { json: "yes" })))).type).toBe("TypeError");
    expect((await failure(() => allowed(() => http.get(12))))).toEqual({ type: "TypeError", message: "http.get() argument 1 must be a string, not number" });
    expect(await failure(() => allowed(() => http.request({ method: "TRACE", url: `${base}/` })))).toEqual({
      type: "ValueError",
      message: "http.request(): unsupported method 'TRACE' (supported: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)",
    });
    expect((await failure(() => allowed(() => http.request({ method: "GET" })))).message).toBe("http.request(): option 'url' is required");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await failure(() => allowed(() => http.post(`${base}/echo`, cyclic))))).toEqual({
      type: "ValueError",
      message: "http.post(): the body cannot be sent as JSON (it contains itself)",
    });
    expect((await failure(() => allowed(() => http.get("not a url"))))).toEqual({ type: "ValueError", message: "http.get(): invalid URL 'not a url'" });
    expect((await failure(() => allowed(() => http.get("ftp://127.0.0.1/x")))).type).toBe("CapabilityError");
  });

  it("connection failures are 'Network error: …'", async () => {
    expect(await failure(() => allowed(() => http.get(`http://127.0.0.1:${closedPort}/`)))).toEqual({
      type: "Error",
      message: `Network error: connection refused by 127.0.0.1:${closedPort}`,
    });
    const dropped = await failure(() => allowed(() => http.get(`${base}/drop`)));
    expect(dropped.type).toBe("Error");
    expect(dropped.message).toMatch(/^Network error: /);
  });

  it("HttpResponse: JSON form, display, and its ML members", async () => {
    const r = await allowed(() => http.get(`${base}/status/201`));
    expect(JSON.parse(JSON.stringify(r))).toEqual({
      status: 201,
      statusText: "Created",
      headers: r.headers,
      body: "status body",
    });
    expect(String(r)).toBe("<HttpResponse 201 Created>");
    expect(Object.isFrozen(r)).toBe(true);
    const p = await load({
      source: `function f(r) { return [r.status(), r.statusText(), r.status_text(), r.ok(), r.text(), r.body(), r.headers()["Content-Type"], r.header("content-type"), typeof(r), str(r)]; }
function g(r) { return r.json(); }
function h(r) { try { r.json(); } except (e) { return e.type; } }`,
      filename: "response.ml",
    });
    const f = p.exports.f as (r: unknown) => unknown;
    expect(f(r)).toEqual([201, "Created", "Created", true, "status body", "status body", "text/plain", "text/plain", "HttpResponse", "<HttpResponse 201 Created>"]);
    const j = await allowed(() => http.get(`${base}/json`));
    expect((p.exports.g as (r: unknown) => unknown)(j)).toEqual({ hello: "world", n: [1, 2.5, null], nested: { ok: true } });
    expect((p.exports.h as (r: unknown) => unknown)(r)).toBe("ValueError");
  });
});

describe("http: redirects", () => {
  it("follows redirects (relative and absolute) up to 10 hops", async () => {
    expect((await allowed(() => http.get(`${base}/redirect?to=/json`))).json()).toEqual({ hello: "world", n: [1, 2.5, null], nested: { ok: true } });
    expect((await allowed(() => http.get(`${base}/chain/10`))).json()).toEqual({ done: true });
    expect(await failure(() => allowed(() => http.get(`${base}/chain/11`)))).toEqual({
      type: "Error",
      message: "Network error: too many redirects (more than 10)",
    });
    expect((await failure(() => allowed(() => http.get(`${base}/loop`)))).message).toBe("Network error: too many redirects (more than 10)");
  });

  it("301/302/303 turn into GET without the body; 307/308 keep method and body", async () => {
    const to = encodeURIComponent("/echo");
    for (const status of [301, 302, 303]) {
      const echo = (await allowed(() => http.post(`${base}/redirect?status=${status}&to=${to}`, { a: 1 }))).json() as Echo;
      expect(echo.method).toBe("GET");
      expect(echo.body).toBe("");
      expect(echo.headers["content-type"]).toBeUndefined();
    }
    for (const status of [307, 308]) {
      const echo = (await allowed(() => http.post(`${base}/redirect?status=${status}&to=${to}`, { a: 1 }))).json() as Echo;
      expect(echo.method).toBe("POST");
      expect(echo.body).toBe('{"a":1}');
    }
    const head = await allowed(() => http.head(`${base}/redirect?status=303&to=${to}`));
    expect(head.status).toBe(200);
  });

  it("credentials are forwarded within the origin only", async () => {
    const same = (await allowed(() => http.get(`${base}/redirect?to=/echo`, { headers: { Authorization: "secret", "X-Keep": "1" } }))).json() as Echo;
    expect(same.headers.authorization).toBe("secret");
    const cross = (
      await allowed(() => http.get(`${base}/redirect?to=${encodeURIComponent(`${otherBase}/echo`)}`, { headers: { Authorization: "secret", "X-Keep": "1" } }))
    ).json() as Echo;
    expect(cross.headers.authorization).toBeUndefined();
    expect(cross.headers["x-keep"]).toBe("1");
  });

  it("every hop is checked: a redirect to a host the grant does not name is denied", async () => {
    const denied = await failure(() => allowed(() => http.get(`${base}/redirect?to=${encodeURIComponent(`http://localhost:${port}/json`)}`)));
    expect(denied.type).toBe("CapabilityError");
    expect(denied.message).toContain(`'http://localhost:${port}/json'`);
    expect(denied.message).toContain("loopback or private");
  });

  it("a hop to another port is allowed only when the pattern allows that port", async () => {
    const toOther = `${base}/redirect?to=${encodeURIComponent(`${otherBase}/json`)}`;
    expect((await allowed(() => http.get(toOther))).status).toBe(200);
    const onePort = capability("network.http", { resources: [`127.0.0.1:${port}`] });
    expect((await allowed(() => http.get(`${base}/json`), [onePort])).status).toBe(200);
    const denied = await failure(() => allowed(() => http.get(toOther), [onePort]));
    expect(denied.type).toBe("CapabilityError");
    expect(denied.message).toContain(`${otherBase}/json`);
  });
});

describe("http: capabilities", () => {
  it("every request function is denied without network.http", async () => {
    const calls: [string, () => unknown][] = [
      ["get", () => http.get(`${base}/json`)],
      ["post", () => http.post(`${base}/echo`, "x")],
      ["put", () => http.put(`${base}/echo`, "x")],
      ["patch", () => http.patch(`${base}/echo`, "x")],
      ["delete", () => http.delete(`${base}/echo`)],
      ["head", () => http.head(`${base}/json`)],
      ["request", () => http.request({ url: `${base}/json` })],
    ];
    for (const [name, call] of calls) {
      const e = await failure(async () => call());
      expect(e.type).toBe("CapabilityError");
      expect(e.message).toBe(`http.${name}() requires capability 'network.http': this run was not granted it`);
    }
  });

  it("a URL that would percent-encode past the string limit is refused before it is parsed", async () => {
    // Parsing would make 1 800 009 characters of "%C3%A9…": past V8's longest string, node aborts.
    const source = `import http;\nhttp.get("http://127.0.0.1/" + "é" * 300000);`;
    const options = { limits: { maxStringLength: 1_000_000 }, capabilities: [capability("network.http", { resources: ["127.0.0.1"] })] };
    expect(await mlFails(source, options)).toEqual({ type: "LimitError", message: "string length limit exceeded (max 1000000)" });
    expect(await mlFails(`import http;\nhttp.parseUrl("http://a/" + "é" * 300000);`, options)).toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 1000000)",
    });
    // Within the limit: parsed as before.
    expect(await ml(`import http;\nprint(len(http.parseUrl("http://a/" + "é" * 100000)["path"]));`, options)).toBe("600001\n");
  });

  it("loopback is denied with an unrestricted grant: private addresses need an explicit pattern", async () => {
    const e = await failure(() => allowed(() => http.get(`${base}/json`), ["network.http"]));
    expect(e.type).toBe("CapabilityError");
    expect(e.message).toContain("loopback or private");
    const wildcard = capability("network.http", { resources: ["*"] });
    expect((await failure(() => allowed(() => http.get(`${base}/json`), [wildcard]))).type).toBe("CapabilityError");
  });

  it("a grant for another host denies; operations restrict methods", async () => {
    const elsewhere = capability("network.http", { resources: ["api.example.com"] });
    expect((await failure(() => allowed(() => http.get(`${base}/json`), [elsewhere]))).type).toBe("CapabilityError");
    const getOnly = capability("network.http", { resources: ["127.0.0.1"], operations: ["GET"] });
    expect((await allowed(() => http.get(`${base}/json`), [getOnly])).status).toBe(200);
    const post = await failure(() => allowed(() => http.post(`${base}/echo`, "x"), [getOnly]));
    expect(post.type).toBe("CapabilityError");
    expect(post.message).toContain("operation 'POST'");
  });

  it("the context follows the request across awaits: uses are counted per hop", async () => {
    const twice = capability("network.http", { resources: ["127.0.0.1"], maxUses: 2 });
    await allowed(async () => {
      expect((await http.get(`${base}/json`)).status).toBe(200);
      expect((await http.get(`${base}/json`)).status).toBe(200);
      const third = await failure(() => http.get(`${base}/json`));
      expect(third.message).toContain("uses are spent");
    }, [twice]);
    expect(twice.uses).toBe(2);
    // One use left after the first hop: the redirect hop (checked after an await) is denied.
    const once = capability("network.http", { resources: ["127.0.0.1"], maxUses: 1 });
    const e = await failure(() => allowed(() => http.get(`${base}/redirect?to=/json`), [once]));
    expect(e.type).toBe("CapabilityError");
    expect(e.message).toContain("use is spent");
  });

  it("concurrent requests keep their own contexts", async () => {
    const results = await Promise.allSettled([
      allowed(() => http.get(`${base}/slow`, { timeout: 0.05 }).catch(() => "timeout")),
      allowed(() => http.get(`${base}/json`), ["network.http"]),
      allowed(() => http.get(`${base}/json`)),
    ]);
    expect(results[0]).toMatchObject({ status: "fulfilled", value: "timeout" });
    expect(results[1].status).toBe("rejected");
    expect(results[2]).toMatchObject({ status: "fulfilled" });
  });

  it("connects only to the addresses the check resolved (no second DNS lookup)", async () => {
    const pinned = capability("network.http", { resources: [PINNED_HOST] });
    const r = await allowed(() => http.get(`http://${PINNED_HOST}:${port}/echo`), [pinned]);
    expect((r.json() as Echo).headers.host).toBe(`${PINNED_HOST}:${port}`);
  });

  it("a redirect from an allowed host to 127.0.0.1 is denied unless 127.0.0.1 is named", async () => {
    const pinned = capability("network.http", { resources: [PINNED_HOST] });
    const hop = `http://${PINNED_HOST}:${port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/json`)}`;
    const denied = await failure(() => allowed(() => http.get(hop), [pinned]));
    expect(denied.type).toBe("CapabilityError");
    expect(denied.message).toContain(`'http://127.0.0.1:${port}/json' is a loopback or private address`);
    const both = capability("network.http", { resources: [PINNED_HOST, "127.0.0.1"] });
    expect((await allowed(() => http.get(hop), [both])).status).toBe(200);
  });

  it("a named host resolving to loopback is allowed when the pattern names it", async () => {
    const local = capability("network.http", { resources: ["localhost"] });
    const r = await allowed(() => http.get(`http://localhost:${port}/json`), [local]);
    expect(r.status).toBe(200);
  });
});

describe("http: limits", () => {
  it("a request times out after options.timeout seconds (mlpy's unit)", async () => {
    const started = Date.now();
    expect(await failure(() => allowed(() => http.get(`${base}/slow`, { timeout: 0.1 })))).toEqual({
      type: "Error",
      message: "Network error: request timed out after 100 ms",
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("the host's timeout is the default and the ceiling", async () => {
    const before = configureHttp();
    try {
      configureHttp({ timeoutMs: 150 });
      expect((await failure(() => allowed(() => http.get(`${base}/slow`)))).message).toBe("Network error: request timed out after 150 ms");
      expect((await failure(() => allowed(() => http.get(`${base}/slow`, { timeout: 60 })))).message).toBe(
        "Network error: request timed out after 150 ms",
      );
    } finally {
      configureHttp(before);
    }
    expect(configureHttp().timeoutMs).toBe(30_000);
  });

  it("responses larger than the limit are refused (declared, chunked, or after decompression)", async () => {
    const before = configureHttp();
    try {
      expect(configureHttp({ maxResponseBytes: 1000 }).maxResponseBytes).toBe(1000);
      const expected = { type: "Error", message: "Network error: response larger than 1000 bytes" };
      expect(await failure(() => allowed(() => http.get(`${base}/big`)))).toEqual(expected);
      expect(await failure(() => allowed(() => http.get(`${base}/big-chunked`)))).toEqual(expected);
      expect(await failure(() => allowed(() => http.get(`${base}/gzip-bomb`)))).toEqual(expected);
      // HEAD declares the size of a body it does not send.
      expect((await allowed(() => http.head(`${base}/big`))).headers["content-length"]).toBe("5000");
      expect((await allowed(() => http.get(`${base}/json`))).status).toBe(200);
    } finally {
      configureHttp(before);
    }
    expect((await allowed(() => http.get(`${base}/big`))).body).toHaveLength(5000);
  });

  it("configureHttp rejects invalid settings", () => {
    expect(() => configureHttp({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => configureHttp({ maxResponseBytes: Number.NaN })).toThrow(TypeError);
    expect(configureHttp().maxResponseBytes).toBe(10 * 1024 * 1024);
  });

  it("configureHttp is a host function, not part of the ML module", async () => {
    expect(http.definition.functions.has("configureHttp")).toBe(false);
    expect((await mlFails(`import http; http.configureHttp({});`)).type).toBe("AttributeError");
  });
});

describe("http: headers that belong to the transport", () => {
  const refused = [
    "Host", "host", "HOST", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "TE", "Trailer", "Upgrade",
    "Proxy-Authorization", "Proxy-Connection", "proxy-anything", "HTTP2-Settings",
  ];

  it("are refused with a ValueError naming the header, in any case, before any request is sent", async () => {
    let received = 0;
    const count = () => void received++;
    server.on("request", count);
    try {
      for (const name of refused) {
        expect(await failure(() => allowed(() => http.get(`${base}/echo`, { headers: { [name]: "other.internal" } })))).toEqual({
          type: "ValueError",
          message: `http.get(): header '${name}' cannot be set by the program (Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive, TE, Trailer, Upgrade and Proxy-* headers belong to the transport)`,
        });
      }
      expect((await failure(() => allowed(() => http.request({ url: `${base}/echo`, method: "POST", body: "x", headers: { "content-length": "0" } })))).type).toBe(
        "ValueError",
      );
      expect(received).toBe(0);
    } finally {
      server.off("request", count);
    }
  });

  it("the transport sets Host from the URL and the body's length itself", async () => {
    const echo = (await allowed(() => http.post(`${base}/echo`, "héllo", { headers: { "X-Forwarded-Host": "fine" } }))).json() as Echo;
    expect(echo.headers.host).toBe(`127.0.0.1:${port}`);
    expect(echo.headers["content-length"]).toBe("6");
    expect(echo.headers["x-forwarded-host"]).toBe("fine");
  });

  it("are refused from ML too", async () => {
    expect(await mlFails(`import http; http.get("${base}/echo", {"headers": {"Host": "admin.internal"}});`, { capabilities: [LOOPBACK] })).toEqual({
      type: "ValueError",
      message: "http.get(): header 'Host' cannot be set by the program (Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive, TE, Trailer, Upgrade and Proxy-* headers belong to the transport)",
    });
  });
});

describe("http: URL helpers within the size limits and the step budget", () => {
  const limits = (l: Record<string, number>) => ({ limits: l });

  it("encodeURI measures its result (up to 9 times longer) before building it", async () => {
    expect(await mlFails(`import http; http.encodeURI("€" * 200);`, limits({ maxStringLength: 1000 }))).toEqual({
      type: "LimitError", message: "string length limit exceeded (max 1000)",
    });
    await expect(ml(`import http; print(len(http.encodeURI("€" * 100)));`, limits({ maxStringLength: 1000 }))).resolves.toBe("900\n");
    await expect(ml(`import http; print(http.encodeURI("a 😀/€", ""), http.encodeURI("a 😀/€", "😀 "));`)).resolves.toBe(
      "a%20%F0%9F%98%80%2F%E2%82%AC a 😀%2F%E2%82%AC\n",
    );
  });

  it("a long safe string costs linear time (it was scanned once per character)", async () => {
    const start = performance.now();
    await expect(ml(`import http; print(len(http.encodeURI("a b" * 100000, "x" * 100000 + " ")));`)).resolves.toBe("300000\n");
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it("encodeQuery and buildUrl check the whole query's length before building it", async () => {
    expect(await mlFails(`import http; v = "é" * 100; http.encodeQuery({"a": [v, v, v, v]});`, limits({ maxStringLength: 2000 }))).toEqual({
      type: "LimitError", message: "string length limit exceeded (max 2000)",
    });
    expect(await mlFails(`import http; http.buildUrl("https://x.org/" + "p" * 1500, {"q": "v" * 600});`, limits({ maxStringLength: 2000 }))).toEqual({
      type: "LimitError", message: "string length limit exceeded (max 2000)",
    });
  });

  it("parseQuery keeps a repeated key's array within the array limit", async () => {
    expect(await mlFails(`import http; http.parseQuery("k=v&" * 101);`, limits({ maxArrayLength: 100 }))).toEqual({
      type: "LimitError", message: "array length limit exceeded (max 100)",
    });
    await expect(ml(`import http; print(len(http.parseQuery("k=v&" * 100)["k"]));`, limits({ maxArrayLength: 100 }))).resolves.toBe("100\n");
  });

  it("charge one step per 16 characters and one per query pair", async () => {
    const text = "a%20".repeat(25_000); // 100 000 characters: 6 250 steps to scan
    for (const call of [`http.encodeURI("${text}")`, `http.decodeURI("${text}")`, `http.parseQuery("${text}")`, `http.encodeQuery({"k": "${text}"})`]) {
      expect(await mlFails(`import http; ${call};`, limits({ steps: 5000 }))).toEqual({ type: "LimitError", message: "step limit exceeded (5000 steps)" });
      await expect(ml(`import http; ${call};`, limits({ steps: 50_000 }))).resolves.toBe("");
    }
    expect(await mlFails(`import http; http.parseQuery("a&" * 3000);`, limits({ steps: 2000 }))).toEqual({ type: "LimitError", message: "step limit exceeded (2000 steps)" });
  });

  it("a JSON body is measured with shared parts expanded before it is serialised", async () => {
    const start = performance.now();
    expect(await mlFails(`import http; a = [1]; for (i in range(40)) { a = [a, a]; } http.post("${base}/echo", a);`, { capabilities: [LOOPBACK] })).toEqual({
      type: "LimitError", message: "string length limit exceeded (max 100000000)",
    });
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
