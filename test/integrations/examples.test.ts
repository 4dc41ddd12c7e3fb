/**
 * The example applications, started from their own `server.js` (which imports the built package
 * by name: run `npm run build` first), on a loopback port, with real HTTP requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { postJSON, request, subsets } from "./helpers.js";

interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

interface ExampleServer {
  start(options?: { port?: number; host?: string; backlog?: number }): Promise<RunningServer>;
}

const examples = fileURLToPath(new URL("../../examples/", import.meta.url));

/**
 * Starts an example through the `start` of its server.js (imported by URL, so TypeScript does not
 * resolve the JavaScript file). The backlog holds the 1 000 connections the concurrency tests
 * open at once: with Node's default (511) the overflow waits for a SYN retry, about a second.
 */
async function startExample(name: string): Promise<RunningServer> {
  const module = (await import(pathToFileURL(`${examples}${name}/server.js`).href)) as ExampleServer;
  return module.start({ port: 0, host: "127.0.0.1", backlog: 2048 });
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/;
const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A deterministic pseudo-random sequence (so a failure can be replayed). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

interface Identity {
  headers: Record<string, string>;
  expected: string[];
}

/**
 * Sends `count` requests to `/whoami` at once (all in flight together), each with an identity
 * drawn at random and its own request id, and returns the responses that show anything but
 * their own id and exactly their own capabilities.
 */
async function leaks(url: string, identities: Identity[], count: number): Promise<unknown[]> {
  const random = seeded(42);
  const replies = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const identity = identities[Math.floor(random() * identities.length)]!;
      const reply = await request(`${url}/whoami`, { headers: { ...identity.headers, "x-request-id": `req-${i}` } });
      return { i, identity, reply };
    }),
  );
  expect(replies).toHaveLength(count);
  return replies
    .filter(({ i, identity, reply }) =>
      reply.status !== 200 || reply.body.requestId !== `req-${i}` || JSON.stringify(reply.body.capabilities) !== JSON.stringify(identity.expected))
    .map(({ i, identity, reply }) => ({ i, sent: identity.headers, status: reply.status, body: reply.body }));
}

