#!/usr/bin/env node
/**
 * Serves the built playground (playground/dist/) on 127.0.0.1: `node playground/serve.js`
 * (port from PORT, default 8080; PORT=0 picks a free one). Any static server does as well; this
 * one only exists so `npm run playground` needs nothing else. Usage: [PORT=n] node playground/serve.js [DIR]
 */
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** The file under `root` a request path names (index.html for a directory), or null outside `root`. */
function fileFor(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

/**
 * Starts a static file server for `root` on 127.0.0.1:`port` and resolves to it once listening
 * (`server.address().port` is the port, useful with port 0).
 */
export function serveStatic(root, port = 8080) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let file = fileFor(base, req.url ?? "/");
    if (file === null) {
      res.writeHead(403).end("forbidden\n");
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolvePromise(server));
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(here, "dist"));
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  try {
    await stat(join(root, "index.html"));
  } catch {
    console.error(`mljs playground: ${root} has no index.html: build it first with npm run playground:build`);
    process.exit(1);
  }
  try {
    const server = await serveStatic(root, port);
    console.log(`ML playground: http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
  } catch (e) {
    console.error(`mljs playground: cannot listen on 127.0.0.1:${port}: ${e.message}${e.code === "EADDRINUSE" ? " (set PORT to another port)" : ""}`);
    process.exit(1);
  }
}
