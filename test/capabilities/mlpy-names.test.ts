/**
 * mlpy's capability vocabulary (issue 13, docs/mlpy-compat.md#granting-mlpys-capability-lists):
 * the 30 names mlpy's runner grants are accepted by `capability()`, `load`/`run`, `Sandbox` and
 * `mljs run --allow`; a grant list copied from an mlpy host runs a program that needs only those;
 * `network.https` means `network.http` for `https:` URLs, as strict about loopback as ever.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capability, CapabilityContext, load, run } from "../../src/index.js";
import { MLRuntimeError } from "../../src/host/errors.js";
import { LEGACY_CAPABILITY_NAMES, MLPY_CAPABILITY_NAMES } from "../../src/capabilities/names.js";

/** The list as an mlpy host writes it (its runner's grants), copied verbatim. */
const MLPY_GRANTS = [
  "console.write", "console.error",
  "file.read", "file.write", "file.append", "file.delete",
  "path.read", "path.write",
  "network.http", "network.https", "network.socket",
  "datetime.now", "datetime.create",
  "random.generate", "random.sample",
  "regex.compile", "regex.match",
  "math.compute",
  "json.parse", "json.serialize",
  "collections.read", "collections.transform",
  "functional.compose", "functional.transform",
  "crypto.hash", "crypto.random",
  "env.read", "env.write",
  "args.read",
  "log.write",
];

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "mljs-mlpy-names-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A program that uses every module mlpy's list covers, except the network. */
const PROGRAM = `import console; import math; import json; import regex; import collections; import functional;
import datetime; import random; import crypto; import env; import file; import path; import log;
console.log("start");
console.error("to stderr");
file.write("out.txt", json.stringify({"n": math.sqrt(16)}));
file.append("out.txt", "!");
data = file.read("out.txt");
print(data, path.exists("out.txt"), regex.match("[a-z]+", "abc").group(0));
print(collections.first([3, 4]), functional.compose(fn(x) => x + 1, fn(x) => x * 2)(5));
print(typeof(datetime.now()), random.randomInt(1, 2), len(crypto.sha256("x")), len(crypto.randomHex(4)));
print(env.get("MLJS_MLPY_NAMES_UNSET", "none"));
file.delete("out.txt");
print(hasCapability("math.compute"), hasCapability("network.socket"), hasCapability("network.https"), hasCapability("file.read"));
print(len(getCapabilities()));
`;
const EXPECTED = 'start\n{"n":4}! true abc\n3 11\nDateTime 1 64 8\nnone\ntrue true true true\n30\n';

