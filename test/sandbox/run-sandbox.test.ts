// `mljs run --sandbox` (the function the CLI calls), through the built package. Run `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInSandbox, type RunInSandboxOptions } from "../../dist/cli/commands/run-sandbox.js";
import { capability } from "../../dist/index.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mljs-run-sandbox-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `source` to `name` and runs it; resolves to the exit code and what was written. */
async function runScript(name: string, source: string, options: Partial<RunInSandboxOptions> = {}) {
  const script = join(dir, name);
  writeFileSync(script, source);
  let stdout = "";
  let stderr = "";
  const code = await runInSandbox(script, { ...options, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, script };
}

describe("runInSandbox", () => {
  it("prints the program's output and exits 0; arguments and grants reach the program", async () => {
    const r = await runScript("ok.ml", 'import args; import datetime; print("hello", args.rest()); print(typeof(datetime.now()));', {
      args: ["a", "b"],
      capabilities: [capability("args.read"), capability("datetime.now")],
    });
    expect(r).toMatchObject({ code: 0, stdout: 'hello ["a", "b"]\nDateTime\n', stderr: "" });
  });

  it("a heap or time limit the sandbox cannot honour is a usage error naming the option", async () => {
    await expect(runScript("small.ml", "print(1);", { memoryMb: 16 })).rejects.toThrow(/^--memory must be at least 32/);
    await expect(runScript("zero.ml", "print(1);", { timeoutMs: 0 })).rejects.toThrow(/^--timeout must be a positive finite number/);
    const { UsageError } = await import("../../dist/cli/usage.js");
    await expect(runScript("small2.ml", "print(1);", { memoryMb: 16 })).rejects.toBeInstanceOf(UsageError);
  });

  it("grants nothing by default: a capability error is a runtime error (1) with a hint", async () => {
    const r = await runScript("denied.ml", "import datetime;\nx = datetime.now();");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${r.script}:2:`);
    expect(r.stderr).toMatch(/CapabilityError/);
    expect(r.stderr).toMatch(/--allow datetime\.now/);
  });

  it("reports compile errors with a code frame and exits 2", async () => {
    const r = await runScript("broken.ml", "x = [1;\n");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("x = [1;");
    expect(r.stderr).toMatch(/1 error/);
  });

  it("exits 3 when the program runs out of time, keeping what it printed before", async () => {
    const r = await runScript("spin.ml", 'print("before");\nwhile (true) { }', { timeoutMs: 200 });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toMatch(/LimitError/);
  });

  it("exits 3 when the program runs out of memory", async () => {
    const r = await runScript("bomb.ml", "a = [];\nwhile (true) { a.append([0] * 100000); }", {
      memoryMb: 48,
      timeoutMs: 10_000,
      limits: { maxArrayLength: 1e9 },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/memory limit of 48 MB/);
  });

  it("exits 66 for a file it cannot read", async () => {
    let stderr = "";
    const code = await runInSandbox(join(dir, "missing.ml"), { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(66);
    expect(stderr).toMatch(/^mljs: cannot read ML file/);
  });
});
