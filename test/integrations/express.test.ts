import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express, { type Express, type Request } from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { capabilities, errorHandler, handler } from "../../src/integrations/express.js";
import { CapabilityContext, capability, withCapabilities, type CapabilityGrantInput, type Program } from "../../src/index.js";
import {
  delay, grantTable, hostHuge, grantsFor, loadRules, request, secretDir, startUpstream,
} from "./helpers.js";
import { concurrencyContract, errorContract, routeContract, type ContractServers } from "./contract.js";

let rules: Program;
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let secret: ReturnType<typeof secretDir>;
let table: Map<string, CapabilityGrantInput>;
let dev: { url: string; close: () => Promise<void> };
let prod: { url: string; close: () => Promise<void> };

/** The test application: grants from `x-grants`, after an optional `x-delay` (ms). */
function buildApp(production: boolean): Express {
  const app = express();
  app.use(express.json());
  app.use(capabilities(async (req: Request) => {
    await delay(Number(req.get("x-delay") ?? 0));
    return grantsFor(req.get("x-grants"), table);
  }));
  const wait = (req: Request, _res: unknown, next: () => void) => void setTimeout(next, Number(req.query.wait ?? 0));
  app.get("/whoami", handler(rules.exports.whoami));
  app.get("/whoami/slow", wait, handler(rules.exports.whoami));
  app.get("/whoami/custom", handler(rules.exports.whoami, { input: (req) => [{ query: { id: req.get("x-id") } }] }));
  app.get("/secret", handler(rules.exports.readSecret));
  app.get("/spin", handler(rules.exports.spin));
  app.get("/huge", handler(rules.exports.huge));
  app.get("/huge-host", handler(hostHuge));
  app.get("/broken", handler(rules.exports.broken));
  app.get("/reject", handler(rules.exports.reject));
  app.get("/upstream", handler(rules.exports.upstream));
  app.post("/stamp", handler(rules.exports.stamp));
  app.get("/message/:word", handler(rules.exports.message));
  app.get("/host-error", () => {
    throw new Error("database exploded");
  });
  app.use(errorHandler({ production }));
  return app;
}

async function serve(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  rules = await loadRules();
  upstream = await startUpstream();
  secret = secretDir();
  table = grantTable(secret.dir, upstream.host);
  dev = await serve(buildApp(false));
  prod = await serve(buildApp(true));
});

afterAll(async () => {
  await Promise.all([dev.close(), prod.close(), upstream.close()]);
  secret.remove();
});

const servers = (): ContractServers => ({
  dev: dev.url, prod: prod.url, upstream: upstream.url, secretFile: secret.file, rules, handler,
});

describe("capabilities(): one context per request", () => {
  it("gives each request exactly the grants computed from it", async () => {
    const both = await request(`${dev.url}/whoami?id=a`, { headers: { "x-grants": "clock,files" } });
    const none = await request(`${dev.url}/whoami?id=b`);
    const one = await request(`${dev.url}/whoami?id=c`, { headers: { "x-grants": "random" } });
    expect(both.body).toEqual({ id: "a", capabilities: ["datetime.now", "file.read"] });
    expect(none.body).toEqual({ id: "b", capabilities: [] });
    expect(one.body).toEqual({ id: "c", capabilities: ["random.generate"] });
  });

  concurrencyContract(servers);

  it("leaves no context behind: host code after the requests has no capability", async () => {
    await request(`${dev.url}/whoami`, { headers: { "x-grants": "clock,files,random" } });
    expect((rules.exports.whoami as (r: unknown) => { capabilities: string[] })({ query: { id: "host" } }).capabilities).toEqual([]);
  });

  it("ignores grants that were current where the server started", async () => {
    const app = express();
    app.use(capabilities(() => ["datetime.now"]));
    app.get("/whoami", handler(rules.exports.whoami));
    const server = await withCapabilities(["random.generate", "file.read"], () => serve(app));
    try {
      expect((await request(`${server.url}/whoami?id=x`)).body).toEqual({ id: "x", capabilities: ["datetime.now"] });
    } finally {
      await server.close();
    }
  });

  it("accepts a CapabilityContext and uses it as it is", async () => {
    const ctx = new CapabilityContext({ name: "fixed", capabilities: ["random.generate"] });
    const app = express();
    app.use(capabilities(() => ctx));
    app.get("/whoami", handler(rules.exports.whoami));
    const server = await serve(app);
    try {
      expect((await request(`${server.url}/whoami?id=x`)).body).toEqual({ id: "x", capabilities: ["random.generate"] });
    } finally {
      await server.close();
    }
  });

  it("reports a malformed grant as an error instead of running the request without it", async () => {
    const app = express();
    app.use(capabilities(() => [{ name: "file.read" } as unknown as string]));
    app.get("/whoami", handler(rules.exports.whoami));
    app.use(errorHandler({ production: true }));
    const server = await serve(app);
    try {
      const reply = await request(`${server.url}/whoami`);
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({ error: { type: "Error", message: "Internal Server Error" } });
    } finally {
      await server.close();
    }
  });

  it("counts the uses of a token made for one request in that request only", async () => {
    const app = express();
    app.use(capabilities(() => [capability("file.read", { resources: [`${secret.dir}/**`], maxUses: 1 })]));
    app.get("/secret", handler(rules.exports.readSecret));
    app.use(errorHandler({ production: true }));
    const server = await serve(app);
    try {
      const path = encodeURIComponent(secret.file);
      const replies = await Promise.all([1, 2, 3].map(() => request(`${server.url}/secret?path=${path}`)));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    } finally {
      await server.close();
    }
  });

  it("rejects a grant function that is not a function", () => {
    expect(() => capabilities(["file.read"] as never)).toThrow(/expects a function from the request/);
  });
});

describe("handler(): exported ML functions as routes", () => {
  routeContract(servers);
});

describe("errorHandler(): ML errors as HTTP responses", () => {
  errorContract(servers);

  it("leaves host errors to Express in development, and hides them in production", async () => {
    const devReply = await request(`${dev.url}/host-error`);
    expect(devReply.status).toBe(500);
    expect(devReply.type).toMatch(/text\/html/); // Express's own handler
    const prodReply = await request(`${prod.url}/host-error`);
    expect(prodReply.status).toBe(500);
    expect(prodReply.body).toEqual({ error: { type: "Error", message: "Internal Server Error" } });
    expect(prodReply.text).not.toContain("database");
  });

  it("leaves client errors such as malformed JSON to Express, even in production", async () => {
    const reply = await request(`${prod.url}/stamp`, { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(reply.status).toBe(400);
    expect(reply.type).toMatch(/text\/html/);
  });

  it("reads NODE_ENV once, when it is created", () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    const productionHandler = errorHandler();
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
    let sent: unknown;
    const res = { headersSent: false, status: () => res, json: (body: unknown) => (sent = body) };
    const error = (() => {
      try {
        (rules.exports.broken as (r: unknown) => unknown)({});
      } catch (e) {
        return e;
      }
    })();
    productionHandler(error, {} as never, res as never, () => {});
    expect(sent).toEqual({ error: { type: "IndexError", message: "list index out of range" } });
  });

  it("maps a CapabilityError raised by a stdlib function the host called directly", async () => {
    const { read } = await import("../../src/stdlib/file.js");
    const app = express();
    app.get("/direct", () => read(secret.file));
    app.use(errorHandler({ production: false }));
    const server = await serve(app);
    try {
      const reply = await request(`${server.url}/direct`);
      expect(reply.status).toBe(403);
      expect(reply.body.error.type).toBe("CapabilityError");
    } finally {
      await server.close();
    }
  });
});

