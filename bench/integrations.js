// Web integration benchmark (part of `npm run bench`): requests per second of an Express and a
// Fastify endpoint calling an ML function (through mljs/express and mljs/fastify, with a
// capability context per request) vs the same handler written in plain JavaScript, measured
// side by side with autocannon on loopback.
import autocannon from "autocannon";
import express from "express";
import Fastify from "fastify";
import { load } from "../dist/index.js";
import * as mlExpress from "../dist/integrations/express.js";
import * as mlFastify from "../dist/integrations/fastify.js";

const RULE = `
function quote(req) {
  total = 0;
  for (item in req.body.items) { total = total + item.qty * item.price; }
  discount = total > 100 ? 0.1 : 0;
  return {"total": total, "discount": discount, "due": round(total * (1 - discount), 2)};
}`;

function quoteJs(req) {
  let total = 0;
  for (const item of req.body.items) total += item.qty * item.price;
  const discount = total > 100 ? 0.1 : 0;
  return { total, discount, due: Math.round(total * (1 - discount) * 100) / 100 };
}

const body = JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => ({ sku: `S${i}`, qty: 1 + (i % 3), price: 9.5 + i })) });

function measure(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: "POST", body, headers: { "content-type": "application/json" }, connections: 32, duration: seconds },
      (err, result) => (err ? reject(err) : resolve(result.requests.average)),
    );
  });
}

async function expressServer(program) {
  const app = express();
  app.use(express.json());
  app.post("/js", (req, res) => res.json(quoteJs(req)));
  app.post("/ml", mlExpress.capabilities(() => ["datetime.now"]), mlExpress.handler(program.exports.quote));
  app.use(mlExpress.errorHandler({ production: true }));
  const server = await new Promise((resolve) => { const s = app.listen(0, "127.0.0.1", () => resolve(s)); });
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

async function fastifyServer(program) {
  const app = Fastify();
  app.post("/js", async (req) => quoteJs(req));
  await app.register(async (scoped) => {
    await scoped.register(mlFastify.mljsPlugin, { capabilities: () => ["datetime.now"], production: true });
    scoped.post("/ml", mlFastify.handler(program.exports.quote));
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, close: () => app.close() };
}

/** [{ name, jsRps, mlRps, overhead }] for Express and Fastify. */
export async function benchIntegrations(quick) {
  const program = await load({ source: RULE, filename: "quote.ml" });
  const seconds = quick ? 2 : 6;
  const rows = [];
  for (const [name, start] of [["Express", expressServer], ["Fastify", fastifyServer]]) {
    const server = await start(program);
    try {
      await measure(`${server.url}/ml`, 1); // warm-up
      await measure(`${server.url}/js`, 1);
      const js = [], ml = [];
      for (let r = 0; r < 2; r++) {
        js.push(await measure(`${server.url}/js`, seconds));
        ml.push(await measure(`${server.url}/ml`, seconds));
      }
      const jsRps = js.reduce((a, b) => a + b) / js.length;
      const mlRps = ml.reduce((a, b) => a + b) / ml.length;
      rows.push({ name, jsRps, mlRps, overhead: 1 - mlRps / jsRps });
    } finally {
      await server.close();
    }
  }
  return rows;
}
