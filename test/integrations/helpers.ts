/**
 * What the Express and Fastify integration tests share: one ML program exercising every kind of
 * outcome, the grants a request can ask for, an upstream HTTP server on loopback, and fetch
 * helpers.
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { capability, load, type CapabilityGrantInput, type Program } from "../../src/index.js";

/** The rules behind the test routes; each takes the default `{ body, query, params }`. */
export const RULES = `import datetime;
import file;
import http;

function whoami(req) {
  return {"id": req.query.id, "capabilities": getCapabilities()};
}

function readSecret(req) {
  return {"text": file.read(req.query.path)};
}

function spin(req) {
  n = 0;
  while (true) { n = n + 1; }
}

function huge(req) {
  a = ["leaf"];
  for (i in range(40)) { a = [a, a]; }
  return a;
}

function broken(req) {
  items = [1, 2];
  return items[5];
}

function reject(req) {
  throw {"type": "ValueError", "message": "quantity must be positive", "status": 422};
}

function upstream(req) {
  r = http.get(req.query.url);
  return {"status": r.status(), "upstream": r.json(), "capabilities": getCapabilities()};
}

function stamp(req) {
  at = datetime.create(2024, 3, 15, 14, 30, 45);
  return {"at": at, "due": at.addDays(30).date(), "window": datetime.createDelta(1, 2), "echo": req.body};
}

function message(req) {
  return "plain " + req.params.word;
}
`;

/** The rules, loaded with a small step limit so that `spin` fails fast with `LimitError`. */
export function loadRules(): Promise<Program> {
  return load({ source: RULES, filename: "rules.ml" }, { limits: { steps: 100_000 } });
}

/** A directory holding `secret.txt`, and a function removing it. */
export function secretDir(): { dir: string; file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "mljs-integrations-"));
  const file = join(dir, "secret.txt");
  writeFileSync(file, "the secret");
  return { dir, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The grants a request asks for in its `x-grants` header (comma-separated): `clock`, `random`,
 * `files` (read below `dir`), `upstream` (HTTP to the loopback upstream).
 */
export function grantTable(dir: string, upstreamHost: string): Map<string, CapabilityGrantInput> {
  return new Map<string, CapabilityGrantInput>([
    ["clock", "datetime.now"],
    ["random", "random.generate"],
    ["files", capability("file.read", { resources: [`${dir}/**`] })],
    ["upstream", capability("network.http", { resources: [upstreamHost] })],
  ]);
}

/** The grants named by an `x-grants` header value. */
export function grantsFor(header: unknown, table: Map<string, CapabilityGrantInput>): CapabilityGrantInput[] {
  if (typeof header !== "string" || header === "") return [];
  return header.split(",").map((name) => {
    const grant = table.get(name);
    if (grant === undefined) throw new Error(`test bug: unknown grant ${name}`);
    return grant;
  });
}

/** The capability names a set of grant keys gives, as `getCapabilities()` lists them. */
export const NAMES: Record<string, string> = {
  clock: "datetime.now",
  random: "random.generate",
  files: "file.read",
  upstream: "network.http",
};

/** An HTTP server on loopback answering every request with `{ "hello": "upstream" }`. */
export async function startUpstream(): Promise<{ host: string; url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ hello: "upstream" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    url: `http://${host}/data`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A response's status, headers and body: parsed when it is JSON, `text` always. */
export interface Reply {
  status: number;
  type: string;
  headers: Headers;
  /** The parsed JSON, of any shape. */
  body: any;
  text: string;
}

/** `fetch`, returning the {@link Reply}. */
export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init);
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, headers: res.headers, text, body: type.includes("json") ? JSON.parse(text) : undefined };
}

/** A POST with a JSON body. */
export function postJSON(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every non-empty subset of `keys`, plus the empty one. */
export function subsets<T>(keys: readonly T[]): T[][] {
  return Array.from({ length: 2 ** keys.length }, (_, mask) => keys.filter((_k, i) => (mask >> i) & 1));
}

/** A host handler returning 2^40 leaves in 41 arrays: what the integrations must refuse to serialise. */
export function hostHuge(): unknown {
  let a: unknown = ["leaf"];
  for (let i = 0; i < 40; i++) a = [a, a];
  return a;
}
