/**
 * ML programs calling `http` against a real loopback server (HOST.md §5): the calls read as
 * plain calls, the functions that reach them are compiled async, the capability context
 * follows the program across every await.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capability, compile, CapabilityContext, load } from "../../src/index.js";
import { ml, mlFails } from "./ml.js";
import { startLoopbackServer, type LoopbackServer } from "./loopback-server.js";

let server: LoopbackServer;
let base: string;

beforeAll(async () => {
  server = await startLoopbackServer((req, res, url, body) => {
    if (url.pathname === "/redirect-out") {
      res.writeHead(302, { Location: `http://localhost:${server.port}/items` });
      return void res.end();
    }
    if (url.pathname === "/slow") return void setTimeout(() => res.end("late"), 300);
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ path: url.pathname, method: req.method, body, items: [1, 2, 3] }));
  });
  base = server.base;
});
afterAll(() => server.close());

const loopback = () => [capability("network.http", { resources: ["127.0.0.1"] })];

describe("http from ML", () => {
  it("requests read as plain calls, in functions and at top level", async () => {
    const out = await ml(
      `import http;
function fetchItems(base) {
  r = http.get(base + "/items");
  return r.json()["items"];
}
function total(base) { s = 0; for (x in fetchItems(base)) { s = s + x; } return s; }
print(total("${base}"));
r = http.post("${base}/orders", {"qty": 2});
print(r.status(), r.ok(), r.json()["method"], r.json()["body"]);
`,
      { capabilities: loopback() },
    );
    expect(out).toBe('6\n200 true POST {"qty":2}\n');
  });

  it("a request needs network.http, and redirects to other hosts are checked per hop", async () => {
    const denied = await mlFails(`import http; http.get("${base}/items");`);
    expect(denied).toEqual({ type: "CapabilityError", message: "http.get() requires capability 'network.http': this run was not granted it" });
    const hop = await mlFails(`import http; http.get("${base}/redirect-out");`, { capabilities: loopback() });
    expect(hop.type).toBe("CapabilityError");
    expect(hop.message).toContain("localhost");
  });

  it("errors from awaited calls are caught by try/except", async () => {
    const out = await ml(
      `import http;
try { http.get("${base}/slow", {"timeout": 0.05}); } except (e) { print(e.type, e.message); }`,
      { capabilities: loopback() },
    );
    expect(out).toBe("Error Network error: request timed out after 50 ms\n");
  });

  it("exported functions that make requests return promises and keep the caller's context across awaits", async () => {
    const program = await load({
      source: `import http;
function twice(base) { a = http.get(base + "/a"); b = http.get(base + "/b"); return [a.json()["path"], b.json()["path"], getCapabilityInfo("network.http")["usage_count"]]; }`,
      filename: "client.ml",
    });
    const twice = program.exports.twice as (b: string) => Promise<unknown>;
    const token = capability("network.http", { resources: ["127.0.0.1"], maxUses: 10 });
    const ctx = new CapabilityContext({ capabilities: [token] });
    await expect(ctx.run(() => twice(base))).resolves.toEqual(["/a", "/b", 2]);
    await expect(twice(base)).rejects.toMatchObject({ mlType: "CapabilityError" });
    // Concurrent calls under different contexts each see their own.
    const results = await Promise.allSettled([ctx.run(() => twice(base)), twice(base), ctx.run(() => twice(base))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(token.uses).toBe(6);
  });

  it("a pure program compiles to fully synchronous JavaScript; an http program only where needed", () => {
    const pure = compile(`import math; function f(x) { return math.sqrt(x) + len([x]); } print(f(4));`);
    expect(pure.code).not.toMatch(/\basync\b|\bawait\b/);
    const mixed = compile(`import http; function pure(x) { return x * 2; } function get(u) { return http.get(u).status(); } print(pure(2));`);
    expect(mixed.code).toMatch(/pure = function/);
    expect(mixed.code).toMatch(/get\$ = async function/);
  });
});