describe("examples/pricing-express", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startExample("pricing-express");
  });
  afterAll(() => server.close());

  const order = {
    items: [
      { sku: "TEA-001", qty: 12, price: 6.5 },
      { sku: "CUP-010", qty: 2, price: 12 },
    ],
    tier: "gold",
    coupon: "SAVE10",
  };

  it("POST /quote prices the items with bulk, tier and coupon discounts and dates the quote", async () => {
    const before = Date.now();
    const reply = await postJSON(`${server.url}/quote`, order);
    expect(reply.status).toBe(200);
    const quote = reply.body;
    expect(quote).toMatchObject({
      currency: "EUR",
      subtotal: 102,
      discounts: [
        { rule: "bulk", amount: 3.9 },
        { rule: "tier", tier: "gold", amount: 7.85 },
        { rule: "coupon", code: "SAVE10", amount: 9.03 },
      ],
      total: 81.23,
    });
    expect(quote.lines[0]).toEqual({ sku: "TEA-001", qty: 12, unitPrice: 6.5, gross: 78, bulkDiscount: 3.9, net: 74.1 });
    // DateTime and Date values arrive as ISO strings, with no converter anywhere.
    expect(quote.quotedAt).toMatch(ISO_UTC);
    expect(quote.validUntil).toMatch(ISO_UTC);
    expect(quote.deliveryBy).toMatch(ISO_DATE);
    const quotedAt = Date.parse(quote.quotedAt);
    expect(quotedAt).toBeGreaterThanOrEqual(before - 1_000);
    expect(quotedAt).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(Date.parse(quote.validUntil) - quotedAt).toBe(7 * DAY_MS);
    // The server read validUntil as a DateTime (instanceof, mljs/stdlib/datetime) for this header.
    expect(reply.headers.get("expires")).toBe(new Date(Date.parse(quote.validUntil)).toUTCString());
  });

  it("POST /quote rejects a malformed or unknown coupon, a bad SKU and an empty order with 400", async () => {
    const bad = [
      { ...order, coupon: "save10" },
      { ...order, coupon: "FREE99" },
      { ...order, items: [{ sku: "tea-1", qty: 1, price: 1 }] },
      { items: [] },
    ];
    const replies = await Promise.all(bad.map((body) => postJSON(`${server.url}/quote`, body)));
    expect(replies.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(replies.map((r) => r.body.error.message)).toEqual([
      expect.stringContaining("malformed coupon"),
      "unknown coupon FREE99",
      expect.stringContaining("invalid sku"),
      expect.stringContaining("non-empty items array"),
    ]);
  });

  it("GET /rules lists the rules and GET /rules/:id shows one", async () => {
    const all = await request(`${server.url}/rules`);
    expect(all.status).toBe(200);
    expect(all.body.rules.map((r: { id: string }) => r.id)).toEqual(["bulk", "tier", "coupon", "validity"]);
    const coupon = await request(`${server.url}/rules/coupon`);
    expect(coupon.body).toMatchObject({ id: "coupon", known: ["SAVE10", "WELCOME5", "TEATIME15"] });
  });

  it("GET /rules/:id with an unknown id shows an ML error as 500 with its ML stack (not in production)", async () => {
    const reply = await request(`${server.url}/rules/nope`);
    expect(reply.status).toBe(500);
    expect(reply.body.error).toMatchObject({ type: "KeyError", message: "nope" });
    expect(reply.body.error.stack[0]).toMatch(/pricing\.ml:\d+:\d+ in rule$/);
  });

  it("GET /price-list reads the data file for admins only (403 for everyone else)", async () => {
    const admin = await request(`${server.url}/price-list`, { headers: { "x-role": "admin" } });
    expect(admin.status).toBe(200);
    expect(admin.body.count).toBe(6);
    expect(admin.body.items[0]).toEqual({ sku: "CUP-010", name: "Porcelain cup", category: "tableware", price: 12 });
    const tea = await request(`${server.url}/price-list?category=tea`, { headers: { "x-role": "tester, admin" } });
    expect(tea.body.items.map((i: { sku: string }) => i.sku)).toEqual(["TEA-001", "TEA-002", "TEA-003"]);
    for (const role of ["", "auditor,tester", "Admin"]) {
      const denied = await request(`${server.url}/price-list`, { headers: { "x-role": role } });
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatchObject({ type: "CapabilityError", message: expect.stringContaining("file.read") });
    }
  });

  it("GET /whoami shows the request's own capabilities", async () => {
    const reply = await request(`${server.url}/whoami`, { headers: { "x-role": "auditor", "x-request-id": "r1" } });
    expect(reply.body).toEqual({ requestId: "r1", capabilities: ["datetime.now", "env.read"] });
  });

  it("1 000 concurrent requests with different roles each see exactly their own capabilities", async () => {
    const grants: Record<string, string> = { admin: "file.read", auditor: "env.read", tester: "random.generate" };
    const identities = subsets(Object.keys(grants)).map((roles) => ({
      headers: { "x-role": roles.join(",") },
      expected: ["datetime.now", ...roles.map((r) => grants[r]!)].sort(),
    }));
    expect(await leaks(server.url, identities, 1_000)).toEqual([]);
  });
});

