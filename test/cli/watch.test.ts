import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, scratchDir } from "./helpers.js";

let dir: string;
beforeAll(() => {
  dir = scratchDir("watch-");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves when `text` has appeared in what `read()` returns (polling), or rejects after `ms`. */
async function waitFor(read: () => string, text: string, ms = 15_000): Promise<void> {
  const start = Date.now();
  while (!read().includes(text)) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${JSON.stringify(text)}; got:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("mljs run --watch", () => {
  it("runs again when the file or a module it imports changes", async () => {
    writeFileSync(join(dir, "helper.ml"), 'GREETING = "hello";\n');
    writeFileSync(join(dir, "main.ml"), 'import helper;\nprint("first " + helper.GREETING);\n');
    const child = spawn(process.execPath, [bin, "run", "--watch", "main.ml"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    try {
      await waitFor(() => stdout, "first hello");
      await waitFor(() => stderr, "watching 2 files");
      writeFileSync(join(dir, "main.ml"), 'import helper;\nprint("second " + helper.GREETING);\n');
      await waitFor(() => stdout, "second hello");
      expect(stderr).toContain("main.ml changed: running main.ml again");
      writeFileSync(join(dir, "helper.ml"), 'GREETING = "again";\n');
      await waitFor(() => stdout, "second again");
      expect(stderr).toContain("helper.ml changed");
      // A compile error is reported, and the watch goes on.
      writeFileSync(join(dir, "main.ml"), "x = ;\n");
      await waitFor(() => stderr, "exited with code 2");
      writeFileSync(join(dir, "main.ml"), 'print("fixed");\n');
      await waitFor(() => stdout, "fixed");
      // One run per save, however many change events the save makes.
      expect(stdout.match(/second hello/g)).toHaveLength(1);
    } finally {
      child.kill();
    }
  }, 60_000);

  it("--watch needs a file", async () => {
    const { mljs } = await import("./helpers.js");
    const r = mljs(dir, ["run", "--watch", "-e", "print(1)"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("--watch needs a file");
  });
});
