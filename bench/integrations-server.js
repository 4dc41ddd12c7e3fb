// A server of bench/integrations.js (`node integrations-server.js express|fastify`), in its own
// process: the load generator does not share its event loop, and each framework runs in a fresh
// process as it would be deployed (type feedback from the other framework's request objects
// would otherwise slow the shared runtime code down). Sends its base URL to the parent, then
// serves until the parent disconnects.
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

// The same rule in JavaScript (Math.round is not half-to-even; close enough for a cost baseline).
function quoteJs(req) {
  let total = 0;
  for (const item of req.body.items) total += item.qty * item.price;
  const discount = total > 100 ? 0.1 : 0;
  return { total, discount, due: Math.round(total * (1 - discount) * 100) / 100 };
}

async function expressServer(program) {
  const app = express();
  app.use(express.json());
  app.post("/js", (req, res) => res.json(quoteJs(req)));
  app.post("/ml", mlExpress.capabilities(() => ["datetime.now"]), mlExpress.handler(program.exports.quote));
  app.use(mlExpress.errorHandler({ production: true }));
  const server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return `http://127.0.0.1:${server.address().port}`;
}

async function fastifyServer(program) {
  const app = Fastify();
  app.post("/js", async (req) => quoteJs(req));
  await app.register(async (scoped) => {
    await scoped.register(mlFastify.mljsPlugin, { capabilities: () => ["datetime.now"], production: true });
    scoped.post("/ml", mlFastify.handler(program.exports.quote));
  });
  return app.listen({ port: 0, host: "127.0.0.1" });
}

const program = await load({ source: RULE, filename: "quote.ml" });
const framework = process.argv[2];
if (framework !== "express" && framework !== "fastify") throw new Error(`unknown framework '${framework}'`);
process.send(framework === "express" ? await expressServer(program) : await fastifyServer(program));
process.on("disconnect", () => process.exit(0));
