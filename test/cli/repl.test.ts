import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { rmSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { bin, mljs, scratchDir } from "./helpers.js";

let dir: string;
beforeAll(() => {
  dir = scratchDir("repl-");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mljs repl with piped input", () => {
  it("prints the value of each top-level expression statement, one per line", () => {
    const r = mljs(dir, ["repl"], "x = 2 + 3;\nx * 2\n");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("10\n");
    expect(r.code).toBe(0);
    const many = mljs(dir, ["repl"], 'function f(a) { return a * 2; }\nf(1)\n"two"\nprint("three")\n[1, {"a": null}];\nnull\n');
    expect(many.stdout).toBe('2\n"two"\nthree\n[1, {"a": null}]\n');
  });

  it("keeps no history when standard input is not a terminal", () => {
    const history = join(dir, "piped-history");
    mljs(dir, ["repl"], "1 + 1\n", { MLJS_REPL_HISTORY: history });
    expect(existsSync(history)).toBe(false);
  });

  it("plain mljs with piped input behaves as mljs repl", () => {
    const r = mljs(dir, [], "x = 2 + 3;\nx * 2\n");
    expect(r.stdout).toBe("10\n");
    expect(r.code).toBe(0);
    expect(mljs(dir, [], "").code).toBe(0);
  });

  it("takes --allow and the limits of run; errors give run's exit codes", () => {
    expect(mljs(dir, ["repl", "--allow", "random.generate"], "import random;\nrandom.random() < 1\n").stdout).toBe("true\n");
    const denied = mljs(dir, ["repl"], "import random;\nrandom.random()\n");
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("CapabilityError");
    const division = mljs(dir, ["repl"], "y = 1;\ny / 0\n");
    expect(division.code).toBe(1);
    expect(division.stderr).toContain("<stdin>:2:3: ZeroDivisionError");
    expect(division.stderr).toContain("2 | y / 0");
    const spin = mljs(dir, ["repl", "--steps", "1000"], "while (true) {}\n");
    expect(spin.code).toBe(3);
    expect(spin.stderr).toContain("LimitError");
    const bad = mljs(dir, ["repl"], "x = ;\n");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("<stdin>:1:5");
    expect(bad.stderr).toContain("^");
  });

  it("--help shows the repl's usage; a file argument is refused with a pointer to run", () => {
    const help = mljs(dir, ["repl", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: mljs repl");
    const file = mljs(dir, ["repl", "app.ml"]);
    expect(file.code).toBe(64);
    expect(file.stderr).toContain("mljs run app.ml");
  });
});

// The interactive prompt needs a terminal: `script` (util-linux) provides one where available.
const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

describe.skipIf(!hasScript)("mljs repl on a terminal", () => {
  it("continues open input, shows => values, survives errors and limits, .load, .help, history", () => {
    writeFileSync(join(dir, "lib.ml"), "function greet(n) { return \"hi \" + n; }\n");
    const history = join(dir, "history");
    const lines = [
      "x = [1,", "2]", "x", "while (true) {}", "x.append(3);", "len(x) +", "1", "1 / 0",
      ".load lib.ml", 'greet("ada")', ".help", ".exit",
    ];
    const r = spawnSync("script", ["-qfec", `"${process.execPath}" "${bin}" repl --steps 10000`, "/dev/null"], {
      cwd: dir,
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      timeout: 30_000,
      env: { ...process.env, NO_COLOR: "1", MLJS_REPL_HISTORY: history, TERM: "dumb" },
    });
    const out = r.stdout.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
    expect(out).toContain("=> [1, 2]");
    expect(out).toContain("LimitError: step limit exceeded");
    expect(out).toContain("=> 4");
    expect(out).toContain("ZeroDivisionError");
    expect(out).toContain('=> "hi ada"');
    expect(out).toContain(".load FILE");
    expect(existsSync(history)).toBe(true);
    expect(readFileSync(history, "utf8")).toContain("x = [1, 2]");
  });

  it("Tab completes module members at the prompt", async () => {
    // Not TERM=dumb: readline completes only on a capable terminal.
    const child = spawn("script", ["-qfec", `"${process.execPath}" "${bin}" repl`, "/dev/null"], {
      cwd: dir, env: { ...process.env, NO_COLOR: "1", MLJS_REPL_HISTORY: "", TERM: "xterm" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const until = async (text: string) => {
      const start = Date.now();
      while (!out.includes(text)) {
        if (Date.now() - start > 15_000) throw new Error(`timed out waiting for ${text}; got ${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await until("type .help");
      child.stdin.write("import math\n");
      await until("ml> ");
      await new Promise((r) => setTimeout(r, 300));
      child.stdin.write("math.sqr");
      await new Promise((r) => setTimeout(r, 300));
      // A key of its own: readline treats a chunk of several characters as a paste (no completion).
      child.stdin.write("\t");
      await new Promise((r) => setTimeout(r, 300));
      child.stdin.write("(16)\n");
      await until("=> 4");
      child.stdin.write(".exit\n");
    } finally {
      child.kill();
    }
  }, 30_000);

  it("plain mljs on a terminal starts the prompt", () => {
    const r = spawnSync("script", ["-qfec", `"${process.execPath}" "${bin}"`, "/dev/null"], {
      cwd: dir, input: "6 * 7\n.exit\n", encoding: "utf8", timeout: 30_000,
      env: { ...process.env, NO_COLOR: "1", MLJS_REPL_HISTORY: "", TERM: "dumb" },
    });
    expect(r.stdout).toContain("type .help for help");
    expect(r.stdout).toContain("=> 42");
  });
});
