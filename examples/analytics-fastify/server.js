// The event analytics service: the analytics rules in analytics.ml, served with Fastify.
// Run it with `npm run example:analytics` (it builds mljs first); see README.md.
import Fastify from "fastify";
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { capability } from "mljs-lang";
import { handler, loadRules, mljsPlugin } from "mljs-lang/fastify";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

const readEvents = capability("file.read", { resources: ["data/events.json"], description: "the stored event log" });

/** The SHA-256 digest of an API key, in hex: the key store holds digests, never keys. */
const digest = (key) => createHash("sha256").update(key).digest("hex");

// API keys (by digest) and what each may do, standing in for a key store. Looking a key up by
// its digest compares nothing the caller can time character by character. A request without a
// known key still gets summaries (pure computation needs no capability) but nothing else.
const API_KEYS = new Map([
  [digest("demo-reader"), [readEvents]],
  [digest("demo-sampler"), [readEvents, "random.sample"]],
  [digest("demo-live"), ["datetime.now"]],
  [digest("demo-admin"), [readEvents, "random.sample", "datetime.now"]],
]);

/**
 * The capabilities of a request: those of its API key (x-api-key header). Fails closed: no
 * header, an empty one, a repeated one or an unknown key grants nothing.
 */
export function grantsFor(request) {
  const key = request.headers["x-api-key"];
  if (typeof key !== "string" || key === "") return [];
  return API_KEYS.get(digest(key)) ?? [];
}

/**
 * Starts the service; resolves to its URL and a function that stops it. `backlog` is the length
 * of the queue of connections not yet accepted (Node's default: 511); raise it for bursts.
 * Fails (before listening) when analytics.ml does not compile.
 */
export async function start({ port = 0, host = "127.0.0.1", backlog } = {}) {
  const rules = await loadRules(here("analytics.ml"), { limits: { steps: 5_000_000, timeMs: 2_000 } });

  const app = Fastify({ bodyLimit: 5 * 1024 * 1024 });
  await app.register(mljsPlugin, { capabilities: grantsFor });

  app.post("/events/summary", handler(rules.exports.summary));
  app.get("/events/sample", handler(rules.exports.sample));
  app.get("/whoami", handler(rules.exports.whoami, { input: (request) => [request.headers["x-request-id"] ?? null] }));

  const url = await app.listen({ port, host, backlog });
  return { url, close: () => app.close() };
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === here("server.js")) {
  start({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? "127.0.0.1" }).then(
    ({ url }) => console.log(`analytics service listening on ${url}`),
    (error) => {
      console.error(error.stack ?? String(error));
      process.exitCode = 1;
    },
  );
}
