/** The `mljs lsp` command itself: started without `--stdio`, its usage error, its help text. */
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, scratch, startSession } from "./client.js";

const run = (args: string[]) => spawnSync(process.execPath, [join(root, "bin", "mljs.cjs"), ...args], { encoding: "utf8", input: "" });

describe("mljs lsp", () => {
  it("speaks LSP on standard input and output without --stdio too", async () => {
    const ws = scratch({ "a.ml": "print(nope);\n" });
    const s = await startSession(ws.dir, [], { audit: false });
    expect(s.initialize.serverInfo?.name).toBe("mljs");
    s.open(ws.uri("a.ml"), "print(nope);\n");
    const [d] = await s.diagnostics(ws.uri("a.ml"), (list) => list.length > 0);
    expect(d).toMatchObject({ code: "ML2001", range: { start: { line: 0, character: 6 }, end: { line: 0, character: 10 } } });
    await s.close();
    expect(s.child.exitCode).toBe(0);
  });

  it("runs the server in a child process with a larger young generation, and ends it on SIGTERM", async () => {
    const ws = scratch({});
    const s = await startSession(ws.dir, [], { audit: false });
    const server = execFileSync("pgrep", ["-P", String(s.child.pid)], { encoding: "utf8" }).trim();
    expect(execFileSync("ps", ["-o", "args=", "-p", server], { encoding: "utf8" })).toContain("--max-semi-space-size=32");
    const exited = new Promise<number | null>((resolve) => s.child.once("exit", (code) => resolve(code)));
    s.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(spawnSync("ps", ["-p", server]).status).not.toBe(0);
    s.connection.dispose();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it("ends the server process when the process that started it is killed outright, its pipes still open", async () => {
    const ws = scratch({});
    const s = await startSession(ws.dir, [], { audit: false });
    const server = Number(execFileSync("pgrep", ["-P", String(s.child.pid)], { encoding: "utf8" }).trim());
    const alive = () => {
      try {
        process.kill(server, 0);
        return execFileSync("ps", ["-o", "stat=", "-p", String(server)], { encoding: "utf8" }).trim()[0] !== "Z";
      } catch {
        return false;
      }
    };
    expect(alive()).toBe(true);
    s.child.kill("SIGKILL"); // nothing is passed on; the test keeps its end of the pipes open
    const deadline = Date.now() + 8000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
    s.connection.dispose();
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it("accepts the --clientProcessId option language clients add", async () => {
    const ws = scratch({ "a.ml": "print(nope);\n" });
    const s = await startSession(ws.dir, ["--stdio", `--clientProcessId=${process.pid}`], { audit: false });
    s.open(ws.uri("a.ml"), "print(nope);\n");
    const [d] = await s.diagnostics(ws.uri("a.ml"), (list) => list.length > 0);
    expect(d).toMatchObject({ code: "ML2001" });
    await s.close();
    expect(s.child.exitCode).toBe(0);
    expect(run(["lsp", "--clientProcessId"]).status).toBe(64); // the id is required
  });

  it("refuses an unknown option with a usage error", () => {
    const r = run(["lsp", "--tcp"]);
    expect(r.status).toBe(64);
    expect(r.stderr).toContain("lsp: unknown option '--tcp'");
    expect(r.stderr).toContain("mljs help lsp");
  });

  it("has a help text, and is listed in the overview", () => {
    expect(run(["lsp", "--help"]).stdout).toContain("Usage: mljs lsp [--stdio]");
    expect(run(["help", "lsp"]).stdout).toContain("docs/editors.md");
    expect(run(["--help"]).stdout).toContain("mljs lsp [--stdio]");
  });
});
