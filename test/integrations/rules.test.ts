import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadRules } from "../../src/integrations/rules.js";
import { MLCompileError } from "../../src/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

describe("loadRules: start-up fails fast on rules that do not compile", () => {
  it("resolves to the program when the rules compile", async () => {
    const program = await loadRules({ source: "function double(x) { return x * 2; }", filename: "ok.ml" });
    expect((program.exports.double as (x: number) => number)(21)).toBe(42);
  });

  it("rejects with the MLCompileError, its stack being the formatted diagnostics", async () => {
    const error = await loadRules(fixture("broken.ml")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MLCompileError);
    const stack = (error as MLCompileError).stack!;
    expect(stack).toMatch(/^MLCompileError: cannot load the ML rules .*broken\.ml\n/);
    expect(stack).toContain("error[ML2001]: unknown name 'itemz'");
    expect(stack).toMatch(/--> .*broken\.ml:3:14/);
    expect(stack).toContain("|              ^^^^^");
    expect(stack).toContain("did you mean 'items'?");
    expect(stack).not.toMatch(/\n\s+at /); // no JavaScript frames
  });

  it("ends a server process before it listens, printing the diagnostics", async () => {
    const run = promisify(execFile)(process.execPath, [fixture("broken-server.mjs")], { cwd: root, timeout: 20_000 });
    const failure = await run.then(() => null, (e: { code?: number; stdout: string; stderr: string }) => e);
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(1);
    expect(failure!.stdout).not.toContain("listening");
    expect(failure!.stderr).toContain("cannot load the ML rules");
    expect(failure!.stderr).toContain("unknown name 'itemz'");
  });
});
