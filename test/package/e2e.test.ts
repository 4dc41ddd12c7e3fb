/**
 * The package as a user gets it: `npm pack`, the tarball installed into an empty folder outside
 * the repository, then the command line, an ES module, a CommonJS module and TypeScript consumers
 * there, and a project made by `mljs init` whose own tests pass with the tarball installed.
 *
 * Installing needs the package's dependencies: they come from npm's cache when `npm ci` has run
 * (as in CI), from the registry otherwise.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis } from "../integrations/bullmq/redis.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string };
const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
/** `name@version` as the repository's lockfile has it (so the install comes from npm's cache). */
const locked = (name: string): string => `${name}@${lock.packages[`node_modules/${name}`]!.version}`;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

let work: string;
let app: string;
let tarball: string;

function sh(cmd: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    cwd,
    input,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, npm_config_yes: "true", npm_config_update_notifier: "false" },
  });
}

/** Runs a command that must succeed; on failure the error shows what it printed. */
function ok(cmd: string, args: string[], cwd: string, input?: string): string {
  const r = sh(cmd, args, cwd, input);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}${r.error ? `\n${r.error.message}` : ""}`);
  }
  return r.stdout;
}

function npmInstall(cwd: string, specs: string[]): void {
  ok(npm, ["install", ...specs, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], cwd);
}

beforeAll(() => {
  if (!existsSync(join(repo, "dist", "index.js"))) throw new Error("run `npm run build` first (npm test does)");
  work = mkdtempSync(join(tmpdir(), "mljs-package-"));
  // --ignore-scripts: `npm test` has just built dist/, and rebuilding here would rewrite files
  // other test files are reading.
  const packed = JSON.parse(ok(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], repo)) as { filename: string }[];
  tarball = join(work, packed[0]!.filename);
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }, null, 2));
  // TypeScript 5 as well as the repository's 7: `moduleResolution: node10` exists only up to 5.
  // bullmq and ioredis: the optional peers `mljs worker` and `mljs-lang/bullmq` need.
  npmInstall(app, [tarball, "typescript@5.9.3", locked("bullmq"), locked("ioredis")]);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package, installed into an empty folder", () => {
  it("ships what its README and docs link to, and no source maps of its own code", () => {
    const root = join(app, "node_modules", "mljs-lang");
    for (const f of ["README.md", "LICENSE", "CHANGELOG.md", "docs/language/README.md", "docs/api.md", "examples/welcome.ml", "bin/mljs.js", "dist/index.js", "dist/index.d.ts",
      "dist/integrations/bullmq/index.js", "dist/lsp/server.js", "docs/bullmq.md", "docs/editors.md", "docs/debugging.md", "docs/playground.md"]) {
      expect(existsSync(join(root, f)), f).toBe(true);
    }
    expect(existsSync(join(root, "dist", "index.js.map"))).toBe(false);
    expect(existsSync(join(root, "src"))).toBe(false);
    const installed = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };
    expect(installed).toMatchObject({ name: "mljs-lang", version: pkg.version });
  });

  it("npx mljs run FILE and npx mljs FILE run a program", () => {
    writeFileSync(join(app, "hello.ml"), 'name = "world";\nprint("hello, " + name);\n');
    expect(ok(npx, ["mljs", "run", "hello.ml"], app)).toBe("hello, world\n");
    expect(ok(npx, ["mljs", "hello.ml"], app)).toBe("hello, world\n");
  });

  it("npx mljs -e CODE and npx mljs run - (the program on stdin)", () => {
    expect(ok(npx, ["mljs", "-e", "print(1 + 1);"], app)).toBe("2\n");
    expect(ok(npx, ["mljs", "run", "-"], app, "print(3);\n")).toBe("3\n");
  });

  it("npx mljs repl evaluates piped input and prints each expression's value", () => {
    expect(ok(npx, ["mljs", "repl"], app, "x = 2 + 3;\nx * 2\n")).toBe("10\n");
  });

  it("npx mljs compile writes a program that node runs (ESM and CommonJS, a user module imported)", () => {
    mkdirSync(join(app, "prog"), { recursive: true });
    writeFileSync(join(app, "prog", "util.ml"), "function double(n) { return n * 2; }\n");
    writeFileSync(join(app, "prog", "main.ml"), "import util;\nimport math;\nprint(util.double(math.floor(10.7)));\n");
    ok(npx, ["mljs", "compile", "prog/main.ml", "-o", "build/main.mjs"], app);
    expect(ok(process.execPath, ["build/main.mjs"], app)).toBe("20\n");
    ok(npx, ["mljs", "compile", "prog/main.ml", "--format", "cjs", "-o", "build/main.cjs"], app);
    expect(ok(process.execPath, ["build/main.cjs"], app)).toBe("20\n");
  });

  it("an ES module imports mljs-lang and its stdlib subpaths", () => {
    writeFileSync(
      join(app, "esm.mjs"),
      `import { run, load } from "mljs-lang";
