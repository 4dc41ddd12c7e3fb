import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { handler, loadRules as loadRulesExport, mljsPlugin } from "../../src/integrations/fastify.js";
import { loadRules as loadRulesExpress } from "../../src/integrations/express.js";
import type { CapabilityGrantInput, Program } from "../../src/index.js";
import {
  delay, grantTable, hostHuge, grantsFor, loadRules, request, secretDir, startUpstream,
} from "./helpers.js";
import { concurrencyContract, errorContract, routeContract, type ContractServers } from "./contract.js";

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
  app.get("/huge", handler(rules.exports.huge));
  app.get("/huge-host", handler(hostHuge));
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

const servers = (): ContractServers => ({
  dev: dev.url, prod: prod.url, upstream: upstream.url, secretFile: secret.file, rules, handler,
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

  concurrencyContract(servers);

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
  routeContract(servers);
});

describe("the plugin's error handler: ML errors as HTTP responses", () => {
  errorContract(servers);

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

it("mljs-lang/fastify exports the same loadRules as mljs/express", () => {
  expect(loadRulesExport).toBe(loadRulesExpress);
});