describe("mlpy's capability names", () => {
  it("the vocabulary is the 30 names of an mlpy grant list", () => {
    expect(new Set(MLPY_CAPABILITY_NAMES)).toEqual(new Set(MLPY_GRANTS));
    expect(MLPY_CAPABILITY_NAMES).toHaveLength(30);
  });

  it("capability(name) and capability(name, {resources}) accept every one", () => {
    for (const name of MLPY_GRANTS) {
      expect(capability(name).name).toBe(name);
      expect(capability(name, { resources: ["x*"] }).resources).toEqual(["x*"]);
    }
    expect(() => capability("math.computer")).toThrow('unknown capability "math.computer" (did you mean "math.compute"?)');
  });

  it("names nothing requires are the legacy ones, so granting them changes nothing else", () => {
    const enforcedOrMapped = ["file.read", "file.write", "file.append", "file.delete", "path.read", "path.write", "network.http", "network.https",
      "datetime.now", "random.generate", "random.sample", "crypto.random", "env.read", "env.write", "args.read"];
    for (const name of MLPY_GRANTS.filter((n) => !enforcedOrMapped.includes(n))) expect(LEGACY_CAPABILITY_NAMES).toContain(name);
  });

  it("run(…, {capabilities: mlpy's list}) runs a program that needs only those", async () => {
    writeFileSync(join(dir, "all.ml"), PROGRAM);
    const r = await run(join(dir, "all.ml"), { capabilities: MLPY_GRANTS });
    expect(r.stdout).toBe(EXPECTED);
    expect(r.stderr).toBe("to stderr\n");
  });

  it("load with mlpy's list, and a CapabilityContext of it for an exported function", async () => {
    const program = await load(
      { source: `function probe() { return [hasCapability("math.compute"), hasCapability("json.serialize"), getCapabilityInfo("crypto.hash") != null]; }`, filename: join(dir, "p.ml") },
      { capabilities: MLPY_GRANTS },
    );
    const probe = program.exports.probe as () => unknown;
    const ctx = new CapabilityContext({ capabilities: MLPY_GRANTS });
    expect(ctx.run(() => probe())).toEqual([true, true, true]);
    expect(new CapabilityContext({ capabilities: [], isolated: true }).run(() => probe())).toEqual([false, false, false]);
  });

  it("hasCapability answers for what the run holds: without the grant a legacy name is false, though nothing needs it", async () => {
    const r = await run({ source: `import math; print(math.sqrt(9), hasCapability("math.compute"));` });
    expect(r.stdout).toBe("3 false\n");
  });

  it("Sandbox grants accept mlpy's list", async () => {
    const { Sandbox } = await import("../../dist/sandbox/index.js");
    const sandbox = new Sandbox({ poolSize: 1, timeoutMs: 10_000, capabilities: MLPY_GRANTS });
    try {
      const value = await sandbox.run(
        { source: `import math; import regex; function main() { return [math.floor(2.5), regex.test("a+", "caa"), getCapabilities()]; }` },
        { entry: "main" },
      );
      expect(value).toEqual([2, true, [...MLPY_GRANTS].sort()]);
    } finally {
      await sandbox.close();
    }
  }, 30_000);

  it("mljs run --allow takes every name of mlpy's list", () => {
    writeFileSync(join(dir, "cli.ml"), PROGRAM);
    const args = [join(root, "bin/mljs.js"), "run", ...MLPY_GRANTS.flatMap((n) => ["--allow", n]), join(dir, "cli.ml")];
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.stderr).toBe("to stderr\n");
    expect(r.stdout).toBe(EXPECTED);
    expect(r.status).toBe(0);
    const https = spawnSync(process.execPath, [join(root, "bin/mljs.js"), "run", "--allow", "network.https=example.com", "--allow", "math.compute", "-e", "print(hasCapability(\"network.https\"), getCapabilityInfo(\"network.https\")[\"patterns\"]);"], {
      cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" },
    });
    expect(https.stdout).toBe('true ["example.com"]\n');
  }, 30_000);
});

describe("network.https: network.http for https: URLs only", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end("plain"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function failure(source: string, grants: unknown[]): Promise<{ type: string; message: string }> {
    try {
      await run({ source }, { capabilities: grants as never });
    } catch (e) {
      if (e instanceof MLRuntimeError) return { type: e.mlType, message: e.mlMessage };
      throw e;
    }
    throw new Error("the program did not fail");
  }

  it("an http: URL is denied under network.https", async () => {
    const e = await failure(`import http; http.get("http://127.0.0.1:${port}/");`, [capability("network.https", { resources: ["127.0.0.1"] })]);
    expect(e).toEqual({
      type: "CapabilityError",
      message: `http.get() requires capability 'network.http': 'http://127.0.0.1:${port}/' is not an https: URL, the only kind a 'network.https' grant allows`,
    });
  });

  it("an https: URL passes the check (this plain server then fails the TLS handshake: a network error, not a capability error)", async () => {
    const e = await failure(`import http; http.get("https://127.0.0.1:${port}/");`, [capability("network.https", { resources: ["127.0.0.1"] })]);
    expect(e.type).toBe("Error");
    expect(e.message).toMatch(/^Network error: /);
  });

  it("loopback and private addresses still need a pattern naming the host", async () => {
    const e = await failure(`import http; http.get("https://127.0.0.1:${port}/");`, ["network.https"]);
    expect(e.type).toBe("CapabilityError");
    expect(e.message).toContain("loopback or private address");
  });

  it("a program's own `allow network.https` declaration declares network.http for https: URLs", async () => {
    const decl = 'capability Net { allow network.https "127.0.0.1"; }\nimport http;\n';
    const grant = [capability("network.https", { resources: ["127.0.0.1"] })];
    const https = await failure(`${decl}http.get("https://127.0.0.1:${port}/");`, grant);
    expect(https.message).toMatch(/^Network error: /); // declared and granted: the check passed
    const plain = await failure(`${decl}http.get("http://127.0.0.1:${port}/");`, [capability("network.http", { resources: ["127.0.0.1"] })]);
    expect(plain).toEqual({ type: "CapabilityError", message: "http.get() requires capability 'network.http': the program does not declare it (add it to a `capability` block)" });
  });

  it("the grant's patterns apply as to network.http", async () => {
    const e = await failure(`import http; http.get("https://127.0.0.1:${port}/");`, [capability("network.https", { resources: ["example.com"] })]);
    expect(e.type).toBe("CapabilityError");
  });
});