import { DateTime } from "mljs-lang/stdlib/datetime";
const r = await run({ source: "print(6 * 7);" });
const p = await load({ source: "import datetime; function d() { return datetime.create(2024, 1, 2); }" });
console.log(r.stdout.trim(), p.exports.d() instanceof DateTime);
`,
    );
    expect(ok(process.execPath, ["esm.mjs"], app)).toBe("42 true\n");
  });

  it("a CommonJS module requires mljs-lang (require of ES modules, Node ≥ 20.19)", () => {
    writeFileSync(
      join(app, "cjs.cjs"),
      `const { run } = require("mljs-lang");
const { DateTime } = require("mljs-lang/stdlib/datetime");
run({ source: "print(7 * 6);" }).then((r) => console.log(r.stdout.trim(), typeof DateTime));
`,
    );
    const r = sh(process.execPath, ["cjs.cjs"], app);
    expect(r.stdout).toBe("42 function\n");
  });

  const consumer = `import { run, load, compile, MLRuntimeError, type LoadOptions } from "mljs-lang";
import { DateTime } from "mljs-lang/stdlib/datetime";
import { compile as compileOnly } from "mljs-lang/compiler";
const options: LoadOptions = { limits: { steps: 1000 } };
export async function main(): Promise<string> {
  const r = await run({ source: "print(1);" }, options);
  const p = await load({ source: "x = 1;" });
  const ok: boolean = compile("x = 1;").ok && compileOnly("y = 2;").ok;
  const when: unknown = p.exports.x;
  return r.stdout + String(ok) + String(when instanceof DateTime) + String(MLRuntimeError.name);
}
`;

  it("a TypeScript consumer type-checks under moduleResolution nodenext", () => {
    const dir = join(app, "ts-nodenext");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "main.ts"), consumer);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["main.ts"] }),
    );
    // The consumer's own package.json says "type": "module" (the app's), so main.ts is an ES module.
    ok(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", dir], app);
    ok(process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", dir], app);
  });

  it("a TypeScript consumer type-checks under moduleResolution node10 (subpath types through typesVersions)", () => {
    const dir = join(app, "ts-node10");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "ts-node10", private: true, type: "commonjs" }));
    writeFileSync(join(dir, "main.ts"), consumer);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "commonjs", moduleResolution: "node10", target: "es2022", strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["main.ts"] }),
    );
    ok(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", dir], app);
  });

  it("the installed mljs worker serves a queue filled through mljs-lang/bullmq, and drains and exits 0 on SIGTERM", async () => {
    const redis = await startRedis();
    // The installed command itself (node_modules/.bin/mljs), not through npx: npx does not pass
    // SIGTERM on to the program it starts.
    const bin = join(app, "node_modules", ".bin", "mljs");
    const worker = spawn(bin, ["worker", "--redis", redis.url, "--queue", "e2e", "--pool", "1", "--allow", "random.generate"], {
      cwd: app,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, npm_config_update_notifier: "false" },
    });
    let stderr = "";
    worker.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
    try {
      writeFileSync(
        join(app, "producer.mjs"),
        `import { MLQueue } from "mljs-lang/bullmq";
const queue = new MLQueue("e2e", { connection: { host: "127.0.0.1", port: ${redis.port} } });
const id = await queue.publish({ source: "function total(xs) { s = 0; for (x in xs) { s = s + x; } return s; }\\nfunction caps() { return getCapabilities(); }\\n", filename: "jobs.ml" });
const sum = await queue.result(await queue.add(id, "total", [[1, 2, 3]]), 30000);
const caps = await queue.result(await queue.add(id, "caps", [], { capabilities: ["random.generate"] }), 30000);
console.log(JSON.stringify({ sum, caps }));
await queue.close();
`,
      );
      expect(JSON.parse(ok(process.execPath, ["producer.mjs"], app))).toEqual({ sum: 6, caps: ["random.generate"] });
      worker.kill("SIGTERM");
      expect(await exited, stderr).toBe(0);
      expect(stderr).toContain("mljs worker: stopped (2 jobs completed, 0 failed)");
    } finally {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
      await redis.stop();
    }
  }, 120_000);

  it("npx mljs init demo makes a project whose own npm test passes with the tarball installed", () => {
    ok(npx, ["mljs", "init", "demo"], app);
    const demo = join(app, "demo");
    const manifest = JSON.parse(readFileSync(join(demo, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    expect(Object.keys(manifest.dependencies ?? {})).toContain("mljs-lang");
    npmInstall(demo, [tarball]);
    const out = sh(npm, ["test"], demo);
    expect(out.status, `${out.stdout}\n${out.stderr}`).toBe(0);
  });
});
