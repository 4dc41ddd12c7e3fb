import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { handler, loadRules as loadRulesExport, mljsPlugin } from "../../src/integrations/fastify.js";
import { loadRules as loadRulesExpress } from "../../src/integrations/express.js";
import type { CapabilityGrantInput, Program } from "../../src/index.js";
import {
  NAMES, delay, grantTable, grantsFor, loadRules, postJSON, request, secretDir, startUpstream, subsets,
} from "./helpers.js";

let rules: Program;
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let secret: ReturnType<typeof secretDir>;
let table: Map<string, CapabilityGrantInput>;
let dev: { app: FastifyInstance; url: string };
let prod: { app: FastifyInstance; url: string };

/** The test application: grants from `x-grants`, after an optional `x-delay` (ms). */
async function buildApp(production: boolean): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  // Registered before the plugin: not wrapped, so it runs with no capability context.
  app.get("/before", handler(rules.exports.whoami));
  await app.register(mljsPlugin, {
    production,
    capabilities: async (request: FastifyRequest) => {
      await delay(Number(request.headers["x-delay"] ?? 0));
      return grantsFor(request.headers["x-grants"], table);
    },
  });
  app.get("/whoami", handler(rules.exports.whoami));
  app.get<{ Querystring: { wait?: string } }>("/whoami/slow", async (request, reply) => {
    await delay(Number(request.query.wait ?? 0));
    return handler(rules.exports.whoami).call(app, request, reply);
  });
  app.get<{ Querystring: { id?: string } }>("/whoami/callback", (request, reply) => {
    setTimeout(() => void reply.send((rules.exports.whoami as (r: unknown) => unknown)({ query: { id: request.query.id } })), 5);
  });
  app.get("/whoami/custom", handler(rules.exports.whoami, { input: (request) => [{ query: { id: request.headers["x-id"] } }] }));
  app.get("/secret", handler(rules.exports.readSecret));
  app.get("/spin", handler(rules.exports.spin));
  app.get("/broken", handler(rules.exports.broken));
  app.get("/reject", handler(rules.exports.reject));
  app.get("/upstream", handler(rules.exports.upstream));
  app.post("/stamp", handler(rules.exports.stamp));
  app.get("/message/:word", handler(rules.exports.message));
  app.get("/host-error", async () => {
    throw new Error("database exploded");
  });
  // Routes of a child plugin registered afterwards are wrapped too.
  await app.register(async (child) => {
    child.get("/child/whoami", handler(rules.exports.whoami));
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, url };
}

beforeAll(async () => {
  rules = await loadRules();
  upstream = await startUpstream();
  secret = secretDir();
  table = grantTable(secret.dir, upstream.host);
  dev = await buildApp(false);
  prod = await buildApp(true);
});

afterAll(async () => {
  await Promise.all([dev.app.close(), prod.app.close(), upstream.close()]);
  secret.remove();
});

describe("mljsPlugin: one context per request", () => {
  it("gives each request exactly the grants computed from it", async () => {
    const both = await request(`${dev.url}/whoami?id=a`, { headers: { "x-grants": "clock,files" } });
    const none = await request(`${dev.url}/whoami?id=b`);
    const child = await request(`${dev.url}/child/whoami?id=c`, { headers: { "x-grants": "random" } });
    expect(both.body).toEqual({ id: "a", capabilities: ["datetime.now", "file.read"] });
    expect(none.body).toEqual({ id: "b", capabilities: [] });
    expect(child.body).toEqual({ id: "c", capabilities: ["random.generate"] });
  });

  it("keeps each request's context across an async grant function and timers (300 concurrent requests)", async () => {
    const sets = subsets(["clock", "random", "files", "upstream"]);
    const replies = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const set = sets[i % sets.length]!;
        const reply = await request(`${dev.url}/whoami/slow?id=${i}&wait=${i % 7}`, {
          headers: { "x-grants": set.join(","), "x-delay": String((i * 13) % 5) },
        });
        return { i, set, reply };
      }),
    );
    const leaks = replies.filter(
      ({ i, set, reply }) => reply.body.id !== String(i) || JSON.stringify(reply.body.capabilities) !== JSON.stringify(set.map((k) => NAMES[k]).sort()),
    );
    expect(replies.every(({ reply }) => reply.status === 200)).toBe(true);
    expect(leaks).toEqual([]);
  });

  it("runs a handler that calls reply.send later (and returns nothing) in the context too", async () => {
    const reply = await request(`${dev.url}/whoami/callback?id=cb`, { headers: { "x-grants": "files", "x-delay": "3" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: "cb", capabilities: ["file.read"] });
  });

  it("does not leak: routes registered before the plugin and host code afterwards see no capability", async () => {
    const before = await request(`${dev.url}/before?id=x`, { headers: { "x-grants": "clock,files" } });
    expect(before.body).toEqual({ id: "x", capabilities: [] });
    await request(`${dev.url}/whoami`, { headers: { "x-grants": "clock,files,random" } });
    expect((rules.exports.whoami as (r: unknown) => { capabilities: string[] })({ query: { id: "host" } }).capabilities).toEqual([]);
  });

  it("gives no capability at all without a capabilities option", async () => {
    const app = Fastify();
    await app.register(mljsPlugin);
    app.get("/whoami", handler(rules.exports.whoami));
    const reply = await app.inject({ method: "GET", url: "/whoami?id=1" });
    await app.close();
    expect(reply.json()).toEqual({ id: "1", capabilities: [] });
  });

  it("refuses a capabilities option that is not a function", async () => {
    const app = Fastify();
    await expect(app.register(mljsPlugin, { capabilities: ["file.read"] as never })).rejects.toThrow(/must be a function/);
    await app.close();
  });
});

