// Web integration benchmark (part of `npm run bench`): requests per second of an Express and a
// Fastify endpoint calling an ML function (through mljs/express and mljs/fastify, with a
// capability context per request) vs the same handler written in plain JavaScript, measured
// side by side with autocannon on loopback. Each framework's server runs in a child process of
// its own (integrations-server.js), so the load generator and the server each have a core.
import { fork } from "node:child_process";
import autocannon from "autocannon";

const body = JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => ({ sku: `S${i}`, qty: 1 + (i % 3), price: 9.5 + i })) });

function measure(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: "POST", body, headers: { "content-type": "application/json" }, connections: 32, duration: seconds },
      (err, result) => {
        if (err) reject(err);
        else if (result.non2xx > 0 || result.errors > 0) reject(new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.errors} errors`));
        else resolve(result.requests.average);
      },
    );
  });
}

function startServer(framework) {
  const child = fork(new URL("./integrations-server.js", import.meta.url), [framework], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (url) => resolve({ url, close: () => child.disconnect() }));
    child.once("exit", (code) => reject(new Error(`benchmark server exited with code ${code}`)));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * [{ name, jsRps, mlRps, overhead }] for Express and Fastify. Each round measures the JavaScript
 * endpoint and then the ML one; the overhead is the median over rounds of 1 − ML/JS, so drift in
 * the machine's load between rounds cancels out.
 */
export async function benchIntegrations(quick) {
  const seconds = quick ? 2 : 3;
  const rounds = quick ? 3 : 7;
  const rows = [];
  for (const [name, framework] of [["Express", "express"], ["Fastify", "fastify"]]) {
    const server = await startServer(framework);
    try {
      await measure(`${server.url}/ml`, 1); // warm-up
      await measure(`${server.url}/js`, 1);
      const js = [], ml = [];
      for (let r = 0; r < rounds; r++) {
        js.push(await measure(`${server.url}/js`, seconds));
        ml.push(await measure(`${server.url}/ml`, seconds));
      }
      rows.push({ name, jsRps: median(js), mlRps: median(ml), overhead: median(js.map((j, i) => 1 - ml[i] / j)) });
    } finally {
      server.close();
    }
  }
  return rows;
}
