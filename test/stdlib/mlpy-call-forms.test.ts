/**
 * mlpy's call forms are the contract (issue 13): every entry of
 * `test/fixtures/mlpy-call-forms/*.json` is an ML call written the way an mlpy program writes it,
 * and mljs must accept it. One test per entry, named `<module>: <call>`.
 *
 * Entry format (a JSON array per module):
 * ```
 * { "call": "<ML expression>",            // required
 *   "setup": "<ML statements>",           // optional, run before the call
 *   "grants": ["name[=pattern]", …],      // optional, as `mljs run --allow`
 *   "expect": <JSON value>,               // optional: the call's result must equal it
 *   "needsTmp": true,                     // ML variable TMP: a fresh temp dir (file.* and path.* granted under it)
 *   "needsServer": true }                 // ML variable SERVER: a loopback echo server (network.http granted for it)
 * ```
 * The program is `TMP = "…"; SERVER = "…";` + setup + `mlpyCallResult = (call);`, run as a file in
 * its own temp dir (so relative paths land there). Accepted means: it compiles and runs without
 * raising (no TypeError, arity error, AttributeError, unknown name, nor any other error).
 * The echo server answers every path with 200 and the JSON
 * `{"method", "path", "query", "headers", "body"}` of the request (header names lower-case).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capability, run, type CapabilityToken } from "../../src/index.js";
import { MLCompileError, MLRuntimeError } from "../../src/host/errors.js";
import { grantsFromOptions } from "../../src/cli/usage.js";
import { startLoopbackServer, type LoopbackServer } from "./loopback-server.js";

interface CallForm {
  call: string;
  setup?: string;
  grants?: string[];
  expect?: unknown;
  needsTmp?: boolean;
  needsServer?: boolean;
}

const dir = fileURLToPath(new URL("../fixtures/mlpy-call-forms/", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

let server: LoopbackServer;
let serverUrl = "";
const tmpRoot = mkdtempSync(join(tmpdir(), "mljs-call-forms-"));

beforeAll(async () => {
  server = await startLoopbackServer((req, res, url, body) => {
    res.writeHead(200, { "Content-Type": "application/json", "X-Echo": "yes" });
    res.end(
      req.method === "HEAD"
        ? undefined
        : JSON.stringify({ method: req.method, path: url.pathname, query: url.search.replace(/^\?/, ""), headers: req.headers, body }),
    );
  });
  serverUrl = server.base;
});
afterAll(async () => {
  await server.close();
  rmSync(tmpRoot, { recursive: true, force: true });
});

/** The tokens an entry runs with: its own grants plus those its TMP/SERVER need. */
function tokensFor(entry: CallForm, tmp: string): CapabilityToken[] {
  const tokens = grantsFromOptions(entry.grants ?? [], false);
  if (entry.needsTmp === true) {
    for (const name of ["file.read", "file.write", "file.append", "file.delete", "path.read", "path.write"]) {
      tokens.push(capability(name, { resources: [tmp, `${tmp}/**`] }));
    }
  }
  if (entry.needsServer === true) tokens.push(capability("network.http", { resources: ["127.0.0.1"] }));
  return tokens;
}

/** What went wrong, readably: compile diagnostics or the ML error's type and message. */
function describeFailure(e: unknown): string {
  if (e instanceof MLRuntimeError) return `${e.mlType}: ${e.mlMessage}`;
  if (e instanceof MLCompileError) return `compile error: ${e.message}`;
  return String(e);
}

/** JSON's view of a host value, for comparing with `expect`. */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

for (const file of files) {
  const module = file.replace(/\.json$/, "");
  const entries = JSON.parse(readFileSync(join(dir, file), "utf8")) as CallForm[];
  describe(`mlpy call forms: ${module}`, () => {
    const seen = new Map<string, number>();
    for (const entry of entries) {
      const n = (seen.get(entry.call) ?? 0) + 1;
      seen.set(entry.call, n);
      const title = `${module}: ${entry.call}${n > 1 ? ` (#${n})` : ""}`;
      it(title, async () => {
        const tmp = mkdtempSync(join(tmpRoot, `${module}-`));
        const source = [
          `TMP = ${JSON.stringify(tmp)};`,
          `SERVER = ${JSON.stringify(serverUrl)};`,
          entry.setup ?? "",
          `mlpyCallResult = (${entry.call});`,
          "",
        ].join("\n");
        let result: unknown;
        try {
          const r = await run({ source, filename: join(tmp, "call.ml") }, { capabilities: tokensFor(entry, tmp) });
          result = r.exports.mlpyCallResult;
        } catch (e) {
          expect.fail(`mlpy call form rejected: ${entry.call}\n  ${describeFailure(e)}`);
        }
        if ("expect" in entry) expect(asJson(result)).toEqual(entry.expect);
      });
    }
  });
}

if (files.length === 0) it("has call-form fixtures", () => expect.fail("no test/fixtures/mlpy-call-forms/*.json"));