describe("examples/analytics-fastify", () => {
  let server: RunningServer;
  const stored = JSON.parse(readFileSync(`${examples}analytics-fastify/data/events.json`, "utf8")) as { id: string; name: string; type: string; timestamp: string }[];
  beforeAll(async () => {
    server = await startExample("analytics-fastify");
  });
  afterAll(() => server.close());

  it("POST /events/summary groups by type and day, filters names by a regex, and returns first/last seen", async () => {
    const events = [
      { name: "checkout.view", type: "page_view", timestamp: "2024-03-04T09:00:00Z" },
      { name: "checkout.purchase", type: "purchase", timestamp: "2024-03-05T10:30:00+01:00" },
      { name: "home.view", type: "page_view", timestamp: "2024-03-04T08:00:00" },
      { name: "checkout.pay_click", type: "click", timestamp: "2024-03-05T23:59:59Z" },
      { name: "checkout.view", type: "page_view", timestamp: "2024-03-06T00:00:01Z" },
    ];
    const reply = await postJSON(`${server.url}/events/summary`, { events, namePattern: "^checkout\\." });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      received: 5,
      matched: 4,
      byType: {
        click: { count: 1, firstSeen: "2024-03-05T23:59:59+00:00", lastSeen: "2024-03-05T23:59:59+00:00" },
        page_view: { count: 2, firstSeen: "2024-03-04T09:00:00+00:00", lastSeen: "2024-03-06T00:00:01+00:00" },
        purchase: { count: 1, firstSeen: "2024-03-05T09:30:00+00:00", lastSeen: "2024-03-05T09:30:00+00:00" },
      },
      byDay: [
        { day: "2024-03-04", count: 1 },
        { day: "2024-03-05", count: 2 },
        { day: "2024-03-06", count: 1 },
      ],
      firstSeen: "2024-03-04T09:00:00+00:00",
      lastSeen: "2024-03-06T00:00:01+00:00",
    });
  });

  it("POST /events/summary summarises the whole stored log without any capability", async () => {
    const reply = await postJSON(`${server.url}/events/summary`, { events: stored });
    expect(reply.status).toBe(200);
    expect(reply.body.matched).toBe(stored.length);
    const counted = Object.values(reply.body.byType as Record<string, { count: number }>).reduce((n, t) => n + t.count, 0);
    expect(counted).toBe(stored.length);
    expect(reply.body.firstSeen).toMatch(ISO_UTC);
  });

  it("POST /events/summary rejects a bad pattern or timestamp with 400, and sinceDays needs the clock", async () => {
    const events = [{ name: "a", type: "b", timestamp: "2024-03-04T09:00:00Z" }];
    const badPattern = await postJSON(`${server.url}/events/summary`, { events, namePattern: "(" });
    expect(badPattern.status).toBe(400);
    expect(badPattern.body.error.message).toContain("namePattern");
    const badTime = await postJSON(`${server.url}/events/summary`, { events: [{ ...events[0], timestamp: "yesterday" }] });
    expect(badTime.status).toBe(400);

    const recent = [...events, { name: "now", type: "b", timestamp: new Date().toISOString() }];
    const denied = await postJSON(`${server.url}/events/summary`, { events: recent, sinceDays: 2 });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain("datetime.now");
    const live = await postJSON(`${server.url}/events/summary`, { events: recent, sinceDays: 2 }, { "x-api-key": "demo-live" });
    expect(live.status).toBe(200);
    expect(live.body.matched).toBe(1);
  });

  it("GET /events/sample reads the stored log only with a key granting file.read", async () => {
    const denied = await request(`${server.url}/events/sample`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.type).toBe("CapabilityError");
    const wrongKey = await request(`${server.url}/events/sample`, { headers: { "x-api-key": "demo-live" } });
    expect(wrongKey.status).toBe(403);

    const reply = await request(`${server.url}/events/sample?n=3`, { headers: { "x-api-key": "demo-reader" } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ count: 3, stored: stored.length, events: stored.slice(0, 3) });
    expect(reply.body.firstSeen).toBe(stored[0]!.timestamp.replace("Z", "+00:00"));
    expect(reply.body.lastSeen).toMatch(ISO_UTC);
  });

  it("GET /events/sample?random=true also needs random.sample; n is checked", async () => {
    const noRandom = await request(`${server.url}/events/sample?random=true`, { headers: { "x-api-key": "demo-reader" } });
    expect(noRandom.status).toBe(403);
    expect(noRandom.body.error.message).toContain("random.sample");
    const sampled = await request(`${server.url}/events/sample?random=true&n=4`, { headers: { "x-api-key": "demo-sampler" } });
    expect(sampled.status).toBe(200);
    expect(sampled.body.count).toBe(4);
    const ids = new Set(stored.map((e) => e.id));
    expect(sampled.body.events.every((e: { id: string }) => ids.has(e.id))).toBe(true);
    const badN = await request(`${server.url}/events/sample?n=abc`, { headers: { "x-api-key": "demo-reader" } });
    expect(badN.status).toBe(400);
  });

  it("1 000 concurrent requests with different API keys each see exactly their own capabilities", async () => {
    const identities: Identity[] = [
      { headers: {}, expected: [] },
      { headers: { "x-api-key": "no-such-key" }, expected: [] },
      { headers: { "x-api-key": "demo-reader" }, expected: ["file.read"] },
      { headers: { "x-api-key": "demo-sampler" }, expected: ["file.read", "random.sample"] },
      { headers: { "x-api-key": "demo-live" }, expected: ["datetime.now"] },
      { headers: { "x-api-key": "demo-admin" }, expected: ["datetime.now", "file.read", "random.sample"] },
    ];
    expect(await leaks(server.url, identities, 1_000)).toEqual([]);
  });
});
