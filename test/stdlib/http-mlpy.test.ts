/**
 * http in mlpy's call forms (issue 13, docs/mlpy-compat.md#http), against a real loopback server:
 * HttpResponse accessors are methods, `get/delete/head(url, headers, timeout)`,
 * `post/put/patch(url, {body, headers, timeout})`, timeouts in seconds, `encodeQuery` with `+`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capability } from "../../src/index.js";
import { ml, mlFails } from "./ml.js";
import { startLoopbackServer, type LoopbackServer } from "./loopback-server.js";

let server: LoopbackServer;
let base: string;

beforeAll(async () => {
  server = await startLoopbackServer((req, res, url, body) => {
    if (url.pathname === "/slow") return void setTimeout(() => res.end("late"), 400);
    res.setHeader("Content-Type", "application/json");
    res.setHeader("X-Request-Id", "abc");
    res.writeHead(url.pathname === "/missing" ? 404 : 200);
    res.end(req.method === "HEAD" ? undefined : JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
  });
  base = server.base;
});
afterAll(() => server.close());

const grants = () => ({ capabilities: [capability("network.http", { resources: ["127.0.0.1"] })] });
const run = (body: string) => ml(`import http; B = "${base}";\n${body}`, grants());

describe("HttpResponse in mlpy's form: accessor methods", () => {
  it("status(), statusText()/status_text(), headers(), body(), ok(), text(), json()", async () => {
    const out = await run(`r = http.get(B + "/missing");
print(r.status(), r.statusText(), r.status_text(), r.ok(), r.body() == r.text(), r.json()["method"]);`);
    expect(out).toBe("404 Not Found Not Found false true GET\n");
  });

  it("headers() keeps the server's spelling of names; header(name) finds one in any case", async () => {
    const out = await run(`r = http.get(B + "/x");
h = r.headers();
print(h["Content-Type"], h["X-Request-Id"], hasattr(h, "content-type"));
print(r.header("content-type"), r.header("CONTENT-TYPE"), r.get_header("x-request-id"), r.getHeader("X-Missing"));`);
    expect(out).toBe("application/json abc false\napplication/json application/json abc null\n");
  });

  it("headers() is a copy: changing it does not change the response", async () => {
    expect(await run(`r = http.get(B); h = r.headers(); h["X-Request-Id"] = "changed"; print(r.headers()["X-Request-Id"]);`)).toBe("abc\n");
  });
});

describe("request functions in mlpy's call forms", () => {
  it("get/delete/head(url, headers): the second argument is the headers object", async () => {
    const out = await run(`e = http.get(B + "/g", {"X-Token": "t0k", "Accept": "text/plain"}).json();
print(e["headers"]["x-token"], e["headers"]["accept"]);
d = http.delete(B + "/d", {"X-Why": "cleanup"}).json();
print(d["method"], d["headers"]["x-why"]);
h = http.head(B + "/h", {"X-A": "1"});
print(h.status(), h.body() == "", h.header("content-type"));`);
    expect(out).toBe("t0k text/plain\nDELETE cleanup\n200 true application/json\n");
  });

  it("get(url, headers, timeout) takes the timeout in seconds; null headers are none", async () => {
    expect(await run(`print(http.get(B + "/t", {"X-A": "b"}, 5).json()["headers"]["x-a"], http.get(B + "/t", null, 5).status());`)).toBe(
      "b 200\n",
    );
    const out = await run(`try { http.get(B + "/slow", {}, 0.05); } except (e) { print(e.message); }
try { http.get(B + "/slow", {"timeout": 0.05}); } except (e) { print(e.message); }`);
    expect(out).toBe("Network error: request timed out after 50 ms\nNetwork error: request timed out after 50 ms\n");
  });

  it("mljs's options object still works as the second argument of get", async () => {
    const out = await run(`e = http.get(B + "/o", {"headers": {"X-A": "1"}, "params": {"q": "a b"}}).json(); print(e["headers"]["x-a"], e["url"]);`);
    expect(out).toBe("1 /o?q=a+b\n");
  });

  it("post/put/patch(url, {body, headers, timeout}) send the body, not the options object", async () => {
    const out = await run(`p = http.post(B + "/p", {"body": "name=ml", "headers": {"Content-Type": "application/x-www-form-urlencoded"}, "timeout": 5}).json();
print(p["method"], p["body"], p["headers"]["content-type"]);
u = http.put(B + "/u", {"body": {"a": 1}}).json();
print(u["method"], u["body"], u["headers"]["content-type"]);
a = http.patch(B + "/a", {"headers": {"X-Only": "h"}}).json();
print(a["method"], a["body"] == "", a["headers"]["x-only"]);`);
    expect(out).toBe('POST name=ml application/x-www-form-urlencoded\nPUT {"a":1} application/json\nPATCH true h\n');
  });

  it("an object that is not an options object is still the JSON body; post(url, body, options) as before", async () => {
    const out = await run(`print(http.post(B + "/j", {"qty": 2}).json()["body"]);
print(http.post(B + "/j", {"body": "x", "qty": 2}).json()["body"]);
e = http.post(B + "/j", "raw", {"headers": {"X-A": "1"}}).json(); print(e["body"], e["headers"]["x-a"]);`);
    expect(out).toBe('{"qty":2}\n{"body":"x","qty":2}\nraw 1\n');
  });

  it("request(options) takes the timeout in seconds", async () => {
    const out = await run(`print(http.request({"method": "PUT", "url": B + "/r", "body": "b", "timeout": 2}).json()["method"]);
try { http.request({"url": B + "/slow", "timeout": 0.05}); } except (e) { print(e.message); }`);
    expect(out).toBe("PUT\nNetwork error: request timed out after 50 ms\n");
  });

  it("a non-positive or non-number timeout is an error naming seconds", async () => {
    expect(await mlFails(`import http; http.get("${base}", {}, 0);`, grants())).toEqual({
      type: "ValueError",
      message: "http.get(): option 'timeout' must be a positive number of seconds, got 0",
    });
    expect((await mlFails(`import http; http.get("${base}", {}, "5");`, grants())).type).toBe("TypeError");
  });

  it("the network checks are as strict as before: the mlpy forms need network.http, loopback needs a named host", async () => {
    expect((await mlFails(`import http; http.get("${base}", {"X-A": "1"});`)).type).toBe("CapabilityError");
    const wide = await mlFails(`import http; http.post("${base}", {"body": "x"});`, { capabilities: [capability("network.http")] });
    expect(wide.type).toBe("CapabilityError");
    expect(wide.message).toContain("loopback or private address");
  });
});

describe("URL helpers and constants as mlpy has them", () => {
  it("encodeQuery/encode_query encode spaces as + (as mlpy and URLSearchParams)", async () => {
    const out = await ml(`import http; print(http.encodeQuery({"q": "a b", "x": "1+1"}), http.encode_query({"name": "M L"}));
print(http.encode_uri("a b"), http.decode_uri("a%20b"), http.parse_query("a=1")["a"], http.build_url("https://x.org", {"q": "a b"}), http.parse_url("https://x.org/p")["path"]);`);
    expect(out).toBe("q=a+b&x=1%2B1 name=M+L\na%20b a b 1 https://x.org?q=a+b /p\n");
    expect(await ml(`import http; print(http.parseQuery(http.encodeQuery({"q": "a b+c"})));`)).toBe('{"q": "a b+c"}\n');
  });

  it("DEFAULT_TIMEOUT (seconds) and MAX_RESPONSE_SIZE (bytes)", async () => {
    expect(await ml(`import http; print(http.DEFAULT_TIMEOUT, http.MAX_RESPONSE_SIZE);`)).toBe("30 10485760\n");
  });
});
