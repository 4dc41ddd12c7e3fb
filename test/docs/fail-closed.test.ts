/**
 * Authentication snippets in the docs and the example servers fail closed: a missing secret or
 * header grants nothing. The Fastify quick start of docs/integration/README.md is extracted and
 * run as it is written (it needs `dist/`: `npm test` builds first).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const guide = readFileSync(join(root, "docs/integration/README.md"), "utf8");

/** The first ```js block after `heading` in the integration guide. */
function snippetAfter(heading: string): string {
  const at = guide.indexOf(heading);
  expect(at, heading).toBeGreaterThan(-1);
  const match = /```js\n([\s\S]*?)```/.exec(guide.slice(at));
  expect(match, `a js block after ${heading}`).not.toBeNull();
  return match![1]!;
}

// Inside the repository, so that `mljs-lang/…` resolves to this package (self-reference) and
// `fastify` to its node_modules.
const scratch = mkdtempSync(join(root, "test", "docs", ".scratch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runSnippet(code: string, env: Record<string, string | undefined>): { status: number | null; stderr: string } {
  const file = join(scratch, `snippet-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  const r = spawnSync(process.execPath, [file], { cwd: scratch, env: childEnv, encoding: "utf8", timeout: 20_000 });
  return { status: r.status, stderr: r.stderr };
}

describe("the Fastify quick start (docs/integration/README.md)", () => {
  const code = snippetAfter("## Quick start: Fastify");

  it("refuses to start when TOKEN is unset or empty, before loading anything", () => {
    for (const token of [undefined, ""]) {
      const r = runSnippet(code, { TOKEN: token });
      expect(r.status, r.stderr).not.toBe(0);
      expect(r.stderr).toContain("set TOKEN");
      expect(r.stderr).not.toMatch(/analytics\.ml/);
    }
  });

  it("with TOKEN set, gets past the check (and then fails only on the missing rules file)", () => {
    const r = runSnippet(code, { TOKEN: "a-secret-of-sixteen-chars" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).not.toContain("set TOKEN");
    expect(r.stderr).toMatch(/analytics\.ml/);
  });

  it("compares the secret in constant time and never against an absent header", () => {
    expect(code).toContain("timingSafeEqual");
    expect(code).toContain('typeof given === "string"');
    expect(code).not.toMatch(/===\s*process\.env/);
  });

  it("the guide's grant functions never compare a header with process.env directly", () => {
    const blocks = [...guide.matchAll(/```(?:js|ts)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) {
      expect(block).not.toMatch(/headers\[[^\]]+\]\s*===\s*process\.env/);
      expect(block).not.toMatch(/req\.get\("x-role"\)\s*===\s*"admin"/);
    }
  });
});

describe("the analytics example's API keys (examples/analytics-fastify/server.js)", () => {
  type Grants = (request: { headers: Record<string, unknown> }) => unknown[];
  const load = async (): Promise<Grants> =>
    ((await import(pathToFileURL(join(root, "examples/analytics-fastify/server.js")).href)) as { grantsFor: Grants }).grantsFor;

  it("grants nothing without a header, with an empty, repeated, partial or unknown key", async () => {
    const grantsFor = await load();
    for (const key of [undefined, "", ["demo-reader", "demo-reader"], "demo-reade", "DEMO-READER", "no-such-key"]) {
      expect(grantsFor({ headers: key === undefined ? {} : { "x-api-key": key } }), String(key)).toEqual([]);
    }
  });

  it("grants a known key its capabilities", async () => {
    const grantsFor = await load();
    expect(grantsFor({ headers: { "x-api-key": "demo-live" } })).toEqual(["datetime.now"]);
    expect(grantsFor({ headers: { "x-api-key": "demo-admin" } })).toHaveLength(3);
  });
});