describe("handler(): exported ML functions as routes", () => {
  it("reads a file only for the request granted file.read (403 otherwise)", async () => {
    const path = encodeURIComponent(secret.file);
    const granted = await request(`${dev.url}/secret?path=${path}`, { headers: { "x-grants": "files" } });
    const denied = await request(`${dev.url}/secret?path=${path}`, { headers: { "x-grants": "clock" } });
    expect(granted).toMatchObject({ status: 200, body: { text: "the secret" } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.type).toBe("CapabilityError");
    expect(denied.body.error.message).toMatch(/requires capability 'file\.read'/);
  });

  it("awaits an asynchronous ML function making an HTTP request granted to this request only", async () => {
    const url = encodeURIComponent(upstream.url);
    const granted = await request(`${dev.url}/upstream?url=${url}`, { headers: { "x-grants": "upstream" } });
    const denied = await request(`${dev.url}/upstream?url=${url}`);
    expect(granted).toMatchObject({ status: 200, body: { status: 200, upstream: { hello: "upstream" }, capabilities: ["network.http"] } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/network\.http/);
  });

  it("sends DateTime, Date and TimeDelta values as ISO strings, and the body back as it came", async () => {
    const reply = await postJSON(`${dev.url}/stamp`, { items: [1, { a: "b" }] });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ at: "2024-03-15T14:30:45", due: "2024-04-14", window: "P1DT2H", echo: { items: [1, { a: "b" }] } });
  });

  it("passes params and sends a string result as JSON", async () => {
    const reply = await request(`${dev.url}/message/hello`);
    expect(reply.type).toMatch(/application\/json/);
    expect(reply.body).toBe("plain hello");
  });

  it("copies a query into a plain object, repeated keys as arrays and __proto__ as an ordinary key", async () => {
    const reply = await request(`${dev.url}/whoami?id=1&id=2&__proto__=x`);
    expect(reply.body).toEqual({ id: ["1", "2"], capabilities: [] });
  });

  it("calls the function with the arguments of the input option", async () => {
    const reply = await request(`${dev.url}/whoami/custom`, { headers: { "x-id": "from-header" } });
    expect(reply.body).toEqual({ id: "from-header", capabilities: [] });
  });

  it("rejects a missing export when the route is set up", () => {
    expect(() => handler(rules.exports.nosuchFunction)).toThrow(/expects a function.*got undefined/);
  });
});

describe("the plugin's error handler: ML errors as HTTP responses", () => {
  it("answers a LimitError with 503", async () => {
    const reply = await request(`${dev.url}/spin`);
    expect(reply.status).toBe(503);
    expect(reply.body.error).toMatchObject({ type: "LimitError", message: expect.stringMatching(/step limit/) });
  });

  it("answers an ML runtime error with 500 and the ML stack in development", async () => {
    const reply = await request(`${dev.url}/broken`);
    expect(reply.status).toBe(500);
    expect(reply.body.error).toMatchObject({ type: "IndexError", message: "list index out of range" });
    expect(reply.body.error.stack[0]).toMatch(/^rules\.ml:\d+:\d+ in broken$/);
  });

  it("leaves the stack out in production", async () => {
    const reply = await request(`${prod.url}/broken`);
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ error: { type: "IndexError", message: "list index out of range" } });
  });

  it("uses the 4xx status an ML error was thrown with", async () => {
    const reply = await request(`${prod.url}/reject`);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ error: { type: "ValueError", message: "quantity must be positive" } });
  });

  it("leaves host errors to Fastify in development, and hides them in production", async () => {
    const devReply = await request(`${dev.url}/host-error`);
    expect(devReply.status).toBe(500);
    expect(devReply.body).toMatchObject({ statusCode: 500, message: "database exploded" }); // Fastify's own handler
    const prodReply = await request(`${prod.url}/host-error`);
    expect(prodReply.status).toBe(500);
    expect(prodReply.body).toEqual({ error: { type: "Error", message: "Internal Server Error" } });
  });

  it("leaves client errors such as malformed JSON to Fastify, even in production", async () => {
    const reply = await request(`${prod.url}/stamp`, { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("FST_ERR_CTP_INVALID_JSON_BODY");
  });

  it("reads NODE_ENV once, at registration", async () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    const app = Fastify();
    try {
      await app.register(mljsPlugin);
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
    app.get("/broken", handler(rules.exports.broken));
    const reply = await app.inject({ method: "GET", url: "/broken" });
    await app.close();
    expect(reply.statusCode).toBe(500);
    expect(reply.json()).toEqual({ error: { type: "IndexError", message: "list index out of range" } });
  });
});

it("mljs/fastify exports the same loadRules as mljs/express", () => {
  expect(loadRulesExport).toBe(loadRulesExpress);
});
