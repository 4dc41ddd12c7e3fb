// The pricing service: the pricing rules in pricing.ml, served with Express.
// Run it with `npm run example:pricing` (it builds mljs first); see README.md.
import express from "express";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { capability } from "mljs-lang";
import { capabilities, errorHandler, handler, loadRules } from "mljs-lang/express";
import { DateTime } from "mljs-lang/stdlib/datetime";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

// Every quote is dated, so every request may read the clock.
const EVERYONE = ["datetime.now"];

// What each role adds. Roles arrive in the x-role header (comma-separated), standing in for the
// roles an authentication layer would attach to the request. Tokens are made once and shared:
// they carry no use count, so sharing them shares nothing.
const ROLE_GRANTS = new Map([
  ["admin", [capability("file.read", { resources: ["data/price-list.csv"], description: "the price list" })]],
  ["auditor", [capability("env.read", { resources: ["PRICING_*"], description: "the service's settings" })]],
  ["tester", ["random.generate"]],
]);

/** The capabilities of a request: everyone's, plus those of each role it carries. */
function grantsFor(req) {
  const roles = new Set((req.get("x-role") ?? "").split(",").map((r) => r.trim()));
  return [...EVERYONE, ...[...roles].flatMap((role) => ROLE_GRANTS.get(role) ?? [])];
}

/**
 * The Expires header of a quote. The rules return `validUntil` as a DateTime in UTC, the very
 * class mljs/stdlib/datetime exports, so host code reads it as one: `zoned` is its Temporal
 * instant (res.json still writes it as an ISO string).
 */
function expiresHeader(validUntil) {
  if (!(validUntil instanceof DateTime) || validUntil.zoned === null) {
    throw new TypeError("the rules must return validUntil as a DateTime with a time zone");
  }
  return new Date(validUntil.zoned.epochMilliseconds).toUTCString();
}

/**
 * Starts the service; resolves to its URL and a function that stops it. `backlog` is the length
 * of the queue of connections not yet accepted (Node's default: 511); raise it for bursts.
 * Fails (before listening) when pricing.ml does not compile.
 */
export async function start({ port = 0, host = "127.0.0.1", backlog } = {}) {
  const rules = await loadRules(here("pricing.ml"), { limits: { steps: 1_000_000, timeMs: 1_000 } });

  const app = express();
  app.disable("x-powered-by");
  // Entered first, so body parsing and everything after it run in the request's context.
  app.use(capabilities(grantsFor));
  app.use(express.json({ limit: "100kb" }));

  // A route of its own rather than handler(): it also sets the Expires header from the quote.
  app.post("/quote", (req, res) => {
    const quote = rules.exports.quote({ body: req.body ?? null, query: {}, params: {} });
    res.set("expires", expiresHeader(quote.validUntil)).json(quote);
  });
  app.get("/rules", handler(rules.exports.rules));
  app.get("/rules/:id", handler(rules.exports.rule));
  app.get("/price-list", handler(rules.exports.priceList));
  app.get("/whoami", handler(rules.exports.whoami, { input: (req) => [req.get("x-request-id") ?? null] }));
  app.use(errorHandler());

  const server = await new Promise((resolve, reject) => {
    const s = app.listen({ port, host, backlog }, (err) => (err ? reject(err) : resolve(s)));
  });
  const { port: actual } = server.address();
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actual}`,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === here("server.js")) {
  start({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? "127.0.0.1" }).then(
    ({ url }) => console.log(`pricing service listening on ${url}`),
    (error) => {
      console.error(error.stack ?? String(error));
      process.exitCode = 1;
    },
  );
}
