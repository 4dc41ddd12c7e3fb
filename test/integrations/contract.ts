/**
 * Behaviour both integrations share, written once: each framework's test file builds the same
 * routes (helpers' `rules.ml` exports under the same paths) and runs these tests against them.
 */
import { expect, it } from "vitest";
import type { Program } from "../../src/index.js";
import { NAMES, postJSON, request, subsets } from "./helpers.js";

/** What the shared tests need from a framework's test file (read once its `beforeAll` ran). */
export interface ContractServers {
  /** Base URL of the application in development mode. */
  dev: string;
  /** Base URL of the same application in production mode. */
  prod: string;
  /** Base URL of the loopback upstream server. */
  upstream: string;
  /** A file only the `files` grant may read. */
  secretFile: string;
  rules: Program;
  /** The framework's `handler`. */
  handler: (fn: unknown) => unknown;
}

/** Concurrent requests with different grants each see only their own (the `/whoami/slow` route). */
export function concurrencyContract(servers: () => ContractServers): void {
  it("keeps each request's context across an async grant function and timers (300 concurrent requests)", async () => {
    const { dev } = servers();
    const sets = subsets(["clock", "random", "files", "upstream"]);
    const replies = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const set = sets[i % sets.length]!;
        const reply = await request(`${dev}/whoami/slow?id=${i}&wait=${i % 7}`, {
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
}

/** The tests of `handler()`: exported ML functions as routes. */
export function routeContract(servers: () => ContractServers): void {
  it("reads a file only for the request granted file.read (403 otherwise)", async () => {
    const { dev, secretFile } = servers();
    const path = encodeURIComponent(secretFile);
    const granted = await request(`${dev}/secret?path=${path}`, { headers: { "x-grants": "files" } });
    const denied = await request(`${dev}/secret?path=${path}`, { headers: { "x-grants": "clock" } });
    expect(granted).toMatchObject({ status: 200, body: { text: "the secret" } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.type).toBe("CapabilityError");
    expect(denied.body.error.message).toMatch(/requires capability 'file\.read'/);
  });

  it("awaits an asynchronous ML function making an HTTP request granted to this request only", async () => {
    const { dev, upstream } = servers();
    const url = encodeURIComponent(upstream);
    const granted = await request(`${dev}/upstream?url=${url}`, { headers: { "x-grants": "upstream" } });
    const denied = await request(`${dev}/upstream?url=${url}`, { headers: { "x-grants": "files" } });
    expect(granted).toMatchObject({ status: 200, body: { status: 200, upstream: { hello: "upstream" }, capabilities: ["network.http"] } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/network\.http/);
  });

  it("sends DateTime, Date and TimeDelta values as ISO strings, and the body back as it came", async () => {
    const reply = await postJSON(`${servers().dev}/stamp`, { items: [1, { a: "b" }] });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ at: "2024-03-15T14:30:45", due: "2024-04-14", window: "P1DT2H", echo: { items: [1, { a: "b" }] } });
  });

  it("passes params and sends a string result as JSON", async () => {
    const reply = await request(`${servers().dev}/message/hello`);
    expect(reply.type).toMatch(/application\/json/);
    expect(reply.body).toBe("plain hello");
  });

  it("copies a query into a plain object, repeated keys as arrays and __proto__ as an ordinary key", async () => {
    const reply = await request(`${servers().dev}/whoami?id=1&id=2&__proto__=x`);
    expect(reply.body).toEqual({ id: ["1", "2"], capabilities: [] });
  });

  it("calls the function with the arguments of the input option", async () => {
    const reply = await request(`${servers().dev}/whoami/custom`, { headers: { "x-id": "from-header" } });
    expect(reply.body).toEqual({ id: "from-header", capabilities: [] });
  });

  it("rejects a missing export when the route is set up", () => {
    const { handler, rules } = servers();
    expect(() => handler(rules.exports.nosuchFunction)).toThrow(/expects a function.*got undefined/);
  });
}

/** The tests of the error mapping that both integrations install. */
export function errorContract(servers: () => ContractServers): void {
  it("answers a LimitError with 503", async () => {
    const reply = await request(`${servers().dev}/spin`);
    expect(reply.status).toBe(503);
    expect(reply.body.error).toMatchObject({ type: "LimitError", message: expect.stringMatching(/step limit/) });
  });

  it("answers a result that would explode when serialised (2^40 leaves) with 503 at once, then serves on", async () => {
    const start = performance.now();
    const fromMl = await request(`${servers().dev}/huge`);
    expect(fromMl.status).toBe(503);
    expect(fromMl.body.error).toMatchObject({ type: "LimitError", message: expect.stringMatching(/maxResultSize 100000000/) });
    const fromHost = await request(`${servers().dev}/huge-host`);
    expect(fromHost.status).toBe(503);
    expect(fromHost.body.error).toMatchObject({ type: "LimitError", message: expect.stringMatching(/response too large to send.*maxResponseSize 100000000/) });
    expect(performance.now() - start).toBeLessThan(5_000);
    expect((await request(`${servers().dev}/message/next`)).status).toBe(200);
  });

  it("answers an ML runtime error with 500 and the ML stack in development", async () => {
    const reply = await request(`${servers().dev}/broken`);
    expect(reply.status).toBe(500);
    expect(reply.body.error).toMatchObject({ type: "IndexError", message: "list index out of range" });
    expect(reply.body.error.stack[0]).toMatch(/^rules\.ml:\d+:\d+ in broken$/);
  });

  it("leaves the stack out in production", async () => {
    const reply = await request(`${servers().prod}/broken`);
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ error: { type: "IndexError", message: "list index out of range" } });
  });

  it("uses the 4xx status an ML error was thrown with", async () => {
    const reply = await request(`${servers().prod}/reject`);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ error: { type: "ValueError", message: "quantity must be positive" } });
  });
}
