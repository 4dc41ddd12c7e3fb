/**
 * A real HTTP server on 127.0.0.1 for the tests of ML's `http`: reads each request's body, then
 * hands the request, its parsed URL and the body to `handle`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** Starts the server on a free port. */
export async function startLoopbackServer(
  handle: (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => void,
): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, new URL(req.url ?? "/", "http://127.0.0.1"), Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`, port, server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
