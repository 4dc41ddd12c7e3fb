import { describe, expect, it, vi } from "vitest";
import { mlFails } from "./ml.js";
import { run } from "../../src/index.js";
import * as consoleModule from "../../src/stdlib/console.js";

/** Runs `body` after `import console;` and returns both output streams. */
async function output(body: string, options = {}): Promise<{ stdout: string; stderr: string }> {
  const r = await run({ source: `import console;\n${body}`, filename: "test.ml" }, options);
  return { stdout: r.stdout, stderr: r.stderr };
}

describe("console", () => {
  it("log, info and debug write to standard output", async () => {
    expect(await output(`console.log("plain", 1); console.info("ready"); console.debug("x =", 2);`)).toEqual({
      stdout: "plain 1\nINFO: ready\nDEBUG: x = 2\n",
      stderr: "",
    });
  });

  it("error and warn write to standard error", async () => {
    expect(await output(`console.error("failed:", "disk"); console.warn("low", "space");`)).toEqual({
      stdout: "",
      stderr: "failed: disk\nWARNING: low space\n",
    });
  });

  it("formats values with str(), as print does", async () => {
    const { stdout } = await output(`
      console.log("s", 1.5, true, null, [1, "a", null], {"k": "v"}, 1 / 4);
      print("s", 1.5, true, null, [1, "a", null], {"k": "v"}, 1 / 4);
    `);
    const [logged, printed] = stdout.split("\n");
    expect(logged).toBe('s 1.5 true null [1, "a", null] {"k": "v"} 0.25');
    expect(logged).toBe(printed);
  });

  it("shows functions, stdlib values and caught errors like str()", async () => {
    const { stdout } = await output(`
      import math;
      try { x = [][1]; } except (e) { console.log("caught:", e); }
      console.log(math.sqrt, math);
    `);
    expect(stdout).toBe("caught: list index out of range\n<function sqrt> <module math>\n");
  });

  it("no arguments writes an empty line (or just the prefix)", async () => {
    expect(await output(`console.log(); console.info(); console.warn();`)).toEqual({ stdout: "\nINFO: \n", stderr: "WARNING: \n" });
  });

  it("checks the line length against the string limit", async () => {
    const limits = { maxStringLength: 20 };
    expect(await mlFails(`import console; console.log("a" * 10, "b" * 10);`, { limits })).toEqual({
      type: "LimitError", message: "string length limit exceeded (max 20)",
    });
    expect(await mlFails(`import console; console.warn("x" * 15);`, { limits })).toMatchObject({ type: "LimitError" });
    expect((await output(`console.log("a" * 9, "b" * 9);`, { limits })).stdout).toBe(`${"a".repeat(9)} ${"b".repeat(9)}\n`);
  });

  it("needs no capability", async () => {
    expect(await output(`print(requiredCapabilities(console.log), requiredCapabilities(console.error));`)).toEqual({ stdout: "[] []\n", stderr: "" });
  });

  it("help describes each function", async () => {
    const { stdout } = await output(`print(help(console.warn));`);
    expect(stdout).toBe("console.warn(...values)\nWrites 'WARNING: ' and the values as one line to standard error.\nCapabilities: none required\n");
  });

  it("called by the host outside a program, writes to the process streams", () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      consoleModule.info("from", "host");
      consoleModule.warn("careful");
      expect(out).toHaveBeenCalledWith("INFO: from host\n");
      expect(err).toHaveBeenCalledWith("WARNING: careful\n");
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
