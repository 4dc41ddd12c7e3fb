#!/usr/bin/env node
/**
 * Builds the browser playground into playground/dist/: a static site (index.html, app.js,
 * worker.js, style.css) that works from any static server and any path, every URL relative.
 *
 * The page bundles the compiler (live diagnostics, highlighting with the project's lexer); the
 * worker bundles the host API, the runtime and the stdlib. Both are bundled from src/ with
 * esbuild; Node built-ins they import are replaced by the small browser versions in
 * playground/shims/ (see docs/playground.md). Usage: node playground/build.js [--outdir DIR]
 */
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const shims = join(here, "shims");

/** Node built-in → shim file, per bundle. */
const WORKER_SHIMS = {
  async_hooks: "async_hooks.ts",
  util: "util.ts",
  vm: "vm.ts",
  path: "path.ts",
  module: "module.ts",
  crypto: "crypto.ts",
  buffer: "buffer.ts",
  fs: "unavailable.ts",
  net: "unavailable.ts",
  http: "unavailable.ts",
  https: "unavailable.ts",
  zlib: "unavailable.ts",
  os: "unavailable.ts",
  "dns/promises": "unavailable.ts",
  url: "url.ts",
};
const PAGE_SHIMS = { module: "module-page.ts" };

/** An esbuild plugin resolving `node:*` (and bare built-in names) to the given shims; anything else is an error. */
function nodeShims(table, bundle) {
  return {
    name: "mljs-node-shims",
    setup(b) {
      b.onResolve({ filter: /^node:/ }, (args) => {
        const name = args.path.slice(5);
        const file = table[name];
        if (file === undefined) {
          return { errors: [{ text: `${args.path} has no browser shim for the ${bundle} (imported by ${args.importer})` }] };
        }
        return { path: join(shims, file) };
      });
    },
  };
}

function outdirOf(argv) {
  const i = argv.indexOf("--outdir");
  return i >= 0 && argv[i + 1] !== undefined ? resolve(argv[i + 1]) : join(here, "dist");
}

/** Builds the site into `outdir` (default playground/dist) and returns the output directory. */
export async function buildPlayground(outdir = join(here, "dist")) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const common = {
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["chrome110", "firefox115", "safari16"],
    minify: true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
    absWorkingDir: join(here, ".."),
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: { app: join(here, "src", "main.ts") },
      outdir,
      plugins: [nodeShims(PAGE_SHIMS, "page")],
    }),
    build({
      ...common,
      entryPoints: { worker: join(here, "src", "worker.ts") },
      outdir,
      // Functions and classes keep their source names, as under Node (a name may show in a message).
      keepNames: true,
      inject: [join(shims, "process.ts"), join(shims, "buffer.ts")],
      plugins: [nodeShims(WORKER_SHIMS, "worker")],
    }),
  ]);
  for (const file of ["index.html", "style.css"]) copyFileSync(join(here, file), join(outdir, file));
  return outdir;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const outdir = await buildPlayground(outdirOf(process.argv.slice(2)));
  console.log(`playground built in ${Date.now() - started} ms: ${outdir}`);
}
