/**
 * playground/serve.js: the static server `npm run playground` starts (loopback only, files of
 * the site and nothing outside it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "../../playground/serve.js";

const SERVE = fileURLToPath(new URL("../../playground/serve.js", import.meta.url));
let scratch: string;
let site: string;
let server: Server;
let port: number;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "mljs-serve-"));
  site = join(scratch, "site");
  mkdirSync(join(site, "sub"), { recursive: true });
  writeFileSync(join(site, "index.html"), "<p>home</p>");
  writeFileSync(join(site, "app.js"), "export {};");
  writeFileSync(join(site, "sub", "index.html"), "<p>sub</p>");
  writeFileSync(join(scratch, "secret.txt"), "secret");
  server = await serveStatic(site, 0);
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

/** A raw request (the path is sent exactly as given). */
function get(path: string, method = "GET"): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("playground static server", () => {
  it("serves files with their types, and index.html for a directory", async () => {
    expect(await get("/")).toEqual({ status: 200, type: "text/html; charset=utf-8", body: "<p>home</p>" });
    expect(await get("/app.js?v=1")).toMatchObject({ status: 200, type: "text/javascript; charset=utf-8" });
    expect((await get("/sub/")).body).toBe("<p>sub</p>");
    expect((await get("/missing.js")).status).toBe(404);
    expect(await get("/", "HEAD")).toMatchObject({ status: 200, body: "" });
    expect((await get("/", "POST")).status).toBe(405);
  });

  it("serves nothing outside the site's directory", async () => {
    for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/sub/../../secret.txt", "/%E0%A4%A"]) {
      const r = await get(path);
      expect(r.status, path).toBe(403);
      expect(r.body).not.toContain("secret");
    }
  });

  it("listens on 127.0.0.1 at PORT when run as a program and prints the URL", async () => {
    const child = spawn(process.execPath, [SERVE, site], { env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          if (out.includes("\n")) resolve(out);
        });
        child.on("exit", (code) => reject(new Error(`serve.js exited with ${code}`)));
      });
      expect(line).toMatch(/^ML playground: http:\/\/127\.0\.0\.1:\d+\/ /);
    } finally {
      child.kill();
    }
  });

  it("says to build first when the site is missing", async () => {
    const child = spawn(process.execPath, [SERVE, join(scratch, "nowhere")], { env: { ...process.env, PORT: "0" } });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(err).toContain("build it first with npm run playground:build");
  });
});
