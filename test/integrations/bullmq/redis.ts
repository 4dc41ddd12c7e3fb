// A real redis-server for the BullMQ tests: started on a free loopback port with a temporary data
// directory and no persistence (--save '' --appendonly no), ended by stop().
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  readonly connection: { host: string; port: number };
  /** Ends the server and removes its directory. */
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Starts redis-server and resolves once it accepts connections. */
export async function startRedis(): Promise<TestRedis> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "mljs-redis-"));
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      await ready(child);
    } catch (e) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      if (attempt < 3) continue; // the port was taken in between
      throw e;
    }
    let stopped: Promise<void> | null = null;
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      connection: { host: "127.0.0.1", port },
      stop: () =>
        (stopped ??= new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else child.kill("SIGKILL");
        }).then(() => rmSync(dir, { recursive: true, force: true }))),
    };
  }
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${out}`));
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not be started (is it installed? scripts/test-deps.js installs it): ${e.message}`));
    });
  });
}
