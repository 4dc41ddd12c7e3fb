// Builds the CLI bundle, dist/cli/mljs.cjs, after `tsc` (part of `npm run build`, hence of
// `prepare`): dist/cli/main.js and everything it imports from dist/ (the compiler, runtime, host,
// stdlib and every command) in one CommonJS file, so that a cold `mljs run app.ml` reads and
// compiles one file instead of ~70 ES modules, and can use V8's code cache (bin/mljs.js; Node 20
// has no module.enableCompileCache). Packages from node_modules stay outside, loaded as usual.
//
// One copy of everything: the bundle is a whole CLI, it never loads dist/ modules beside its own
// copies (the sandbox's workers are other processes, and run dist/sandbox/worker.js). Where a
// module uses its own location (`import.meta.url`), it gets its file's URL in dist/ as before; the
// stdlib registry's synchronous loader gets the bundled modules. Process-wide state still lives
// behind globalThis[Symbol.for("mljs.runtime/1")] (src/runtime/shared.ts), so a program compiled
// by `mljs compile` and run by node is unaffected: it imports the package, not the CLI.
//
// The code cache (dist/cli/mljs.cjs.cache) is written by running `mljs run` once on a small
// program here; bin/mljs.js uses it when V8 accepts it (same Node version and flags) and compiles
// normally otherwise.
import { readFile, rm } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const dist = join(root, "dist");
const outDir = join(dist, "cli");
const outfile = join(outDir, "mljs.cjs");
const slashes = (p) => p.split("\\").join("/");

const STDLIB = [
  "args", "collections", "console", "crypto", "csv", "datetime", "env", "file",
  "functional", "http", "json", "log", "math", "path", "random", "regex",
];

/** Gives each bundled module its own file's URL for `import.meta.url`, and the registry bundled sync loads. */
const located = {
  name: "mljs-located",
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      let text = await readFile(args.path, "utf8");
      if (text.includes("import.meta.url")) {
        const rel = JSON.stringify(slashes(relative(outDir, args.path)));
        text = `var __mljsMetaUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, ${rel})).href;\n${text}`;
      }
      if (slashes(args.path).endsWith("/dist/stdlib/registry.js")) {
        const call = "requireHere(`./${name}.js`)";
        if (!text.includes(call)) throw new Error(`build-cli: ${call} not found in dist/stdlib/registry.js; update scripts/build-cli.js`);
        text = text.replace(call, "__mljsStdlibSync(name)");
        text += `\nfunction __mljsStdlibSync(name) {\n  switch (name) {\n${STDLIB.map((n) => `    case ${JSON.stringify(n)}: return require(${JSON.stringify(`./${n}.js`)});`).join("\n")}\n  }\n  throw new Error("no stdlib module " + name);\n}\n`;
      }
      return { contents: text, loader: "js" };
    });
  },
};

await rm(outfile, { force: true });
await rm(`${outfile}.cache`, { force: true });

let build;
try {
  ({ build } = await import("esbuild"));
} catch {
  // Installed without devDependencies: bin/mljs.js runs the ES modules of dist/cli instead.
  console.log("build-cli: esbuild is not installed; the CLI runs from dist/cli/main.js (slower start)");
  process.exit(0);
}
await build({
  entryPoints: [join(dist, "cli", "main.js")],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  define: { "import.meta.url": "__mljsMetaUrl" },
  plugins: [located],
  legalComments: "none",
  // Less to read and hash; names are kept (error messages and `help` show them).
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  // An import that resolves to nothing means a half-written dist/ (a concurrent tsc): fail.
  logOverride: { "import-is-undefined": "error" },
  banner: { js: "// The mljs CLI in one file: built by scripts/build-cli.js from dist/ (do not edit)." },
});

// The code cache: a run of a small program through the launcher writes it.
const r = spawnSync(process.execPath, [join(root, "bin", "mljs.cjs"), "run", "-e", 'print("ok")'], {
  encoding: "utf8",
  env: { ...process.env, MLJS_CLI_CACHE: "write", MLJS_CLI_BUNDLE: "1" },
});
if (r.status !== 0 || r.stdout !== "ok\n") {
  // No bundle rather than a broken one: bin/mljs.cjs then runs the ES modules.
  await rm(outfile, { force: true });
  await rm(`${outfile}.cache`, { force: true });
  throw new Error(`build-cli: the bundled CLI does not run (exit ${r.status}): ${r.stderr}${r.stdout}`);
}
